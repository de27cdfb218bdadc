import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { randomInt } from 'node:crypto';
import { XmlElement, childElements } from '../xml/element';
import { parseXml } from '../xml/parse';
import { l10n } from '../l10n';
import { BoshTerminated, recoverableErrorWords, terminateFromBody, terminateFromStatus } from './conditions';
import { KeySequence } from './keys';
import { createAgent, explainCertificateError, isCertificateError, type TrustSettings } from './tls-trust';
import type { Transport, TransportExchange } from '../xmpp/transport';
import { streamErrorOf } from '../xmpp/stream-error';

export const BOSH_NS = 'http://jabber.org/protocol/httpbind';
export const XBOSH_NS = 'urn:xmpp:xbosh';

/** Named limits, declared once. */
export const BOSH_LIMITS = {
  /** Seconds the connection manager may hold a request (we ask; it may lower it). */
  wait: 60,
  /** Extra time beyond `wait` before a held request counts as lost. */
  responseMarginMs: 10_000,
  /** Tries of one request (same rid, same body) before the session is declared lost. */
  maxTries: 6,
  retryBaseMs: 250,
  retryMaxMs: 8_000,
  /** Resume this long before a pause (or the inactivity limit) runs out. */
  safetyMarginMs: 5_000,
  /**
   * A held request's response may be stalled in the network while the server's inactivity
   * clock runs from the moment it answered: a fresh request reaches the server this long
   * (at most a third of `inactivity`) before that clock could run out.
   */
  stallGuardMarginMs: 10_000,
  /** After such a guard request, an older request still unanswered this long is sent again. */
  stallProbeMs: 3_000,
};

export interface BoshOptions {
  url: string;
  /** The XMPP domain ('to'). */
  to: string;
  /** XEP-0124 'route' (xmpp:host:port), only when the connection manager asks for it. */
  route?: string;
  lang?: string;
  wait?: number;
  hold?: number;
  /** XEP-0124 §15 keys; on by default. */
  useKeys?: boolean;
  trust?: TrustSettings;
  maxTries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  responseMarginMs?: number;
  stallGuardMarginMs?: number;
  stallProbeMs?: number;
}

/** What the connection manager granted in its session creation response. */
export interface BoshSessionParams {
  sid: string;
  wait: number;
  hold: number;
  requests: number;
  inactivity?: number;
  polling?: number;
  maxpause?: number;
  /** The server acknowledges requests (XEP-0124 §9). */
  acks: boolean;
  ver?: string;
  authid?: string;
}

/** One request or response as it travelled, with the stanzas it carried. */
export interface BoshExchange extends TransportExchange {
  rid: number;
  body: XmlElement;
  wrapper: XmlElement;
}

export interface BoshRetry {
  rid: number;
  attempt: number;
  delayMs: number;
  reason: string;
}

export type BoshState = 'idle' | 'creating' | 'open' | 'paused' | 'terminating' | 'closed';

interface Pending {
  rid: number;
  xml: string;
  body: XmlElement;
  tries: number;
  request?: http.ClientRequest;
  timer?: NodeJS.Timeout;
  /** The caller waiting for this particular response (session creation, terminate). */
  waiter?: { resolve: (body: XmlElement) => void; reject: (e: Error) => void };
}

interface BoshEvents {
  sent: [BoshExchange];
  received: [BoshExchange];
  retry: [BoshRetry];
  notice: [string];
  terminated: [BoshTerminated];
}

/**
 * An XEP-0124 client over Node's http/https: one request always held so pushes arrive
 * at once, never more than `requests` at a time, every lost request resent with its own
 * rid and body, responses handed on strictly in rid order, ack/report, key/newkey, pause.
 */
export class BoshClient extends EventEmitter<BoshEvents> implements Transport {
  readonly kind = 'bosh' as const;
  state: BoshState = 'idle';
  params?: BoshSessionParams;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly keys?: KeySequence;
  private nextRid: number;
  /** Requests sent and not yet answered, by rid. */
  private readonly inFlight = new Map<number, Pending>();
  /** Responses that arrived ahead of an earlier one, waiting for their turn. */
  private readonly arrived = new Map<number, XmlElement>();
  private nextToDeliver: number;
  private queue: XmlElement[] = [];
  private restartWanted = false;
  private pauseTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private lastEmptyExchangeAt = 0;
  /** When a request with a fresh rid last left: the server holds something from then on, or answered it. */
  private lastFreshSentAt = 0;
  /** When the last response arrived: the server knew the session then. */
  private lastAnsweredAt = 0;
  private guardTimer?: NodeJS.Timeout;
  private probeTimer?: NodeJS.Timeout;
  private ended?: BoshTerminated;
  private readonly o: Required<Omit<BoshOptions, 'route' | 'trust'>> & Pick<BoshOptions, 'route' | 'trust'>;

  constructor(options: BoshOptions) {
    super();
    this.o = {
      lang: 'en',
      wait: BOSH_LIMITS.wait,
      hold: 1,
      useKeys: true,
      maxTries: BOSH_LIMITS.maxTries,
      retryBaseMs: BOSH_LIMITS.retryBaseMs,
      retryMaxMs: BOSH_LIMITS.retryMaxMs,
      responseMarginMs: BOSH_LIMITS.responseMarginMs,
      stallGuardMarginMs: BOSH_LIMITS.stallGuardMarginMs,
      stallProbeMs: BOSH_LIMITS.stallProbeMs,
      ...options,
    };
    try {
      this.url = new URL(options.url);
    } catch {
      throw new Error(`"${options.url}" is not a URL; a BOSH URL looks like https://finesse.example.com:7443/http-bind/`);
    }
    // Sockets: the granted `requests` (at most 2 or 3 in practice) plus one for a retransmission.
    this.agent = createAgent(this.url, options.trust ?? {}, 4);
    if (this.o.useKeys) this.keys = new KeySequence();
    // A random start far from 2^53 (XEP-0124 §5: rid is random, large, and must not wrap).
    this.nextRid = randomInt(1_000_000, 1_000_000_000) * 1000;
    this.nextToDeliver = this.nextRid;
  }

  get secure(): boolean {
    return this.url.protocol === 'https:';
  }

  get sid(): string | undefined {
    return this.params?.sid;
  }

  get isOpen(): boolean {
    return this.state === 'open' || this.state === 'paused';
  }

  get label(): string {
    return `BOSH sid ${this.sid ?? '(none yet)'}`;
  }

  /** The held request is BOSH's keepalive: nothing more to start. */
  online(): void {}

  /** Session creation request; resolves with the stanzas of its response (which may already hold stream features). */
  async start(): Promise<XmlElement[]> {
    if (this.state !== 'idle') throw new Error('this BOSH session was already started');
    this.state = 'creating';
    const attrs: Record<string, string> = {
      content: 'text/xml; charset=utf-8',
      hold: String(this.o.hold),
      to: this.o.to,
      ver: '1.11',
      wait: String(this.o.wait),
      ack: '1',
      'xml:lang': this.o.lang,
      'xmpp:version': '1.0',
      'xmlns:xmpp': XBOSH_NS,
    };
    if (this.o.route) attrs.route = this.o.route;
    if (this.keys) attrs.newkey = this.keys.start().newkey;
    const response = await this.request(attrs, [], true);
    const sid = response.attrs.sid;
    if (!sid) {
      const t = new BoshTerminated('bad-request', l10n.t('the session creation response has no sid: this URL does not behave as a BOSH connection manager'));
      this.end(t);
      throw t;
    }
    const num = (name: string) => (response.attrs[name] !== undefined && response.attrs[name] !== '' ? Number(response.attrs[name]) : undefined);
    this.params = {
      sid,
      wait: num('wait') ?? this.o.wait,
      hold: num('hold') ?? this.o.hold,
      // XEP-0124: absent 'requests' means hold+1.
      requests: Math.max(1, num('requests') ?? (num('hold') ?? this.o.hold) + 1),
      inactivity: num('inactivity'),
      polling: num('polling'),
      maxpause: num('maxpause'),
      acks: response.attrs.ack !== undefined,
      ver: response.attrs.ver,
      authid: response.attrs.authid,
    };
    this.state = 'open';
    this.pump();
    return childElements(response);
  }

  /** Queues stanzas; they go out in the next request there is room for. */
  send(stanzas: XmlElement | XmlElement[]): void {
    if (this.state === 'closed' || this.state === 'terminating') {
      throw new Error(`the BOSH session is ${this.state}${this.ended ? `: ${this.ended.message}` : ''}; nothing can be sent`);
    }
    for (const s of Array.isArray(stanzas) ? stanzas : [stanzas]) this.queue.push(s);
    this.pump();
  }

  /** XEP-0206 §5: the stream restart after SASL success, in a request of its own. */
  restart(): void {
    this.restartWanted = true;
    this.pump();
  }

  /**
   * XEP-0124 §10: asks the server to keep the session for `seconds` without requests.
   * The server answers every held request; the client resumes by itself before the time runs out.
   */
  async pause(seconds: number): Promise<number> {
    const max = this.params?.maxpause;
    if (this.state !== 'open' || !this.params) throw new Error('only an open session can be paused');
    if (!max) throw new Error('this connection manager does not support pause (no maxpause in its session creation response)');
    const granted = Math.min(Math.max(1, Math.floor(seconds)), max);
    this.state = 'paused';
    await this.request({ sid: this.params.sid, pause: String(granted) }, this.takeQueue(), true);
    this.emit('notice', `paused for ${granted} s${granted < seconds ? ` (the server allows at most ${max} s)` : ''}`);
    this.pauseTimer = setTimeout(() => this.resume(), Math.max(1000, granted * 1000 - BOSH_LIMITS.safetyMarginMs));
    return granted;
  }

  resume(): void {
    clearTimeout(this.pauseTimer);
    if (this.state !== 'paused') return;
    this.state = 'open';
    this.pump();
  }

  /** Ends the session cleanly: the stanzas given (e.g. unavailable presence) ride in the terminate request. */
  async terminate(stanzas: XmlElement[] = [], timeoutMs = 5000): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'idle' || this.state === 'creating' || !this.params) {
      this.end(new BoshTerminated('client-terminate', l10n.t('closed before the session was open')));
      return;
    }
    clearTimeout(this.pauseTimer);
    this.state = 'terminating';
    const payload = [...this.takeQueue(), ...stanzas];
    const done = this.request({ sid: this.params.sid, type: 'terminate' }, payload, true).then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.end(new BoshTerminated('client-terminate', l10n.t('the session was closed by this client')));
  }

  // ——— the request loop ———

  /** Sends what can be sent: queued stanzas, a restart, or the one empty request always held. */
  private pump(): void {
    const p = this.params;
    if (!p || this.state !== 'open') return;
    if (this.window >= p.requests) return;
    if (this.restartWanted) {
      this.restartWanted = false;
      void this.request({ sid: p.sid, 'xmpp:restart': 'true', 'xmlns:xmpp': XBOSH_NS, to: this.o.to, 'xml:lang': this.o.lang }, this.takeQueue(), false);
      return;
    }
    if (this.queue.length > 0) {
      void this.request({ sid: p.sid }, this.takeQueue(), false);
      return;
    }
    if (this.inFlight.size > 0) return;
    if (p.hold === 0 && p.polling) {
      // A polling-only connection manager: no faster than `polling`, well before `inactivity`.
      const since = Date.now() - this.lastEmptyExchangeAt;
      const gap = p.polling * 1000 - since;
      if (gap > 0) {
        clearTimeout(this.pollTimer);
        this.pollTimer = setTimeout(() => this.pump(), gap);
        return;
      }
    }
    void this.request({ sid: p.sid }, [], false);
  }

  /**
   * Requests sent since the oldest one not yet answered in order, answered or not: never more
   * than `requests`, so a lost answer can still be replayed from the server's short cache of
   * past responses (Prosody keeps hold+1).
   */
  private get window(): number {
    return this.nextRid - this.nextToDeliver;
  }

  private takeQueue(): XmlElement[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  /** Builds, records and sends one request; `awaited` requests resolve with their response body. */
  private request(attrs: Record<string, string>, stanzas: XmlElement[], awaited: true): Promise<XmlElement>;
  private request(attrs: Record<string, string>, stanzas: XmlElement[], awaited: false): Promise<void>;
  private request(attrs: Record<string, string>, stanzas: XmlElement[], awaited: boolean): Promise<XmlElement | void> {
    const rid = this.nextRid++;
    const body = new XmlElement('body', { rid: String(rid), xmlns: BOSH_NS, ...attrs });
    if (this.keys && !attrs.newkey) Object.assign(body.attrs, this.keys.next());
    const ack = this.clientAck(rid);
    if (ack !== undefined) body.attrs.ack = String(ack);
    for (const s of stanzas) {
      if (!s.attrs.xmlns && ['message', 'presence', 'iq'].includes(s.name)) s.attrs.xmlns = 'jabber:client';
      body.cnode(s);
    }
    const pending: Pending = { rid, xml: body.toString(), body, tries: 0 };
    this.inFlight.set(rid, pending);
    this.lastFreshSentAt = Date.now();
    this.armStallGuard();
    this.emit('sent', { rid, time: new Date(), body, wrapper: body, stanzas });
    const result = new Promise<XmlElement>((resolve, reject) => {
      if (awaited) pending.waiter = { resolve, reject };
    });
    this.transmit(pending);
    return awaited ? result : Promise.resolve();
  }

  /** XEP-0124 §9.1: acknowledge the highest rid answered in order, when it is not simply the previous one. */
  private clientAck(rid: number): number | undefined {
    if (!this.params?.acks) return undefined;
    const acked = this.nextToDeliver - 1;
    return acked < rid - 1 ? acked : undefined;
  }

  private transmit(p: Pending): void {
    p.tries++;
    const waitMs = (this.params?.wait ?? this.o.wait) * 1000 + this.o.responseMarginMs;
    const lib = this.url.protocol === 'https:' ? https : http;
    const data = Buffer.from(p.xml, 'utf8');
    let settled = false;
    const settle = (fn: () => void) => {
      // A request replaced by a resend (report) is dropped: its end is not a lost try of its own.
      if (settled || p.request !== req) return;
      settled = true;
      clearTimeout(p.timer);
      fn();
    };
    const req = lib.request(this.url, {
      method: 'POST',
      agent: this.agent,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': data.length },
    });
    p.request = req;
    p.timer = setTimeout(() => {
      settle(() => this.lost(p, `no response within ${Math.round(waitMs / 1000)} s (wait ${this.params?.wait ?? this.o.wait} s plus margin)`));
      req.destroy();
    }, waitMs);
    req.on('error', (e) => settle(() => this.failed(p, e)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => settle(() => this.failed(p, e)));
      res.on('end', () => settle(() => this.answered(p, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
    });
    req.end(data);
  }

  private failed(p: Pending, e: Error): void {
    if (isCertificateError(e)) {
      void explainCertificateError(this.url, e).then((c) => this.end(new BoshTerminated('certificate', c.message, 0, { cause: c }), c));
      return;
    }
    const code = (e as NodeJS.ErrnoException).code;
    this.lost(p, code ? `${code} (${e.message})` : e.message, code === 'ECONNREFUSED');
  }

  /**
   * Network error or timeout: the same rid with the same body again, after a bounded backoff.
   * The session is given up only when nothing listens any more (the server process is gone,
   * and its sessions with it) or once the server would have dropped it anyway: a stalling
   * path must not end a session the server still keeps.
   */
  private lost(p: Pending, reason: string, refused = false): void {
    if (this.state === 'closed' || !this.inFlight.has(p.rid)) return;
    if (this.state === 'terminating' && p.body.attrs.type !== 'terminate') return;
    if (p.tries >= this.o.maxTries && (refused || this.state === 'terminating' || this.serverWindowPassed())) {
      const where = this.url.host;
      const why = refused ? l10n.t('nothing listens there any more') : l10n.t('no answer for longer than the server keeps a silent session');
      this.end(
        new BoshTerminated(
          'connection-lost',
          l10n.t('the connection manager at {0} stopped answering ({1}): request rid={2} failed {3} times (last: {4})', where, why, p.rid, p.tries, reason),
          this.undeliveredCount(),
        ),
      );
      return;
    }
    const delayMs = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** (p.tries - 1));
    this.emit('retry', { rid: p.rid, attempt: p.tries + 1, delayMs, reason });
    p.timer = setTimeout(() => {
      if (this.state !== 'closed' && this.inFlight.has(p.rid)) this.transmit(p);
    }, delayMs);
  }

  private answered(p: Pending, status: number, text: string): void {
    if (this.state === 'closed' || !this.inFlight.has(p.rid)) return;
    const context = { inactivity: this.params?.inactivity };
    if (status !== 200) {
      if (this.state === 'creating') {
        return this.end(new BoshTerminated('undefined-condition', l10n.t('HTTP {0} from {1}: no BOSH connection manager answers at this URL (check host, port and path, e.g. /http-bind/)', status, this.url.href)));
      }
      if (status >= 500 || status === 0) return this.lost(p, `HTTP ${status}`);
      // XEP-0124's legacy error binding answers with a bare status; a page (a proxy's or a web
      // server's) means the connection manager never saw the request.
      if (text.trim() !== '' && !/^\s*(?:<\?xml[^>]*\?>\s*)?<body\b/.test(text)) return this.lost(p, `HTTP ${status} with a page of its own (${pageTitle(text)}): something in front of the connection manager answered`);
      return this.end(this.withUndelivered(terminateFromStatus(status, context)));
    }
    let body: XmlElement;
    try {
      body = parseXml(text);
    } catch (e) {
      return this.lost(p, `the response is not XML (${(e as Error).message}): ${text.slice(0, 120)}`);
    }
    if (body.name !== 'body') return this.lost(p, `the response is <${body.name}>, not a BOSH <body>`);
    const type = body.attrs.type;
    if (type === 'terminate') {
      this.inFlight.delete(p.rid);
      clearTimeout(p.timer);
      // Handed on by end(), in rid order with the responses that arrived ahead of it.
      this.arrived.set(p.rid, body);
      if (this.state === 'terminating') {
        // Our own terminate: the server may answer it, or the held request, with type='terminate'.
        p.waiter?.resolve(body);
        return this.end(new BoshTerminated('client-terminate', l10n.t('the session was closed by this client')));
      }
      const streamError = childElements(body).map(streamErrorOf).find((e) => e !== undefined);
      let t = this.withUndelivered(terminateFromBody(body.attrs.condition, { ...context, streamError }));
      if (this.state === 'creating') {
        // Prosody answers an unknown domain with improper-addressing, so the domain asked for is named.
        const asked = this.o.route ? l10n.t("{0} (the session request asked for to='{1}' route='{2}')", t.message, this.o.to, this.o.route) : l10n.t("{0} (the session request asked for to='{1}')", t.message, this.o.to);
        t = new BoshTerminated(t.condition, asked);
      }
      p.waiter?.reject(t);
      return this.end(t);
    }
    if (type === 'error') {
      this.emit('notice', `rid=${p.rid}: ${recoverableErrorWords()}`);
      return this.lost(p, 'recoverable binding error');
    }
    this.inFlight.delete(p.rid);
    this.lastAnsweredAt = Date.now();
    if (p.waiter) p.waiter.resolve(body);
    this.arrived.set(p.rid, body);
    // The server answers in the order it received; an older request still unanswered after a
    // newer one's answer came had its own answer lost or stuck on the way.
    const first = this.inFlight.get(this.nextToDeliver);
    if (first && p.rid > first.rid) this.scheduleProbe([first]);
    if (childElements(body).length === 0 && p.body.children.length === 0) this.lastEmptyExchangeAt = Date.now();
    // The next request goes out before the stanzas are handled, so the server holds one again
    // while this client decodes and prints: the next push is not kept waiting.
    this.pump();
    this.deliverInOrder();
    this.handleReport(body);
    this.pump();
  }

  // ——— a stalled response must not cost the session ———

  /**
   * The server's inactivity clock may have started the moment it answered our newest request,
   * if that answer is stuck on the way. So a fresh (empty) request, in the slot `requests`
   * leaves beside the held one, reaches the server before that clock could run out: a request
   * the server still holds comes back at once, and one whose answer was lost no longer costs
   * the session.
   */
  private armStallGuard(): void {
    clearTimeout(this.guardTimer);
    const p = this.params;
    if (!p || this.state === 'closed') return;
    const limitMs = (p.inactivity ?? p.wait) * 1000;
    const margin = Math.min(this.o.stallGuardMarginMs, limitMs / 3);
    const at = this.lastFreshSentAt + limitMs - margin;
    this.guardTimer = setTimeout(() => this.stallGuard(), Math.max(0, at - Date.now()));
  }

  private stallGuard(): void {
    const p = this.params;
    if (!p || this.state !== 'open' || this.inFlight.size === 0) return;
    if (this.window >= p.requests) {
      this.emit('notice', `no response for ${Math.round((Date.now() - this.lastFreshSentAt) / 1000)} s and no free request slot (requests ${p.requests}): the session depends on the held request's answer arriving`);
      return;
    }
    const older = [...this.inFlight.values()];
    this.emit('notice', `no response for ${Math.round((Date.now() - this.lastFreshSentAt) / 1000)} s, close to the server's inactivity limit (${p.inactivity ?? p.wait} s): sending a request so the server cannot drop the session while an answer is stuck`);
    void this.request({ sid: p.sid }, this.takeQueue(), false);
    this.scheduleProbe(older);
  }

  /** Soon, not at once: answers travel on separate connections and may overtake each other. */
  private scheduleProbe(older: Pending[]): void {
    if (this.probeTimer) return;
    const ms = Math.min(this.o.stallProbeMs, (this.params?.wait ?? this.o.wait) * 250);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.probeStalled(older);
    }, ms);
  }

  /** The server answers a held request as soon as a newer one arrives; one still unanswered was lost on the way: ask again, inside the server's replay window. */
  private probeStalled(older: Pending[]): void {
    for (const p of older) {
      if (this.state === 'closed' || !this.inFlight.has(p.rid)) continue;
      this.emit('notice', `the answer to rid=${p.rid} did not arrive although the server has a newer request: it was lost or is stuck on the way; sending rid=${p.rid} again so the server replays it`);
      p.request?.destroy();
      clearTimeout(p.timer);
      this.transmit(p);
    }
  }

  /** True once the server would have dropped the session anyway: no answer for longer than inactivity plus wait. */
  private serverWindowPassed(): boolean {
    const p = this.params;
    if (!p) return true;
    const windowMs = ((p.inactivity ?? p.wait) + p.wait) * 1000;
    return Date.now() - Math.max(this.lastAnsweredAt, this.lastFreshSentAt) > windowMs || this.o.maxTries <= 0 || this.lastAnsweredAt === 0;
  }

  /** XEP-0124 §7: responses are processed in rid order, whatever order they arrive in. */
  private deliverInOrder(): void {
    for (;;) {
      const body = this.arrived.get(this.nextToDeliver);
      if (!body) return;
      this.arrived.delete(this.nextToDeliver);
      const rid = this.nextToDeliver++;
      this.emit('received', { rid, time: new Date(), body, wrapper: body, stanzas: childElements(body) });
    }
  }

  /** XEP-0124 §9.3: the server says a response was sent that we never got: ask for it again. */
  private handleReport(body: XmlElement): void {
    const report = Number(body.attrs.report);
    if (!report) return;
    const p = this.inFlight.get(report);
    if (!p) return;
    this.emit('notice', `the server reports its response to rid=${report} (sent ${body.attrs.time ?? '?'} ms ago) was not acknowledged: resending that request`);
    p.request?.destroy();
    clearTimeout(p.timer);
    this.transmit(p);
  }

  private undeliveredCount(): number {
    let n = this.queue.length;
    for (const p of this.inFlight.values()) n += p.body.children.length;
    return n;
  }

  private withUndelivered(t: BoshTerminated): BoshTerminated {
    const n = this.undeliveredCount();
    return n ? new BoshTerminated(t.condition, t.message, n) : t;
  }

  /** Stanzas that never reached the server, for a caller who wants to send them again in a new session. */
  undeliveredStanzas(): XmlElement[] {
    const out: XmlElement[] = [];
    for (const p of [...this.inFlight.values()].sort((a, b) => a.rid - b.rid)) {
      if (p.body.attrs['xmpp:restart'] || p.body.attrs.to) continue;
      out.push(...childElements(p.body));
    }
    return [...out, ...this.queue];
  }

  private end(t: BoshTerminated, cause?: Error): void {
    if (this.state === 'closed') return;
    t = this.withConfirmation(t);
    this.ended = t;
    const undelivered = this.undeliveredStanzas();
    this.state = 'closed';
    clearTimeout(this.pauseTimer);
    clearTimeout(this.pollTimer);
    clearTimeout(this.guardTimer);
    clearTimeout(this.probeTimer);
    for (const p of this.inFlight.values()) {
      clearTimeout(p.timer);
      p.request?.destroy();
      p.waiter?.reject(cause ?? t);
    }
    this.inFlight.clear();
    this.queue = undelivered;
    this.agent.destroy();
    // Responses that did arrive are handed on even though an earlier one never will.
    for (const rid of [...this.arrived.keys()].sort((a, b) => a - b)) {
      const body = this.arrived.get(rid)!;
      this.emit('received', { rid, time: new Date(), body, wrapper: body, stanzas: childElements(body) });
    }
    this.arrived.clear();
    this.emit('terminated', t);
  }

  /**
   * A session the server lost: BOSH confirms the client's requests by answering them, so the
   * words say up to which request the server had everything, and from when stanzas may be missing.
   */
  private withConfirmation(t: BoshTerminated): BoshTerminated {
    if (t.condition === 'client-terminate' || t.condition === 'certificate' || !this.params || this.lastAnsweredAt === 0) return t;
    const confirmed = this.nextToDeliver - 1;
    const since = new Date(this.lastAnsweredAt).toISOString();
    const words = l10n.t("{0}; the server confirmed this client's requests up to rid={1}, answered last at {2}: what it sent after that, and the stanzas of later requests, may be missing", t.message, confirmed, since);
    return new BoshTerminated(t.condition, words, t.undelivered, { cause: t.cause });
  }

  get endedBecause(): BoshTerminated | undefined {
    return this.ended;
  }
}

function pageTitle(text: string): string {
  const title = /<title[^>]*>([^<]{1,80})<\/title>/i.exec(text)?.[1]?.trim();
  return title ? `"${title}"` : `${text.trim().slice(0, 60)}…`;
}
