// The HAR reader as it was before it streamed: JSON.parse of the whole capture. Kept as the
// oracle the streamed reader is compared with on every capture of the fixtures. One fix: an
// entry's line is counted from "entries" on, not from the file's start, where a page's own
// startedDateTime (every Chromium and Playwright capture has pages) shifted each entry onto the one before.
import type { Fragment, HttpExchange } from '../../../src/core/fragment';
import { findInText } from '../../../src/core/find/finder';
import { frameFragments, isSocketUrl, unrecordedWords, upgradeExchange, type HarSocket, type HarSocketMessage } from '../../../src/core/find/har-websocket';



interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string }; _error?: string; _failureText?: string };
  _error?: string;
  _resourceType?: string;
  _webSocketMessages?: HarSocketMessage[];
}

// BOSH is recognised by what travels, not where (proxies and Finesse rename the path):
// a whole HTTP body that is one XEP-0124 <body> element.
const BOSH_CONTENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<body\b[^>]*\bxmlns=["']http:\/\/jabber\.org\/protocol\/httpbind["']/;


/**
 * The BOSH request and response bodies of a HAR capture, in entry order. Each fragment's
 * line is the line of its entry's startedDateTime, so "reveal" lands on the entry. A capture
 * that is not whole JSON (cut off while saving, or pasted in part) is not fatal: the bodies
 * still readable in it are recovered, and `onProblem` is told why the rest is not.
 * WebSocket entries give one fragment per XML frame, in frame order; `onSocket` hears each
 * WebSocket entry with its upgrade's outcome (diagnosis needs the refused ones, which carry no frame).
 */
export function findInHarWhole(raw: string, onProblem?: (message: string) => void, onSocket?: (s: HarSocket) => void): Fragment[] {
  let har: { log?: { entries?: HarEntry[] } };
  try {
    har = JSON.parse(raw);
  } catch (e) {
    const found = salvageHar(raw);
    const frames = found.filter((f) => f.socket).length;
    const what = frames ? `${found.length - frames} BOSH fragment${found.length - frames === 1 ? '' : 's'} and ${frames} WebSocket frame fragment${frames === 1 ? '' : 's'}` : `${found.length} BOSH fragment${found.length === 1 ? '' : 's'}`;
    onProblem?.(`not a complete HAR file (${(e as Error).message}); ${what} recovered from the readable part`);
    return found;
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) {
    onProblem?.('not a HAR file: it has no log.entries list');
    return [];
  }

  const lines = entryLines(raw, entries.length);
  const found: Fragment[] = [];
  let unrecorded = 0;
  const frameLines = new MessageLines(raw);
  entries.forEach((entry, i) => {
    if (isSocketUrl(entry.request?.url) || entry._resourceType === 'websocket') {
      const s = readSocket(frameLines, entry, i, lines[i], found);
      if (s.unrecorded && s.exchange.status === 101) unrecorded++;
      onSocket?.(s);
      return;
    }
    const source = `${entry.request?.method ?? 'POST'} ${entry.request?.url ?? ''}`.trim();
    const started = entry.startedDateTime;
    const finished = started && typeof entry.time === 'number' ? addMs(started, entry.time) : started;
    const answer = responseText(entry);
    const exchange = exchangeOf(entry, i, answer, finished);
    addBody(found, entry.request?.postData?.text ?? '', { line: lines[i], direction: 'sent', time: started, source, exchange });
    addBody(found, answer, { line: lines[i], direction: 'received', time: finished, source, exchange });
  });
  if (unrecorded) onProblem?.(unrecordedWords(unrecorded));
  return found;
}

/** One WebSocket entry: its frames as fragments (each on its own line of the capture), and the upgrade's outcome. */
function readSocket(frameLines: MessageLines, entry: HarEntry, index: number, line: number, found: Fragment[]): HarSocket {
  const url = entry.request?.url ?? '';
  const connection = String(index);
  const messages = Array.isArray(entry._webSocketMessages) ? entry._webSocketMessages : undefined;
  const status = typeof entry.response?.status === 'number' ? Math.max(0, entry.response.status) : undefined;
  const error = entry.response?._error || entry.response?._failureText || entry._error;
  const s: HarSocket = { connection, url, line, exchange: upgradeExchange(index, status, responseText(entry), error || undefined), frames: messages?.length ?? 0, errors: [], unrecorded: !messages };
  if (entry.startedDateTime) s.started = entry.startedDateTime;
  if (!messages) return s;
  const at = frameLines.next(messages.length, line);
  messages.forEach((m, k) => {
    if (m?.type === 'error') {
      const time = typeof m.time === 'number' ? new Date(Math.round(m.time * 1000)).toISOString() : undefined;
      s.errors.push({ text: String(m.data ?? ''), ...(time ? { time } : {}) });
      return;
    }
    found.push(...frameFragments(m ?? {}, { line: at[k], connection, url }));
  });
  return s;
}

/**
 * 1-based line of each frame of each `_webSocketMessages` list, in the order the lists stand in
 * the text (keys inside JSON strings are escaped, so every occurrence is a real list), so reveal
 * lands on the frame. A list's frames are found by their "type" key.
 */
class MessageLines {
  private pos = 0;
  private line = 1;
  constructor(private readonly raw: string) {}

  private advance(to: number): void {
    for (let k = this.raw.indexOf('\n', this.pos); k >= 0 && k < to; k = this.raw.indexOf('\n', k + 1)) this.line++;
    this.pos = to;
  }

  next(count: number, fallback: number): number[] {
    const list = this.raw.indexOf('"_webSocketMessages"', this.pos);
    if (list < 0) return new Array(count).fill(fallback);
    this.advance(list);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = this.raw.indexOf('"type"', this.pos);
      if (at < 0) out.push(this.line);
      else {
        this.advance(at);
        out.push(this.line);
        this.pos = at + 1;
      }
    }
    if (count === 0) this.pos = list + 1;
    return out;
  }
}

interface BodyPlace {
  line: number;
  direction: 'sent' | 'received';
  time?: string;
  source: string;
  exchange?: HttpExchange;
}

function addBody(found: Fragment[], text: string, at: BodyPlace): void {
  if (!BOSH_CONTENT.test(text)) return;
  for (const f of findInText(text)) {
    const g: Fragment = { ...f, line: at.line, endLine: at.line, column: 0, direction: at.direction, dialect: 'har', source: at.source, ...(at.time ? { time: at.time, stamp: at.time } : {}) };
    if (at.exchange) g.exchange = at.exchange;
    found.push(g);
  }
}

/** What became of an entry's request: its status, the browser's error, what the answer held. */
function exchangeOf(entry: HarEntry, index: number, answer: string, ended: string | undefined): HttpExchange {
  const status = typeof entry.response?.status === 'number' ? Math.max(0, entry.response.status) : undefined;
  const error = entry.response?._error || entry.response?._failureText || entry._error;
  const kind = answer.trim() === '' ? 'empty' : BOSH_CONTENT.test(answer) ? 'bosh' : /^\s*(?:<!doctype html|<html)/i.test(answer) ? 'html' : 'other';
  const x: HttpExchange = { entry: index, answer: kind };
  if (status !== undefined) x.status = status;
  if (error) x.error = error;
  if (ended && status) x.ended = ended;
  return x;
}

// The keys a HAR entry's BOSH bodies and WebSocket frames hang on, read one JSON value at a time.
const HAR_KEY = /"(startedDateTime|method|url|text|encoding|type|data)"\s*:\s*("(?:[^"\\]|\\.)*")|"(time|opcode)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|"(postData|content|request)"\s*:\s*\{|"(_webSocketMessages)"\s*:\s*\[/g;

/**
 * Reads what it can of a HAR that is not whole JSON: each entry's startedDateTime, method and
 * url, every `text` under `postData` (sent) or `content` (received), and each WebSocket frame
 * under `_webSocketMessages` (type, time, opcode, data), value by value.
 */
function salvageHar(raw: string): Fragment[] {
  const found: Fragment[] = [];
  let line = 1;
  let counted = 0;
  let entry = { line: 1, time: undefined as string | undefined, method: 'POST', url: '' };
  // Entries are counted by their "request" object, which holds the url whatever the writer's key order.
  let requests = -1;
  let under: 'postData' | 'content' | 'frames' | undefined;
  // "encoding" may come before or after "text" in the same object.
  let base64: boolean | undefined;
  let held: { text: string; direction: 'sent' | 'received' } | undefined;
  // Chromium writes an entry's frames before its request: they wait for the url that names their connection.
  let frame: HarSocketMessage & { line?: number } = {};
  let pending: Array<HarSocketMessage & { line?: number }> = [];
  let framed = -1;
  const add = (text: string, direction: 'sent' | 'received', isBase64: boolean) => {
    const body = isBase64 ? Buffer.from(text, 'base64').toString('utf8') : text;
    addBody(found, body, { line: entry.line, direction, time: entry.time, source: `${entry.method} ${entry.url}`.trim() });
  };
  const flush = () => {
    if (held) add(held.text, held.direction, false);
    held = undefined;
  };
  const flushFrames = (url: string, index: number) => {
    for (const m of pending) found.push(...frameFragments(m, { line: m.line ?? entry.line, connection: String(Math.max(index, 0)), url }));
    if (pending.length) framed = index;
    pending = [];
  };
  const lineAt = (at: number) => {
    for (let k = raw.indexOf('\n', counted); k >= 0 && k < at; k = raw.indexOf('\n', k + 1)) line++;
    counted = at;
    return line;
  };
  for (const m of raw.matchAll(HAR_KEY)) {
    if (m[5]) {
      flush();
      if (m[5] === 'request') {
        requests++;
        under = undefined;
      } else under = m[5] as 'postData' | 'content';
      base64 = undefined;
      continue;
    }
    if (m[6]) {
      flush();
      // Frames after their entry's request (another writer's key order) belong to it.
      if (pending.length && isSocketUrl(entry.url) && framed !== requests) flushFrames(entry.url, requests);
      under = 'frames';
      frame = {};
      continue;
    }
    if (m[3]) {
      if (under === 'frames') frame[m[3] as 'time' | 'opcode'] = Number(m[4]);
      continue;
    }
    let value: string;
    try {
      value = JSON.parse(m[2]);
    } catch {
      continue;
    }
    switch (m[1]) {
      case 'startedDateTime':
        flush();
        entry = { ...entry, line: lineAt(m.index), time: value };
        if (under === 'frames') under = undefined;
        break;
      case 'method':
        entry.method = value;
        break;
      case 'url':
        entry = { ...entry, url: value, method: entry.method };
        if (pending.length && isSocketUrl(value)) flushFrames(value, requests);
        if (under === 'frames') under = undefined;
        break;
      case 'type':
        if (under === 'frames') frame = { type: value, line: lineAt(m.index) };
        break;
      case 'data':
        if (under === 'frames') {
          pending.push({ ...frame, data: value });
          frame = {};
        }
        break;
      case 'text': {
        flush();
        if (!under || under === 'frames') break;
        const direction = under === 'postData' ? 'sent' : 'received';
        if (base64 === undefined) held = { text: value, direction };
        else add(value, direction, base64);
        break;
      }
      case 'encoding':
        base64 = value === 'base64';
        if (held) add(held.text, held.direction, base64);
        held = undefined;
        break;
    }
  }
  flush();
  // The capture was cut before the frames' request: their url is not in the readable part.
  if (pending.length) flushFrames(isSocketUrl(entry.url) && framed !== requests ? entry.url : '', isSocketUrl(entry.url) && framed !== requests ? requests : requests + 1);
  return found;
}

function responseText(entry: HarEntry): string {
  const content = entry.response?.content;
  if (!content?.text) return '';
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

/** 1-based line of each entry's "startedDateTime" key, in order. */
function entryLines(raw: string, count: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = Math.max(0, raw.indexOf('"entries"'));
  for (let k = raw.indexOf('\n'); k >= 0 && k < pos; k = raw.indexOf('\n', k + 1)) line++;
  for (let i = 0; i < count; i++) {
    const at = raw.indexOf('"startedDateTime"', pos);
    if (at < 0) {
      lines.push(line);
      continue;
    }
    for (let k = raw.indexOf('\n', pos); k >= 0 && k < at; k = raw.indexOf('\n', k + 1)) line++;
    lines.push(line);
    pos = at + 1;
  }
  return lines;
}

function addMs(iso: string, ms: number): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + Math.round(ms)).toISOString();
}
