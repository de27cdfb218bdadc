// "Send to <jid>" above a composer's first line; a closed session says so and sending offers another.
import * as vscode from 'vscode';
import { onDidChangeLiveSessions } from '../session/live-sessions';
import type { ComposerDocuments } from './composer-documents';

export const SEND_COMPOSED_COMMAND = 'xmppBosh.sendComposedStanza';

export class ComposerLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watching: vscode.Disposable[];

  constructor(private readonly documents: ComposerDocuments) {
    this.watching = [documents.onDidChange(() => this.changed.fire()), onDidChangeLiveSessions(() => this.changed.fire())];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const binding = this.documents.bindingOf(doc);
    if (!binding) return [];
    const online = this.documents.onlineSession(doc);
    const shortcut = process.platform === 'darwin' ? '⌘Enter' : 'Ctrl+Enter';
    const title = online
      ? vscode.l10n.t('$(send) Send to {0} ({1})', online.jid, shortcut)
      : vscode.l10n.t('$(debug-disconnect) {0} is no longer online: send to another session…', binding.jid);
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: SEND_COMPOSED_COMMAND, arguments: [doc.uri] })];
  }

  dispose(): void {
    this.watching.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
