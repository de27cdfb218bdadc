// What can still be read of a HAR that is not whole JSON (cut off while saving, pasted in part),
// read key by key over chunks, so a broken capture of any size streams like a whole one.
import type { Fragment } from '../fragment';
import { frameFragments, isSocketUrl, type HarSocketMessage } from './har-websocket';

// The keys a HAR entry's BOSH bodies and WebSocket frames hang on, read one JSON value at a time.
const HAR_KEY = /"(startedDateTime|method|url|text|encoding|type|data)"\s*:\s*("(?:[^"\\]|\\.)*")|"(time|opcode)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|"(postData|content|request)"\s*:\s*\{|"(_webSocketMessages)"\s*:\s*\[/g;
/** Where a key HAR_KEY knows starts, complete or not: what must wait for the next chunk. */
const KEY_START = /"(?:startedDateTime|method|url|text|encoding|type|data|time|opcode|postData|content|request|_webSocketMessages)"/g;
/** A value longer than this that never ends is given up, so a broken capture cannot fill memory. */
const MAX_PENDING_CHARS = 64 * 1024 * 1024;

export type BodySink = (text: string, at: { line: number; direction: 'sent' | 'received'; time?: string; source: string }) => void;

/**
 * Reads each entry's startedDateTime, method and url, every `text` under `postData` (sent) or
 * `content` (received), and each WebSocket frame under `_webSocketMessages` (type, time, opcode,
 * data), value by value, whatever the structure around them.
 */
export class HarSalvage {
  private buf = '';
  /** Line of buf[0], and how far into buf lines are counted. */
  private line: number;
  private counted = 0;
  /** Size of buf when it was last searched without a match: search again once it has doubled. */
  private waitFor = 0;
  private entry: { line: number; time: string | undefined; method: string; url: string };
  // Entries are counted by their "request" object, which holds the url whatever the writer's key order.
  private requests: number;
  private under: 'postData' | 'content' | 'frames' | undefined;
  // "encoding" may come before or after "text" in the same object.
  private base64: boolean | undefined;
  private held: { text: string; direction: 'sent' | 'received' } | undefined;
  // Chromium writes an entry's frames before its request: they wait for the url that names their connection.
  private frame: HarSocketMessage & { line?: number } = {};
  private pending: Array<HarSocketMessage & { line?: number }> = [];
  private framed = -1;
  /** The latest startedDateTime read, for where the capture ends. */
  lastStarted: string | undefined;
  private lastMs = -Infinity;

  /** `line` is the line the first text pushed starts on; `entryIndex` the index of the entry it starts in. */
  constructor(
    private readonly body: BodySink,
    private readonly frames: (f: Fragment) => void,
    line = 1,
    entryIndex = 0,
  ) {
    this.line = line;
    this.entry = { line, time: undefined, method: 'POST', url: '' };
    this.requests = entryIndex - 1;
  }

  push(text: string): void {
    this.buf += text;
    if (this.buf.length < this.waitFor) return;
    this.search(false);
  }

  end(): void {
    this.search(true);
    this.flush();
    const { entry, framed, requests } = this;
    // The capture was cut before the frames' request: their url is not in the readable part.
    if (this.pending.length) this.flushFrames(isSocketUrl(entry.url) && framed !== requests ? entry.url : '', isSocketUrl(entry.url) && framed !== requests ? requests : requests + 1);
    this.buf = '';
  }

  private search(atEnd: boolean): void {
    const buf = this.buf;
    HAR_KEY.lastIndex = 0;
    let done = 0;
    for (let m = HAR_KEY.exec(buf); m; m = HAR_KEY.exec(buf)) {
      // A number at the very end may go on in the next chunk.
      if (m[3] && !atEnd && m.index + m[0].length === buf.length) break;
      this.take(m);
      done = m.index + m[0].length;
    }
    if (atEnd) return;
    // Keep from the first key whose value has not arrived, or a key's quote cut at the end.
    KEY_START.lastIndex = done;
    const open = KEY_START.exec(buf);
    let keep = open ? open.index : buf.length;
    const quote = buf.lastIndexOf('"');
    if (!open && quote >= done && buf.length - quote < 24) keep = quote;
    if (buf.length - keep > MAX_PENDING_CHARS) keep = buf.length - 1024;
    this.lineAt(keep);
    this.buf = buf.slice(keep);
    this.counted -= keep;
    // A long value still arriving is searched again once the text has doubled, not at every chunk.
    this.waitFor = this.buf.length > 65536 ? 2 * this.buf.length : 0;
  }

  private lineAt(at: number): number {
    const raw = this.buf;
    for (let k = raw.indexOf('\n', this.counted); k >= 0 && k < at; k = raw.indexOf('\n', k + 1)) this.line++;
    if (at > this.counted) this.counted = at;
    return this.line;
  }

  private add(text: string, direction: 'sent' | 'received', isBase64: boolean): void {
    const body = isBase64 ? Buffer.from(text, 'base64').toString('utf8') : text;
    const { entry } = this;
    this.body(body, { line: entry.line, direction, time: entry.time, source: `${entry.method} ${entry.url}`.trim() });
  }

  private flush(): void {
    if (this.held) this.add(this.held.text, this.held.direction, false);
    this.held = undefined;
  }

  private flushFrames(url: string, index: number): void {
    for (const m of this.pending) for (const f of frameFragments(m, { line: m.line ?? this.entry.line, connection: String(Math.max(index, 0)), url })) this.frames(f);
    if (this.pending.length) this.framed = index;
    this.pending = [];
  }

  private take(m: RegExpExecArray): void {
    if (m[5]) {
      this.flush();
      if (m[5] === 'request') {
        this.requests++;
        this.under = undefined;
      } else this.under = m[5] as 'postData' | 'content';
      this.base64 = undefined;
      return;
    }
    if (m[6]) {
      this.flush();
      // Frames after their entry's request (another writer's key order) belong to it.
      if (this.pending.length && isSocketUrl(this.entry.url) && this.framed !== this.requests) this.flushFrames(this.entry.url, this.requests);
      this.under = 'frames';
      this.frame = {};
      return;
    }
    if (m[3]) {
      if (this.under === 'frames') this.frame[m[3] as 'time' | 'opcode'] = Number(m[4]);
      return;
    }
    let value: string;
    try {
      value = JSON.parse(m[2]);
    } catch {
      return;
    }
    switch (m[1]) {
      case 'startedDateTime':
        this.flush();
        this.entry = { ...this.entry, line: this.lineAt(m.index), time: value };
        if (Date.parse(value) > this.lastMs) [this.lastStarted, this.lastMs] = [value, Date.parse(value)];
        if (this.under === 'frames') this.under = undefined;
        break;
      case 'method':
        this.entry.method = value;
        break;
      case 'url':
        this.entry = { ...this.entry, url: value, method: this.entry.method };
        if (this.pending.length && isSocketUrl(value)) this.flushFrames(value, this.requests);
        if (this.under === 'frames') this.under = undefined;
        break;
      case 'type':
        if (this.under === 'frames') this.frame = { type: value, line: this.lineAt(m.index) };
        break;
      case 'data':
        if (this.under === 'frames') {
          this.pending.push({ ...this.frame, data: value });
          this.frame = {};
        }
        break;
      case 'text': {
        this.flush();
        if (!this.under || this.under === 'frames') break;
        const direction = this.under === 'postData' ? 'sent' : 'received';
        if (this.base64 === undefined) this.held = { text: value, direction };
        else this.add(value, direction, this.base64);
        break;
      }
      case 'encoding':
        this.base64 = value === 'base64';
        if (this.held) this.add(this.held.text, this.held.direction, this.base64);
        this.held = undefined;
        break;
    }
  }
}
