import type { VocabularyEntry } from './entry';

// ejabberd_c2s prefixes its lines with the socket, "(http_bind|<0.608.0>)" for BOSH.
const C2S = '(?:\\(\\w+\\|[^)\\s]*\\) )?';
// The terminate attributes of a #body{} record printed with ~p, in 23.01 either {condition,<<"…">>} or {<<"condition">>,<<"…">>}.
const CONDITION = '(?:.*?\\{(?:<<")?condition(?:">>)?,\\s*<<"(?<condition>[a-z-]+)">>\\})?';

/** ejabberd: ejabberd_c2s, ejabberd_bosh (17.x–23.x) and ejabberd_http_bind (to 16.x). */
export const EJABBERD: readonly VocabularyEntry[] = [
  {
    source: 'ejabberd', side: 'server', note: 'replaced', keyword: 'Closing c2s session for',
    pattern: new RegExp(`${C2S}Closing c2s session for (?<jid>\\S+): Stream closed by local host: Replaced by new connection`),
    origin: 'ejabberd 17.x–23.x, ejabberd_c2s:process_terminated (info); text from ejabberd_sm (conflict)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'stream-error', keyword: 'Closing c2s session for',
    pattern: new RegExp(`${C2S}Closing c2s session for (?<jid>\\S+): Stream closed by (?:local host|peer): (?!Replaced by new connection)(?:[^()]*\\()?(?<condition>[a-z-]+)\\)?`),
    origin: 'ejabberd 17.x–23.x, ejabberd_c2s:process_terminated (info); xmpp_stream_in:format_error "Stream closed by peer|local host: <text> (<condition>)"',
  },
  {
    source: 'ejabberd', side: 'server', note: 'session-closed', keyword: 'Closing c2s session for',
    pattern: new RegExp(`${C2S}Closing c2s session for (?<jid>\\S+): (?:Connection failed: (?<condition>[^\\r\\n]{1,80})|Stream reset by peer|unknown reason|stopped by supervisor|internal server error|Internal server error|TLS failed|Unrecognized error)`),
    origin: 'ejabberd 17.x–23.x, ejabberd_c2s:process_terminated (info); a BOSH session that timed out ends as "Connection failed: connection closed"',
  },
  {
    source: 'ejabberd', side: 'server', note: 'session-created', keyword: 'Opened c2s session for',
    pattern: new RegExp(`${C2S}Opened c2s session for (?<jid>\\S+)`),
    origin: 'ejabberd 17.x–23.x, ejabberd_c2s (info)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'auth-failed', keyword: 'Failed c2s ',
    pattern: new RegExp(`${C2S}Failed c2s \\S+ authentication (?:for (?<jid>\\S+) )?from (?<ip>\\S+?):? `),
    origin: 'ejabberd 17.x–23.x, ejabberd_c2s (warning): "(~ts) Failed c2s ~ts authentication ~tsfrom ~ts: ~ts"',
  },
  {
    source: 'ejabberd', side: 'server', note: 'idle-close', keyword: 'Session timeout. Closing the HTTP bind session',
    pattern: /Session timeout\. Closing the HTTP bind session: (?:<<")?(?<sid>[0-9a-f]+)/,
    origin: 'ejabberd 2.1–16.x, ejabberd_http_bind:handle_info (info); gone from 17.01',
  },
  {
    source: 'ejabberd', side: 'server', note: 'rid-out-of-range', keyword: 'Request ID is out of range',
    pattern: new RegExp(`Request ID is out of range${CONDITION}`),
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh (the HTTP reason; seen in the debug "Send reply" record and as the status text)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'overactivity', keyword: '<<"Too many requests">>',
    pattern: new RegExp(`<<"Too many requests">>${CONDITION}`),
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh (the HTTP reason in the debug "Send reply" record; policy-violation)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'invalid-sid', keyword: 'Session ID mismatch',
    pattern: new RegExp(`Session ID mismatch${CONDITION}`),
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh:process (the HTTP reason; debug "Send error reply")',
  },
  {
    source: 'ejabberd', side: 'server', note: 'invalid-sid', keyword: 'BOSH session not found',
    pattern: new RegExp(`BOSH session not found${CONDITION}`),
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh:process_request (the HTTP reason)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'client-terminate', keyword: '<<"Session close">>',
    pattern: /<<"Session close">>/,
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh:active (reply to a type=terminate request, debug "Send reply")',
  },
  {
    source: 'ejabberd', side: 'server', note: 'session-closed', keyword: '<<"Session closed">>',
    pattern: new RegExp(`<<"Session closed">>${CONDITION}`),
    origin: 'ejabberd 17.x–23.x, ejabberd_bosh:bounce_receivers (held requests of a closed session, other-request)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'server-shutdown', keyword: 'SIGTERM received - shutting down',
    pattern: /SIGTERM received - shutting down/,
    origin: 'ejabberd 23.01 on OTP 25 (erl_signal_server, notice): the service stopping or restarting',
  },
];
