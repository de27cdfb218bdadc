// "XMPP: New Stanza…": an untitled XML document bound to a live session, with the presets as completions,
// its errors as diagnostics, and "Send to <jid>" as a CodeLens and Ctrl+Enter (only in these documents).
import * as vscode from 'vscode';
import { problemWords, stanzaProblem, isBlankXml } from '../../core/composer/stanza-problems';
import { allSessions } from '../session/live-sessions';
import type { LiveSession } from '../session/live-session';
import { ComposerDocuments } from './composer-documents';
import { watchComposerDiagnostics } from './composer-diagnostics';
import { ComposerLens, SEND_COMPOSED_COMMAND } from './composer-lens';
import { ComposerSnippets } from './composer-snippets';

export const NEW_STANZA_COMMAND = 'xmppBosh.newStanza';
/** True while the active editor is a composer: the keybinding of Send is bound to it. */
export const COMPOSER_ACTIVE_KEY = 'xmppBosh.composerActive';

export interface ComposerApi {
  /** Whether a document is a composer, and the session it sends to. */
  sessionOf(uri: vscode.Uri): string | undefined;
  /** The value last given to the context key xmppBosh.composerActive. */
  composerActive(): boolean;
}

export function registerComposer(context: vscode.ExtensionContext): ComposerApi {
  const documents = new ComposerDocuments();
  const lens = new ComposerLens(documents);
  // Untitled XML only: a composer is never a file on disk; the providers answer for bound documents alone.
  const selector: vscode.DocumentSelector = { scheme: 'untitled', language: 'xml' };
  let wanted = false;
  let active = false;
  const updateActive = () => {
    const now = documents.isComposer(vscode.window.activeTextEditor?.document);
    if (now === wanted) return;
    wanted = now;
    void vscode.commands.executeCommand('setContext', COMPOSER_ACTIVE_KEY, now).then(() => (active = now));
  };
  context.subscriptions.push(
    documents,
    lens,
    vscode.languages.registerCodeLensProvider(selector, lens),
    vscode.languages.registerCompletionItemProvider(selector, new ComposerSnippets(documents), '<'),
    watchComposerDiagnostics(documents),
    vscode.window.onDidChangeActiveTextEditor(updateActive),
    documents.onDidChange(updateActive),
    vscode.commands.registerCommand(NEW_STANZA_COMMAND, (sessionId?: string) => newStanza(documents, sessionId)),
    vscode.commands.registerCommand(SEND_COMPOSED_COMMAND, (uri?: vscode.Uri) => sendComposed(documents, uri)),
  );
  return {
    sessionOf: (uri) => documents.bindingOf(uri)?.sessionId,
    composerActive: () => active,
  };
}

/** An online session: the one given, the only one, or the user's pick; `ask` always asks (the composer's own went). */
async function pickOnlineSession(title: string, sessionId?: string, ask = false): Promise<LiveSession | undefined> {
  const online = allSessions().filter((s) => s.state === 'online');
  const given = sessionId ? online.find((s) => s.id === sessionId) : undefined;
  if (given) return given;
  if (online.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No XMPP session is online. Run "XMPP: Connect" first.'));
    return undefined;
  }
  if (online.length === 1 && !ask) return online[0];
  const pick = await vscode.window.showQuickPick(
    online.map((s) => ({ label: s.jid, description: `${s.transportName} · ${s.transportLabel}`, detail: s.url, s })),
    { title, placeHolder: vscode.l10n.t('Which session?') },
  );
  return pick?.s;
}

async function newStanza(documents: ComposerDocuments, sessionId?: string): Promise<vscode.TextEditor | undefined> {
  const s = await pickOnlineSession(vscode.l10n.t('New Stanza: send from which session?'), sessionId);
  if (!s) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: '' });
  documents.bind(doc, s);
  const editor = await vscode.window.showTextDocument(doc);
  // The presets at once: an empty composer's first question is what to send.
  void vscode.commands.executeCommand('editor.action.triggerSuggest');
  return editor;
}

/** Sends the composer's stanza to its session; a session gone or closed offers another online one. */
async function sendComposed(documents: ComposerDocuments, uri?: vscode.Uri): Promise<void> {
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
  if (!doc || !documents.isComposer(doc)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This is not a stanza composer. Run "XMPP: New Stanza…" to write one.'));
    return;
  }
  const text = doc.getText();
  if (isBlankXml(text)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to send: write a <message>, <presence> or <iq> first.'));
    return;
  }
  const problem = stanzaProblem(text);
  if (problem) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', problemWords(text, problem)));
    return;
  }
  let s = documents.onlineSession(doc);
  if (!s) {
    const was = documents.bindingOf(doc)!.jid;
    // Never silently as another account: the user picks it, even when only one is online.
    s = await pickOnlineSession(vscode.l10n.t('{0} is no longer online: send to which session?', was), undefined, true);
    if (!s) return;
    documents.bind(doc, s);
  }
  try {
    s.session.send(text);
    // The sent stanza and its answer show in the session's output channel, as after Send Stanza.
    s.channel.show(true);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Sent to {0}', s.jid), 4000);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', (e as Error).message));
  }
}
