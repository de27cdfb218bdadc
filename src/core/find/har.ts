import type { Fragment, HttpExchange } from '../fragment';
import { findInText } from './finder';

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string }; _error?: string; _failureText?: string };
  _error?: string;
}

// BOSH is recognised by what travels, not where (proxies and Finesse rename the path):
// a whole HTTP body that is one XEP-0124 <body> element.
const BOSH_CONTENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<body\b[^>]*\bxmlns=["']http:\/\/jabber\.org\/protocol\/httpbind["']/;

export function looksLikeHar(head: string): boolean {
  return /^\s*\{\s*"log"\s*:/.test(head) || (/^\s*\{/.test(head) && head.includes('"entries"') && head.includes('"log"'));
}

/**
 * The BOSH request and response bodies of a HAR capture, in entry order. Each fragment's
 * line is the line of its entry's startedDateTime, so "reveal" lands on the entry. A capture
 * that is not whole JSON (cut off while saving, or pasted in part) is not fatal: the bodies
 * still readable in it are recovered, and `onProblem` is told why the rest is not.
 */
export function findInHar(raw: string, onProblem?: (message: string) => void): Fragment[] {
  let har: { log?: { entries?: HarEntry[] } };
  try {
    har = JSON.parse(raw);
  } catch (e) {
    const found = salvageHar(raw);
    onProblem?.(`not a complete HAR file (${(e as Error).message}); ${found.length} BOSH fragment${found.length === 1 ? '' : 's'} recovered from the readable part`);
    return found;
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) {
    onProblem?.('not a HAR file: it has no log.entries list');
    return [];
  }

  const lines = entryLines(raw, entries.length);
  const found: Fragment[] = [];
  entries.forEach((entry, i) => {
    const source = `${entry.request?.method ?? 'POST'} ${entry.request?.url ?? ''}`.trim();
    const started = entry.startedDateTime;
    const finished = started && typeof entry.time === 'number' ? addMs(started, entry.time) : started;
    const answer = responseText(entry);
    const exchange = exchangeOf(entry, i, answer, finished);
    addBody(found, entry.request?.postData?.text ?? '', { line: lines[i], direction: 'sent', time: started, source, exchange });
    addBody(found, answer, { line: lines[i], direction: 'received', time: finished, source, exchange });
  });
  return found;
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

// The keys a HAR entry's BOSH bodies hang on, read one JSON string at a time.
const HAR_KEY = /"(startedDateTime|method|url|text|encoding)"\s*:\s*("(?:[^"\\]|\\.)*")|"(postData|content)"\s*:\s*\{/g;

/**
 * Reads what it can of a HAR that is not whole JSON: each entry's startedDateTime, method and
 * url, and every `text` under `postData` (sent) or `content` (received), string by string.
 */
function salvageHar(raw: string): Fragment[] {
  const found: Fragment[] = [];
  let line = 1;
  let counted = 0;
  let entry = { line: 1, time: undefined as string | undefined, method: 'POST', url: '' };
  let under: 'postData' | 'content' | undefined;
  // "encoding" may come before or after "text" in the same object.
  let base64: boolean | undefined;
  let held: { text: string; direction: 'sent' | 'received' } | undefined;
  const add = (text: string, direction: 'sent' | 'received', isBase64: boolean) => {
    const body = isBase64 ? Buffer.from(text, 'base64').toString('utf8') : text;
    addBody(found, body, { line: entry.line, direction, time: entry.time, source: `${entry.method} ${entry.url}`.trim() });
  };
  const flush = () => {
    if (held) add(held.text, held.direction, false);
    held = undefined;
  };
  for (const m of raw.matchAll(HAR_KEY)) {
    if (m[3]) {
      flush();
      under = m[3] as 'postData' | 'content';
      base64 = undefined;
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
        for (let k = raw.indexOf('\n', counted); k >= 0 && k < m.index; k = raw.indexOf('\n', k + 1)) line++;
        counted = m.index;
        entry = { line, time: value, method: 'POST', url: '' };
        under = undefined;
        break;
      case 'method':
        entry.method = value;
        break;
      case 'url':
        entry.url = value;
        break;
      case 'text': {
        flush();
        if (!under) break;
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
  let pos = 0;
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
