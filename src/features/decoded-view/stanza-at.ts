// The stanzas a decoded view or a copy is about: the selection's, or the one under the cursor, found as the hover finds it.
import * as vscode from 'vscode';
import { findInText } from '../../core/find/finder';
import { looksLikeHar } from '../../core/find/har';
import { HarText } from '../../core/find/har-at';
import { fragmentEnd, type Fragment } from '../../core/fragment';
import { fragmentAt } from '../hover/hover-content';

/** One HAR read per document version: the view asks again on every cursor move. */
let harCache: { uri: string; version: number; har: HarText } | undefined;

/** A selection's stanzas (at least one), or the stanza under the cursor; empty when there is none. */
export function stanzasAt(doc: vscode.TextDocument, selection: vscode.Selection): Fragment[] {
  if (isHar(doc)) {
    const f = harOf(doc).at(selection.active.line + 1);
    return f ? [f] : [];
  }
  const pos = selection.active;
  const underCursor = fragmentAt({ lineCount: doc.lineCount, lineAt: (n) => doc.lineAt(n).text }, pos.line, pos.character);
  if (!selection.isEmpty && !(underCursor && holds(underCursor, selection))) {
    // A selection inside one stanza (a word, a value) is about that stanza; any other, about the stanzas it holds.
    const found = findInText(doc.getText(selection), selection.start.line + 1);
    // The finder counts columns of the selection's first line from the selection's start.
    for (const f of found) if (f.line === selection.start.line + 1) f.column += selection.start.character;
    if (found.length) return found;
  }
  return underCursor ? [underCursor] : [];
}

function holds(f: Fragment, range: vscode.Range): boolean {
  const end = fragmentEnd(f);
  return new vscode.Range(f.line - 1, f.column, end.line - 1, end.column).contains(range);
}

function isHar(doc: vscode.TextDocument): boolean {
  if (doc.uri.path.toLowerCase().endsWith('.har')) return true;
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
  return looksLikeHar(doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 20), 0)));
}

function harOf(doc: vscode.TextDocument): HarText {
  const uri = doc.uri.toString();
  if (!harCache || harCache.uri !== uri || harCache.version !== doc.version) harCache = { uri, version: doc.version, har: new HarText(doc.getText()) };
  return harCache.har;
}
