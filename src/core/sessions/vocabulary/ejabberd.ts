import type { VocabularyEntry } from './entry';

// ejabberd_c2s prefixes its lines with the socket (xmpp_socket:pp/1), "(http_bind|<0.608.0>)" for
// BOSH, "(websocket|<0.484.0>)" over WebSocket, where the pid is the connection's ejabberd_http_ws
// process: the id the finder gives the connection (src/core/find/socket-lines.ts).
const C2S = '(?:\\(websocket\\|(?<connection><[\\d.]+>)\\) |\\(\\w+\\|[^)\\s]*\\) )?';
// Lines ejabberd_http_ws writes from its own process: that pid is the connection.
const HTTP_WS = '(?:(?<connection><\\d+\\.\\d+\\.\\d+>)@ejabberd_http_ws:\\S+ )?';
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

/**
 * ejabberd 23.01 over WebSocket: src/ejabberd_http_ws.erl (one process per connection) and
 * src/ejabberd_websocket.erl (the frames, in the HTTP process, so its lines name no connection:
 * the finder ties that pid to the connection). c2s lines come from EJABBERD above.
 */
export const EJABBERD_WEBSOCKET: readonly VocabularyEntry[] = [
  {
    source: 'ejabberd', side: 'server', note: 'session-created', keyword: 'Client connected through websocket',
    pattern: /Client connected through websocket \{http_ws,(?<connection><[\d.]+>),\{\{\d+,\d+,\d+,\d+\},\d+\}\}/,
    origin: 'ejabberd 16.x–23.x, ejabberd_http_ws:init/1 (debug)',
  },
  {
    source: 'ejabberd', side: 'server', note: 'socket-closed', keyword: 'WebSocket close op',
    pattern: /WebSocket close op(?:: (?<status>\d+)(?: (?<condition>[^\r\n]{1,120}))?| unknown: )/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:handle_data_int/6 (debug): "WebSocket close op: <code> <reason>", "… op: <code>", or "… op unknown: <<>>" for a close frame without a code (Strophe.js sends one)',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'socket-closed', keyword: 'TCP connection was closed, exit',
    pattern: /TCP connection was closed, exit/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:ws_loop/5 (debug)',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'socket-closed', keyword: 'TCP connection error: ',
    pattern: /TCP connection error: (?<condition>[^\r\n]{1,120})/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:ws_loop/5 (debug, inet:format_error)',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'socket-closed', keyword: 'Shutdown request received, closing websocket',
    pattern: /Shutdown request received, closing websocket with pid/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:ws_loop/5 (debug): closed with 1001 going away',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'socket-closed', keyword: 'Linked websocket controlling loop crashed',
    pattern: /Linked websocket controlling loop crashed with reason: (?<condition>[^\r\n]{1,120})/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:ws_loop/5 (error): closed with 1011',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'stream-error', keyword: 'Websocket decode error',
    pattern: /(?:Websocket|TLS) decode error (?<condition>[^\r\n]{1,120})/,
    origin: 'ejabberd 16.x–23.x, ejabberd_websocket:ws_loop/5 (debug): closed with 1002 protocol error; also "TLS decode error"',
    socket: true,
  },
  {
    source: 'ejabberd', side: 'server', note: 'idle-close', keyword: 'Closing websocket connection from hitting inactivity timeout',
    pattern: new RegExp(`${HTTP_WS}Closing websocket connection from hitting inactivity timeout`),
    origin: 'ejabberd 16.x–23.x, ejabberd_http_ws:handle_info/3 (debug): websocket_timeout passed without data',
  },
  {
    source: 'ejabberd', side: 'server', note: 'ping-timeout', keyword: 'Closing websocket connection from missing pongs',
    pattern: new RegExp(`${HTTP_WS}Closing websocket connection from missing pongs`),
    origin: 'ejabberd 16.x–23.x, ejabberd_http_ws:handle_info/3 (debug): no pong within websocket_ping_interval',
  },
];
