// "XMPP: Discover Connection…": a domain's XEP-0156 host-meta names its WebSocket and BOSH URLs;
// the one picked becomes a connection profile and, if the user says so, a live session.
import * as vscode from 'vscode';
import { transportName } from '../../core/xmpp/connection-words';
import { DiscoveryError, discoverConnections, discoveryTarget, type AltConnection, type Discovery } from '../../core/xmpp/discover';
import { askAccount } from './account-prompt';
import { saveProfile, type ConnectionProfile, type Credentials } from './profiles';
import { askToTrust } from './trust-prompt';
import { objectionOf } from './input-check';

export const DISCOVER_COMMAND = 'xmppBosh.discoverConnection';
const TITLE = 'XMPP: Discover Connection';

export async function discoverConnection(credentials: Credentials, connect: (p: ConnectionProfile) => Promise<void>): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: `${TITLE} (1/4)`,
    prompt: "A domain or JID: https://<domain>/.well-known/host-meta (XEP-0156) names the server's WebSocket and BOSH URLs",
    placeHolder: 'example.com or user@example.com (host:port for another https port)',
    ignoreFocusOut: true,
    validateInput: objectionOf(discoveryTarget),
  });
  if (!input) return;
  const found = await discover(credentials, input.trim());
  if (!found) return;

  const pick = await vscode.window.showQuickPick(
    found.connections.map((c) => ({ label: label(c), description: c.url, detail: `announced in ${c.from}${/^(ws|http):/.test(c.url) ? ' · not encrypted' : ''}`, c })),
    { title: `${TITLE} (2/4): ${found.domain} offers`, placeHolder: 'Pick how to connect (WebSocket is what current servers and Finesse 12.x+ desktops use)', ignoreFocusOut: true },
  );
  if (!pick) return;
  const account = await askAccount(pick.c.url, found.local ? `${found.local}@${found.domain}` : `@${found.domain}`, 3, 4);
  if (!account) return;
  const profile: ConnectionProfile = { ...account, name: `${account.jid} (${transportName(pick.c.kind)})` };

  const SAVE_CONNECT = 'Save Profile and Connect';
  const CONNECT = 'Connect Without Saving';
  const SAVE = 'Save Profile Only';
  const action = await vscode.window.showQuickPick([SAVE_CONNECT, CONNECT, SAVE], { title: `${profile.name} at ${profile.url}`, placeHolder: 'Profiles go to your user settings (xmppBosh.connections); the password never does' });
  if (!action) return;
  if (action !== CONNECT) {
    await saveProfile(profile);
    if (action === SAVE) void vscode.window.showInformationMessage(`Saved "${profile.name}" in xmppBosh.connections; "XMPP: Connect" offers it.`);
  }
  if (action !== SAVE) await connect(profile);
}

/** Reads the host-meta documents; a certificate met for the first time is offered for trust, once. */
async function discover(credentials: Credentials, input: string): Promise<Discovery | undefined> {
  const domain = discoveryTarget(input).domain;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the host-meta of ${domain}…` }, () =>
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
      if (cert?.fingerprint && at && attempt === 0 && !credentials.trustedFingerprint(at)) {
        if (!(await askToTrust(at, (e as Error).message, cert.fingerprint))) return undefined;
        await credentials.trust(at, cert.fingerprint);
        continue;
      }
      void vscode.window.showErrorMessage(`${TITLE} for ${domain}: ${(e as Error).message}`);
      return undefined;
    }
  }
  return undefined;
}

function label(c: AltConnection): string {
  return c.kind === 'websocket' ? '$(radio-tower) WebSocket (RFC 7395)' : '$(globe) BOSH (XEP-0206)';
}
