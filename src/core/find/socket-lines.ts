// Which WebSocket connection (RFC 7395) a log record is about, as each writer names it. One
// instance per file: the names are learnt from the lines that open a connection.
//
// - Prosody: a c2s session's source column (`c2s55dde6c5b6d0`), known to be WebSocket from its
//   "Sending WebSocket handshake" line (mod_websocket.lua) or an <open/> of the framing namespace;
//   plain TCP c2s sessions use the same kind of name and stay unmarked.
// - ejabberd: the ejabberd_http_ws process, named in every c2s line as `(websocket|<0.484.0>)`
//   (xmpp_socket:pp/1) and logging its own lines; ejabberd_websocket's lines come from the HTTP
//   process, tied to it through the peer address both log on connect.
// - Our transcripts: `SENT ws=N`, N the live session's connection (1, then 2… after reconnects).
// - Browser consoles: nothing names the socket, so connections are numbered in the file: a new one
//   at Strophe's "Websocket open", or at an <open/> after the stream was closed.
import type { LogRecord } from './dialects';

export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';

/** Names kept per file: ids of connections seen and pending links (bounded, oldest dropped). */
const MAX_NAMES = 4096;

const PROSODY_C2S = /^c2s[0-9a-f]+$/;
const TRANSCRIPT_WS = /^(?:SENT|RECV) ws=(\S+) /;
const EJABBERD_WS = /\(websocket\|(<\d+\.\d+\.\d+>)\)/;
const EJABBERD_LOGGER = /^<(\d+\.\d+\.\d+)>@(ejabberd_http_ws|ejabberd_websocket):/;
const EJABBERD_ACCEPTED = /^<[\d.]+>@ejabberd_listener:accept\/\d+:\d+ \((<\d+\.\d+\.\d+>)\) Accepted connection (\S+) ->/;
const EJABBERD_CONNECTED = /Client connected through websocket \{http_ws,(<\d+\.\d+\.\d+>),\{\{(\d+),(\d+),(\d+),(\d+)\},(\d+)\}\}/;

export class SocketLines {
  private readonly prosody = new Set<string>();
  /** ejabberd: peer address → HTTP process, then HTTP process → ejabberd_http_ws process. */
  private readonly peers = new Map<string, string>();
  private readonly http = new Map<string, string>();
  private consoleCount = 0;
  private consoleClosed = false;

  /** The connection a record's line names, or undefined when it is not about a known WebSocket connection. */
  record(record: LogRecord, line: string): string | undefined {
    const message = line.slice(record.messageStart, record.messageStart + 300);
    switch (record.dialect) {
      case 'prosody': {
        const src = record.source;
        if (!src || !PROSODY_C2S.test(src)) return undefined;
        if (message.startsWith('Sending WebSocket handshake')) remember(this.prosody, src);
        return this.prosody.has(src) ? src : undefined;
      }
      case 'ejabberd':
        return this.ejabberd(message);
      case 'console':
        if (message.startsWith('Websocket open')) {
          this.consoleCount++;
          this.consoleClosed = false;
        } else if (message.startsWith('WebSockets _doDisconnect was called')) this.consoleClosed = true;
        return this.consoleCount > 0 ? String(this.consoleCount) : undefined;
      case 'transcript':
        // Our own transcripts: `SENT ws=2 <…>` over a WebSocket, `SENT rid=…` over BOSH.
        return TRANSCRIPT_WS.exec(message)?.[1];
      default:
        return undefined;
    }
  }

  /**
   * A fragment's own say: an <open/> or <close/> of the framing namespace makes its record's
   * connection a WebSocket one. Returns the connection to give the fragment.
   */
  fragment(dialect: string | undefined, source: string | undefined, connection: string | undefined, text: string): string | undefined {
    const head = text.length > 400 ? text.slice(0, 400) : text;
    if (!head.includes(FRAMING_NS)) return connection;
    const element = /^<\s*(open|close)\b/.exec(head)?.[1];
    if (dialect === 'prosody' && source && PROSODY_C2S.test(source)) {
      remember(this.prosody, source);
      return source;
    }
    if (dialect === 'console' && element) {
      if (element === 'open' && (this.consoleCount === 0 || this.consoleClosed)) this.consoleCount++;
      this.consoleClosed = element === 'close';
      return String(this.consoleCount);
    }
    return connection;
  }

  private ejabberd(message: string): string | undefined {
    const ws = EJABBERD_WS.exec(message);
    if (ws) return ws[1];
    const accepted = EJABBERD_ACCEPTED.exec(message);
    if (accepted) {
      link(this.peers, accepted[2], accepted[1]);
      return undefined;
    }
    const logger = EJABBERD_LOGGER.exec(message);
    if (!logger) return undefined;
    const pid = `<${logger[1]}>`;
    if (logger[2] === 'ejabberd_http_ws') {
      const c = EJABBERD_CONNECTED.exec(message);
      if (c) {
        const httpPid = this.peers.get(`${c[2]}.${c[3]}.${c[4]}.${c[5]}:${c[6]}`);
        if (httpPid) link(this.http, httpPid, c[1]);
      }
      return pid;
    }
    return this.http.get(pid);
  }
}

function remember(set: Set<string>, id: string): void {
  if (set.has(id)) return;
  if (set.size >= MAX_NAMES) set.delete(set.values().next().value!);
  set.add(id);
}

function link(map: Map<string, string>, key: string, value: string): void {
  if (map.size >= MAX_NAMES && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}
