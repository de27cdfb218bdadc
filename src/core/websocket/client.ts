import { EventEmitter } from 'node:events';
import type * as http from 'node:http';
import WebSocket from 'ws';
import { XmlElement } from '../xml/element';
import { parseXml } from '../xml/parse';
import { l10n } from '../l10n';
import { createAgent, explainCertificateError, isCertificateError } from '../bosh/tls-trust';
import type { Transport, TransportEvents, TransportExchange, TransportTarget } from '../xmpp/transport';
import { closeCodeWords } from './close-codes';
import { streamErrorOf } from '../xmpp/stream-error';
import { WebSocketEnded, refusedUpgrade, socketErrorWords } from './endings';

export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';
const PING_NS = 'urn:xmpp:ping';

/** Named limits, declared once. */
export const WEBSOCKET_LIMITS = {
  /** From the first byte to the server's <open/>. */
  openTimeoutMs: 15_000,
  /**
   * Finesse logs out a client that stays silent, and asks for a keepalive every 10 s with
   * 2 retries; RFC 7395 framing has no whitespace pings, so the keepalive is an XEP-0199 ping.
   */
  pingIntervalMs: 10_000,
  pingRetries: 2,
  /** How long a clean close waits for the server's <close/> before closing the socket itself. */
  closeTimeoutMs: 3_000,
  /** RFC 7395 §3.6.1 see-other-uri redirects followed while opening. */
  maxRedirects: 3,
};

export interface WebSocketOptions extends TransportTarget {
  lang?: string;
  /** Which connection of the session this is (1, 2… after reconnects), named in every record. */
  connection?: string;
  pingIntervalMs?: number;
  pingRetries?: number;
  openTimeoutMs?: number;
}

type SocketState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

/**
 * An RFC 7395 client over the `ws` package: sub-protocol `xmpp`, one stanza per text frame,
 * <open/> and <close/> framing, restarts after SASL, a ping keepalive that notices a socket
 * that stopped answering within the ping interval, and endings in words (close code, stream
 * error, TLS failure, or the HTTP answer of a refused upgrade).
 */
export class WebSocketClient extends EventEmitter<TransportEvents> implements Transport {
  readonly kind = 'websocket' as const;
  state: SocketState = 'idle';
  /** Every stream id the server gave on this connection (a new one after each restart). */
  readonly streamIds: string[] = [];
  readonly connection: string;
  private url: URL;
  private ws?: WebSocket;
  private agent?: http.Agent;
  private opened?: { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
  private redirect?: string;
  private closeReceived = false;
  private closeSent = false;
  private streamError?: { condition: string; text?: string };
  private socketError?: Error;
  private refused?: WebSocketEnded;
  private ended?: WebSocketEnded;
  private unsent: XmlElement[] = [];
  private keepalive = false;
  private pingTimer?: NodeJS.Timeout;
  private pingMisses = 0;
  private pingCounter = 0;
  private readonly pingIds = new Set<string>();
  private lastHeard = 0;
  private readonly o: Required<Omit<WebSocketOptions, 'trust'>> & Pick<WebSocketOptions, 'trust'>;

  constructor(options: WebSocketOptions) {
    super();
    this.o = {
      lang: 'en',
      connection: '1',
      pingIntervalMs: WEBSOCKET_LIMITS.pingIntervalMs,
      pingRetries: WEBSOCKET_LIMITS.pingRetries,
      openTimeoutMs: WEBSOCKET_LIMITS.openTimeoutMs,
      ...options,
    };
    this.connection = this.o.connection;
    this.url = parseWebSocketUrl(options.url);
  }

  get secure(): boolean {
    return this.url.protocol === 'wss:';
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get streamId(): string | undefined {
    return this.streamIds[this.streamIds.length - 1];
  }

  get label(): string {
    return `WebSocket connection ${this.connection}${this.streamId ? `, stream id ${this.streamId}` : ''}`;
  }

  get endedBecause(): WebSocketEnded | undefined {
    return this.ended;
  }

  /** Opens the socket and the stream; follows see-other-uri while opening. Stream features arrive as stanzas. */
  async start(): Promise<XmlElement[]> {
    if (this.state !== 'idle') throw new Error('this WebSocket session was already started');
    for (let redirects = 0; ; redirects++) {
      this.state = 'connecting';
      try {
        await this.openOnce();
        this.state = 'open';
        this.lastHeard = Date.now();
        return [];
      } catch (e) {
        const to = this.redirect;
        if (!to || redirects >= WEBSOCKET_LIMITS.maxRedirects) throw e;
        const next = parseWebSocketUrl(to);
        if (this.url.protocol === 'wss:' && next.protocol !== 'wss:') {
          const t = new WebSocketEnded('see-other-uri', l10n.t('the server redirected to {0}, which is not encrypted: not followed from a wss:// connection', to));
          this.end(t);
          throw t;
        }
        this.emit('notice', `the server sent see-other-uri: reconnecting to ${to}`);
        this.url = next;
        this.resetForRedirect();
      }
    }
  }

  private openOnce(): Promise<void> {
    const url = this.url;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socketError = new Error(`no <open/> from ${url.host} within ${this.o.openTimeoutMs / 1000} s`);
        this.ws?.terminate();
      }, this.o.openTimeoutMs);
      this.opened = { resolve, reject, timer };
      let ws: WebSocket;
      try {
        this.agent = agentFor(url, this.o.trust ?? {});
        ws = new WebSocket(url, 'xmpp', { agent: this.agent, perMessageDeflate: false, handshakeTimeout: this.o.openTimeoutMs, followRedirects: false });
      } catch (e) {
        clearTimeout(timer);
        this.opened = undefined;
        this.state = 'closed';
        return reject(e);
      }
      this.ws = ws;
      ws.on('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        const done = () => {
          this.refused = refusedUpgrade(url, res.statusCode ?? 0, String(res.headers['content-type'] ?? ''), Buffer.concat(chunks).toString('utf8'));
          ws.terminate();
        };
        res.on('end', done);
        res.on('error', done);
      });
      ws.on('open', () => {
        if (ws.protocol !== 'xmpp') {
          this.refused = new WebSocketEnded('undefined-condition', l10n.t("{0} accepted the WebSocket but not the 'xmpp' sub-protocol (RFC 7395): it is not an XMPP WebSocket endpoint", url.href));
          ws.terminate();
          return;
        }
        this.sendFraming(new XmlElement('open', { xmlns: FRAMING_NS, to: this.o.to, version: '1.0', 'xml:lang': this.o.lang }));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
      ws.on('error', (e) => (this.socketError ??= e));
      ws.on('close', (code, reason) => void this.onClose(ws, code, reason.toString('utf8')));
    });
  }

  private resetForRedirect(): void {
    this.redirect = undefined;
    this.closeReceived = false;
    this.closeSent = false;
    this.socketError = undefined;
    this.refused = undefined;
    this.streamError = undefined;
    this.state = 'idle';
  }

  send(stanzas: XmlElement | XmlElement[]): void {
    if (this.state !== 'open') {
      throw new Error(`the WebSocket session is ${this.state}${this.ended ? `: ${this.ended.message}` : ''}; nothing can be sent`);
    }
    for (const s of Array.isArray(stanzas) ? stanzas : [stanzas]) {
      // RFC 7395 §3.3.3: every frame is a whole document, so each stanza names its namespace.
      if (!s.attrs.xmlns && ['message', 'presence', 'iq'].includes(s.name)) s.attrs.xmlns = 'jabber:client';
      this.write(s);
      this.emit('sent', this.exchange([s]));
    }
  }

  restart(): void {
    if (this.state !== 'open') return;
    this.sendFraming(new XmlElement('open', { xmlns: FRAMING_NS, to: this.o.to, version: '1.0', 'xml:lang': this.o.lang }));
  }

  online(): void {
    this.keepalive = true;
    this.armPing(this.o.pingIntervalMs);
  }

  /** <close/>, then the socket closes once the server answered with its own <close/> (or after a timeout). */
  async terminate(stanzas: XmlElement[] = [], timeoutMs = WEBSOCKET_LIMITS.closeTimeoutMs): Promise<void> {
    if (this.state === 'closed') return;
    const ws = this.ws;
    if (this.state !== 'open' || !ws) {
      this.end(new WebSocketEnded('client-terminate', l10n.t('closed before the stream was open')));
      ws?.terminate();
      return;
    }
    if (stanzas.length) this.send(stanzas);
    this.state = 'closing';
    clearTimeout(this.pingTimer);
    this.sendFraming(new XmlElement('close', { xmlns: FRAMING_NS }));
    const closed = new Promise<void>((resolve) => this.once('terminated', () => resolve()));
    const timer = setTimeout(() => ws.close(1000), timeoutMs);
    await Promise.race([closed, new Promise((r) => setTimeout(r, timeoutMs + 2000).unref())]);
    clearTimeout(timer);
    if (!this.ended) {
      ws.terminate();
      this.end(new WebSocketEnded('client-terminate', l10n.t('the session was closed by this client')));
    }
  }

  undeliveredStanzas(): XmlElement[] {
    return [...this.unsent];
  }

  // ——— frames ———

  private onFrame(data: Buffer, isBinary: boolean): void {
    this.heard();
    const text = data.toString('utf8');
    let el: XmlElement;
    try {
      el = parseXml(text);
    } catch (e) {
      this.emit('notice', `a ${isBinary ? 'binary' : 'text'} frame that is not one XML element was received and not handled (${(e as Error).message}): ${text.slice(0, 200)}`);
      return;
    }
    if (el.attrs.xmlns === FRAMING_NS && el.name === 'open') {
      if (el.attrs.id) this.streamIds.push(el.attrs.id);
      this.emit('received', this.exchange([], el));
      if (this.opened) {
        const o = this.opened;
        this.opened = undefined;
        clearTimeout(o.timer);
        o.resolve();
      }
      return;
    }
    if (el.attrs.xmlns === FRAMING_NS && el.name === 'close') {
      this.closeReceived = true;
      this.redirect = el.attrs['see-other-uri'];
      this.emit('received', this.exchange([], el));
      // RFC 7395 §3.6: the other side's <close/> is answered with ours, then the socket closes.
      if (!this.closeSent) this.sendFraming(new XmlElement('close', { xmlns: FRAMING_NS }));
      this.ws?.close(1000);
      return;
    }
    if (el.name === 'iq' && this.pingIds.delete(el.attrs.id)) {
      this.emit('received', this.exchange([], el));
      return;
    }
    const streamError = streamErrorOf(el);
    if (streamError) this.streamError = streamError;
    this.emit('received', this.exchange([el]));
  }

  private async onClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    if (ws !== this.ws || this.state === 'closed') return;
    clearTimeout(this.pingTimer);
    if (this.opened && this.redirect) {
      const o = this.opened;
      this.opened = undefined;
      clearTimeout(o.timer);
      o.reject(new Error(`redirected to ${this.redirect}`));
      return;
    }
    const ending = await this.endingOf(code, reason);
    if (this.opened) {
      const o = this.opened;
      this.opened = undefined;
      clearTimeout(o.timer);
      o.reject(ending);
    }
    this.end(ending);
  }

  /** Why the socket closed, from the most telling evidence: a refused upgrade, a stream error, a <close/>, TLS, the close code. */
  private async endingOf(code: number, reason: string): Promise<WebSocketEnded> {
    const undelivered = this.unsent.length;
    if (this.refused) return this.refused;
    if (this.state === 'closing' || (this.closeSent && !this.streamError && !this.closeReceived)) {
      return new WebSocketEnded('client-terminate', l10n.t('the session was closed by this client'));
    }
    if (this.streamError) {
      const { condition, text } = this.streamError;
      const words = text ? l10n.t('the server ended the stream with a stream error: {0} ("{1}"); {2}', condition, text, closeCodeWords(code, reason)) : l10n.t('the server ended the stream with a stream error: {0}; {1}', condition, closeCodeWords(code, reason));
      return new WebSocketEnded(condition, words, undelivered);
    }
    if (this.closeReceived) {
      if (this.redirect) return new WebSocketEnded('see-other-uri', l10n.t('the server closed the stream and sent the client to {0} (see-other-uri)', this.redirect), undelivered);
      return new WebSocketEnded('server-close', l10n.t('the server closed the stream (<close/>, {0})', closeCodeWords(code, reason)), undelivered);
    }
    const e = this.socketError;
    if (e && isCertificateError(e)) {
      const c = await explainCertificateError(httpUrlOf(this.url), e);
      return new WebSocketEnded('certificate', c.message, 0, { cause: c });
    }
    const where = this.url.host;
    const why = e ? socketErrorWords(e, this.url) : closeCodeWords(code, reason);
    if (this.state === 'connecting') return new WebSocketEnded('connection-failed', l10n.t('could not open a WebSocket to {0}: {1}', where, why));
    const words = e ? l10n.t('the WebSocket to {0} closed without a <close/>: {1}; {2}', where, why, closeCodeWords(code, reason)) : l10n.t('the WebSocket to {0} closed without a <close/>: {1}', where, why);
    return new WebSocketEnded('connection-lost', words, undelivered);
  }

  // ——— keepalive ———

  private armPing(ms: number): void {
    clearTimeout(this.pingTimer);
    if (!this.keepalive || this.state !== 'open') return;
    this.pingTimer = setTimeout(() => this.ping(), ms);
  }

  /**
   * A ping every interval, whatever else travels (the server judges a client by what it sends);
   * an unanswered one is sent again, and after the last retry the socket counts as dead.
   */
  private ping(): void {
    if (this.state !== 'open') return;
    const step = Math.max(50, Math.floor(this.o.pingIntervalMs / (this.o.pingRetries + 1)));
    if (this.pingMisses > this.o.pingRetries) {
      const silent = ((Date.now() - this.lastHeard) / 1000).toFixed(1);
      this.socketError = new Error(`${this.pingMisses} keepalive pings in a row went unanswered (nothing heard for ${silent} s): the socket stopped answering`);
      this.ws?.terminate();
      return;
    }
    const id = `ka-${this.connection}-${++this.pingCounter}`;
    this.pingIds.add(id);
    if (this.pingIds.size > 8) this.pingIds.delete(this.pingIds.values().next().value!);
    const iq = new XmlElement('iq', { xmlns: 'jabber:client', type: 'get', id, to: this.o.to });
    iq.c('ping', { xmlns: PING_NS });
    this.write(iq);
    this.emit('sent', this.exchange([], iq));
    this.pingMisses++;
    this.armPing(step);
  }

  /** Any frame from the server answers for the socket; the next ping is due one interval after the last. */
  private heard(): void {
    this.lastHeard = Date.now();
    if (this.pingMisses === 0) return;
    this.pingMisses = 0;
    this.armPing(this.o.pingIntervalMs - Math.max(50, Math.floor(this.o.pingIntervalMs / (this.o.pingRetries + 1))));
  }

  // ——— plumbing ———

  private sendFraming(el: XmlElement): void {
    if (el.name === 'close') this.closeSent = true;
    this.write(el);
    this.emit('sent', this.exchange([], el));
  }

  private write(el: XmlElement): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      if (el.name !== 'open' && el.name !== 'close' && !this.pingIds.has(el.attrs.id)) this.unsent.push(el);
      return;
    }
    ws.send(el.toString(), (e) => {
      if (e && el.attrs.xmlns === 'jabber:client' && !this.pingIds.has(el.attrs.id)) this.unsent.push(el);
    });
  }

  private exchange(stanzas: XmlElement[], wrapper?: XmlElement): TransportExchange {
    return { time: new Date(), stanzas, wrapper, connection: this.connection };
  }

  private end(t: WebSocketEnded): void {
    if (this.state === 'closed') return;
    this.ended = t;
    this.state = 'closed';
    this.keepalive = false;
    clearTimeout(this.pingTimer);
    this.agent?.destroy();
    this.emit('terminated', t);
  }
}

function parseWebSocketUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL; an XMPP WebSocket URL looks like wss://finesse.example.com:8445/ws/`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`a WebSocket URL is ws:// or wss://, not ${url.protocol}`);
  return url;
}

function httpUrlOf(url: URL): URL {
  const u = new URL(url.href);
  u.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return u;
}

/** The connection's own agent, so certificate trust (CA file, pinned fingerprint) is this connection's alone. */
function agentFor(url: URL, trust: NonNullable<TransportTarget['trust']>): http.Agent {
  return createAgent(httpUrlOf(url), trust, 1);
}
