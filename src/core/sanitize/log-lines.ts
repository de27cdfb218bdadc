import { startsRecord } from '../find/dialects';
import { REDACTED, noteHidden, type HiddenSecret } from '../sasl/hidden';
import { redactSecretText } from '../sasl/redact-text';

// A log rewritten line by line with its credentials hidden. A secret element may be spread over
// lines (a console's pretty-printed stanza): its content is hidden up to its closing tag, or
// until the next log record begins.

const LT = '(?:<|&(?:amp;)*lt;)';
const GT = '(?:>|&(?:amp;)*gt;)';
const OPEN_AT_END = new RegExp(`${LT}((?:[\\w.-]+:)?(auth|response|challenge|success|password|digest))(\\s[^<>]*?)?${GT}([^<>]*)$`);
/** A secret spread wider than this many lines is not a secret element: stop hiding. */
const MAX_SPREAD = 50;

export class LogSanitizer {
  readonly hidden: HiddenSecret[] = [];
  /** Lines that had something hidden. */
  changed = 0;
  private open?: { close: RegExp; lines: number; secret: HiddenSecret };
  private iqAuth = false;

  line(text: string): string {
    let out = text;
    if (this.open) {
      const close = this.open.close.exec(text);
      if (close || startsRecord(text) || ++this.open.lines > MAX_SPREAD) {
        if (close && close.index > 0 && text.slice(0, close.index).trim() !== '') out = REDACTED + text.slice(close.index);
        this.open = undefined;
      } else if (text.trim() !== '') {
        out = REDACTED;
        noteHidden(this.hidden, this.open.secret);
      }
    }
    if (text.includes('jabber:iq:auth')) this.iqAuth = true;
    out = redactSecretText(out, this.hidden);
    if (!this.open) out = this.noteOpen(out);
    if (out !== text) this.changed++;
    return out;
  }

  /** A secret element whose content runs on past the end of this line: hidden from here on. */
  private noteOpen(line: string): string {
    const m = OPEN_AT_END.exec(line);
    if (!m) return line;
    const [, name, local, attrs = '', rest] = m;
    const sasl = local === 'auth' || local === 'response' || local === 'challenge' || local === 'success';
    if (sasl ? !/xmpp-sasl|mechanism/.test(attrs) : !this.iqAuth) return line;
    if (attrs.trimEnd().endsWith('/')) return line;
    const secret: HiddenSecret = { kind: !sasl ? 'iq-auth' : /PLAIN/.test(attrs) ? 'sasl-plain' : 'sasl' };
    this.open = { close: new RegExp(`${LT}/${name.replace(/[.]/g, '\\.')}${GT}`), lines: 0, secret };
    if (rest.trim() === '') return line;
    noteHidden(this.hidden, secret);
    return line.slice(0, line.length - rest.length) + REDACTED;
  }
}
