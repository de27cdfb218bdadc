import type { DialectId, Direction, Fragment } from '../fragment';
import { escapedLessThanLevel, unescapeWithMap } from '../xml/escape';
import { MAX_LAYERS } from '../xml/escape-layers';
import { readRecord, type LogRecord } from './dialects';
import { directionIn } from './direction';
import { ExtentScanner, NEED_MORE, NOT_XML } from './extent-scanner';
import { isNameStart } from '../xml/parse';
import { splitLines } from './lines';
import { SocketLines } from './socket-lines';
import { FlowInference } from '../flow-inference';
import { directionOfFlow, flowOfDirection } from '../flow';

/** How far before a fragment its direction marker is looked for. */
const MAX_LEAD_IN = 300;

/** A fragment longer than this is reported as partial rather than held in memory. */
export const MAX_FRAGMENT_CHARS = 16 * 1024 * 1024;

// Root names worth reporting even when the fragment never closes (r and a: XEP-0198 acks).
const XMPP_ROOTS = new Set(['body', 'message', 'presence', 'iq', 'stream:stream', 'stream:features', 'features', 'stream:error', 'auth', 'challenge', 'response', 'success', 'failure', 'starttls', 'proceed', 'notification', 'Update', 'enable', 'enabled', 'r', 'a', 'open', 'close']);

export interface RecordContext {
  dialect?: DialectId;
  time?: string;
  stamp?: string;
  direction?: Direction;
  /** Who wrote the record, where the layout names it (Prosody's source column). */
  source?: string;
  /** The WebSocket connection the record is about, when the log names one (see socket-lines.ts). */
  connection?: string;
}

interface OpenFragment {
  scanner: ExtentScanner;
  line: number;
  column: number;
  escaped: number;
  parts: string[];
  size: number;
  ctx: RecordContext;
}

/**
 * Finds XML fragments in text given one line at a time, so files of any size stream
 * through it. A fragment may start after a log prefix, end before trailing text, be
 * escaped once or more, or continue over following lines until a new log record begins.
 */
export class FragmentFinder {
  private lineNo = 0;
  private ctx: RecordContext = {};
  private pending: OpenFragment | undefined;
  private out: Fragment[] = [];
  private readonly sockets = new SocketLines();
  private readonly flows = new FlowInference();
  /** The log prefix of the line pushed last, when it began a record. */
  lastRecord: LogRecord | undefined;

  /** `firstLine`: the number of the first line pushed (text taken from the middle of a file starts later). */
  constructor(firstLine = 1) {
    this.lineNo = firstLine - 1;
  }

  push(line: string): Fragment[] {
    this.out = [];
    this.lineNo++;
    let from = 0;
    let leadStart = 0;
    const record = readRecord(line);
    this.lastRecord = record;

    if (this.pending) {
      if (record) this.closePartial();
      else {
        const end = this.continueOpen(line);
        if (end === undefined) return this.out;
        from = leadStart = end;
      }
    } else if (!record && line.startsWith('Date: ')) this.httpDate(line);
    if (record && from === 0) {
      this.ctx = { dialect: record.dialect, time: record.time, stamp: record.stamp };
      if (record.source) this.ctx.source = record.source;
      const connection = this.sockets.record(record, line);
      if (connection) this.ctx.connection = connection;
      from = leadStart = record.messageStart;
    }
    this.scanLine(line, from, leadStart);
    return this.out;
  }

  /** The record the line pushed last belongs to: its dialect and time (continuation lines keep their record's). */
  get recordContext(): Readonly<RecordContext> {
    return this.ctx;
  }

  /** A raw HTTP capture (Fiddler) has no log prefix; the response's Date header gives the time. */
  private httpDate(line: string): void {
    const t = Date.parse(line.slice(6));
    if (!Number.isNaN(t)) this.ctx.time = this.ctx.stamp = new Date(t).toISOString();
  }

  /** Reports a fragment still open at the end of the input as partial. */
  end(): Fragment[] {
    this.out = [];
    if (this.pending) this.closePartial();
    return this.out;
  }

  private scanLine(line: string, from: number, leadStart: number): void {
    let pos = from;
    const n = line.length;
    // Next '<' and '&' are remembered, not searched again for every candidate: a line of
    // thousands of `&quot;` and no '<' must not cost a scan to its end each time.
    let lt = -2;
    let amp = -2;
    while (pos < n) {
      if (lt !== -1 && lt < pos) lt = line.indexOf('<', pos);
      if (amp !== -1 && amp < pos) amp = line.indexOf('&', pos);
      const at = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
      if (at < 0) break;
      const esc = escapedLessThanLevel(line, at);
      // Escaped deeper than any decoder goes: hostile, and each level would cost a pass over the rest of the line.
      if (!esc || esc.level > MAX_LAYERS) {
        pos = at + 1;
        continue;
      }
      const after = at + esc.length;
      const c = line.charCodeAt(after);
      if (esc.level === 0 && line.startsWith('![CDATA[', after)) {
        // A CDATA section outside any element holds text to search, e.g. a whole HTTP message.
        pos = after + 8;
        continue;
      }
      if (esc.level === 0 && line.startsWith('!--', after)) {
        const close = line.indexOf('-->', after);
        pos = close < 0 ? n : close + 3;
        continue;
      }
      const startsTag = isNameStart(c) || (c === 47 /* / */ && isNameStart(line.charCodeAt(after + 1))) || (c === 63 /* ? */ && line.startsWith('xml', after + 1));
      if (!startsTag) {
        pos = at + 1;
        continue;
      }
      const scanner = new ExtentScanner();
      const end = esc.level === 0 ? scanner.feed(line, at) : feedEscaped(scanner, line, at, esc.level);
      if (end === NOT_XML) {
        pos = at + 1;
        continue;
      }
      // The words just before a fragment name its direction ("HTTP RECV(…):", "SENT (0):").
      const dir = directionIn(line.slice(Math.max(leadStart, at - MAX_LEAD_IN), at));
      if (dir) this.ctx.direction = dir;
      if (end === NEED_MORE) {
        const text = line.slice(at);
        this.pending = { scanner, line: this.lineNo, column: at, escaped: esc.level, parts: [text], size: text.length, ctx: { ...this.ctx } };
        return;
      }
      if (esc.level === 0 && isMention(scanner, line, end)) {
        pos = end;
        continue;
      }
      this.emit(line.slice(at, end), this.lineNo, this.lineNo, at, esc.level, false, this.ctx);
      pos = leadStart = end;
    }
    // Markers after the last fragment (an HTTP request line, "Incoming data:") name the direction of what follows.
    const rest = line.slice(leadStart);
    const dir = rest.length < 400 ? directionIn(rest) : undefined;
    if (dir) this.ctx.direction = dir;
  }

  /** Feeds a continuation line to the open fragment; returns where scanning resumes, or undefined if still open. */
  private continueOpen(line: string): number | undefined {
    const p = this.pending!;
    let end: number;
    if (p.escaped === 0) {
      end = p.scanner.feed('\n' + line, 0);
      if (end >= 0) end -= 1;
    } else {
      const view = unescapeLevels(line, p.escaped);
      const e = p.scanner.feed('\n' + view.text, 0);
      end = e < 0 ? e : view.map[e - 1];
    }
    if (end === NEED_MORE || end === NOT_XML) {
      p.parts.push(line);
      p.size += line.length + 1;
      if (p.size > MAX_FRAGMENT_CHARS) this.closePartial();
      return undefined;
    }
    p.parts.push(line.slice(0, end));
    this.pending = undefined;
    this.emit(p.parts.join('\n'), p.line, this.lineNo, p.column, p.escaped, false, p.ctx);
    return end;
  }

  private closePartial(): void {
    const p = this.pending!;
    this.pending = undefined;
    const s = p.scanner;
    // An unclosed `<init>` in a stack trace is not a stanza; an unclosed `<body rid=…>` is.
    const meaningful = s.rootHasAttributes || s.closedChildElement || (s.rootName !== undefined && XMPP_ROOTS.has(s.rootName));
    if (meaningful) this.emit(p.parts.join('\n'), p.line, p.line + p.parts.length - 1, p.column, p.escaped, true, p.ctx);
  }

  private emit(text: string, line: number, endLine: number, column: number, escaped: number, partial: boolean, ctx: RecordContext): void {
    const f: Fragment = { line, endLine, column, text, escaped, partial };
    if (ctx.time) f.time = ctx.time;
    if (ctx.stamp) f.stamp = ctx.stamp;
    if (ctx.dialect) f.dialect = ctx.dialect;
    const connection = this.sockets.fragment(ctx.dialect, ctx.source, ctx.connection, text);
    if (connection) {
      ctx.connection = connection;
      f.socket = { connection };
    }
    // Every fragment teaches the inference (requests, the bound JID); only those the log leaves
    // without a direction take its answer, marked as inferred.
    const known = ctx.direction ? flowOfDirection(ctx.direction, ctx.dialect) : undefined;
    const flow = this.flows.observe(text, escaped, ctx.dialect === 'ejabberd', connection, known);
    if (ctx.direction) f.direction = ctx.direction;
    else if (flow) {
      const direction = directionOfFlow(flow, ctx.dialect);
      if (direction) {
        f.direction = direction;
        f.directionInferred = true;
      }
    }
    this.out.push(f);
  }
}

/**
 * A stream header named in prose, not sent: Prosody's "Client sent opening <stream:stream> to
 * localhost" and "Sent reply <stream:stream> to client" (mod_c2s.lua). A real header always has
 * attributes; one without, followed by words, is a mention.
 */
function isMention(scanner: ExtentScanner, line: string, end: number): boolean {
  if (!scanner.streamHeader || scanner.rootHasAttributes) return false;
  return /^ +[A-Za-z]/.test(line.slice(end, end + 8));
}

/**
 * Feeds an escaped fragment to the scanner in growing windows, each unescaped on its own:
 * unescaping the whole rest of the line for every `&lt;` would make a long line full of
 * small escaped fragments quadratic. Windows are cut before an '&', never inside an entity.
 */
function feedEscaped(scanner: ExtentScanner, line: string, at: number, level: number): number {
  let start = at;
  let size = FIRST_WINDOW;
  while (start < line.length) {
    let stop = Math.min(line.length, start + size);
    if (stop < line.length) {
      const amp = line.lastIndexOf('&', stop - 1);
      if (amp > start && stop - amp < LONGEST_ENTITY_CHAIN) stop = amp;
    }
    const view = unescapeLevels(line.slice(start, stop), level);
    const e = scanner.feed(view.text, 0);
    if (e >= 0) return start + view.map[e];
    if (e === NOT_XML) return NOT_XML;
    start = stop;
    size *= 4;
  }
  return NEED_MORE;
}

// Most escaped candidates are decided within their first tag; '&amp;amp;…lt;' chains stay far shorter than 64.
const FIRST_WINDOW = 256;
const LONGEST_ENTITY_CHAIN = 64;

function unescapeLevels(s: string, levels: number): { text: string; map: Int32Array } {
  let view = unescapeWithMap(s);
  for (let k = 1; k < levels; k++) view = unescapeWithMap(view.text, view.map);
  return view;
}

/** Every fragment in a piece of text (an editor selection, a HAR body, a pasted log). */
export function findInText(text: string, firstLine = 1): Fragment[] {
  const finder = new FragmentFinder(firstLine);
  const found: Fragment[] = [];
  for (const line of text.split(/\r?\n/)) for (const f of finder.push(line)) found.push(f);
  for (const f of finder.end()) found.push(f);
  return found;
}

/** Every fragment in a stream, line by line: a 1 GB log is never held in memory. */
export async function* findInStream(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Fragment> {
  const finder = new FragmentFinder();
  for await (const lines of splitLines(input)) {
    for (const line of lines) yield* finder.push(line);
  }
  yield* finder.end();
}
