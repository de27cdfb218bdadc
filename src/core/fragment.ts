// The unit every feature works on: one XML fragment found in text (a log line, a HAR body,
// a live BOSH response), with where it came from.

export type Direction = 'sent' | 'received';

/** Log dialects the finder recognises; 'plain' when a line has no known log prefix. */
export type DialectId =
  | 'openfire'
  | 'openfire-legacy'
  | 'finesse'
  | 'prosody'
  | 'ejabberd'
  | 'smack'
  | 'console'
  | 'tigase'
  | 'mongooseim'
  | 'node-xmpp-bosh'
  | 'har'
  | 'transcript'
  | 'plain';

export interface Fragment {
  /** 1-based line where the fragment starts. */
  line: number;
  /** 1-based line where it ends (same as `line` for one-line fragments). */
  endLine: number;
  /** 0-based offset of the fragment's first character on its start line. */
  column: number;
  /** The fragment exactly as it stands in the input (still escaped when `escaped` > 0). */
  text: string;
  /** How many times the fragment itself was XML-escaped in the input (0: plain XML). */
  escaped: number;
  /** True when the input ended, or a new log record began, before the fragment closed. */
  partial: boolean;
  /** ISO-8601 time, with offset when the log gives one; absent when the log's clock has no year. */
  time?: string;
  /** The log's own timestamp as written (also for year-less clocks such as Prosody's and logcat's). */
  stamp?: string;
  direction?: Direction;
  /** True when the log did not say which way the fragment went and `direction` was read from the traffic (see flow-inference.ts). */
  directionInferred?: boolean;
  dialect?: DialectId;
  /** Where the fragment came from when it is not a plain line, e.g. 'POST https://fin1:7443/http-bind/'. */
  source?: string;
  /** For a fragment of a HAR capture: what became of the HTTP exchange it travelled in. */
  exchange?: HttpExchange;
  /** For a fragment that travelled in a WebSocket frame (RFC 7395): the connection that carried it. */
  socket?: SocketFrame;
}

/** Where a WebSocket-borne fragment travelled: one connection of a capture, log or live session. */
export interface SocketFrame {
  /** The connection within its source: a HAR entry's index as text, or the id a log gives the connection. */
  connection: string;
  /** The ws:// or wss:// URL, when the source names it. */
  url?: string;
  /** The frame's opcode when the source records it (1 text, 2 binary, 8 close, 9 ping, 10 pong). */
  opcode?: number;
}

/** One HTTP request and its answer as a capture recorded them. */
export interface HttpExchange {
  /** 0-based entry of the capture: a request and its answer share it. */
  entry: number;
  /** HTTP status of the answer; 0 when there was none (the browser gave up, the network was down). */
  status?: number;
  /** Why there was no answer, as the browser put it (`net::ERR_INTERNET_DISCONNECTED`). */
  error?: string;
  /** ISO-8601 time the answer was complete. */
  ended?: string;
  /** What the answer held: a BOSH body, an HTML page (a proxy's or a servlet container's), nothing, or other text. */
  answer: 'bosh' | 'html' | 'empty' | 'other';
}

/** Just past a fragment's last character: 1-based line, 0-based column (where an editor selection ends). */
export function fragmentEnd(f: Fragment): { line: number; column: number } {
  const lastBreak = f.text.lastIndexOf('\n');
  return { line: f.endLine, column: lastBreak < 0 ? f.column + f.text.length : f.text.length - lastBreak - 1 };
}
