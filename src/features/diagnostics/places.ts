// Where an input's name points in VS Code: a file on disk (its absolute path), a document of
// another scheme (its URI), or a member of a zip bundle, shown read-only through a virtual document.
import * as vscode from 'vscode';
import { expandInputs } from '../../core/input';

export const MEMBER_SCHEME = 'xmpp-bosh-member';
/** Most of a zip member shown as a document. */
const MAX_MEMBER_CHARS = 50 * 1024 * 1024;

export function isZipMember(name: string): boolean {
  return name.includes('!/');
}

/** The URI of an input named as diagnosis names it. */
export function uriOfInput(name: string): vscode.Uri {
  if (isZipMember(name)) return vscode.Uri.from({ scheme: MEMBER_SCHEME, path: '/' + name.replace(/\\/g, '/').replace(/^\/+/, ''), query: encodeURIComponent(name) });
  if (/^[a-zA-Z][\w+.-]+:/.test(name) && !/^[a-zA-Z]:[\\/]/.test(name)) return vscode.Uri.parse(name);
  return vscode.Uri.file(name);
}

/** The name diagnosis gives a document's text. */
export function inputNameOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** A short name for lists: the last part of a path or member name. */
export function shortName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || name;
}

/** Opens the input at a 1-based line and selects the line. */
export async function revealPlace(file: string, line: number): Promise<void> {
  try {
    const doc = await vscode.workspace.openTextDocument(uriOfInput(file));
    const at = doc.validatePosition(new vscode.Position(Math.max(0, line - 1), 0));
    const range = doc.lineAt(at.line).range;
    await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  } catch (e) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot show line {0} of {1}: {2}', line, shortName(file), (e as Error).message));
  }
}

/** Zip members as read-only documents, read again from their bundle when opened. */
export class ZipMemberDocuments implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = decodeURIComponent(uri.query);
    const zip = name.split('!/')[0];
    const expanded = await expandInputs([zip]);
    try {
      const member = expanded.files.find((f) => f.name === name || f.name.endsWith(name.slice(zip.length)));
      if (!member) return vscode.l10n.t('({0} is no longer in its bundle)', name) + '\n';
      const chunks: string[] = [];
      let size = 0;
      const decoder = new TextDecoder();
      for await (const c of member.open()) {
        chunks.push(decoder.decode(c, { stream: true }));
        size += c.byteLength;
        if (size > MAX_MEMBER_CHARS) {
          chunks.push(`\n${vscode.l10n.t('(cut: only the first {0} MB of this member are shown)', MAX_MEMBER_CHARS / 1048576)}\n`);
          break;
        }
      }
      return chunks.join('');
    } finally {
      await expanded.dispose();
    }
  }
}
