// "XMPP: Add Connection Profile…": the server's kind, its host, the URL its template makes (checked as typed),
// the account; saved to the user's own settings (xmppBosh.connections), never a folder's.
import * as vscode from 'vscode';
import { hostProblem, serverTemplates, type Binding, type ServerTemplate } from '../../core/profiles/templates';
import { connectionUrlAdvice } from '../../core/profiles/url-check';
import { transportName, transportOf } from '../../core/xmpp/connection-words';
import { askAccount } from '../session/account-prompt';
import { saveProfile, type ConnectionProfile } from '../session/profiles';

const TITLE = () => vscode.l10n.t('Add Connection Profile');

/** The input box's verdict on a URL: an error blocks it, a warning is shown and the URL may still be taken. */
function urlValidation(server: ServerTemplate['kind']): (v: string) => vscode.InputBoxValidationMessage | undefined {
  return (v) => {
    const advice = connectionUrlAdvice(v, server);
    if (advice.error) return { message: advice.error, severity: vscode.InputBoxValidationSeverity.Error };
    if (advice.warnings.length) return { message: advice.warnings.join(' · '), severity: vscode.InputBoxValidationSeverity.Warning };
    return undefined;
  };
}

export async function addConnectionProfile(): Promise<ConnectionProfile | undefined> {
  const kind = await vscode.window.showQuickPick(
    serverTemplates().map((t) => ({ label: t.label, detail: t.detail, t })),
    { title: TITLE(), placeHolder: vscode.l10n.t('Which server do you connect to?'), ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  const t = kind.t;
  let suggested = '';
  let host = '';
  if (t.url) {
    const binding = await vscode.window.showQuickPick(
      [
        { label: '$(radio-tower) WebSocket', description: t.url('<host>', 'websocket'), detail: vscode.l10n.t('one connection, pushed at once (RFC 7395)'), b: 'websocket' as Binding },
        { label: '$(globe) BOSH', description: t.url('<host>', 'bosh'), detail: vscode.l10n.t('HTTP long polling (XEP-0124/0206), where WebSocket is blocked'), b: 'bosh' as Binding },
      ],
      { title: TITLE(), placeHolder: vscode.l10n.t('How should {0} be reached?', t.label), ignoreFocusOut: true },
    );
    if (!binding) return undefined;
    const typed = await vscode.window.showInputBox({
      title: TITLE(),
      prompt: t.hostWord,
      placeHolder: 'finesse1.example.com',
      ignoreFocusOut: true,
      validateInput: hostProblem,
    });
    if (!typed) return undefined;
    host = typed.trim();
    suggested = t.url(host, binding.b);
  }
  const url = await vscode.window.showInputBox({
    title: TITLE(),
    prompt: t.url ? vscode.l10n.t('The URL for {0}; change the port or path if your server differs', t.label) : vscode.l10n.t('wss:// or ws:// for WebSocket, https:// or http:// for BOSH'),
    value: suggested,
    placeHolder: 'wss://finesse.example.com:8445/ws/  or  https://finesse.example.com:7443/http-bind/',
    ignoreFocusOut: true,
    validateInput: urlValidation(t.kind),
  });
  if (!url) return undefined;
  const urlHost = new URL(url.trim()).hostname;
  const account = await askAccount(url.trim(), `@${host || urlHost}`, 1, 3);
  if (!account) return undefined;
  const name = await vscode.window.showInputBox({
    title: TITLE(),
    prompt: vscode.l10n.t('A name for the profile, as "XMPP: Connect" lists it'),
    value: `${account.jid} (${t.kind === 'generic' ? transportName(transportOf(account.url)) : `${t.label} ${transportName(transportOf(account.url))}`})`,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('a name, e.g. the agent and the server')),
  });
  if (!name) return undefined;
  const profile: ConnectionProfile = { ...account, name: name.trim() };
  await saveProfile(profile);
  const CONNECT = vscode.l10n.t('Connect');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved "{0}" in your user settings (xmppBosh.connections).', profile.name), CONNECT);
  if (choice === CONNECT) await vscode.commands.executeCommand('xmppBosh.connect', profile.name);
  return profile;
}
