import type { DialectId } from '../fragment';

/** What the start of a log line says about the record it begins. */
export interface LogRecord {
  dialect: DialectId;
  /** ISO-8601 when the line's timestamp has a year; absent for year-less clocks (Prosody, logcat). */
  time?: string;
  /** The timestamp exactly as the log writes it. */
  stamp: string;
  /** Offset where the record's message starts, after the prefix. */
  messageStart: number;
  /** Who wrote the record, where the layout names it: Prosody's source column (`c2s55d8a0`, `bosh<sid>`, `mod_websocket`). */
  source?: string;
}

interface Dialect {
  id: DialectId;
  /** Anchored at the start of the line; group names y, mo (number or name), d, h, mi, s, ms, tz. */
  prefix: RegExp;
  /** A cheap first-character test so most dialects are skipped without running a regex. */
  first: RegExp;
}

const LEVEL = '(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)';
const ISO_DATE = '(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})[ T](?<h>\\d{2}):(?<mi>\\d{2}):(?<s>\\d{2})(?:[.,](?<ms>\\d{1,9}))?(?<tz>Z|[+-]\\d{2}:?\\d{2})?';

/**
 * One entry per log layout, most specific first. Adding a server is one entry here and a
 * fixture in test/fixtures/logs/.
 */
export const DIALECTS: readonly Dialect[] = [
  // Our own session transcripts: 2026-11-23T21:07:47.123Z SENT rid=… <stanza>
  { id: 'transcript', first: /\d/, prefix: new RegExp(`^${ISO_DATE} (?=SENT|RECV)`) },
  // Openfire 4.3+: 2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-12]: org.jivesoftware.openfire.http.HttpSession - …
  { id: 'openfire', first: /\d/, prefix: new RegExp(`^(?<y>\\d{4})\\.(?<mo>\\d{2})\\.(?<d>\\d{2}) (?<h>\\d{2}):(?<mi>\\d{2}):(?<s>\\d{2})\\.(?<ms>\\d{3}) ${LEVEL}\\s*\\[[^\\]]*\\]:? (?:\\S+ - )?`) },
  // Openfire before 4.3: 2017.06.17 00:14:34 Session (id=f382a015) was last active …
  { id: 'openfire-legacy', first: /\d/, prefix: /^(?<y>\d{4})\.(?<mo>\d{2})\.(?<d>\d{2}) (?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2}) (?:\[[^\]]*\] )?/ },
  // Finesse webservices: 0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_Smack Listener Processor (1)-6-PRESENCE: …
  { id: 'finesse', first: /\d/, prefix: /^\d+\s?:\s*[^\s:]*(?::[^\s:]+)*::?\s+(?<mo>[A-Z][a-z]{2}) (?<d>\d{1,2}) (?<y>\d{4}) (?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})\.(?<ms>\d{3})(?: (?<tz>[+-]\d{4}))?:\s*/ },
  // MongooseIM (logfmt): when=2021-05-04T12:13:14.123456+00:00 level=debug what=… 
  { id: 'mongooseim', first: /w/, prefix: new RegExp(`^when=${ISO_DATE} `) },
  // ejabberd: 2021-03-05 10:11:12.345 [debug] <0.600.0>@mod_bosh:handle_call/3:339 …
  { id: 'ejabberd', first: /\d/, prefix: new RegExp(`^${ISO_DATE} \\[(?:debug|info|notice|warning|error|critical|alert|emergency)\\] `) },
  // Tigase: 2019-05-14 12:34:56.789 [in_0-sess-man]  SessionManager.processPacket()  FINEST: …
  { id: 'tigase', first: /\d/, prefix: new RegExp(`^${ISO_DATE} \\[[^\\]]+\\]\\s+\\S+\\s+(?:FINEST|FINER|FINE|CONFIG|INFO|WARNING|SEVERE):\\s*`) },
  // node-xmpp-bosh (log4js): [2012-10-12 13:14:15.123] [DEBUG] bosh_server - …
  { id: 'node-xmpp-bosh', first: /\[/, prefix: new RegExp(`^\\[${ISO_DATE}\\] \\[${LEVEL}\\] \\S+ - `) },
  // Smack on Android, logcat threadtime: 11-23 21:07:47.123  1234  5678 D SMACK   : SENT (0): …
  { id: 'smack', first: /\d/, prefix: /^(?<mo>\d{2})-(?<d>\d{2}) (?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})\.(?<ms>\d{3})\s+\d+\s+\d+ [VDIWEF] [^:]*: / },
  // Smack's console debugger: 21:07:47 SENT (0): …
  { id: 'smack', first: /\d/, prefix: /^(?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2}) (?=(?:SENT|RECV|RCV) +\(\d+\))/ },
  // Prosody: Nov 23 21:07:47 c2s55d8a0	debug	Received[c2s]: …
  { id: 'prosody', first: /[A-Z]/, prefix: /^(?<mo>[A-Z][a-z]{2}) (?<d>[ \d]\d) (?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})\s+(?<src>\S+)\s+(?:debug|info|warn|error)\s+/ },
  // Prosody with ISO timestamps (log = { { to = "file", timestamps = "%Y-%m-%d %H:%M:%S" } })
  { id: 'prosody', first: /\d/, prefix: new RegExp(`^${ISO_DATE}\\s+(?<src>\\S+)\\s+(?:debug|info|warn|error)\\t\\s*`) },
  // Browser consoles (Strophe, Converse, JSXC) copied with timestamps: 10:11:12.345 RECV: <body …
  { id: 'console', first: /\d/, prefix: /^(?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})\.(?<ms>\d{3}) / },
  // Anything else that starts with an ISO date: a new record all the same.
  { id: 'plain', first: /[\d[]/, prefix: new RegExp(`^\\[?${ISO_DATE}\\]?\\s*`) },
];

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

// Index of the dialect that matched last. Only a hint for speed: specific dialects never
// match the same line, but the catch-all 'plain' overlaps them all, so it is never promoted.
let lastHit = 0;

/** Reads a line's log prefix, if it has one of the layouts above. */
export function readRecord(line: string): LogRecord | undefined {
  if (line.length < 8) return undefined;
  // Logs keep one layout throughout, so the dialect that matched last is tried first.
  const first = lastHit;
  const hit = readAs(first, line);
  if (hit) return hit;
  for (let k = 0; k < DIALECTS.length; k++) {
    if (k === first) continue;
    const record = readAs(k, line);
    if (record) return record;
  }
  return undefined;
}

function readAs(index: number, line: string): LogRecord | undefined {
  const dialect = DIALECTS[index];
  if (!dialect.first.test(line[0])) return undefined;
  const m = dialect.prefix.exec(line);
  if (!m) return undefined;
  if (dialect.id !== 'plain') lastHit = index;
  const g = m.groups ?? {};
  const record: LogRecord = { dialect: dialect.id, stamp: stampOf(m[0], g), time: isoTime(g), messageStart: m[0].length };
  if (g.src) record.source = g.src;
  return record;
}

/** True when the line begins a new log record: an open fragment must not run past it. */
export function startsRecord(line: string): boolean {
  return readRecord(line) !== undefined;
}

function stampOf(prefix: string, g: Record<string, string | undefined>): string {
  const parts = [g.y, g.mo, g.d, g.h, g.mi, g.s].filter(Boolean);
  if (parts.length === 0) return prefix.trim();
  const date = g.mo ? `${g.y ? g.y + '-' : ''}${month(g.mo)}-${g.d!.trim().padStart(2, '0')} ` : '';
  return `${date}${g.h}:${g.mi}:${g.s}${g.ms ? '.' + g.ms : ''}`;
}

function isoTime(g: Record<string, string | undefined>): string | undefined {
  if (!g.y || !g.mo || !g.d || !g.h) return undefined;
  const ms = g.ms ? '.' + g.ms.slice(0, 3).padEnd(3, '0') : '';
  let tz = g.tz ?? '';
  if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  return `${g.y}-${month(g.mo)}-${g.d.trim().padStart(2, '0')}T${g.h}:${g.mi}:${g.s}${ms}${tz}`;
}

function month(mo: string): string {
  return MONTHS[mo] ?? mo;
}
