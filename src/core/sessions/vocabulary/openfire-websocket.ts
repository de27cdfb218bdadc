import type { VocabularyEntry } from './entry';

/**
 * Openfire's WebSocket package (org.jivesoftware.openfire.websocket, 4.2+) logs no traffic, only
 * trouble: XmppWebSocket.java to 4.7, WebSocketClientConnectionHandler.java and
 * OpenfireWebSocketServlet.java from 4.8. Its lines name the Jetty session or the Openfire
 * connection object, not an id the other files share, so these notes carry no connection.
 */
export const OPENFIRE_WEBSOCKET: readonly VocabularyEntry[] = [
  {
    source: 'openfire', side: 'server', note: 'binding-error', keyword: 'Failed to create websocket for ',
    pattern: /Failed to create websocket for (?<ip>[^\s:]+):\d+ make a request at \S+/,
    origin: 'Openfire 4.2+, OpenfireWebSocketServlet.java (warn): the upgrade was refused (no xmpp sub-protocol, or WebSocket disabled)',
  },
  {
    source: 'openfire', side: 'server', note: 'session-closed', keyword: 'Client closed stream before session was established',
    pattern: /Client closed stream before session was established/,
    origin: 'Openfire 4.2–4.7, XmppWebSocket.java (warn)',
  },
  {
    source: 'openfire', side: 'server', note: 'stream-error', keyword: 'Closing session due to ',
    pattern: /Closing session due to (?:incorrect stream header\. Tag: |invalid namespace in stream header\. Namespace: |incorrect hostname in stream header\. Host: )(?<condition>\S+)/,
    origin: 'Openfire 4.2–4.7, XmppWebSocket.java (warn)',
  },
  {
    source: 'openfire', side: 'server', note: 'undeliverable', keyword: 'Failed to deliver packet; socket is closed',
    pattern: /Failed to deliver packet; socket is closed/,
    origin: 'Openfire 4.2–4.7, XmppWebSocket.java (warn; the packet follows on the next lines)',
  },
  {
    source: 'openfire', side: 'server', note: 'ping-timeout', keyword: 'Failed to ping remote peer: ',
    pattern: /Failed to ping remote peer: /,
    origin: 'Openfire 4.2–4.7, XmppWebSocket.java PingTask (error)',
  },
  {
    source: 'openfire', side: 'server', note: 'ping-timeout', keyword: 'Unable to send websocket ping to remote peer',
    pattern: /Unable to send websocket ping to remote peer/,
    origin: 'Openfire 4.8 (warn) and 5.x (debug, "…; closing connection"), WebSocketClientConnectionHandler.java',
  },
  {
    source: 'openfire', side: 'server', note: 'socket-closed', keyword: 'Attempting to close connection on which an error occurred:',
    pattern: /Attempting to close connection on which an error occurred:/,
    origin: 'Openfire 4.8+, WebSocketClientConnectionHandler.java onError (warn)',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-warning', keyword: "that's idle, but has no corresponding Openfire session",
    pattern: /Trying to ping a websocket connection \(XMPP address: '(?<jid>[^']*)'\) that's idle, but has no corresponding Openfire session/,
    origin: 'Openfire 4.8+, WebSocketClientConnectionHandler.java (warn)',
  },
];
