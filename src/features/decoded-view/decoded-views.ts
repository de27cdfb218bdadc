// The decoded documents beside their logs: one per log, read-only, following the cursor in it.
import * as vscode from 'vscode';
import { comment, decodedDocument } from '../../core/decoded-document';
import type { Fragment } from '../../core/fragment';
import { secretsOptions } from '../show-secrets';
import { stanzasAt } from './stanza-at';

/** Our URI scheme: `xmpp-decoded:/<log name> (decoded).xml?<the log's URI>`. */
export const DECODED_SCHEME = 'xmpp-decoded';
/** Cursor moves closer together than this update the view once. */
export const FOLLOW_DELAY_MS = 150;

interface View {
  source: vscode.Uri;
  fragments: Fragment[];
  /** 1-based line the cursor is on while no stanza is under it. */
  staleAtLine?: number;
  timer?: NodeJS.Timeout;
}

export class DecodedViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly views = new Map<string, View>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor.document, e.selections[0])),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('xmppBosh.showSecrets')) for (const key of this.views.keys()) this.changed.fire(vscode.Uri.parse(key));
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const view = this.views.get(uri.toString());
    if (!view) return comment(vscode.l10n.t('Nothing decoded here any more: run XMPP: Open Decoded Beside on a stanza of a log.')) + '\n';
    return decodedDocument(view.fragments, { source: nameOf(view.source), staleAtLine: view.staleAtLine, ...secretsOptions() });
  }

  /** Shows `fragments` of `source` beside it, keeping the focus in the log; from then on the view follows its cursor. */
  async open(source: vscode.Uri, fragments: Fragment[]): Promise<vscode.TextEditor> {
    const uri = decodedUriOf(source);
    const key = uri.toString();
    const view = this.views.get(key);
    if (view) {
      clearTimeout(view.timer);
      Object.assign(view, { fragments, staleAtLine: undefined });
    } else this.views.set(key, { source, fragments });
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'xml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'xml');
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  private follow(doc: vscode.TextDocument, selection: vscode.Selection | undefined): void {
    if (!selection || doc.uri.scheme === DECODED_SCHEME) return;
    const uri = decodedUriOf(doc.uri);
    const view = this.views.get(uri.toString());
    if (!view) return;
    clearTimeout(view.timer);
    view.timer = setTimeout(() => {
      view.timer = undefined;
      const found = stanzasAt(doc, selection);
      // Off any stanza the view keeps the last one and its first line says so.
      if (found.length) Object.assign(view, { fragments: found, staleAtLine: undefined });
      else view.staleAtLine = selection.active.line + 1;
      this.changed.fire(uri);
    }, FOLLOW_DELAY_MS);
  }

  private forget(uri: vscode.Uri): void {
    if (uri.scheme !== DECODED_SCHEME) return;
    const view = this.views.get(uri.toString());
    clearTimeout(view?.timer);
    this.views.delete(uri.toString());
  }

  dispose(): void {
    for (const view of this.views.values()) clearTimeout(view.timer);
    this.views.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The decoded view of a log: named after it, so its tab says which log it follows. */
export function decodedUriOf(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: DECODED_SCHEME, path: `/${vscode.l10n.t('{0} (decoded)', nameOf(source))}.xml`, query: source.toString() });
}

function nameOf(uri: vscode.Uri): string {
  const base = uri.path.split('/').pop() || uri.path;
  return decodeURIComponent(base);
}
