import type { VocabularyEntry } from './entry';

// Prosody writes "<date> <source>\t<level>\t<message>". mod_bosh's own lines have the source
// "mod_bosh"; a session's lines have "bosh<sid>" (the whole UUID), which is where the sid is.
const SESSION_SOURCE = '(?:\\bbosh(?<sid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\s+(?:debug|info|warn|error)\\s+)?';

// A c2s session's lines (mod_c2s, mod_websocket) have the source "c2s<hex>": over WebSocket the
// finder names the connection by it (src/core/find/socket-lines.ts), so the notes do too.
const C2S_SOURCE = '(?:\\b(?<connection>c2s[0-9a-f]+)\\s+(?:debug|info|warn|error)\\s+)?';

/** Prosody mod_bosh (plugins/mod_bosh.lua) and the session manager lines it causes. */
export const PROSODY: readonly VocabularyEntry[] = [
  {
    source: 'prosody', side: 'server', note: 'session-created', keyword: 'New BOSH session, assigned it sid',
    pattern: /New BOSH session, assigned it sid '(?<sid>[^'\s]+)'/,
    origin: 'Prosody 0.9–13, mod_bosh.lua (mod_bosh, info)',
  },
  {
    source: 'prosody', side: 'server', note: 'session-created', keyword: 'BOSH session created for request from',
    pattern: new RegExp(`${SESSION_SOURCE}BOSH session created for request from (?<ip>\\S+)`),
    origin: 'Prosody 0.9–13, mod_bosh.lua (bosh<sid>, debug)',
  },
  {
    source: 'prosody', side: 'server', note: 'idle-warning', keyword: 'BOSH session marked as inactive',
    pattern: new RegExp(`${SESSION_SOURCE}BOSH session marked as inactive \\(for (?<seconds>\\d+)s\\)`),
    origin: 'Prosody 0.9–13, mod_bosh.lua (bosh<sid>, debug)',
  },
  {
    source: 'prosody', side: 'server', note: 'idle-close', keyword: 'BOSH client silent for over',
    pattern: new RegExp(`${SESSION_SOURCE}(?:(?:Unbinding resource|Destroying (?:unbound )?session) for <?(?<jid>[^\\s>]+)>?(?: \\([^)\\s]*\\))?: )?BOSH client silent for over (?<seconds>\\d+) seconds`),
    origin: 'Prosody mod_bosh.lua timeout reason, written by sessionmanager.lua (bosh<sid>, debug): "Destroying session for …" to 0.11, "Unbinding resource for …" / "Destroying unbound session for <…>" from 0.12',
  },
  {
    source: 'prosody', side: 'server', note: 'idle-close', keyword: 'BOSH client inactive too long',
    pattern: new RegExp(`${SESSION_SOURCE}BOSH client inactive too long, destroying session at \\d+`),
    origin: 'Prosody 0.9–0.10, mod_bosh.lua (bosh<sid>, debug)',
  },
  {
    source: 'prosody', side: 'server', note: 'session-closed', keyword: 'BOSH client disconnected',
    pattern: new RegExp(`${SESSION_SOURCE}BOSH client disconnected(?:: (?!session close)(?<condition>[\\w-]+))?`),
    origin: 'Prosody mod_bosh.lua bosh_close_stream (bosh<sid>, info): bare to 0.10, ": <condition>" or ": session close" from 0.11',
  },
  {
    source: 'prosody', side: 'server', note: 'stream-error', keyword: 'Disconnecting client, <stream:error> is:',
    pattern: new RegExp(`${C2S_SOURCE}Disconnecting client, <stream:error> is: (?:.*?<(?<condition>[a-z-]+) xmlns=['"]urn:ietf:params:xml:ns:xmpp-streams)?`),
    origin: 'Prosody 0.9–13, mod_bosh.lua bosh_close_stream (mod_bosh, info); the same words in mod_websocket.lua session_close (c2s<id>, debug)',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'invalid-sid', keyword: 'which we don\'t know about',
    pattern: /Client tried to use sid '(?<sid>[^']*)' which we don't know about/,
    origin: 'Prosody 0.9–13, mod_bosh.lua (mod_bosh, info)',
  },
  {
    source: 'prosody', side: 'server', note: 'rid-out-of-range', keyword: 'rid out of range:',
    pattern: new RegExp(`${SESSION_SOURCE}rid out of range: (?<rid>\\d+) \\(diff (?<diff>-?\\d+)\\)`),
    origin: 'Prosody 0.11–13, mod_bosh.lua (bosh<sid>, debug)',
  },
  {
    source: 'prosody', side: 'server', note: 'rid-out-of-range', keyword: 'rid too large (means a request was lost)',
    pattern: new RegExp(`${SESSION_SOURCE}rid too large \\(means a request was lost\\)\\. Last rid: \\d+ New rid: (?<rid>\\d+)`),
    origin: 'Prosody 0.9–0.10, mod_bosh.lua (bosh<sid>, warn)',
  },
  {
    source: 'prosody', side: 'server', note: 'host-unknown', keyword: 'BOSH client tried to connect',
    pattern: /BOSH client tried to connect (?:to (?<state>non-existent|invalid|unknown|[\w-]+) host: \S+|without specifying a host)/,
    origin: 'Prosody mod_bosh.lua (mod_bosh, debug): "unknown host" to 0.10; "invalid", "non-existent", "<type> host" and "without specifying a host" from 0.11/0.12',
  },
  {
    source: 'prosody', side: 'server', note: 'binding-error', keyword: 'BOSH client sent invalid rid or wait attributes',
    pattern: /BOSH client sent invalid rid or wait attributes: rid=(?<rid>\S*), wait=\S*/,
    origin: 'Prosody 0.11–13, mod_bosh.lua (mod_bosh, debug): answered with bad-request',
  },
  {
    source: 'prosody', side: 'server', note: 'server-shutdown', keyword: 'Shutting down: ',
    pattern: /\bstartup\s+info\s+Shutting down: (?<condition>.+)/,
    origin: 'Prosody 0.11–0.12, util/startup.lua (startup, info): "Shutting down: Received SIGTERM" when the service stops or restarts',
  },
];

/**
 * Prosody 0.12 over WebSocket: plugins/mod_websocket.lua and the mod_c2s.lua lines every c2s
 * connection writes. mod_websocket logs no close code: a close frame is only "opcode=8".
 */
export const PROSODY_WEBSOCKET: readonly VocabularyEntry[] = [
  {
    source: 'prosody', side: 'server', note: 'session-created', keyword: 'Sending WebSocket handshake',
    pattern: new RegExp(`${C2S_SOURCE}Sending WebSocket handshake`),
    origin: 'Prosody 0.10–13, mod_websocket.lua handle_request (c2s<id>, debug): the upgrade is accepted (101)',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'socket-closed', keyword: 'Websocket received frame: opcode=8',
    pattern: /Websocket received frame: opcode=8, \d+ bytes/,
    origin: 'Prosody 0.10–13, mod_websocket.lua handle_frame (mod_websocket, debug, opcode in hex): the client sent a close frame; the line names no connection',
  },
  {
    source: 'prosody', side: 'server', note: 'session-closed', keyword: 'Client disconnected: ',
    pattern: new RegExp(`${C2S_SOURCE}Client disconnected: (?<condition>[^\\r\\n]{1,80})`),
    origin: 'Prosody 0.9–13, mod_c2s.lua listener.ondisconnect (c2s<id>, info): "connection closed" after a clean close, "closed" when the peer dropped the socket, or the network error',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'session-closed', keyword: 'c2s stream for ',
    pattern: new RegExp(`${C2S_SOURCE}c2s stream for <?(?<jid>[^\\s>]+)>? closed: (?:session closed|(?<condition>[^\\r\\n]{1,120}))`),
    origin: 'Prosody 0.10–13, mod_websocket.lua session_close and mod_c2s.lua session_close (c2s<id>, debug): "session closed" when no stream error was sent',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'session-closed', keyword: 'Failed to receive a stream close response',
    pattern: new RegExp(`${C2S_SOURCE}Failed to receive a stream close response, closing connection anyway`),
    origin: 'Prosody 0.10–13, mod_websocket.lua session_close (c2s<id>, warn)',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'stream-error', keyword: 'websocket frame buffer full',
    pattern: new RegExp(`${C2S_SOURCE}websocket frame buffer full - terminating session`),
    origin: 'Prosody 0.12–13, mod_websocket.lua bytes/in filter (c2s<id>, warn): closed with resource-constraint',
    socket: true,
  },
  {
    source: 'prosody', side: 'server', note: 'binding-error', keyword: "Client didn't want to talk XMPP",
    pattern: /Client didn't want to talk XMPP, list of protocols was (?<condition>\S+)/,
    origin: 'Prosody 0.10–13, mod_websocket.lua handle_request (mod_websocket, debug): no "xmpp" sub-protocol, answered 501',
  },
];
