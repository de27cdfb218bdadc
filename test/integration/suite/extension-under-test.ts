// Finds this repository's extension among those VS Code loaded, by the id its manifest gives it.
import * as vscode from 'vscode';
import manifest from '../../../package.json';

export function extensionId(): string {
  return `${manifest.publisher}.${manifest.name}`;
}

export function theExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId());
  if (!ext) throw new Error(`extension ${extensionId()} is not loaded; extensionDevelopmentPath must name the repository`);
  return ext;
}

/** Opens a file of the samples workspace in an editor and returns the editor. */
export async function openSample(name: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open; the runner opens samples/');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  return vscode.window.showTextDocument(doc);
}

/** The text of every hover VS Code's hover machinery returns at `pos`, joined. */
export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
