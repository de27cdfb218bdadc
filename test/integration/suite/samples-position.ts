// Positions in the samples, found by their text so the tests keep working when a sample grows.
import * as vscode from 'vscode';

/** The position `offset` characters into the `nth` occurrence of `needle` in a document. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} (occurrence ${nth + 1}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

/** Resolves once `cond` holds, or rejects naming `what` after `timeoutMs`. */
export async function until<T>(what: string, cond: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
