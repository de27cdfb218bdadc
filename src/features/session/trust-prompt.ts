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
  const choice = await vscode.window.showWarningMessage(
    `The certificate of ${host} is not trusted.`,
    { modal: true, detail: `${why}\n\nTrust this certificate (SHA-256 ${fingerprint}) for this host? Only do so if you recognise it, e.g. a Finesse server's self-signed certificate.` },
    TRUST_CHOICE,
  );
  return choice === TRUST_CHOICE;
}
