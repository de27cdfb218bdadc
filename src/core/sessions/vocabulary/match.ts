import type { NoteKind, NoteSide, VocabularyEntry } from './entry';
import { VOCABULARY } from './index';

/** What one log line says about a session, read with a vocabulary entry. */
export interface Note {
  note: NoteKind;
  side: NoteSide;
  source: string;
  sid?: string;
  jid?: string;
  ip?: string;
  rid?: number;
  diff?: number;
  /** A duration the line names (ms, seconds or a Java Duration), in milliseconds. */
  ms?: number;
  /** A threshold the line names (inactivity, logout timer), in seconds. */
  threshold?: number;
  agent?: string;
  reason?: string;
  status?: number;
  condition?: string;
  state?: string;
  /** The WebSocket connection the line is about: the same id as `socket.connection` of the fragments of that connection. */
  connection?: string;
}

/** Longest part of a line the vocabulary reads: messages sit at its start, stanzas after them. */
export const MAX_NOTE_TEXT = 2000;
/** Room for a log prefix before the message (the reader hands the line from its start). */
const MAX_PREFIX = 256;

interface Index {
  keywords: RegExp;
  byKeyword: Map<string, VocabularyEntry[]>;
}

let index: Index | undefined;

function build(entries: readonly VocabularyEntry[]): Index {
  const byKeyword = new Map<string, VocabularyEntry[]>();
  for (const e of entries) {
    const list = byKeyword.get(e.keyword);
    if (list) list.push(e);
    else byKeyword.set(e.keyword, [e]);
  }
  // Longest first, so a keyword that contains another is found whole.
  const alternatives = [...byKeyword.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { keywords: new RegExp(alternatives.join('|'), 'g'), byKeyword };
}

/**
 * The notes a line's text makes, usually none. One regular expression of every keyword runs
 * over the text up to `keywordEnd` (where a stanza starts: keywords stand before it); an
 * entry's own pattern runs, over the whole text, only when its keyword is there.
 * `connection`: the WebSocket connection the finder gave the line's record
 * (`FragmentFinder.recordContext.connection`), for lines that do not name it themselves
 * (ejabberd_websocket logs from the HTTP process).
 */
export function readNotes(text: string, keywordEnd = text.length, connection?: string): Note[] {
  index ??= build(VOCABULARY);
  const t = text.length > MAX_NOTE_TEXT + MAX_PREFIX ? text.slice(0, MAX_NOTE_TEXT + MAX_PREFIX) : text;
  const re = index.keywords;
  re.lastIndex = 0;
  let found: Note[] | undefined;
  let tried: Set<string> | undefined;
  for (let m = re.exec(t); m && m.index < keywordEnd; m = re.exec(t)) {
    tried ??= new Set<string>();
    if (tried.has(m[0])) continue;
    tried.add(m[0]);
    for (const entry of index.byKeyword.get(m[0])!) {
      const hit = entry.pattern.exec(t);
      if (!hit) continue;
      const note = noteOf(entry, hit.groups ?? {});
      if (!note.connection && connection && entry.socket) note.connection = connection;
      (found ??= []).push(note);
    }
  }
  return found ?? NONE;
}

const NONE: Note[] = [];

function noteOf(e: VocabularyEntry, g: Record<string, string | undefined>): Note {
  const n: Note = { note: e.note, side: e.side, source: e.source };
  if (g.sid) n.sid = g.sid;
  if (g.jid) n.jid = g.jid.replace(/[.,;:]+$/, '');
  if (g.ip) n.ip = g.ip;
  if (g.rid) n.rid = Number(g.rid);
  if (g.diff) n.diff = Number(g.diff);
  if (g.ms) n.ms = Number(g.ms);
  else if (g.seconds) n.ms = Math.round(Number(g.seconds) * 1000);
  else if (g.duration) {
    const ms = javaDurationMs(g.duration);
    if (ms !== undefined) n.ms = ms;
  }
  if (g.threshold) n.threshold = Number(g.threshold);
  if (g.agent) n.agent = g.agent;
  if (g.reason) n.reason = g.reason;
  if (g.status) n.status = Number(g.status);
  if (g.condition) n.condition = g.condition;
  if (g.state) n.state = g.state;
  if (g.connection) n.connection = g.connection;
  return n;
}

/** `PT13.23S`, `PT1M3.231S`, `PT1H` (java.time.Duration.toString) in milliseconds. */
export function javaDurationMs(d: string): number | undefined {
  const m = /^-?PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(d);
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** For tests: the entries a text matches, with their groups. */
export function entriesMatching(text: string): VocabularyEntry[] {
  return VOCABULARY.filter((e) => text.includes(e.keyword) && e.pattern.test(text));
}
