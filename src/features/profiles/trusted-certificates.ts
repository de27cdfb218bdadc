// "XMPP: Manage Trusted Certificates": the hosts and ports whose certificate was trusted, by fingerprint and since
// when; one removed makes the next Connect there ask again.
import * as vscode from 'vscode';
import type { Credentials } from '../session/profiles';

/** With `scope` (host:port) that trust goes without a question; otherwise the user picks one and what to do. */
export async function manageTrustedCertificates(credentials: Credentials, scope?: string): Promise<void> {
  if (typeof scope === 'string') {
    await credentials.untrust(scope);
    return;
  }
  const trusted = credentials.trustedCertificates();
  if (!trusted.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No certificate is trusted by this extension; Connect asks when a server presents one the system does not trust.'));
    return;
  }
  const pick = await vscode.window.showQuickPick(
    trusted.map((t) => ({
      label: `$(shield) ${t.scope}`,
      description: t.since ? vscode.l10n.t('trusted {0}', t.since.slice(0, 16).replace('T', ' ') + ' UTC') : vscode.l10n.t('trusted by an earlier version'),
      detail: `SHA-256 ${t.fingerprint}`,
      t,
    })),
    { title: vscode.l10n.t('Manage Trusted Certificates'), placeHolder: vscode.l10n.t('Pick a host to stop trusting its certificate or copy its fingerprint'), matchOnDetail: true },
  );
  if (!pick) return;
  const REMOVE = vscode.l10n.t('$(trash) Stop trusting this certificate');
  const COPY = vscode.l10n.t('$(copy) Copy the fingerprint');
  const action = await vscode.window.showQuickPick([REMOVE, COPY], { title: pick.t.scope });
  if (action === REMOVE) {
    await credentials.untrust(pick.t.scope);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is no longer trusted; the next Connect there asks again.', pick.t.scope));
  } else if (action === COPY) {
    await vscode.env.clipboard.writeText(pick.t.fingerprint);
  }
}
