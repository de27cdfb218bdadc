// Tells where an XML fragment that starts at a '<' ends, without parsing it: depth counting
// over tags, with quotes, comments, CDATA and declarations skipped. It is fed the text
// piecewise (one log line at a time) and keeps its state in between.

import { isNameChar, isNameStart } from '../xml/parse';

const enum State {
  Text,
  AfterLt,
  TagName,
  InTag,
  EndTag,
  Comment,
  CData,
  Declaration,
  Instruction,
}

/** feed() answers: an end offset, or one of these. */
export const NEED_MORE = -1;
export const NOT_XML = -2;

const STREAM_ROOT = /(?:^|:)stream$/;
/** How many of the innermost open elements an end tag is matched against. */
const MATCH_DEPTH = 64;

export class ExtentScanner {
  /** Names of the elements open right now, outermost first. */
  readonly open: string[] = [];
  rootName: string | undefined;
  rootHasAttributes = false;
  /** A child element was opened and closed: more than a stray `<init>` or `List<String>`. */
  closedChildElement = false;
  /** The fragment is a lone end tag such as </stream:stream>. */
  endTagOnly = false;
  /** The fragment is a stream header left open on purpose (<stream:stream …>). */
  streamHeader = false;

  private state = State.Text;
  private quote = 0;
  private name = '';
  private lastInTag = 0;
  private started = false;

  /** Scans s from `from`; returns the offset just past the fragment's end, NEED_MORE or NOT_XML. */
  feed(s: string, from: number): number {
    let i = from;
    const n = s.length;
    while (i < n) {
      switch (this.state) {
        case State.Text: {
          const lt = s.indexOf('<', i);
          if (this.open.length === 0 && this.started) {
            // Only whitespace may stand between an XML declaration and the root.
            const upTo = lt < 0 ? n : lt;
            for (let k = i; k < upTo; k++) if (s.charCodeAt(k) > 32) return NOT_XML;
          }
          if (lt < 0) return NEED_MORE;
          i = lt + 1;
          this.started = true;
          this.state = State.AfterLt;
          break;
        }
        case State.AfterLt: {
          const c = s.charCodeAt(i);
          if (c === 47 /* / */) {
            this.state = State.EndTag;
            this.name = '';
            i++;
          } else if (c === 33 /* ! */) {
            if (s.startsWith('!--', i)) {
              this.state = State.Comment;
              i += 3;
            } else if (s.startsWith('![CDATA[', i)) {
              this.state = State.CData;
              i += 8;
            } else {
              this.state = State.Declaration;
              i++;
            }
          } else if (c === 63 /* ? */) {
            this.state = State.Instruction;
            i++;
          } else if (isNameStart(c)) {
            this.state = State.TagName;
            this.name = '';
          } else {
            // A '<' that starts nothing (`a < b`, `<0.600.0>`): text, or not XML at the root.
            if (this.open.length === 0) return NOT_XML;
            this.state = State.Text;
          }
          break;
        }
        case State.TagName: {
          let k = i;
          while (k < n && isNameChar(s.charCodeAt(k))) k++;
          this.name += s.slice(i, k);
          if (k === n) return NEED_MORE;
          const c = s.charCodeAt(k);
          if (c !== 62 && c !== 47 && c > 32) {
            // `<user@host>` or `<a=b>`: not a tag.
            if (this.open.length === 0) return NOT_XML;
            this.state = State.Text;
            i = k;
            break;
          }
          if (this.open.length === 0) this.rootName ??= this.name;
          this.state = State.InTag;
          this.lastInTag = 0;
          i = k;
          break;
        }
        case State.InTag: {
          if (this.quote) {
            const q = s.indexOf(String.fromCharCode(this.quote), i);
            if (q < 0) return NEED_MORE;
            this.quote = 0;
            i = q + 1;
            break;
          }
          const c = s.charCodeAt(i);
          if (c === 34 || c === 39) {
            this.quote = c;
            if (this.open.length === 0) this.rootHasAttributes = true;
            i++;
          } else if (c === 62 /* > */) {
            i++;
            const selfClosing = this.lastInTag === 47;
            this.state = State.Text;
            if (selfClosing) {
              if (this.open.length === 0) return i;
              this.closedChildElement = true;
            } else {
              if (this.open.length === 0 && STREAM_ROOT.test(this.name)) {
                this.streamHeader = true;
                return i;
              }
              this.open.push(this.name);
            }
          } else {
            if (c > 32) this.lastInTag = c;
            i++;
          }
          break;
        }
        case State.EndTag: {
          const gt = s.indexOf('>', i);
          if (gt < 0) {
            this.name += s.slice(i);
            return NEED_MORE;
          }
          this.name += s.slice(i, gt);
          const name = this.name.trim();
          i = gt + 1;
          this.state = State.Text;
          if (this.open.length === 0) {
            if (this.started && this.rootName === undefined) {
              this.endTagOnly = true;
              this.rootName = name;
              return i;
            }
            return NOT_XML;
          }
          // Close up to the matching open element; a stray end tag closes the innermost one.
          // Only the innermost few are searched: thousands of stray end tags under thousands of
          // open elements must not cost a search of all of them each.
          let at = this.open.length - 1;
          const lowest = Math.max(0, this.open.length - MATCH_DEPTH);
          while (at >= lowest && this.open[at] !== name) at--;
          this.open.length = at >= lowest ? at : this.open.length - 1;
          if (this.open.length > 0) this.closedChildElement = true;
          if (this.open.length === 0) return i;
          break;
        }
        case State.Comment:
        case State.CData:
        case State.Instruction: {
          const end = this.state === State.Comment ? '-->' : this.state === State.CData ? ']]>' : '?>';
          const at = this.open.length === 0 ? prologIndexOf(s, end, i) : s.indexOf(end, i);
          if (at === NOT_XML) return NOT_XML;
          if (at < 0) return NEED_MORE;
          i = at + end.length;
          this.state = State.Text;
          break;
        }
        case State.Declaration: {
          const gt = this.open.length === 0 ? prologIndexOf(s, '>', i) : s.indexOf('>', i);
          if (gt === NOT_XML) return NOT_XML;
          if (gt < 0) return NEED_MORE;
          i = gt + 1;
          this.state = State.Text;
          break;
        }
      }
    }
    return NEED_MORE;
  }
}

/**
 * Where `end` closes a declaration, comment, CDATA section or doctype before the root element: -1 when not
 * in this piece, NOT_XML when a '<' comes first. None of them holds a '<', so `<?xml <?xml … ?>x`
 * is text, and deciding so at the next '<' rather than at the far `?>` keeps a line of such
 * candidates linear instead of quadratic.
 */
function prologIndexOf(s: string, end: string, from: number): number {
  const lt = s.indexOf('<', from);
  if (lt < 0) return s.indexOf(end, from);
  const at = s.slice(from, lt).indexOf(end);
  return at < 0 ? NOT_XML : from + at;
}
