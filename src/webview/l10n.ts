// The page's words in the editor's language: the host translates every message of PAGE_MESSAGES and places them in
// the page (webviewPage); what it did not place stays English. Slots are filled here, as vscode.l10n.t fills them, and
// the same words serve the core text the page makes itself (the end causes of the timeline).
import { bundleTranslator, formatMessage, setTranslator } from '../core/l10n';
import { PAGE_STRINGS_ID, readPageStrings, type PageMessage } from '../protocol';

const placed = document.getElementById(PAGE_STRINGS_ID)?.textContent;
const strings = readPageStrings(placed ? safeParse(placed) : undefined);
setTranslator(bundleTranslator(strings));

export const l10n = {
  t(message: PageMessage, ...args: (string | number)[]): string {
    return formatMessage(strings[message] ?? message, args);
  },
};

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
