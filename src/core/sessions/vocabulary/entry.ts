// The log lines that are not XML but say what became of a session ("Closing idle session",
// "BOSH client silent", PRESENCE_DRIVEN_LOGOUT), as data: one entry per string a server,
// client or Finesse writes. Adding a server's message is one entry and one test.

/** What a line says happened. */
export type NoteKind =
  /** The server created a session (sid, jid or ip, sometimes its parameters). */
  | 'session-created'
  /** The server says the session is idle but not yet closed ("was last active N ms ago", "marked as inactive"). */
  | 'idle-warning'
  /** The server closed the session because no request came for longer than inactivity. */
  | 'idle-close'
  /** A request named a sid the server does not know. */
  | 'invalid-sid'
  /** A request's rid was outside the window the server accepts. */
  | 'rid-out-of-range'
  /** Too many simultaneous requests, or polling faster than allowed. */
  | 'overactivity'
  /** Another login took the resource (conflict). */
  | 'replaced'
  /** The client ended the session itself (terminate, disconnect). */
  | 'client-terminate'
  /** The server says the session (or the client's connection) is closed, without saying why. */
  | 'session-closed'
  /** A stanza for the user could not be delivered (no session, stored offline). */
  | 'undeliverable'
  /** The request named a host the server does not serve. */
  | 'host-unknown'
  /** The server is shutting down or restarting. */
  | 'server-shutdown'
  /** Authentication failed. */
  | 'auth-failed'
  /** A stream error was sent or received. */
  | 'stream-error'
  /** The server answered a request with a BOSH binding error (a XEP-0124 §17 condition named in text, e.g. Openfire's "HTTP ERR"). */
  | 'binding-error'
  /** Client: a request got no answer in time. */
  | 'request-timeout'
  /** Client: a request failed (HTTP status, status 0). */
  | 'request-error'
  /** Client: an answer that was not a BOSH body. */
  | 'invalid-response'
  /** Client: the browser refused a cross-origin answer. */
  | 'cors'
  /** Client: the server's certificate was refused. */
  | 'certificate'
  /** Client: the connection is lost or the client gave up. */
  | 'disconnected'
  /** Client: the client is closing its connection itself (disconnect() called, as on logout), or has closed it. */
  | 'client-closing'
  /** A WebSocket connection closed: a close frame (its code in `status` when logged) or the TCP connection ending under it. */
  | 'socket-closed'
  /** The server gave up on a WebSocket whose client stopped answering its pings. */
  | 'ping-timeout'
  /** Finesse: the agent's XMPP presence became unavailable. */
  | 'presence-unavailable'
  /** Finesse: a logout timer started or is running for the agent. */
  | 'logout-timer'
  /** Finesse: the agent was logged out because their presence stayed unavailable. */
  | 'forced-logout'
  /** Finesse: an agent state request or event to or from the CTI server (with reason code). */
  | 'agent-state';

export type NoteSide = 'server' | 'client' | 'finesse';

export interface VocabularyEntry {
  /** Who writes it: 'openfire', 'prosody', 'ejabberd', 'mongooseim', 'tigase', 'node-xmpp-bosh', 'strophe', 'converse', 'jsxc', 'chromium', 'firefox', 'finesse'. */
  source: string;
  side: NoteSide;
  note: NoteKind;
  /**
   * A literal every matching line contains, case-sensitive: the only test most lines get.
   * Keep it distinctive ("Closing idle session", not "session").
   */
  keyword: string;
  /**
   * Run only when the keyword is present. Named groups it may set: sid, jid, ip, rid, diff,
   * ms (a number of milliseconds), seconds, duration (a Java Duration such as PT13.23S),
   * threshold (seconds), agent, reason (Finesse reason code), status (HTTP, or a WebSocket close
   * code), condition, state, connection (the WebSocket connection as the log line names it: the
   * same id the finder gives the line's fragments in `socket.connection`).
   */
  pattern: RegExp;
  /** Where the string comes from: release range and source file, e.g. 'Openfire 4.5+, HttpSessionManager.java'. */
  origin: string;
  /** The line is about a WebSocket connection: a note without its own `connection` group takes the record's. */
  socket?: boolean;
}
