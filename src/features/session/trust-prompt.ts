// The one question asked before a certificate the system does not trust is trusted: for its
// host and port only, by SHA-256 fingerprint, whichever request (BOSH, WebSocket, host-meta) met it.
import * as vscode from 'vscode';

export const TRUST_CHOICE = 'Trust This Certificate';

export async function askToTrust(url: string, why: string, fingerprint: string): Promise<boolean> {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // the URL as given
  }
  const trust = vscode.l10n.t('Trust This Certificate');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The certificate of {0} is not trusted.', host),
    { modal: true, detail: `${why}\n\n${vscode.l10n.t("Trust this certificate (SHA-256 {0}) for this host? Only do so if you recognise it, e.g. a Finesse server's self-signed certificate.", fingerprint)}` },
    trust,
  );
  return choice === trust;
}
