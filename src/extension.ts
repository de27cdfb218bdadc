import * as vscode from 'vscode';

/** Registers each feature; features live in src/features/, one folder each. */
export function activate(_context: vscode.ExtensionContext): void {
  // Features register themselves here as they land.
}

export function deactivate(): void {}
