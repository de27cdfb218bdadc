// The messages between the extension host and the Stanza Inspector webview. Both sides import
// this file and check what arrives with the readers below: a webview is a web page, so nothing
// it posts is trusted to have the right shape.
import { END_CAUSES, type EndCause, type EventLane, type Finding, type FindingKind, type Place, type Session, type Severity } from './core/sessions/model';

export type RowDirection = 'sent' | 'received';

/** One table row: a fragment found in the source, decoded and described. */
export interface Row {
  /** Position in the source's fragment list; the key for detail, reveal and export requests. */
  index: number;
  line: number;
  endLine: number;
  time?: string;
  direction?: RowDirection;
  /** The log did not say which way; `direction` was read from the traffic (a rid, an id, SASL, an iq's request). */
  directionInferred?: boolean;
  kind: string;
  from?: string;
  to?: string;
  node?: string;
  /** What it is; says "(cut off in the log)" for a fragment the log never closed. */
  summary: string;
  /** How many escaped layers were decoded (a Finesse notification: 1). */
  layers: number;
  error?: string;
}

/** A row's columns as the text filter reads them, lower-cased: the page and the host search the same text. */
export function rowText(r: Row): string {
  return [r.line, r.time, r.direction, r.kind, r.from, r.to, r.node, r.summary, r.error].filter((v) => v !== undefined).join('\u0000').toLowerCase();
}

/** The words of a text filter: every one must be found. */
export function filterWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Deepest nesting of a decoded tree sent to the page; a deeper stanza is shown as text. */
export const MAX_TREE_DEPTH = 200;

/** A decoded element for the detail pane; `layer` > 0 marks an element decoded from escaped text. */
export interface XmlNodeView {
  name: string;
  attrs: Array<[string, string]>;
  children: Array<XmlNodeView | string>;
  layer: number;
}

export interface Detail {
  index: number;
  summary: string;
  /** The decoded tree; absent when the fragment could not be parsed or nests deeper than MAX_TREE_DEPTH. */
  tree?: XmlNodeView;
  /** Pretty-printed decoded XML, cut at the size limit. */
  decoded: string;
  /** The fragment as it stands in the source (escaped, with log text around it removed), cut at the size limit. */
  original: string;
  layers: number;
  /** True when the tree or text was cut at the size limit. */
  cut: boolean;
  error?: string;
  facts: Array<[string, string]>;
}

/** What the Inspector shows, enough to reopen it after a reload. */
export type SourceRef = { kind: 'file'; path: string } | { kind: 'document'; uri: string; selection?: { start: number; end: number } };

export interface Filters {
  /** Words searched in the table's columns and, by the host, in each stanza's whole decoded XML. */
  text: string;
  /** An element path (src/core/match), tested by the host on each stanza's decoded tree; '' for none. */
  match: string;
  kinds: string[];
  direction: '' | RowDirection;
  jid: string;
  node: string;
}

/** What the webview keeps across reloads (vscode.setState) and hands to the serializer. */
export interface InspectorState {
  source?: SourceRef;
  filters: Filters;
  selected?: number;
  scrollTop?: number;
  /** Line to select once rows arrive (from a hover's "Open in Stanza Inspector"). */
  revealLine?: number;
  /** The user paused following (rows that arrive are counted, shown on resuming). */
  paused?: boolean;
}

export type HostMessage =
  | { type: 'reset'; title: string; source: SourceRef; revealLine?: number; follows?: boolean }
  | { type: 'rows'; rows: Row[] }
  /** The source was opened again at a line: select the stanza there. */
  | { type: 'select'; line: number }
  /** Rows of search `search` that match, found since the last such message; `searched` of `total` stanzas read so far. */
  | { type: 'matches'; search: number; indices: number[]; searched: number; total: number; done: boolean }
  /** The element path of search `search` cannot be read; `column` is 1-based in it. */
  | { type: 'searchError'; search: number; message: string; column: number }
  | { type: 'progress'; rows: number; done: boolean; bytes?: number; totalBytes?: number }
  | { type: 'detail'; detail: Detail }
  | { type: 'error'; message: string };

export type WebviewMessage =
  | { type: 'ready'; state?: InspectorState }
  | { type: 'detail'; index: number }
  | { type: 'reveal'; index: number }
  | { type: 'copy'; index: number; what: 'decoded' | 'original' }
  | { type: 'export'; indices: number[] }
  /** Search every stanza for the text and the element path (both '' cancels the search before). */
  | { type: 'search'; search: number; text: string; match: string };

export const EMPTY_FILTERS: Filters = { text: '', match: '', kinds: [], direction: '', jid: '', node: '' };

/** Longest text or element path the host accepts in a search. */
export const MAX_SEARCH_CHARS = 1000;

// --- readers: undefined for anything that is not a well-formed message ---

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const optStr = (v: unknown) => v === undefined || isStr(v);

export function readWebviewMessage(m: unknown): WebviewMessage | undefined {
  if (!isObj(m) || !isStr(m.type)) return undefined;
  switch (m.type) {
    case 'ready':
      if (m.state === undefined) return { type: 'ready' };
      const state = readState(m.state);
      return state ? { type: 'ready', state } : undefined;
    case 'detail':
    case 'reveal':
      return isIndex(m.index) ? { type: m.type, index: m.index } : undefined;
    case 'copy':
      return isIndex(m.index) && (m.what === 'decoded' || m.what === 'original') ? { type: 'copy', index: m.index, what: m.what } : undefined;
    case 'export':
      return Array.isArray(m.indices) && m.indices.every(isIndex) ? { type: 'export', indices: m.indices as number[] } : undefined;
    case 'search':
      return isIndex(m.search) && isStr(m.text) && isStr(m.match) && m.text.length <= MAX_SEARCH_CHARS && m.match.length <= MAX_SEARCH_CHARS ? { type: 'search', search: m.search, text: m.text, match: m.match } : undefined;
    default:
      return undefined;
  }
}

export function readHostMessage(m: unknown): HostMessage | undefined {
  if (!isObj(m) || !isStr(m.type)) return undefined;
  switch (m.type) {
    case 'reset': {
      const source = readSource(m.source);
      if (!isStr(m.title) || !source) return undefined;
      if (!(m.follows === undefined || typeof m.follows === 'boolean')) return undefined;
      const reset: HostMessage = { type: 'reset', title: m.title, source };
      if (isIndex(m.revealLine)) reset.revealLine = m.revealLine;
      if (m.follows) reset.follows = true;
      return reset;
    }
    case 'select':
      return isIndex(m.line) ? { type: 'select', line: m.line } : undefined;
    case 'matches':
      if (!isIndex(m.search) || !isIndex(m.searched) || !isIndex(m.total) || typeof m.done !== 'boolean') return undefined;
      return Array.isArray(m.indices) && m.indices.every(isIndex) ? { type: 'matches', search: m.search, indices: m.indices as number[], searched: m.searched, total: m.total, done: m.done } : undefined;
    case 'searchError':
      return isIndex(m.search) && isStr(m.message) && isIndex(m.column) ? { type: 'searchError', search: m.search, message: m.message, column: m.column } : undefined;
    case 'rows':
      return Array.isArray(m.rows) && m.rows.every(isRow) ? { type: 'rows', rows: m.rows as Row[] } : undefined;
    case 'progress': {
      if (!isIndex(m.rows) || typeof m.done !== 'boolean') return undefined;
      if (!(m.bytes === undefined || isIndex(m.bytes)) || !(m.totalBytes === undefined || isIndex(m.totalBytes))) return undefined;
      const p: HostMessage = { type: 'progress', rows: m.rows, done: m.done };
      if (m.bytes !== undefined) p.bytes = m.bytes as number;
      if (m.totalBytes !== undefined) p.totalBytes = m.totalBytes as number;
      return p;
    }
    case 'detail':
      return isDetail(m.detail) ? { type: 'detail', detail: m.detail } : undefined;
    case 'error':
      return isStr(m.message) ? { type: 'error', message: m.message } : undefined;
    default:
      return undefined;
  }
}

/** The state as saved, or undefined when it is not one (an older or damaged save). */
export function readState(s: unknown): InspectorState | undefined {
  if (!isObj(s)) return undefined;
  const filters = readFilters(s.filters);
  if (!filters) return undefined;
  const state: InspectorState = { filters };
  if (s.source !== undefined) {
    const source = readSource(s.source);
    if (!source) return undefined;
    state.source = source;
  }
  if (isIndex(s.selected)) state.selected = s.selected;
  if (typeof s.scrollTop === 'number' && s.scrollTop >= 0) state.scrollTop = s.scrollTop;
  if (isIndex(s.revealLine)) state.revealLine = s.revealLine;
  if (s.paused === true) state.paused = true;
  return state;
}

function readFilters(f: unknown): Filters | undefined {
  if (!isObj(f)) return undefined;
  if (!isStr(f.text) || !isStr(f.jid) || !isStr(f.node)) return undefined;
  if (!(f.direction === '' || f.direction === 'sent' || f.direction === 'received')) return undefined;
  if (!Array.isArray(f.kinds) || !f.kinds.every(isStr)) return undefined;
  // Saved before the element filter existed: none.
  if (!(f.match === undefined || isStr(f.match))) return undefined;
  return { text: f.text, match: f.match ?? '', kinds: f.kinds as string[], direction: f.direction, jid: f.jid, node: f.node };
}

function readSource(s: unknown): SourceRef | undefined {
  if (!isObj(s)) return undefined;
  if (s.kind === 'file' && isStr(s.path)) return { kind: 'file', path: s.path };
  if (s.kind === 'document' && isStr(s.uri)) {
    const sel = s.selection;
    if (sel === undefined) return { kind: 'document', uri: s.uri };
    if (isObj(sel) && isIndex(sel.start) && isIndex(sel.end)) return { kind: 'document', uri: s.uri, selection: { start: sel.start, end: sel.end } };
  }
  return undefined;
}

function isRow(r: unknown): boolean {
  return (
    isObj(r) &&
    isIndex(r.index) &&
    isIndex(r.line) &&
    isIndex(r.endLine) &&
    isStr(r.kind) &&
    isStr(r.summary) &&
    isIndex(r.layers) &&
    optStr(r.time) &&
    optStr(r.from) &&
    optStr(r.to) &&
    optStr(r.node) &&
    optStr(r.error) &&
    (r.direction === undefined || r.direction === 'sent' || r.direction === 'received') &&
    (r.directionInferred === undefined || typeof r.directionInferred === 'boolean')
  );
}

function isNodeView(n: unknown, depth = 0): boolean {
  if (depth >= MAX_TREE_DEPTH || !isObj(n) || !isStr(n.name) || !isIndex(n.layer)) return false;
  if (!Array.isArray(n.attrs) || !n.attrs.every((a) => Array.isArray(a) && a.length === 2 && isStr(a[0]) && isStr(a[1]))) return false;
  return Array.isArray(n.children) && n.children.every((c) => isStr(c) || isNodeView(c, depth + 1));
}

function isDetail(d: unknown): d is Detail {
  return (
    isObj(d) &&
    isIndex(d.index) &&
    isStr(d.summary) &&
    isStr(d.decoded) &&
    isStr(d.original) &&
    isIndex(d.layers) &&
    typeof d.cut === 'boolean' &&
    optStr(d.error) &&
    (d.tree === undefined || isNodeView(d.tree)) &&
    Array.isArray(d.facts) &&
    d.facts.every((f) => Array.isArray(f) && f.length === 2 && isStr(f[0]) && isStr(f[1]))
  );
}

// --- the session timeline panel (xmppBosh.sessionTimeline) ---
// The host sends one session of a diagnosed incident and the findings on it; the page draws it
// and asks the host to reveal a line or to save an export. Readers check both directions.

/** What the timeline draws: one session, the findings on it, and where it came from. */
export interface TimelineData {
  /** What the incident is, in words ("3 picked files", "open editors", "live session …"). */
  title: string;
  session: Session;
  findings: Finding[];
}

export type TimelineHostMessage = { type: 'show'; data: TimelineData } | { type: 'error'; message: string };

export type TimelineWebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; file: string; line: number }
  /** An SVG export as text, or a PNG export as base64 bytes, for the host to save. */
  | { type: 'export'; format: 'svg'; text: string }
  | { type: 'export'; format: 'png'; base64: string };

/** Largest export the host accepts from the page (characters of SVG text or base64). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
/** Most spans, events, findings and evidence lines the host sends and the page accepts. */
export const MAX_TIMELINE_ITEMS = 20_000;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNum = (v: unknown) => v === undefined || isNum(v);
const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const isSeverity = (v: unknown): v is Severity => v === 'error' || v === 'warning' || v === 'info';
const LANES: readonly EventLane[] = ['client', 'server', 'finesse'];
const FINDING_KINDS: readonly FindingKind[] = ['session-end', 'polling-stopped', 'forced-logout', 'presence-unavailable', 'undelivered', 'retransmission', 'rid-gap', 'overactivity', 'stream-error', 'sasl-failure', 'http-error', 'certificate', 'cors', 'unknown-session'];

function isPlace(p: unknown): p is Obj & Place {
  return isObj(p) && isStr(p.file) && isLine(p.line);
}
function isMomentPlace(p: unknown): boolean {
  return isPlace(p) && optNum(p.time) && optStr(p.stamp);
}
function isEvidence(e: unknown): boolean {
  return isPlace(e) && isStr(e.text);
}
const listOf = (v: unknown, ok: (x: unknown) => boolean) => Array.isArray(v) && v.length <= MAX_TIMELINE_ITEMS && v.every(ok);

function isSpan(s: unknown): boolean {
  if (!isObj(s) || !isNum(s.rid) || !isMomentPlace(s.sent) || typeof s.empty !== 'boolean' || !isStr(s.summary)) return false;
  if (!(s.answered === undefined || isMomentPlace(s.answered))) return false;
  if (!(s.retransmission === undefined || typeof s.retransmission === 'boolean')) return false;
  if (!(s.marker === undefined || s.marker === 'create' || s.marker === 'restart' || s.marker === 'terminate' || s.marker === 'pause')) return false;
  return optStr(s.answer) && optNum(s.status) && optStr(s.error);
}

function isEvent(e: unknown): boolean {
  return isMomentPlace(e) && LANES.includes((e as Obj).lane as EventLane) && isStr((e as Obj).kind) && isStr((e as Obj).text) && optNum((e as Obj).rid) && ((e as Obj).severity === undefined || isSeverity((e as Obj).severity));
}

function isTick(t: unknown): boolean {
  return isMomentPlace(t) && ((t as Obj).lane === 'client' || (t as Obj).lane === 'server') && isStr((t as Obj).summary);
}

function isFinding(f: unknown): f is Finding {
  return isMomentPlace(f) && FINDING_KINDS.includes((f as Obj).kind as FindingKind) && isSeverity((f as Obj).severity) && isStr((f as Obj).message) && listOf((f as Obj).evidence, isEvidence) && optStr((f as Obj).sid) && optStr((f as Obj).jid) && optStr((f as Obj).agent) && optNum((f as Obj).count);
}

function isParams(p: unknown): boolean {
  return isObj(p) && ['wait', 'inactivity', 'hold', 'requests', 'polling', 'maxpause'].every((k) => optNum(p[k]));
}

/** A session as the timeline draws it; fields the picture does not use are not checked beyond their type where present. */
export function isTimelineSession(s: unknown): s is Session {
  return (
    isObj(s) &&
    isStr(s.sid) &&
    (s.transport === 'bosh' || s.transport === 'websocket') &&
    optStr(s.jid) &&
    optStr(s.agent) &&
    optStr(s.condition) &&
    END_CAUSES.includes(s.endCause as EndCause) &&
    isStr(s.explanation) &&
    listOf(s.files, isStr) &&
    isParams(s.params) &&
    (s.start === undefined || isMomentPlace(s.start)) &&
    (s.end === undefined || isMomentPlace(s.end)) &&
    isIndex(s.requests) &&
    isIndex(s.retransmissions) &&
    isIndex(s.ridGaps) &&
    isIndex(s.restarts) &&
    listOf(s.evidence, isEvidence) &&
    listOf(s.events, isEvent) &&
    listOf(s.spans, isSpan) &&
    (s.ticks === undefined || listOf(s.ticks, isTick)) &&
    (s.streams === undefined || listOf(s.streams, isStr)) &&
    optNum(s.frames) &&
    (s.trimmed === undefined || typeof s.trimmed === 'boolean')
  );
}

export function readTimelineHostMessage(m: unknown): TimelineHostMessage | undefined {
  if (!isObj(m) || !isStr(m.type)) return undefined;
  if (m.type === 'error') return isStr(m.message) ? { type: 'error', message: m.message } : undefined;
  if (m.type !== 'show' || !isObj(m.data)) return undefined;
  const d = m.data;
  if (!isStr(d.title) || !isTimelineSession(d.session) || !listOf(d.findings, isFinding)) return undefined;
  return { type: 'show', data: { title: d.title, session: d.session, findings: d.findings as Finding[] } };
}

export function readTimelineWebviewMessage(m: unknown): TimelineWebviewMessage | undefined {
  if (!isObj(m) || !isStr(m.type)) return undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return isStr(m.file) && m.file.length > 0 && isLine(m.line) ? { type: 'reveal', file: m.file, line: m.line } : undefined;
    case 'export':
      if (m.format === 'svg' && isStr(m.text) && m.text.length <= MAX_EXPORT_CHARS && /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(m.text)) return { type: 'export', format: 'svg', text: m.text };
      if (m.format === 'png' && isStr(m.base64) && m.base64.length <= MAX_EXPORT_CHARS && /^[A-Za-z0-9+/]+={0,2}$/.test(m.base64)) return { type: 'export', format: 'png', base64: m.base64 };
      return undefined;
    default:
      return undefined;
  }
}

// --- the words of the pages ---

/** The id of the JSON the host places in a page: PAGE_MESSAGES in the editor's language. */
export const PAGE_STRINGS_ID = 'page-strings';

/**
 * Every message the Inspector and timeline pages show, in English. The host translates each with vscode.l10n and
 * places them in the page it serves, so the pages carry no words of their own; a page's l10n.t takes only these.
 */
export const PAGE_MESSAGES = [
  'Filter: text anywhere in the stanza (/ to focus)',
  'Elements: Update/user/state=NOT_READY, iq[type=error]',
  'Element names from outer to inner, at any depth, decoded layers included; [attr] or [attr=value] on any step, =text on the last',
  'Following',
  'pubsub node',
  'Direction',
  'both directions',
  '→ sent',
  '← received',
  'Save the rows shown, decoded, as a .log file',
  'Export decoded…',
  'Kinds',
  'Waiting for the log…',
  'line',
  'time',
  'dir',
  'kind',
  'from → to',
  'node',
  'summary',
  'Decoded fragment',
  'Select a row to see it decoded.',
  'Show only {0} (click again to clear)',
  'Paused ({0} new)',
  'Paused',
  'Show the rows that arrived and follow the newest',
  'Pause: keep the table still; new rows are counted and shown on resuming',
  '{0} fragments',
  '{0} of {1} fragments',
  ' ({0}% read)',
  ', reading…{0}',
  ', searching the stanzas… {0}%',
  ', {0} new while paused',
  'Copy decoded',
  'Copy the decoded, pretty-printed XML',
  'Copy original',
  'Copy the fragment as it stands in the log',
  'Reveal in editor',
  'Show this fragment in the log',
  '1 escaped layer decoded: framed below',
  '{0} escaped layers decoded: framed below',
  'This fragment is longer than the xmppBosh.inspector.maxChars setting; the rest is not shown. Copy or reveal it to see all of it.',
  'Not well-formed XML: {0}',
  'Original text',
  'Element filter, column {0}: {1}',
  'WebSocket session {0}',
  'BOSH session {0}',
  'Client',
  'frames',
  'requests',
  'Server',
  'as logged',
  'inactivity {0} s from the last answer ({1}): the server ends the session if no request comes in this window',
  'inactivity {0} s after the last answer',
  'no answer',
  'rid {0} sent again',
  'rid jumped to {0}: the requests in between never reached this log',
  'END: {0}',
  'Scale',
  '{0}: {1} at this zoom',
  'inactivity',
  'the server granted no wait or inactivity in the lines read',
  'Waiting for the session…',
  'Fit',
  'Fit the whole session to the width',
  'Zoom out',
  'Zoom in (Ctrl + wheel over the picture)',
  'Export SVG…',
  'Save the picture as an SVG file',
  'Export PNG…',
  'Save the picture as a PNG image',
  'WebSocket {0}, streams {1}',
  'lasted {0}',
  '{0} frames',
  '{0} requests',
  '{0} sent again',
  '{0} rid jumps',
  'granted {0}',
  'long session: only its first and last requests are drawn',
  'fitted',
  '{0} per 100 px',
  'the picture could not be drawn',
  'the picture is too large for a PNG',
  'PNG export failed: {0}',
  'Fragments',
  '← recv',
  '{0}: inferred from the traffic, the log does not say',
  '{0}, 1 escaped layer decoded',
  '{0}, {1} escaped layers decoded',
  'Fold or unfold this element',
  'decoded from escaped text, layer {0}',
  'Finesse',
  'answered after {0}',
  ' (sent again)',
  ' (rid jumped)',
  'sent: {0}',
  'answer: {0}',
  'no response',
  'error: {0}',
  'sent frame',
  'received frame',
  'logged out',
  'inactivity timeout',
  'unknown session',
  'authentication failed',
  'rid out of window',
  'conflict (replaced)',
  'policy violation',
  'server shut down',
  'HTTP error',
  'network failure',
  'still open',
  'end unknown',
] as const;

export type PageMessage = (typeof PAGE_MESSAGES)[number];

/** English message → the editor's language. */
export type PageStrings = Partial<Record<PageMessage, string>>;

const PAGE_MESSAGE_SET: ReadonlySet<string> = new Set(PAGE_MESSAGES);

/** The page's strings as placed by the host: only known messages with text, anything else left out (English). */
export function readPageStrings(v: unknown): PageStrings {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, t] of Object.entries(v)) if (PAGE_MESSAGE_SET.has(k) && typeof t === 'string') out[k] = t;
  return out as PageStrings;
}
