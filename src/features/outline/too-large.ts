// When a log is past what the editor's Outline and folding can hold, say so once and offer the tools that read it whole.
import * as vscode from 'vscode';

const OPEN_INSPECTOR = 'xmppBosh.openInspector';
const DIAGNOSE = 'xmppBosh.diagnoseSessions';
/** VS Code hands extensions no document above this size. */
export const EDITOR_SYNC_LIMIT = 50 * 1024 * 1024;

const told = new Set<string>();

/** Offers the Inspector and Diagnose Sessions for `uri`, at most once per document. */
export function offerWholeLogTools(uri: vscode.Uri, why: string): void {
  const key = uri.toString();
  if (told.has(key)) return;
  told.add(key);
  const inspector = vscode.l10n.t('Open in Stanza Inspector');
  const diagnose = vscode.l10n.t('Diagnose Sessions');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} The Stanza Inspector and Diagnose Sessions read the whole log.', why), inspector, diagnose).then((pick) => {
    if (pick === inspector) void vscode.commands.executeCommand(OPEN_INSPECTOR, uri);
    else if (pick === diagnose) void vscode.commands.executeCommand(DIAGNOSE, uri);
  });
}

/** A log tab whose file is above the editor's limit has no document the providers could be asked about: watch the tabs instead. */
export function watchTooLargeLogs(context: vscode.ExtensionContext): void {
  const check = (): void => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== 'file' || !/\.(log|txt)$/i.test(input.uri.path)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === input.uri.toString())) return;
    void vscode.workspace.fs.stat(input.uri).then(
      (stat) => {
        if (stat.size > EDITOR_SYNC_LIMIT) offerWholeLogTools(input.uri, vscode.l10n.t('This log is {0} MB: VS Code gives extensions no file above 50 MB, so it has no Outline or stanza folding.', Math.round(stat.size / 1024 / 1024)));
      },
      () => undefined,
    );
  };
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs(check), vscode.window.onDidChangeActiveTextEditor(check));
}
