// "XMPP: Forget Saved Password": the accounts with a password in SecretStorage, and their passwords deleted.
import * as vscode from 'vscode';
import type { Credentials, SavedAccount } from '../session/profiles';

/** With `name` (a profile's name or JID) the matching passwords go without a question; otherwise the user picks. */
export async function forgetSavedPassword(credentials: Credentials, name?: string): Promise<SavedAccount[]> {
  const saved = await credentials.savedPasswords();
  let chosen: SavedAccount[];
  if (typeof name === 'string') chosen = saved.filter((a) => a.name === name || a.jid === name);
  else {
    if (!saved.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No XMPP password is saved.'));
      return [];
    }
    const picks = await vscode.window.showQuickPick(
      saved.map((a) => ({ label: a.name ?? a.jid, description: a.name && a.name !== a.jid ? a.jid : undefined, detail: a.url, a })),
      { title: vscode.l10n.t('Forget Saved Password'), placeHolder: vscode.l10n.t('Whose password should be deleted from the OS keychain?'), canPickMany: true },
    );
    chosen = picks?.map((p) => p.a) ?? [];
  }
  for (const a of chosen) await credentials.forget(a);
  if (chosen.length) {
    void vscode.window.showInformationMessage(
      chosen.length === 1 ? vscode.l10n.t('Forgot the password of {0}; Connect asks for it next time.', chosen[0].jid) : vscode.l10n.t('Forgot {0} passwords; Connect asks for them next time.', chosen.length),
    );
  }
  return chosen;
}
