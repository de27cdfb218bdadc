// Which untitled documents are stanza composers, and the live session each one sends to.
import * as vscode from 'vscode';
import { sessionById } from '../session/live-sessions';
import type { LiveSession } from '../session/live-session';

export interface ComposerBinding {
  sessionId: string;
  /** Kept so the CodeLens still names the account after its session went. */
  jid: string;
}

export class ComposerDocuments implements vscode.Disposable {
  private readonly bindings = new Map<string, ComposerBinding>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a document is bound, rebound or let go. */
  readonly onDidChange = this.changed.event;
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => {
    if (this.bindings.delete(d.uri.toString())) this.changed.fire();
  });

  bind(doc: vscode.TextDocument, s: LiveSession): void {
    this.bindings.set(doc.uri.toString(), { sessionId: s.id, jid: s.jid });
    this.changed.fire();
  }

  bindingOf(doc: vscode.TextDocument | vscode.Uri): ComposerBinding | undefined {
    return this.bindings.get(('uri' in doc ? doc.uri : doc).toString());
  }

  isComposer(doc: vscode.TextDocument | undefined): boolean {
    return !!doc && this.bindings.has(doc.uri.toString());
  }

  /** The bound session when it is still open and online. */
  onlineSession(doc: vscode.TextDocument): LiveSession | undefined {
    const b = this.bindingOf(doc);
    const s = b && sessionById(b.sessionId);
    return s?.state === 'online' ? s : undefined;
  }

  dispose(): void {
    this.closing.dispose();
    this.changed.dispose();
  }
}
