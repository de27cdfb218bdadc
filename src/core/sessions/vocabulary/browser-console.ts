import type { VocabularyEntry } from './entry';

/**
 * What a browser console shows for a BOSH client: Strophe.js's own messages (Converse and JSXC
 * log through it), Converse's status messages, and the browser's network, CORS and certificate
 * errors. A copied console line may start with a clock ("10:11:12.345 ") and end with the file
 * and line ("strophe.umd.js:2811"); the patterns are unanchored for that.
 */
export const BROWSER_CONSOLE: readonly VocabularyEntry[] = [
  {
    source: 'strophe', side: 'client', note: 'request-timeout', keyword: 'seconds since last activity',
    pattern: /Request (?<rid>\d+) timed out, over (?<seconds>\d+) seconds since last activity/,
    origin: 'Strophe.js 1.x–5, bosh _onIdle (warn)',
  },
  {
    source: 'strophe', side: 'client', note: 'request-timeout', keyword: 'timed out (secondary), restarting',
    pattern: /Request (?<rid>\d+) timed out \(secondary\), restarting/,
    origin: 'Strophe.js 1.x–5, bosh _processRequest (error)',
  },
  {
    source: 'strophe', side: 'client', note: 'request-error', keyword: ' happened',
    pattern: /request id (?<rid>\d+)\.\d+ error (?<status>\d+) happened/,
    origin: 'Strophe.js 1.x–5, bosh _onRequestStateChange / _processRequest (error)',
  },
  {
    source: 'strophe', side: 'client', note: 'request-error', keyword: 'request errored, status:',
    pattern: /request errored, status: (?<status>\d+), number of errors: \d+/,
    origin: 'Strophe.js 1.x–5, bosh _hitError (warn)',
  },
  {
    source: 'strophe', side: 'client', note: 'request-error', keyword: 'XHR open failed:',
    pattern: /XHR open failed: /,
    origin: 'Strophe.js 1.x–5, bosh _processRequest (error)',
  },
  {
    source: 'strophe', side: 'client', note: 'invalid-response', keyword: 'invalid response received',
    pattern: /invalid response received/,
    origin: 'Strophe.js 1.x–5, Request.getResponse (error; ": <parsererror>" when the XML did not parse)',
  },
  {
    source: 'strophe', side: 'client', note: 'disconnected', keyword: 'BOSH-Connection failed:',
    pattern: /BOSH-Connection failed: (?<condition>[\w-]+)/,
    origin: 'Strophe.js 1.x–5, bosh _connect_cb: the server answered type="terminate" (error)',
  },
  {
    source: 'strophe', side: 'client', note: 'client-closing', keyword: 'Disconnect was called because:',
    pattern: /Disconnect was called because: (?<condition>[^\r\n]{1,200})/,
    origin: 'Strophe.js 1.x–5, Connection.disconnect (info)',
  },
  // Strophe.js 5 over WebSocket (src/transports/websocket.ts; strings as in dist/strophe.umd.cjs of 5.0.0).
  {
    source: 'strophe', side: 'client', note: 'session-created', keyword: 'Websocket open',
    pattern: /Websocket open\b/,
    origin: 'Strophe.js 1.x–5, websocket _onOpen (debug)',
    socket: true,
  },
  {
    source: 'strophe', side: 'client', note: 'disconnected', keyword: 'Websocket closed une',
    pattern: /Websocket closed une(?:xpectedly|xcectedly)/,
    origin: 'Strophe.js 5, websocket _onClose (error): "unexpectedly" while connected, "unexcectedly" (so spelt) for a 1006 close before the stream was up',
    socket: true,
  },
  {
    source: 'strophe', side: 'client', note: 'socket-closed', keyword: 'Websocket closed',
    pattern: /Websocket closed(?! une)/,
    origin: 'Strophe.js 1.x–5, websocket _onClose (debug)',
    socket: true,
  },
  {
    source: 'strophe', side: 'client', note: 'socket-closed', keyword: 'WebSockets _doDisconnect was called',
    pattern: /WebSockets _doDisconnect was called/,
    origin: 'Strophe.js 1.x–5, websocket _doDisconnect (debug): the client closes its socket, after <close/> or a failure',
    socket: true,
  },
  {
    source: 'strophe', side: 'client', note: 'disconnected', keyword: 'Websocket error ',
    pattern: /Websocket error (?<condition>\{[^\r\n]{0,200}\})/,
    origin: 'Strophe.js 1.x–5, websocket _onError (error; the event as JSON, {"isTrusted":true} in Chromium)',
    socket: true,
  },
  {
    source: 'strophe', side: 'client', note: 'stream-error', keyword: 'WebSocket stream error: ',
    pattern: /WebSocket stream error: (?<condition>[\w-]+)/,
    origin: 'Strophe.js 1.x–5, websocket _checkStreamError (error): "WebSocket stream error: <condition>[ - <text>]"',
    socket: true,
  },
  {
    source: 'chromium', side: 'client', note: 'request-error', keyword: 'Error during WebSocket handshake: ',
    pattern: /WebSocket connection to '[^']*' failed: Error during WebSocket handshake: (?:Unexpected response code: (?<status>\d+)|(?<condition>[^\r\n]{1,120}?)(?=  |$))/,
    origin: 'Chromium console: the upgrade was refused ("Unexpected response code: 404" for a wrong URL)',
    socket: true,
  },
  {
    source: 'converse', side: 'client', note: 'disconnected', keyword: 'RECONNECTING: the connection has dropped',
    pattern: /RECONNECTING: the connection has dropped, attempting to reconnect\./,
    origin: 'Converse.js 7–14, shared/connection (debug; "<ISO time> DEBUG: " before it to v11)',
  },
  {
    source: 'converse', side: 'client', note: 'disconnected', keyword: 'Status changed to: ',
    pattern: /Status changed to: (?<state>CONNFAIL|CONNTIMEOUT|ERROR|ATTACHFAIL)\b/,
    origin: 'Converse.js 7–14, shared/connection onConnectStatusChanged (debug)',
  },
  {
    // Strophe enters DISCONNECTING only from disconnect(): the client is closing, as on logout. A
    // dropped connection reads "RECONNECTING: the connection has dropped" or CONNFAIL instead.
    source: 'converse', side: 'client', note: 'client-closing', keyword: 'Status changed to: DISCONNECT',
    pattern: /Status changed to: (?<state>DISCONNECTED|DISCONNECTING)\b/,
    origin: 'Converse.js 7–14, shared/connection onConnectStatusChanged (debug)',
  },
  {
    source: 'converse', side: 'client', note: 'auth-failed', keyword: 'Status changed to: AUTHFAIL',
    pattern: /Status changed to: (?<state>AUTHFAIL)\b/,
    origin: 'Converse.js 7–14, shared/connection onConnectStatusChanged (debug)',
  },
  {
    source: 'chromium', side: 'client', note: 'cors', keyword: 'has been blocked by CORS policy',
    pattern: /Access to (?:XMLHttpRequest|fetch) at '[^']*' from origin '[^']*' has been blocked by CORS policy(?:: (?<condition>[^\r\n.]{1,200}))?/,
    origin: 'Chromium console',
  },
  {
    source: 'chromium', side: 'client', note: 'certificate', keyword: 'net::ERR_CERT_',
    pattern: /net::ERR_CERT_(?<condition>[A-Z_]+)/,
    origin: 'Chromium console (net::ERR_CERT_AUTHORITY_INVALID, _COMMON_NAME_INVALID, _DATE_INVALID …)',
  },
  {
    source: 'chromium', side: 'client', note: 'disconnected', keyword: 'net::ERR_INTERNET_DISCONNECTED',
    pattern: /net::ERR_(?<condition>INTERNET_DISCONNECTED)/,
    origin: 'Chromium console',
  },
  {
    source: 'chromium', side: 'client', note: 'request-error', keyword: 'net::ERR_',
    pattern: /net::ERR_(?<condition>CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_TIMED_OUT|TIMED_OUT|NAME_NOT_RESOLVED|NETWORK_CHANGED|EMPTY_RESPONSE|ADDRESS_UNREACHABLE|SSL_PROTOCOL_ERROR|FAILED)\b/,
    origin: 'Chromium console',
  },
  {
    source: 'firefox', side: 'client', note: 'cors', keyword: 'Cross-Origin Request Blocked:',
    pattern: /Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \S+\. \(Reason: (?<condition>[^)\r\n]{1,200})\)(?:\.? Status code: (?<status>\d+))?/,
    origin: 'Firefox console ("(Reason: CORS request did not succeed). Status code: (null)." when the TLS or TCP connection failed)',
  },
];
