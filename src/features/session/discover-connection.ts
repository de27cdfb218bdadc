// "XMPP: Discover Connection…": a domain's XEP-0156 host-meta names its WebSocket and BOSH URLs;
// the one picked becomes a connection profile and, if the user says so, a live session.
import * as vscode from 'vscode';
import { transportName } from '../../core/xmpp/connection-words';
import type { AltConnection, Discovery } from '../../core/xmpp/discover';
import { askAccount } from './account-prompt';
import { saveProfile, type ConnectionProfile, type Credentials } from './profiles';
import { confirmCertificate } from './trust-prompt';
import { objectionOf } from './input-check';
import { liveCode } from './live-code';

export const DISCOVER_COMMAND = 'xmppBosh.discoverConnection';
const title = (step: string) => vscode.l10n.t('XMPP: Discover Connection ({0})', step);

export async function discoverConnection(credentials: Credentials, connect: (p: ConnectionProfile) => Promise<void>): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: title('1/4'),
    prompt: vscode.l10n.t("A domain or JID: https://<domain>/.well-known/host-meta (XEP-0156) names the server's WebSocket and BOSH URLs"),
    placeHolder: vscode.l10n.t('example.com or user@example.com (host:port for another https port)'),
    ignoreFocusOut: true,
    validateInput: objectionOf(liveCode().discoveryTarget),
  });
  if (!input) return;
  const found = await discover(credentials, input.trim());
  if (!found) return;

  const pick = await vscode.window.showQuickPick(
    found.connections.map((c) => ({ label: label(c), description: c.url, detail: /^(ws|http):/.test(c.url) ? vscode.l10n.t('announced in {0} · not encrypted', c.from) : vscode.l10n.t('announced in {0}', c.from), c })),
    { title: vscode.l10n.t('{0}: {1} offers', title('2/4'), found.domain), placeHolder: vscode.l10n.t('Pick how to connect (WebSocket is what current servers and Finesse 12.x+ desktops use)'), ignoreFocusOut: true },
  );
  if (!pick) return;
  const account = await askAccount(pick.c.url, found.local ? `${found.local}@${found.domain}` : `@${found.domain}`, 3, 4);
  if (!account) return;
  const profile: ConnectionProfile = { ...account, name: `${account.jid} (${transportName(pick.c.kind)})` };

  const SAVE_CONNECT = vscode.l10n.t('Save Profile and Connect');
  const CONNECT = vscode.l10n.t('Connect Without Saving');
  const SAVE = vscode.l10n.t('Save Profile Only');
  const action = await vscode.window.showQuickPick([SAVE_CONNECT, CONNECT, SAVE], { title: vscode.l10n.t('{0} at {1}', profile.name, profile.url), placeHolder: vscode.l10n.t('Profiles go to your user settings (xmppBosh.connections); the password never does') });
  if (!action) return;
  if (action !== CONNECT) {
    await saveProfile(profile);
    if (action === SAVE) void vscode.window.showInformationMessage(vscode.l10n.t('Saved "{0}" in xmppBosh.connections; "XMPP: Connect" offers it.', profile.name));
  }
  if (action !== SAVE) await connect(profile);
}

/** Reads the host-meta documents; a certificate met for the first time is offered for trust, once. */
async function discover(credentials: Credentials, input: string): Promise<Discovery | undefined> {
  const { DiscoveryError, discoverConnections, discoveryTarget } = liveCode();
  const domain = discoveryTarget(input).domain;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the host-meta of {0}…', domain) }, () =>
        discoverConnections(input, {
          trustFor: (u) => {
            const fingerprint = credentials.trustedFingerprint(u.href);
            return fingerprint ? { fingerprint } : undefined;
          },
        }),
      );
    } catch (e) {
      const cert = e instanceof DiscoveryError ? e.certificate : undefined;
      const at = e instanceof DiscoveryError ? e.url : undefined;
      if (cert?.fingerprint && at && attempt === 0) {
        // First met, or changed since it was trusted: asked either way, never trusted silently.
        const trusted = await confirmCertificate(credentials, at, (e as Error).message, cert.fingerprint);
        if (trusted === false) return undefined;
        if (trusted) continue;
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('XMPP: Discover Connection for {0}: {1}', domain, (e as Error).message));
      return undefined;
    }
  }
  return undefined;
}

function label(c: AltConnection): string {
  return c.kind === 'websocket' ? '$(radio-tower) WebSocket (RFC 7395)' : '$(globe) BOSH (XEP-0206)';
}
