// The words of the webview pages, translated here on the host: the pages have no vscode.l10n of their own.
import * as vscode from 'vscode';
import { PAGE_MESSAGES, type PageStrings } from '../protocol';

/** Every page message in the editor's language; its {0}, {1}… stay for the page to fill. */
export function pageStrings(): PageStrings {
  const out: Record<string, string> = {};
  for (const m of PAGE_MESSAGES) {
    // The slots passed as themselves, so the translation keeps them whether or not l10n fills missing ones.
    const said = vscode.l10n.t(m, ...slotArgs([...new Set(m.match(/\{\d+\}/g) ?? [])]));
    if (said !== m) out[m] = said;
  }
  return out as PageStrings;
}

function slotArgs(slots: string[]): string[] {
  const args: string[] = [];
  for (const s of slots) args[Number(s.slice(1, -1))] = s;
  return Array.from(args, (a, i) => a ?? `{${i}}`);
}
