// The account part of a new connection profile, asked once the URL is known (typed or discovered).
import * as vscode from 'vscode';
import { isUnencrypted } from '../../core/xmpp/connection-words';
import { parseJid } from '../../core/xmpp/jid';
import type { ConnectionProfile } from './profiles';
import { objectionOf } from './input-check';

/** JID, resource and, on an unencrypted URL, whether PLAIN may be used: the rest of a new profile. */
export async function askAccount(url: string, jidHint?: string, step = 2, steps = 3): Promise<ConnectionProfile | undefined> {
  const jid = await vscode.window.showInputBox({
    title: vscode.l10n.t('JID ({0}/{1})', step, steps),
    placeHolder: vscode.l10n.t('agentid@finesse-host'),
    value: jidHint,
    valueSelection: jidHint?.startsWith('@') ? [0, 0] : undefined,
    ignoreFocusOut: true,
    validateInput: objectionOf(parseJid),
  });
  if (!jid) return undefined;
  const resource = await vscode.window.showInputBox({ title: vscode.l10n.t('Resource ({0}/{1})', step + 1, steps), placeHolder: vscode.l10n.t('leave empty to let the server choose'), ignoreFocusOut: true });
  if (resource === undefined) return undefined;
  let allowPlainOverHttp = false;
  if (isUnencrypted(url)) {
    const YES = vscode.l10n.t('Yes: allow PLAIN over plain {0} (trusted lab link only)', url.startsWith('ws') ? 'ws' : 'http');
    const plain = await vscode.window.showQuickPick([vscode.l10n.t('No: SCRAM only'), YES], { title: vscode.l10n.t('This URL is not encrypted. Allow the PLAIN mechanism, which sends the password readable?') });
    if (!plain) return undefined;
    allowPlainOverHttp = plain === YES;
  }
  return { name: jid, url, jid, resource: resource || undefined, allowPlainOverHttp };
}
