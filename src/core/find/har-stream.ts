// A HAR capture read as a stream of text chunks: a small JSON tokenizer walks the capture's
// skeleton (log, pages, creator) without building it, and each element of log.entries is cut
// out whole and parsed alone, so memory follows the largest entry, not the file.
import type { Fragment } from '../fragment';
import { readEntry, addBody, type HarEntry } from './har-entry';
import { setHarPlace } from './har-place';
import { HarSalvage } from './har-salvage';
import { unrecordedWords, type HarSocket } from './har-websocket';

export interface HarHandlers {
  fragment(f: Fragment): void;
  socket?(s: HarSocket): void;
  problem?(message: string): void;
}

/**
 * Text kept until a capture is known to be whole JSON. A capture up to this size that turns
 * out broken is read as a whole broken capture (every body recovered the same way); above it,
 * the entries already parsed stand and only the rest is recovered, so memory stays flat.
 */
export const HOLD_CHARS = 1024 * 1024;
/** Short strings of the skeleton kept whole: keys, and values such as a page's startedDateTime. */
const MAX_SKELETON_STRING = 256;

type Role = 'root' | 'log' | 'entries' | 'other';
interface Frame {
  kind: 'object' | 'array';
  role: Role;
  /** What may come next: a key (or the end), a colon, a value (or the end), a comma (or the end). */
  expect: 'key|end' | 'key' | 'colon' | 'value' | 'value|end' | 'comma|end';
  key?: string;
}

class HarSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos?: number,
  ) {
    super(message);
  }
}

const IN_STRING = /["\\]/g;
const STRUCTURE = /["{}[\]]/g;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

export class HarReader {
  private readonly stack: Frame[] = [];
  private rootDone = false;
  private sawEntries = false;
  private entries = 0;
  private unrecorded = 0;
  /** Line at `chunkPos` of the chunk being read. */
  private line = 1;
  private linePos = 0;
  private chunk = '';
  /** Where the chunk being read starts in the file's bytes, when known; and a cursor that maps its characters to bytes. */
  private chunkBytes: { start: number; ascii: boolean; char: number; byte: number } | undefined;
  // A skeleton token cut by a chunk's end.
  private str: { parts: string; keep: boolean; esc: boolean } | undefined;
  private scalar: string | undefined;
  private started = true;
  // An entry being cut out: its text so far, nesting and string state.
  private entry: { parts: string[]; line: number; depth: number; inStr: boolean; esc: boolean; offset?: number; end?: number } | undefined;
  private broken: string | undefined;
  private salvage: HarSalvage | undefined;
  // Until the capture is known whole: its text and what it gave, not yet handed on.
  private held: string[] | undefined = [];
  private heldChars = 0;
  private queue: Array<{ f: Fragment } | { s: HarSocket }> = [];
  private fragments = 0;
  private frames = 0;
  private lastMs = -Infinity;
  /** The latest startedDateTime of the capture (pages and entries), where it ends. */
  lastStarted: string | undefined;
  /** Lines of the capture. */
  lines = 1;

  constructor(
    private readonly out: HarHandlers,
    private readonly holdChars = HOLD_CHARS,
  ) {}

  /** `byteStart`: where `text` starts in the file's bytes, when the caller knows it exactly. */
  push(text: string, byteStart?: number): void {
    if (!text) return;
    this.chunkBytes = byteStart === undefined ? undefined : { start: byteStart, ascii: Buffer.byteLength(text) === text.length, char: 0, byte: byteStart };
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.lines++;
    if (this.held) {
      this.held.push(text);
      this.heldChars += text.length;
    }
    if (this.salvage) this.salvage.push(text);
    else if (!this.broken) this.parse(text);
    if (this.held && this.heldChars > this.holdChars) this.release();
  }

  end(): void {
    if (!this.broken && !this.salvage) {
      if (this.scalar !== undefined) {
        try {
          this.finishScalar();
        } catch (e) {
          this.fail((e as Error).message, '', this.line);
        }
      }
      if (this.entry) this.fail(`the capture ends inside entry ${this.entries + 1}, which starts at line ${this.entry.line}`, this.entry.parts.join(''), this.entry.line);
      else if (!this.broken && (this.str || !this.rootDone)) this.fail(`the capture ends at line ${this.line} before its JSON does`, '', this.line);
    }
    if (this.held && this.broken) {
      // Small enough to have been kept: recovered whole, named in JSON.parse's own words.
      const raw = this.held.join('');
      this.held = undefined;
      this.queue = [];
      this.fragments = this.frames = 0;
      try {
        JSON.parse(raw);
      } catch (e) {
        this.broken = (e as Error).message;
      }
      this.startSalvage(1, 0);
      this.salvage!.push(raw);
    }
    this.release();
    if (this.salvage) {
      this.salvage.end();
      this.noteStarted(this.salvage.lastStarted);
      const bosh = this.fragments - this.frames;
      const frames = this.frames;
      const what = frames ? `${bosh} BOSH fragment${bosh === 1 ? '' : 's'} and ${frames} WebSocket frame fragment${frames === 1 ? '' : 's'}` : `${bosh} BOSH fragment${bosh === 1 ? '' : 's'}`;
      this.out.problem?.(`not a complete HAR file (${this.broken}); ${what} recovered from the readable part`);
    } else if (!this.sawEntries) this.out.problem?.('not a HAR file: it has no log.entries list');
    if (this.unrecorded) this.out.problem?.(unrecordedWords(this.unrecorded));
  }

  /** Hands on what was held: the capture is too large to keep, or known whole. */
  private release(): void {
    if (!this.held && !this.queue.length) return;
    if (this.held && this.broken && !this.salvage) {
      // Broken, and too large to keep: recover from the start of what was held.
      const raw = this.held.join('');
      this.held = undefined;
      this.queue = [];
      this.fragments = this.frames = 0;
      this.startSalvage(1, 0);
      this.salvage!.push(raw);
      return;
    }
    this.held = undefined;
    const queue = this.queue;
    this.queue = [];
    for (const x of queue) {
      if ('f' in x) this.out.fragment(x.f);
      else this.out.socket?.(x.s);
    }
  }

  private emit(f: Fragment): void {
    this.fragments++;
    if (f.socket) this.frames++;
    if (this.held) this.queue.push({ f });
    else this.out.fragment(f);
  }

  private emitSocket(s: HarSocket): void {
    if (this.held) this.queue.push({ s });
    else this.out.socket?.(s);
  }

  private noteStarted(value: unknown): void {
    if (typeof value !== 'string') return;
    const t = Date.parse(value);
    if (t > this.lastMs) [this.lastStarted, this.lastMs] = [value, t];
  }

  private startSalvage(line: number, entryIndex: number): void {
    const salvage = new HarSalvage(
      (text, at) => addBody((f) => this.emit(f), text, at),
      (f) => this.emit(f),
      line,
      entryIndex,
    );
    this.salvage = salvage;
  }

  /**
   * The capture is not whole JSON. Kept text is recovered whole at the end; otherwise recovery
   * starts at `tail` (the broken entry, or where the skeleton broke), on `line`.
   */
  private fail(reason: string, tail: string, line: number, rest = ''): void {
    this.broken = reason;
    this.entry = undefined;
    if (this.held) return;
    this.startSalvage(line, this.entries);
    this.salvage!.push(tail + rest);
  }

  /** Byte offset in the file of character `pos` of the chunk being read; positions asked for only grow within a chunk. */
  private byteAt(pos: number): number | undefined {
    const b = this.chunkBytes;
    if (!b) return undefined;
    if (b.ascii) return b.start + pos;
    b.byte += Buffer.byteLength(this.chunk.slice(b.char, pos));
    b.char = pos;
    return b.byte;
  }

  private lineAt(pos: number): number {
    const c = this.chunk;
    for (let k = c.indexOf('\n', this.linePos); k >= 0 && k < pos; k = c.indexOf('\n', k + 1)) this.line++;
    if (pos > this.linePos) this.linePos = pos;
    return this.line;
  }

  private parse(chunk: string): void {
    this.chunk = chunk;
    this.linePos = 0;
    let i = 0;
    try {
      while (i < chunk.length && !this.broken) {
        if (this.entry) i = this.cutEntry(i);
        else i = this.skeleton(i);
      }
    } catch (e) {
      if (!(e instanceof HarSyntaxError)) throw e;
      // Recovery starts where lines are counted to: the error, or just before it.
      if (e.pos !== undefined) this.lineAt(e.pos);
      this.fail(e.message, '', this.line, chunk.slice(this.linePos));
    }
    if (!this.broken) this.lineAt(chunk.length);
    this.chunk = '';
  }

  /** Reads the current entry's text on from `i`; answers where reading stopped. */
  private cutEntry(i: number): number {
    const c = this.chunk;
    const e = this.entry!;
    const from = i;
    while (i < c.length) {
      if (e.esc) {
        e.esc = false;
        i++;
        continue;
      }
      if (e.inStr) {
        IN_STRING.lastIndex = i;
        const m = IN_STRING.exec(c);
        if (!m) {
          i = c.length;
          break;
        }
        if (c.charCodeAt(m.index) === 92) {
          e.esc = true;
          i = m.index + 1;
        } else {
          e.inStr = false;
          i = m.index + 1;
        }
        continue;
      }
      STRUCTURE.lastIndex = i;
      const m = STRUCTURE.exec(c);
      if (!m) {
        i = c.length;
        break;
      }
      const ch = c.charCodeAt(m.index);
      i = m.index + 1;
      if (ch === 34) e.inStr = true;
      else if (ch === 123 || ch === 91) e.depth++;
      else if (--e.depth === 0) {
        e.parts.push(c.slice(from, i));
        if (e.offset !== undefined) e.end = this.byteAt(i);
        this.finishEntry(i);
        return i;
      }
    }
    e.parts.push(c.slice(from, i));
    return i;
  }

  private finishEntry(end: number): void {
    const e = this.entry!;
    // A copy, not a slice of the read: the strings JSON.parse gives are slices of its input, and a
    // fragment kept (the Inspector keeps a HAR's) would otherwise keep the whole 32 KB read alive.
    const text = e.parts.length === 1 ? (' ' + e.parts[0]).slice(1) : e.parts.join('');
    let value: HarEntry;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.fail(`entry ${this.entries + 1} at line ${e.line} is not JSON: ${(err as Error).message}`, text, e.line, this.chunk.slice(end));
      return;
    }
    this.entry = undefined;
    const index = this.entries++;
    const entry: HarEntry = value !== null && typeof value === 'object' ? value : {};
    this.noteStarted(entry.startedDateTime);
    // Where the entry lies in the file, so a fragment can be read again from there (see har-place.ts).
    const at = e.offset !== undefined && e.end !== undefined ? { offset: e.offset, bytes: e.end - e.offset, entry: index, line: e.line } : undefined;
    let nth = 0;
    const fragment = (f: Fragment) => {
      if (at) setHarPlace(f, { ...at, nth: nth++ });
      this.emit(f);
    };
    if (readEntry(entry, index, text, e.line, { fragment, socket: (s) => this.emitSocket(s) })) this.unrecorded++;
    this.valueDone(true);
  }

  /** Reads skeleton tokens from `i` until an entry starts or the chunk ends. */
  private skeleton(i: number): number {
    const c = this.chunk;
    if (this.str) return this.readString(i);
    if (this.scalar !== undefined) {
      let j = i;
      while (j < c.length && /[-+.\w]/.test(c[j])) j++;
      this.scalar += c.slice(i, j);
      if (j === c.length) return j;
      this.finishScalar();
      return j;
    }
    while (i < c.length) {
      const ch = c.charCodeAt(i);
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || (ch === 0xfeff && this.started)) {
        i++;
        continue;
      }
      this.started = false;
      const top = this.stack[this.stack.length - 1];
      if (this.rootDone) throw new HarSyntaxError(`unexpected text after the capture's end at line ${this.lineAt(i)}`, i);
      if (ch === 34) {
        if (top && top.expect !== 'key' && top.expect !== 'key|end' && !this.expectsValue(top)) this.unexpected(i);
        this.str = { parts: '', keep: top?.role !== 'entries', esc: false };
        return this.readString(i + 1);
      }
      if (ch === 58) {
        if (top?.expect !== 'colon') this.unexpected(i);
        top.expect = 'value';
        i++;
        continue;
      }
      if (ch === 44) {
        if (top?.expect !== 'comma|end') this.unexpected(i);
        top.expect = top.kind === 'object' ? 'key' : 'value';
        i++;
        continue;
      }
      if (ch === 125 || ch === 93) {
        const kind = ch === 125 ? 'object' : 'array';
        if (!top || top.kind !== kind || (top.expect !== 'comma|end' && top.expect !== 'key|end' && top.expect !== 'value|end')) this.unexpected(i);
        this.stack.pop();
        this.valueDone();
        i++;
        continue;
      }
      if (ch === 123 || ch === 91) {
        if (top ? !this.expectsValue(top) : false) this.unexpected(i);
        if (ch === 123 && top?.role === 'entries') {
          this.entry = { parts: [], line: this.lineAt(i), depth: 0, inStr: false, esc: false, offset: this.byteAt(i) };
          return i;
        }
        const role: Role = !top ? 'root' : top.role === 'root' && top.key === 'log' && ch === 123 ? 'log' : top.role === 'log' && top.key === 'entries' && ch === 91 ? 'entries' : 'other';
        if (role === 'entries') this.sawEntries = true;
        this.stack.push({ kind: ch === 123 ? 'object' : 'array', role, expect: ch === 123 ? 'key|end' : 'value|end' });
        i++;
        continue;
      }
      if ((ch >= 48 && ch <= 57) || ch === 45 || (ch >= 97 && ch <= 122)) {
        if (top ? !this.expectsValue(top) : false) this.unexpected(i);
        this.scalar = '';
        return this.skeleton(i);
      }
      this.unexpected(i);
    }
    return i;
  }

  private expectsValue(top: Frame): boolean {
    return top.expect === 'value' || top.expect === 'value|end';
  }

  private unexpected(i: number): never {
    const ch = this.chunk[i];
    throw new HarSyntaxError(`unexpected ${JSON.stringify(ch)} at line ${this.lineAt(i)}`, i);
  }

  private readString(i: number): number {
    const c = this.chunk;
    const s = this.str!;
    const from = i;
    while (i < c.length) {
      if (s.esc) {
        s.esc = false;
        i++;
        continue;
      }
      IN_STRING.lastIndex = i;
      const m = IN_STRING.exec(c);
      if (!m) {
        i = c.length;
        break;
      }
      if (c.charCodeAt(m.index) === 92) {
        s.esc = true;
        i = m.index + 1;
        continue;
      }
      if (s.keep && s.parts.length + m.index - from < MAX_SKELETON_STRING) s.parts += c.slice(from, m.index);
      else s.keep = false;
      this.str = undefined;
      this.finishString(s.keep ? s.parts : undefined);
      return m.index + 1;
    }
    if (s.keep && s.parts.length + i - from < MAX_SKELETON_STRING) s.parts += c.slice(from, i);
    else s.keep = false;
    return i;
  }

  /** A skeleton string ended; `raw` is its JSON text without quotes when short enough to keep. */
  private finishString(raw: string | undefined): void {
    const top = this.stack[this.stack.length - 1];
    let value: string | undefined;
    if (raw !== undefined) {
      try {
        value = JSON.parse(`"${raw}"`);
      } catch {
        throw new HarSyntaxError(`a string that is not JSON at line ${this.line}`);
      }
    }
    if (top && (top.expect === 'key' || top.expect === 'key|end')) {
      top.key = value;
      top.expect = 'colon';
      return;
    }
    if (top?.key === 'startedDateTime') this.noteStarted(value);
    this.valueDone();
  }

  private finishScalar(): void {
    const s = this.scalar!;
    this.scalar = undefined;
    if (s !== 'true' && s !== 'false' && s !== 'null' && !NUMBER.test(s)) throw new HarSyntaxError(`unexpected ${JSON.stringify(s.slice(0, 20))} at line ${this.line}`);
    this.valueDone();
  }

  /** A value ended in the container on top (or the whole document); an entry counts itself. */
  private valueDone(entry = false): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.rootDone = true;
      return;
    }
    // An element of log.entries that is not an object still takes its index.
    if (top.role === 'entries' && !entry) this.entries++;
    top.expect = 'comma|end';
  }
}
