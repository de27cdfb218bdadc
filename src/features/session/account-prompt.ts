// The account part of a new connection profile, asked once the URL is known (typed or discovered).
import * as vscode from 'vscode';
import { isUnencrypted } from '../../core/xmpp/connection-words';
import { parseJid } from '../../core/xmpp/jid';
import type { ConnectionProfile } from './profiles';
import { objectionOf } from './input-check';

/** JID, resource and, on an unencrypted URL, whether PLAIN may be used: the rest of a new profile. */
export async function askAccount(url: string, jidHint?: string, step = 2, steps = 3): Promise<ConnectionProfile | undefined> {
  const jid = await vscode.window.showInputBox({
    title: `JID (${step}/${steps})`,
    placeHolder: 'agentid@finesse-host',
    value: jidHint,
    valueSelection: jidHint?.startsWith('@') ? [0, 0] : undefined,
    ignoreFocusOut: true,
    validateInput: objectionOf(parseJid),
  });
  if (!jid) return undefined;
  const resource = await vscode.window.showInputBox({ title: `Resource (${step + 1}/${steps})`, placeHolder: 'leave empty to let the server choose', ignoreFocusOut: true });
  if (resource === undefined) return undefined;
  let allowPlainOverHttp = false;
  if (isUnencrypted(url)) {
    const plain = await vscode.window.showQuickPick(['No: SCRAM only', `Yes: allow PLAIN over plain ${url.startsWith('ws') ? 'ws' : 'http'} (trusted lab link only)`], { title: 'This URL is not encrypted. Allow the PLAIN mechanism, which sends the password readable?' });
    if (!plain) return undefined;
    allowPlainOverHttp = plain.startsWith('Yes');
  }
  return { name: jid, url, jid, resource: resource || undefined, allowPlainOverHttp };
}
