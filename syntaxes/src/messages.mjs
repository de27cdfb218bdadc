// What a troubleshooter looks for in the message part of a record: which way a stanza went,
// BOSH session ids and request ids, JIDs, the Openfire lines that explain a dropped session,
// BOSH terminate conditions, Finesse agent states and Finesse's %[key=value] parameter blocks.
import { alt, cap, match, opt, region } from './regex-parts.mjs';
import { MSG, RECORD } from './scopes.mjs';
import { RECORD_GUARD } from './stanzas.mjs';

const XML_AHEAD = String.raw`(?=<[A-Za-z_!?/]|&(?:amp;)*+lt;[A-Za-z_!?/])`;

// XEP-0124 terminate conditions and the stream/stanza errors users meet with them.
const CONDITIONS = [
  'bad-request', 'host-gone', 'host-unknown', 'improper-addressing', 'internal-server-error', 'item-not-found',
  'other-request', 'policy-violation', 'remote-connection-failed', 'remote-stream-error', 'see-other-uri',
  'system-shutdown', 'undefined-condition', 'connection-timeout', 'not-authorized', 'service-unavailable',
  'resource-constraint', 'recipient-unavailable',
];
// Finesse agent and dialog states (case-sensitive, as Finesse writes them).
const STATES = [
  'NOT_READY', 'READY', 'LOGOUT', 'LOGIN', 'TALKING', 'RESERVED_OUTBOUND_PREVIEW', 'RESERVED_OUTBOUND', 'RESERVED',
  'WORK_READY', 'WORK', 'HOLD', 'ALERTING', 'HELD', 'DROPPED', 'INITIATING', 'INITIATED', 'WRAP_UP',
];
// Lines that explain why a BOSH session went away (Openfire, ejabberd, Prosody, Smack).
const TROUBLE = [
  'Closing idle session', 'Unable to route packet', 'No session is available so store offline', 'A session is closed',
  'Connection closed before session established', 'Closing c2s session', 'BOSH client disconnected',
  'Connection closed on error',
  // WebSocket (RFC 7395): Prosody mod_c2s/mod_websocket, ejabberd_websocket/ejabberd_http_ws, Strophe.js, Chromium.
  'Client disconnected', 'Failed to receive a stream close response', 'WebSocket close op', 'TCP connection was closed',
  'Closing websocket connection from hitting inactivity timeout', 'Closing websocket connection from missing pongs',
  'Websocket closed unexpectedly', 'Websocket closed unexcectedly', 'Websocket error', 'WebSocket stream error',
  'Error during WebSocket handshake',
];

const word = (list) => String.raw`(?<![\w-])(?:${list.join('|')})(?![\w-])`;
const quotedOr = (scope, bare) =>
  alt(
    [cap(MSG.quote, '"'), cap(scope, String.raw`[^"\s]++`), cap(MSG.quote, '"')],
    [cap(MSG.quote, "'"), cap(scope, String.raw`[^'\s]++`), cap(MSG.quote, "'")],
    cap(scope, bare),
  );

export const messageRepository = {
  message: {
    patterns: [
      { include: '#console-direction' },
      { include: '#xml' },
      { include: '#finesse-parameter' },
      { include: '#quote-around-xml' },
      { include: '#direction' },
      { include: '#message-values' },
      { include: '#source-location' },
    ],
  },
  'message-values': {
    patterns: [
      { include: '#session-id' },
      { include: '#session-id-hex' },
      { include: '#request-id' },
      { include: '#troubleshooting' },
      { include: '#condition' },
      { include: '#finesse-state' },
      { include: '#jid' },
    ],
  },
  // Copied browser consoles: "> <body …" went out, "< <body …" came in.
  'console-direction': match(null, String.raw`^\s*`, alt(cap(MSG.sent, '>'), cap(MSG.received, '<')), String.raw`(?=\s+(?:<[A-Za-z_!?/]|&(?:amp;)*+lt;))`),
  // HTTP SENT(f382a015), SENT (0), Sending[c2s], Received packet, Incoming data, Send XML on stream …
  direction: match(
    null,
    String.raw`(?<![\w-])`,
    alt(
      cap(MSG.sent, String.raw`(?:HTTP\s)?(?:SENT|SEND|OUTGOING|Sending|Sent|Send|Outgoing|xmlOutput)`),
      cap(MSG.received, String.raw`(?:HTTP\s)?(?:RECV|RCV|RECEIVED|INCOMING|Receiving|Received|Incoming|xmlInput)`),
    ),
    String.raw`(?![\w-])`,
    opt(String.raw`\s?`, cap(RECORD.bracket, String.raw`\(`), cap(MSG.sid, String.raw`[\w.\-]{4,}+`), cap(RECORD.bracket, String.raw`\)`)),
  ),
  // sid=3117c5ef, Session (id=f382a015), sid '0b4e1b0c-…', sessionId: …
  'session-id': match(
    null,
    String.raw`(?<![\w-])`,
    // A bare "id" only as Openfire writes a session: Session (id=f382a015).
    cap(MSG.idKey, String.raw`sid|SID|(?<=\()id|[Ss]ession[ _\-]?[Ii][Dd]|[Ss]tream[ _\-]?[Ii][Dd]`),
    alt([String.raw`\s*`, cap(RECORD.separator, '[=:]'), String.raw`\s*`], String.raw`\s+(?=['"])`),
    quotedOr(MSG.sid, String.raw`(?=[\w\-]*\d)[\w\-]++`),
  ),
  // id=3117c5ef, id: 3445afbe: a bare "id" elsewhere counts only with a hex value holding a letter,
  // as BOSH session ids do, so an application's user id=42 keeps the Log grammar's number colour.
  'session-id-hex': match(
    null,
    String.raw`(?<![\w-])`,
    cap(MSG.idKey, 'id|ID'),
    String.raw`\s*`,
    cap(RECORD.separator, '[=:]'),
    String.raw`\s*`,
    cap(MSG.sid, String.raw`(?=\d*+[a-fA-F])\h{6,}+(?:-\h++)*+(?![\w-])`),
  ),
  // rid=2779414706, rid: 164853266
  'request-id': match(
    null,
    String.raw`(?<![\w-])`,
    cap(MSG.idKey, 'rid|RID'),
    String.raw`\s*`,
    cap(RECORD.separator, '[=:]'),
    String.raw`\s*`,
    quotedOr(MSG.rid, String.raw`\d++`),
  ),
  troubleshooting: {
    patterns: [
      match(null, cap(MSG.trouble, 'was last active'), String.raw`\s+`, cap(MSG.duration, String.raw`\d++`), String.raw`\s+`, cap(MSG.trouble, 'ms ago')),
      match(null, cap(MSG.trouble, 'after inactivity for more than threshold value of'), String.raw`\s+`, cap(MSG.duration, String.raw`\d++`)),
      match(MSG.trouble, `(?:${TROUBLE.join('|')})`),
    ],
  },
  condition: match(MSG.condition, word(CONDITIONS)),
  'finesse-state': match(MSG.state, word(STATES)),
  // alice@example.org/phone, 47483648@fin1.ucce.local. A JID needs its "@" here: bare domains
  // are left to the Log grammar, which already colours dotted names.
  jid: match(
    MSG.jid,
    String.raw`(?<![\w.%+@/$\-])`,
    cap(MSG.jidLocal, String.raw`[\w.%+\-]++`),
    cap(MSG.jidSeparator, '@'),
    // Not a Java object's toString (SelectChannelHttpConnection@7c5a1e): a domain of hex digits alone.
    String.raw`(?!\h++(?![\w.\-]))`,
    cap(MSG.jidDomain, String.raw`[\w\-]++(?:\.[\w\-]++)*+`),
    // A resource may hold a colon, but not the one that ends a sentence (…/converse.js-1234: reset).
    opt(cap(MSG.jidSeparator, '/'), cap(MSG.jidResource, String.raw`(?:[^\s<>"',;:)\]&]++|:(?![\s:]|$))++`)),
  ),
  // packet="<message …>" (MongooseIM), <<"<iq …>">> (ejabberd), '<iq …>': the quote belongs to the
  // log line, not to a string the Log grammar should colour across the whole stanza.
  'quote-around-xml': {
    patterns: [
      match(null, alt([cap(MSG.quote, '<<'), cap(MSG.quote, '"')], cap(MSG.quote, `["']`)), XML_AHEAD),
      match(null, String.raw`(?<=>|&gt;)`, cap(MSG.quote, `["']`), opt(cap(MSG.quote, '>>'))),
    ],
  },
  // Where a browser console says the line came from: converse.js:47357:17
  'source-location': match(
    null,
    String.raw`(?<=\s)`,
    cap(MSG.source, String.raw`(?:[\w\-]++\.)++(?:m?js|ts|jsx|tsx)`),
    cap(RECORD.separator, ':'),
    cap(RECORD.number, String.raw`\d++`),
    opt(cap(RECORD.separator, ':'), cap(RECORD.number, String.raw`\d++`)),
    String.raw`(?=\s*$)`,
  ),
  // Finesse: %[presence=<presence …/>]: or %[agentId=1001003][timeout=60]:
  'finesse-parameter': region({
    name: MSG.param,
    begin: [cap(MSG.paramPunct, String.raw`(?:%|(?<=\]))\[`), cap(MSG.paramKey, String.raw`[\w.\-]++`), cap(MSG.assign, '=')],
    end: alt(cap(MSG.paramPunct, String.raw`\]`), RECORD_GUARD),
    patterns: [{ include: '#xml' }, { include: '#nested-brackets' }, { include: '#message-values' }],
  }),
  // A bracket inside a parameter value (AgentStateEvent[…]) does not end the parameter.
  'nested-brackets': region({
    begin: String.raw`\[`,
    end: alt(String.raw`\]`, RECORD_GUARD),
    patterns: [{ include: '#xml' }, { include: '#nested-brackets' }, { include: '#message-values' }],
  }),
};
