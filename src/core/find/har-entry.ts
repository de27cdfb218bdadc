// One HAR entry, parsed on its own: its BOSH bodies or WebSocket frames as fragments, each on
// the line of the capture that holds it.
import type { Fragment, HttpExchange } from '../fragment';
import { findInText } from './finder';
import { frameFragments, isSocketUrl, upgradeExchange, type HarSocket, type HarSocketMessage } from './har-websocket';

export interface HarEntry {
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
export const BOSH_CONTENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<body\b[^>]*\bxmlns=["']http:\/\/jabber\.org\/protocol\/httpbind["']/;

export interface EntryOut {
  fragment(f: Fragment): void;
  socket(s: HarSocket): void;
}

/**
 * The fragments of entry `index`, whose JSON text `text` starts on `line`. Fragments sit on the
 * line of the entry's startedDateTime, frames on the line of their own "type" key, so reveal
 * lands on them. Answers whether the entry is a WebSocket the browser kept no frames of.
 */
export function readEntry(entry: HarEntry, index: number, text: string, line: number, out: EntryOut): boolean {
  const at = new TextLines(text, line).of(text.indexOf('"startedDateTime"'));
  if (isSocketUrl(entry.request?.url) || entry._resourceType === 'websocket') {
    // Chromium writes the frames before startedDateTime: their lines are counted from the entry's start.
    const s = readSocket(new TextLines(text, line), entry, index, at, out);
    out.socket(s);
    return s.unrecorded && s.exchange.status === 101;
  }
  const source = `${entry.request?.method ?? 'POST'} ${entry.request?.url ?? ''}`.trim();
  const started = entry.startedDateTime;
  const finished = started && typeof entry.time === 'number' ? addMs(started, entry.time) : started;
  const answer = responseText(entry);
  const exchange = exchangeOf(entry, index, answer, finished);
  addBody(out.fragment, entry.request?.postData?.text ?? '', { line: at, direction: 'sent', time: started, source, exchange });
  addBody(out.fragment, answer, { line: at, direction: 'received', time: finished, source, exchange });
  return false;
}

/** One WebSocket entry: its frames as fragments (each on its own line of the capture), and the upgrade's outcome. */
function readSocket(lines: TextLines, entry: HarEntry, index: number, line: number, out: EntryOut): HarSocket {
  const url = entry.request?.url ?? '';
  const connection = String(index);
  const messages = Array.isArray(entry._webSocketMessages) ? entry._webSocketMessages : undefined;
  const status = typeof entry.response?.status === 'number' ? Math.max(0, entry.response.status) : undefined;
  const error = entry.response?._error || entry.response?._failureText || entry._error;
  const s: HarSocket = { connection, url, line, exchange: upgradeExchange(index, status, responseText(entry), error || undefined), frames: messages?.length ?? 0, errors: [], unrecorded: !messages };
  if (entry.startedDateTime) s.started = entry.startedDateTime;
  if (!messages) return s;
  const at = lines.frames(messages.length, line);
  messages.forEach((m, k) => {
    if (m?.type === 'error') {
      const time = typeof m.time === 'number' ? new Date(Math.round(m.time * 1000)).toISOString() : undefined;
      s.errors.push({ text: String(m.data ?? ''), ...(time ? { time } : {}) });
      return;
    }
    for (const f of frameFragments(m ?? {}, { line: at[k], connection, url })) out.fragment(f);
  });
  return s;
}

/**
 * Lines within one entry's text, counted forward only. A `_webSocketMessages` list's frames are
 * found by their "type" key (keys inside JSON strings are escaped, so every occurrence is real).
 */
class TextLines {
  private pos = 0;
  private line: number;
  constructor(
    private readonly raw: string,
    private readonly first: number,
  ) {
    this.line = first;
  }

  /** The line of offset `at`, or of the text's start when `at` is -1. */
  of(at: number): number {
    if (at < 0) return this.first;
    this.advance(at);
    return this.line;
  }

  private advance(to: number): void {
    for (let k = this.raw.indexOf('\n', this.pos); k >= 0 && k < to; k = this.raw.indexOf('\n', k + 1)) this.line++;
    this.pos = to;
  }

  frames(count: number, fallback: number): number[] {
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

export function addBody(out: (f: Fragment) => void, text: string, at: BodyPlace): void {
  if (!BOSH_CONTENT.test(text)) return;
  for (const f of findInText(text)) {
    const g: Fragment = { ...f, line: at.line, endLine: at.line, column: 0, direction: at.direction, dialect: 'har', source: at.source, ...(at.time ? { time: at.time, stamp: at.time } : {}) };
    if (at.exchange) g.exchange = at.exchange;
    out(g);
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

function responseText(entry: HarEntry): string {
  const content = entry.response?.content;
  if (!content?.text) return '';
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

function addMs(iso: string, ms: number): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + Math.round(ms)).toISOString();
}
