// Well-formedness and stanza errors of composer documents in the Problems view, placed where the parser stopped.
import * as vscode from 'vscode';
import { lineColumnAt, stanzaProblem } from '../../core/composer/stanza-problems';
import type { ComposerDocuments } from './composer-documents';

export const COMPOSER_DIAGNOSTIC_SOURCE = 'XMPP composer';

export function watchComposerDiagnostics(documents: ComposerDocuments): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('xmppBosh.composer');
  const check = (doc: vscode.TextDocument) => {
    if (!documents.isComposer(doc)) return;
    const text = doc.getText();
    const problem = stanzaProblem(text);
    if (!problem) return collection.delete(doc.uri);
    const { line, column } = lineColumnAt(text, problem.offset);
    const start = new vscode.Position(line, column);
    // One character wide, or the end of the line when the parser stopped there.
    const end = doc.validatePosition(start.translate(0, 1));
    const d = new vscode.Diagnostic(new vscode.Range(start, end.isEqual(start) ? start : end), problem.message, vscode.DiagnosticSeverity.Error);
    d.source = COMPOSER_DIAGNOSTIC_SOURCE;
    collection.set(doc.uri, [d]);
  };
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    documents.onDidChange(() => vscode.workspace.textDocuments.forEach(check)),
  );
}
