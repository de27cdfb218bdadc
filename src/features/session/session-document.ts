// A read-only document per live session (its transcript), refreshed as stanzas arrive,
// so the Inspector, the grammar and search work on a session like on a log file.
import * as vscode from 'vscode';
import { sessionById } from './live-sessions';

export const SESSION_SCHEME = 'xmpp-bosh-session';

export class SessionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly watching = new Map<string, vscode.Disposable>();

  static uriFor(id: string, jid: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SESSION_SCHEME, path: `/${id}/${jid.replace(/[^\w.@-]/g, '_')}.xmpp.log` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1];
    const s = sessionById(id);
    if (!s) return `# ${new Date().toISOString()} this session is closed and its stanzas were released\n`;
    if (!this.watching.has(id)) this.watching.set(id, s.onDidChange(() => this.changed.fire(uri)));
    return s.transcript();
  }

  forget(id: string): void {
    this.watching.get(id)?.dispose();
    this.watching.delete(id);
  }

  dispose(): void {
    for (const d of this.watching.values()) d.dispose();
    this.changed.dispose();
  }
}
