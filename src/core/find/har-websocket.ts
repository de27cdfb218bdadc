// WebSocket connections in a HAR capture (RFC 7395 XMPP framing). The Chromium family (Chrome,
// Edge, and DevTools' own writer) keeps each connection's data frames under the entry's
// `_webSocketMessages`: `{type: 'send'|'receive'|'error', time: epoch seconds, opcode, data}`,
// binary payloads in base64, no close frames and no close codes. Firefox writes the entry and no frames.
import type { Fragment, HttpExchange } from '../fragment';
import { findInText } from './finder';

export interface HarSocketMessage {
  type?: string;
  time?: number;
  opcode?: number;
  data?: string;
}

/** One WebSocket entry of a HAR: its upgrade's outcome and what its frames say about it. */
export interface HarSocket {
  /** The entry's index, as text: the connection's id within the capture. */
  connection: string;
  url: string;
  /** 1-based line of the entry. */
  line: number;
  /** ISO time the upgrade was asked for. */
  started?: string;
  /** The upgrade: status 101 opened the socket; anything else refused it (a wrong URL, a proxy's page). */
  exchange: HttpExchange;
  /** Frames the entry holds (every type), and how many of them carried XML. */
  frames: number;
  /** Frames of type 'error' (Chromium's webSocketFrameError), with their time. */
  errors: Array<{ time?: string; text: string }>;
  /** True when the HAR has no `_webSocketMessages` for the entry at all (Firefox), not an empty list. */
  unrecorded: boolean;
}

const XML_START = /^\s*</;

export function isSocketUrl(url: string | undefined): boolean {
  return !!url && /^wss?:\/\//i.test(url);
}

/** A frame's payload as text when it is XML: text frames as they are, binary ones decoded from base64 as UTF-8. */
export function frameText(m: HarSocketMessage): string | undefined {
  if (typeof m.data !== 'string') return undefined;
  if (m.opcode === 1 || m.opcode === undefined) return m.data;
  if (m.opcode !== 2) return undefined;
  if (XML_START.test(m.data)) return m.data;
  const text = Buffer.from(m.data, 'base64').toString('utf8');
  return XML_START.test(text) ? text : undefined;
}

/** Seconds since the epoch (Chromium's frame time) as ISO-8601 UTC. */
export function isoOfSeconds(s: number | undefined): string | undefined {
  if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) return undefined;
  return new Date(Math.round(s * 1000)).toISOString();
}

/** The XML fragments of one frame, placed on `line` of the capture. */
export function frameFragments(m: HarSocketMessage, at: { line: number; connection: string; url: string }): Fragment[] {
  if (m.type !== 'send' && m.type !== 'receive') return [];
  const text = frameText(m);
  if (!text || !XML_START.test(text)) return [];
  const time = isoOfSeconds(m.time);
  const out: Fragment[] = [];
  for (const f of findInText(text)) {
    const g: Fragment = {
      ...f,
      line: at.line,
      endLine: at.line,
      column: 0,
      direction: m.type === 'send' ? 'sent' : 'received',
      dialect: 'har',
      source: `GET ${at.url}`,
      socket: { connection: at.connection, url: at.url, ...(typeof m.opcode === 'number' ? { opcode: m.opcode } : {}) },
    };
    if (time) {
      g.time = time;
      g.stamp = time;
    }
    out.push(g);
  }
  return out;
}

/** What became of an upgrade: 101 opened it; a 404 or an HTML page means the URL serves no WebSocket. */
export function upgradeExchange(index: number, status: number | undefined, answer: string, error: string | undefined): HttpExchange {
  const kind = answer.trim() === '' ? 'empty' : /^\s*(?:<!doctype html|<html)/i.test(answer) ? 'html' : 'other';
  const x: HttpExchange = { entry: index, answer: kind };
  if (status !== undefined) x.status = status;
  if (error) x.error = error;
  return x;
}

/** The words for a HAR whose WebSocket entries hold no frames, with how to capture them. */
export function unrecordedWords(count: number): string {
  return (
    `${count === 1 ? 'a WebSocket connection' : `${count} WebSocket connections`} in this HAR carr${count === 1 ? 'ies' : 'y'} no frames ` +
    '(Firefox saves WebSocket connections in a HAR without their messages): to see the XMPP traffic, capture it in Chrome or Edge with DevTools open ' +
    'before the page connects, then Network → "Save all as HAR with content" (in newer versions "Export HAR"), which keeps each connection\'s messages'
  );
}
