// The editor's language for text made in src/core/ (summaries, explanations, findings): the core hook goes
// through vscode.l10n.t, with right-to-left stanza values isolated so they keep their place in the sentence.
import * as vscode from 'vscode';
import { isolatingTranslator, setTranslator } from '../core/l10n';

export function installTranslator(): void {
  setTranslator(isolatingTranslator((message, args) => vscode.l10n.t(message, ...args)));
}

/** What a worker thread needs to say things in the editor's language: the loaded bundle, if any. */
export function workerBundle(): Record<string, string> | undefined {
  return vscode.l10n.bundle;
}
