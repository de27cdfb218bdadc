// The start of a log record in each dialect: timestamp, level, thread, logger. Every rule is
// anchored at column 0 and runs once per line. RECORD_START is the same knowledge in one
// lookahead, used to end any multi-line region (CDATA, comment, Finesse parameter) that was
// never closed, so a truncated stanza cannot swallow the rest of the file.
import { alt, cap, match, opt } from './regex-parts.mjs';
import { LOG, MSG, RECORD } from './scopes.mjs';

const ISO = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?`;
const OPENFIRE_DATE = String.raw`\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{3})?`;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** One lookahead-able alternation of every dialect's first characters. */
export const RECORD_START = [
  String.raw`\d{4}[.-]\d{2}[.-]\d{2}[T ]\d{2}:\d{2}`, // Openfire, ISO (ejabberd, Tigase, transcripts)
  String.raw`\[\d{4}-\d{2}-\d{2}[T ]\d{2}:`, // node-xmpp-bosh (log4js)
  String.raw`\d{6,}\s?:\s`, // Finesse sequence number
  String.raw`when=\d{4}-`, // MongooseIM logfmt
  String.raw`\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}`, // logcat
  String.raw`${MONTH}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}`, // Prosody, syslog
  String.raw`\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?\s`, // Smack and browser consoles
  String.raw`[VDIWEF]/[^\s\(]{1,64}\(\s*\d+\):`, // logcat brief
].join('|');

/** Alternation of capture groups, one per severity, each scoped like the built-in Log grammar. */
function level({ verbose, debug, info, warning, error }) {
  const branches = [];
  if (verbose) branches.push(cap(LOG.verbose, verbose));
  if (debug) branches.push(cap(LOG.debug, debug));
  if (info) branches.push(cap(LOG.info, info));
  if (warning) branches.push(cap(LOG.warning, warning));
  if (error) branches.push(cap(LOG.error, error));
  return alt(...branches);
}

const JAVA_LEVEL = level({ verbose: 'TRACE', debug: 'DEBUG', info: 'INFO', warning: 'WARN(?:ING)?', error: 'ERROR|FATAL' });
// Longest word first, and whole words only: "warning" is not "warn" followed by "ing".
const ANY_LEVEL = [
  level({
    verbose: '(?i:trace|verbose)',
    debug: '(?i:debug)',
    info: '(?i:information|info|notice)',
    warning: '(?i:warning|warn)',
    error: '(?i:error|fatal|critical|severe)',
  }),
  String.raw`(?!\w)`,
];
const bracketed = (scope, inner) => [cap(RECORD.bracket, String.raw`\[`), cap(scope, inner), cap(RECORD.bracket, String.raw`\]`)];

export const recordPrefixes = [
  // Openfire 4.3+: 2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-12]: org.jivesoftware…HttpBindServlet - …
  // Openfire before 4.3: 2017.06.17 00:14:34 HttpBindServlet - …  or  2017.06.17 00:14:34 Session (id=…) …
  match(
    'meta.record.openfire.xmpp',
    '^',
    cap(LOG.date, OPENFIRE_DATE),
    opt(String.raw`\s+`, JAVA_LEVEL, String.raw`(?=\s)`),
    opt(String.raw`\s+`, bracketed(RECORD.thread, String.raw`[^\]]*+`), cap(RECORD.separator, ':?')),
    opt(String.raw`\s+`, cap(RECORD.logger, String.raw`[\w$.]++`), String.raw`\s+`, cap(RECORD.separator, '-'), String.raw`(?=\s)`),
  ),
  // Finesse webservices: 0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_Smack Listener Processor (1)-6-PRESENCE: …
  match(
    'meta.record.finesse.xmpp',
    '^',
    cap(RECORD.sequence, String.raw`\d++`),
    String.raw`\s?:\s*`,
    cap(RECORD.host, String.raw`[^\s:]++`),
    String.raw`::?\s+`,
    cap(LOG.date, String.raw`${MONTH}\s+\d{1,2}\s+\d{4}\s+\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:\s+[+-]\d{4})?`),
    ':',
    opt(
      String.raw`\s*`,
      cap(RECORD.facility, String.raw`%[A-Z][A-Z0-9]*+_`),
      // The thread name may itself hold dashes (pool-8-thread-1): the shortest name followed by -<severity>-<MNEMONIC>: wins.
      cap(RECORD.thread, String.raw`[^:\n]{1,200}?`),
      '-',
      level({ error: '[0-3]', warning: '4', info: '[56]', debug: '7' }),
      '-',
      cap(RECORD.mnemonic, String.raw`[A-Z][A-Z0-9_]*+`),
      String.raw`(?=:)`,
    ),
  ),
  // node-xmpp-bosh (log4js): [2012-10-12 13:14:15.123] [DEBUG] bosh_server - …
  match(
    'meta.record.node-xmpp-bosh.xmpp',
    '^',
    cap(RECORD.bracket, String.raw`\[`),
    cap(LOG.date, ISO),
    cap(RECORD.bracket, String.raw`\]`),
    String.raw`\s+`,
    cap(RECORD.bracket, String.raw`\[`),
    ANY_LEVEL,
    cap(RECORD.bracket, String.raw`\]`),
    opt(String.raw`\s+`, cap(RECORD.logger, String.raw`[\w.$-]++`), String.raw`\s+`, cap(RECORD.separator, '-'), String.raw`(?=\s)`),
  ),
  // ejabberd: 2021-03-05 10:11:12.345 [debug] <0.600.0>@mod_bosh:handle_call/3:339 …
  match(
    'meta.record.ejabberd.xmpp',
    '^',
    cap(LOG.date, ISO),
    String.raw`\s+`,
    cap(RECORD.bracket, String.raw`\[`),
    level({ debug: 'debug', info: 'info|notice', warning: 'warning', error: 'error|critical|alert|emergency' }),
    cap(RECORD.bracket, String.raw`\]`),
    opt(
      String.raw`\s+`,
      cap(RECORD.thread, String.raw`<\d++\.\d++\.\d++>`),
      opt(
        cap(RECORD.separator, '@'),
        cap(RECORD.logger, String.raw`\w++`),
        cap(RECORD.separator, ':'),
        cap(RECORD.func, String.raw`\w++`),
        opt(cap(RECORD.separator, '/'), cap(RECORD.number, String.raw`\d++`)),
        opt(cap(RECORD.separator, ':'), cap(RECORD.number, String.raw`\d++`)),
      ),
    ),
  ),
  // Tigase: 2019-05-14 12:34:56.789 [in_0-sess-man]  SessionManager.processPacket()  FINEST: …
  match(
    'meta.record.tigase.xmpp',
    '^',
    cap(LOG.date, ISO),
    String.raw`\s+`,
    bracketed(RECORD.thread, String.raw`[^\]]*+`),
    String.raw`\s+`,
    cap(RECORD.logger, String.raw`[\w$.]++\(\)`),
    String.raw`\s+`,
    level({ verbose: 'FINEST|FINER', debug: 'FINE', info: 'INFO|CONFIG', warning: 'WARNING', error: 'SEVERE' }),
    cap(RECORD.separator, ':'),
  ),
  // MongooseIM (logfmt): when=2021-05-04T12:13:14.123456+00:00 level=debug what=…
  match(
    'meta.record.mongooseim.xmpp',
    '^',
    cap(RECORD.key, 'when'),
    cap(MSG.assign, '='),
    cap(LOG.date, ISO),
    opt(String.raw`\s+`, cap(RECORD.key, 'level'), cap(MSG.assign, '='), ANY_LEVEL),
  ),
  // Prosody with ISO timestamps, or any other ISO-dated log (our transcripts, Converse):
  // 2026-11-23 21:07:47 c2s55d8a0	debug	…   2026-11-23T21:07:47.123Z SENT …   [2026-11-23 21:07:47] [INFO] …
  match(
    'meta.record.iso.xmpp',
    '^',
    opt(cap(RECORD.bracket, String.raw`\[`)),
    cap(LOG.date, ISO),
    opt(cap(RECORD.bracket, String.raw`\]`)),
    opt(String.raw`\s+`, cap(RECORD.logger, String.raw`[\w.$-]++`), String.raw`\t`, level({ debug: 'debug', info: 'info', warning: 'warn', error: 'error' }), String.raw`(?=\s)`),
    opt(String.raw`\s+`, opt(cap(RECORD.bracket, String.raw`\[`)), ANY_LEVEL, opt(cap(RECORD.bracket, String.raw`\]`)), String.raw`(?=[\s:])`),
    opt(String.raw`\s+`, bracketed(RECORD.thread, String.raw`[^\]]*+`)),
  ),
  // Android logcat, threadtime: 11-23 21:07:47.123  1234  5678 D SMACK   : …
  match(
    'meta.record.logcat.xmpp',
    '^',
    cap(LOG.date, String.raw`\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\.\d{3}`),
    String.raw`\s+`,
    cap(RECORD.number, String.raw`\d++`),
    String.raw`\s+`,
    cap(RECORD.thread, String.raw`\d++`),
    String.raw`\s+`,
    level({ verbose: 'V', debug: 'D', info: 'I', warning: 'W', error: '[EFA]' }),
    String.raw`\s+`,
    cap(RECORD.logger, String.raw`[^:\s][^:\n]{0,63}?`),
    String.raw`\s*`,
    cap(RECORD.separator, ':'),
  ),
  // Android logcat, brief: D/SMACK( 1234): …
  match(
    'meta.record.logcat.xmpp',
    '^',
    level({ verbose: 'V', debug: 'D', info: 'I', warning: 'W', error: '[EFA]' }),
    cap(RECORD.separator, '/'),
    cap(RECORD.logger, String.raw`[^\s\(]{1,64}`),
    cap(RECORD.bracket, String.raw`\(`),
    String.raw`\s*`,
    cap(RECORD.number, String.raw`\d++`),
    cap(RECORD.bracket, String.raw`\)`),
    cap(RECORD.separator, ':'),
  ),
  // Prosody: Nov 23 21:07:47 c2s55d8a0	debug	Received[c2s]: …
  match(
    'meta.record.prosody.xmpp',
    '^',
    cap(LOG.date, String.raw`${MONTH}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}`),
    String.raw`\s+`,
    cap(RECORD.logger, String.raw`\S++`),
    String.raw`\s+`,
    level({ debug: 'debug', info: 'info', warning: 'warn', error: 'error' }),
    String.raw`(?=\s)`,
  ),
  // Smack's debugger and browser consoles (Strophe, Converse, JSXC): 21:07:48 SENT (0): …  10:11:12.345 RECV: …
  match('meta.record.console.xmpp', '^', cap(LOG.date, String.raw`\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?`), String.raw`(?=\s)`),
];

