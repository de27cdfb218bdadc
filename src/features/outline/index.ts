// Outline, breadcrumbs, Go to Symbol and folding for logs and transcripts: stanzas by session, then by kind.
import * as vscode from 'vscode';
import type { OutlineRange, OutlineSymbol } from '../../core/outline';
import { limitsFor, outlineOf } from './outline-cache';
import { offerWholeLogTools, watchTooLargeLogs } from './too-large';

/** Logs and our transcripts (`.xmpp.log`), as the hover and diagnostics take them. */
export const OUTLINE_SELECTOR: vscode.DocumentSelector = [{ language: 'log' }, { language: 'xmpp-log' }];

const SYMBOL_KINDS = { session: vscode.SymbolKind.Namespace, kind: vscode.SymbolKind.Class, stanza: vscode.SymbolKind.Event } as const;

export function registerOutline(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider(OUTLINE_SELECTOR, { provideDocumentSymbols }, { label: vscode.l10n.t('XMPP stanzas') }),
    vscode.languages.registerFoldingRangeProvider(OUTLINE_SELECTOR, { provideFoldingRanges }),
  );
  watchTooLargeLogs(context);
}

function provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
  const outline = outlineOf(doc, limitsFor(doc));
  if (outline.stanzasOmitted > 0) {
    offerWholeLogTools(doc.uri, vscode.l10n.t('This log holds {0} stanzas; the Outline lists the first {1}.', outline.stanzas, outline.stanzas - outline.stanzasOmitted));
  }
  return outline.symbols.map(toSymbol);
}

function provideFoldingRanges(doc: vscode.TextDocument): vscode.FoldingRange[] {
  const outline = outlineOf(doc, limitsFor(doc));
  if (outline.foldsOmitted > 0) {
    offerWholeLogTools(doc.uri, vscode.l10n.t('This log has {0} foldable stanzas and sessions; the editor folds at most {1} (editor.foldingMaximumRegions).', outline.folds.length + outline.foldsOmitted, outline.folds.length));
  }
  return outline.folds.map((f) => new vscode.FoldingRange(f.start, f.end, vscode.FoldingRangeKind.Region));
}

function toSymbol(s: OutlineSymbol): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(s.name, s.detail, SYMBOL_KINDS[s.role], toRange(s.range), toRange(s.selection));
  symbol.children = s.children.map(toSymbol);
  return symbol;
}

function toRange(r: OutlineRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
}
