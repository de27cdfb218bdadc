// What is wrong with the text of a stanza typed in the composer, placed where a person can see it:
// the strict parser the logs go through, then the checks Send Stanza makes (a message, presence or iq).
import { l10n } from '../l10n';
import { XmlSyntaxError, parseXml } from '../xml/parse';
import { parseStanza } from '../xmpp/stanza-check';

export interface TextProblem {
  /** Offset into the text where the problem is (0-based, UTF-16 units, as the editor counts). */
  offset: number;
  message: string;
}

/** An `&` that starts no entity the parser knows; its own errors come from a slice and carry no offset. */
const BAD_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/;

/** Nothing but whitespace and comments: a composer just opened, which is not yet an error. */
export function isBlankXml(text: string): boolean {
  return text.replace(/<!--[\s\S]*?-->/g, '').trim() === '';
}

/** The first problem of the text as one stanza, or undefined when Send would accept it. */
export function stanzaProblem(text: string): TextProblem | undefined {
  if (isBlankXml(text)) return undefined;
  try {
    parseXml(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    let offset = e.offset;
    if (offset === undefined) {
      const m = BAD_ENTITY.exec(text);
      offset = m ? m.index : 0;
    }
    return { offset, message: e.message };
  }
  try {
    parseStanza(text);
  } catch (e) {
    // The root element is what is wrong: point at its start.
    const root = /<(?![!?])/.exec(text);
    return { offset: root ? root.index : 0, message: (e as Error).message };
  }
  return undefined;
}

/** Line and column (both 0-based) of an offset, as vscode.Position counts them. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: at - lineStart };
}

/** "line 3, column 7: …", 1-based as editors show them, for a message outside the editor. */
export function problemWords(text: string, p: TextProblem): string {
  const { line, column } = lineColumnAt(text, p.offset);
  return l10n.t('line {0}, column {1}: {2}', line + 1, column + 1, p.message);
}
