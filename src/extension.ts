import * as vscode from 'vscode';
import { registerHover } from './features/hover';
import { registerInspector } from './features/inspector';
import { registerSession } from './features/session';

/** Registers each feature; features live in src/features/, one folder each. */
export function activate(context: vscode.ExtensionContext): void {
  registerInspector(context);
  registerHover(context);
  registerSession(context);
  // Features register themselves here as they land.
}

export function deactivate(): void {}
