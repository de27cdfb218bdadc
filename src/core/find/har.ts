import type { Fragment } from '../fragment';
import { findInText } from './finder';

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string } };
}

// BOSH is recognised by what travels, not where (proxies and Finesse rename the path):
// a whole HTTP body that is one XEP-0124 <body> element.
const BOSH_CONTENT = /^\s*(?:<\?xml[^>]*\?>\s*)?<body\b[^>]*\bxmlns=["']http:\/\/jabber\.org\/protocol\/httpbind["']/;

export function looksLikeHar(head: string): boolean {
  return /^\s*\{\s*"log"\s*:/.test(head) || (/^\s*\{/.test(head) && head.includes('"entries"') && head.includes('"log"'));
}

/**
 * The BOSH request and response bodies of a HAR capture, in entry order. Each fragment's
 * line is the line of its entry's startedDateTime, so "reveal" lands on the entry.
 */
export function findInHar(raw: string): Fragment[] {
  let har: { log?: { entries?: HarEntry[] } };
  try {
    har = JSON.parse(raw);
  } catch (e) {
    throw new Error(`not a readable HAR file: ${(e as Error).message}`);
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) throw new Error('not a HAR file: it has no log.entries list');

  const lines = entryLines(raw, entries.length);
  const found: Fragment[] = [];
  entries.forEach((entry, i) => {
    const request = entry.request?.postData?.text ?? '';
    const response = responseText(entry);
    if (!BOSH_CONTENT.test(request) && !BOSH_CONTENT.test(response)) return;
    const source = `${entry.request?.method ?? 'POST'} ${entry.request?.url ?? ''}`.trim();
    const started = entry.startedDateTime;
    const finished = started && typeof entry.time === 'number' ? addMs(started, entry.time) : started;
    const add = (text: string, direction: 'sent' | 'received', time: string | undefined) => {
      for (const f of findInText(text)) {
        found.push({ ...f, line: lines[i], endLine: lines[i], column: 0, direction, dialect: 'har', source, ...(time ? { time, stamp: time } : {}) });
      }
    };
    add(request, 'sent', started);
    add(response, 'received', finished);
  });
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
