import type { HiddenSecret } from '../sasl/hidden';
import { redactSecretText } from '../sasl/redact-text';
import { redactHarHeaderText, sanitizeHarEntry } from './har-entries';

// A HAR rewritten as it streams: the text outside `log.entries` is copied as it is, and each
// entry is held alone, parsed, cleaned and written back, so a gigabyte capture never sits in
// memory whole (let alone twice). An entry with nothing to hide keeps its bytes exactly.

interface Frame {
  kind: '{' | '[';
  key?: string;
  entries?: boolean;
}

export class HarSanitizer {
  readonly hidden: HiddenSecret[] = [];
  /** Entries read, and those that had something hidden. */
  entries = 0;
  changed = 0;
  private readonly stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private str = '';
  private collect = false;
  private lastString = '';
  /** The entry being held: its text so far and how deep inside it the reader is. */
  private entry?: { parts: string[]; depth: number };

  /** Text to write for this chunk of the capture. */
  push(chunk: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) {
          this.inString = false;
          if (this.collect) this.lastString = this.str;
        }
        if (this.collect && this.inString && !this.escaped && c !== 92) this.str += chunk[i];
        continue;
      }
      if (c === 34) {
        this.inString = true;
        this.collect = !this.entry && this.stack.length <= 2;
        this.str = '';
        continue;
      }
      if (this.entry) {
        if (c === 123 /* { */ || c === 91 /* [ */) this.entry.depth++;
        else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (--this.entry.depth === 0) {
            this.entry.parts.push(chunk.slice(from, i + 1));
            out += this.finishEntry(this.entry.parts.join(''));
            this.entry = undefined;
            from = i + 1;
          }
        }
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (c === 123 && top?.entries) {
        out += this.passThrough(chunk.slice(from, i));
        from = i;
        this.entry = { parts: [], depth: 1 };
        continue;
      }
      if (c === 58 /* : */ && top?.kind === '{') top.key = this.lastString;
      else if (c === 123 || c === 91) {
        const frame: Frame = { kind: c === 123 ? '{' : '[' };
        if (c === 91 && this.stack.length === 2 && this.stack[0].key === 'log' && top.key === 'entries') frame.entries = true;
        this.stack.push(frame);
      } else if (c === 125 || c === 93) this.stack.pop();
    }
    if (this.entry) this.entry.parts.push(chunk.slice(from));
    else out += this.passThrough(chunk.slice(from));
    return out;
  }

  /** What is left: an entry cut off with the capture is cleaned as text. */
  end(): string {
    if (!this.entry) return '';
    const raw = this.entry.parts.join('');
    this.entry = undefined;
    this.entries++;
    const out = redactSecretText(redactHarHeaderText(raw, this.hidden), this.hidden);
    if (out !== raw) this.changed++;
    return out;
  }

  private finishEntry(raw: string): string {
    this.entries++;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(raw);
    } catch {
      const out = redactSecretText(redactHarHeaderText(raw, this.hidden), this.hidden);
      if (out !== raw) this.changed++;
      return out;
    }
    if (!sanitizeHarEntry(entry, this.hidden)) return raw;
    this.changed++;
    return layOut(entry, raw);
  }

  /** Text outside the entries (the creator, pages): nothing of ours, but a capture of another shape is cleaned as text. */
  private passThrough(s: string): string {
    return s && redactSecretText(redactHarHeaderText(s, this.hidden), this.hidden);
  }
}

/** The entry as JSON laid out as the original was: on one line, or indented as it stood. */
function layOut(entry: unknown, raw: string): string {
  const lastBreak = raw.lastIndexOf('\n');
  if (lastBreak < 0) return JSON.stringify(entry);
  const base = /^[ \t]*/.exec(raw.slice(lastBreak + 1))![0];
  const second = raw.slice(raw.indexOf('\n') + 1);
  const inner = /^[ \t]*/.exec(second)![0];
  const unit = inner.length > base.length ? inner.slice(base.length) : '  ';
  return JSON.stringify(entry, null, unit).replace(/\n/g, '\n' + base);
}
