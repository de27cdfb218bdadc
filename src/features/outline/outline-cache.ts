// One Outline per document version: the symbol and folding providers ask for the same text in turn.
import * as vscode from 'vscode';
import { findInText } from '../../core/find/finder';
import { buildOutline, type Outline, type OutlineLimits } from '../../core/outline';

let last: { uri: string; version: number; limits: string; outline: Outline } | undefined;

export function outlineOf(doc: vscode.TextDocument, limits: OutlineLimits): Outline {
  const uri = doc.uri.toString();
  const key = JSON.stringify(limits);
  if (last && last.uri === uri && last.version === doc.version && last.limits === key) return last.outline;
  const outline = buildOutline(findInText(doc.getText()), limits);
  last = { uri, version: doc.version, limits: key, outline };
  return outline;
}

/** The caps that apply to this document: VS Code's own folding limit, and as many stanza symbols as the Outline can show. */
export function limitsFor(doc: vscode.TextDocument): OutlineLimits {
  const maxFolds = vscode.workspace.getConfiguration('editor', doc).get<number>('foldingMaximumRegions', 5000);
  return { maxStanzaSymbols: 10_000, maxFolds: Math.max(1, maxFolds) };
}
