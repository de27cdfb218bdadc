import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { BoshClient, type BoshOptions } from '../bosh/client';
import { BoshTerminated } from '../bosh/conditions';
import { WebSocketClient, type WebSocketOptions } from '../websocket/client';
import { WebSocketEnded } from '../websocket/endings';
import type { TrustSettings } from '../bosh/tls-trust';
import { decodeLayers } from '../xml/escape-layers';
import { XmlElement, childElements } from '../xml/element';
import { parseXml } from '../xml/parse';
import { compactXml } from '../xml/pretty';
import { chooseMechanism, createMechanism, type MechanismName } from '../sasl/mechanisms';
import { SASL_NS, redactSasl } from '../sasl/redact';
import { SaslError } from '../sasl/scram';
import { bareJid, parseJid, type Jid } from './jid';
import type { SessionNotice, StanzaRecord, WrapperRecord } from './stanza-record';
import { streamErrorOf, streamErrorWords } from './stream-error';
import { parseStanza } from './stanza-check';
import { transportOf, type Transport, type TransportEnded, type TransportExchange, type TransportKind } from './transport';

export const XMPP_LIMITS = {
  /** How long one login step (features, SASL, bind) may take. */
  stepTimeoutMs: 30_000,
  iqTimeoutMs: 30_000,
  /** Fresh sessions tried after the server went away, with growing pauses. */
  reconnectTries: 5,
  reconnectBaseMs: 1_000,
  /** Stanzas kept for a login step that has not asked for them yet. */
  unclaimedMax: 32,
};

export interface SessionProfile {
  url: string;
  /** user@domain; for Finesse: agentid@finesse-host. */
  jid: string;
  resource?: string;
  password: string;
  trust?: TrustSettings;
  allowPlainOverHttp?: boolean;
  /** Restrict SASL to these mechanisms. */
  mechanisms?: MechanismName[];
  /** Presence priority; Finesse ignores clients below 0. */
  priority?: number;
  /** Start a fresh session when the server goes away or forgets this one. */
  reconnect?: boolean;
  bosh?: Partial<Omit<BoshOptions, 'url' | 'to' | 'trust'>>;
  websocket?: Partial<Pick<WebSocketOptions, 'pingIntervalMs' | 'pingRetries' | 'openTimeoutMs' | 'lang'>>;
}

export type SessionState = 'connecting' | 'authenticating' | 'binding' | 'online' | 'reconnecting' | 'closed';

interface SessionEvents {
  stanza: [StanzaRecord];
  wrapper: [WrapperRecord];
  notice: [SessionNotice];
  state: [SessionState, string];
}

const NS = {
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  session: 'urn:ietf:params:xml:ns:xmpp-session',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  ping: 'urn:xmpp:ping',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  pubsub: 'http://jabber.org/protocol/pubsub',
};

const SASL_FAILURE_WORDS: Record<string, string> = {
  'not-authorized': 'the user name or password is wrong',
  'account-disabled': 'the account is disabled',
  'credentials-expired': 'the password has expired',
  'encryption-required': 'the server wants an encrypted connection for this mechanism',
  'invalid-authzid': 'the authorization identity was refused',
  'invalid-mechanism': 'the server does not support the chosen mechanism',
  'malformed-request': 'the server could not read the authentication request',
  'mechanism-too-weak': 'the server requires a stronger mechanism',
  aborted: 'the authentication was aborted',
  'temporary-auth-failure': 'the server could not check the password right now; try again later',
};

interface Waiter {
  match: (el: XmlElement) => boolean;
  resolve: (el: XmlElement) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * An XMPP client session over BOSH (XEP-0206) or a WebSocket (RFC 7395), as the URL's scheme
 * says: SASL, stream restart, resource binding, available presence, answering pings, pubsub
 * and any stanza the user sends. Every stanza in either direction comes out as a StanzaRecord
 * with SASL data redacted and escaped layers decoded.
 */
export class XmppSession extends EventEmitter<SessionEvents> {
  state: SessionState = 'closed';
  /** The full JID the server bound. */
  jid?: string;
  readonly account: Jid;
  readonly transportKind: TransportKind;
  private transport?: Transport;
  /** Stanzas that came during login before anyone waited for them (a WebSocket delivers frames back to back). */
  private unclaimed: XmlElement[] = [];
  /** WebSocket connections opened so far: each record names its connection. */
  private connections = 0;
  /** When the last frame or response arrived: where a reconnect's gap begins. */
  private lastHeardAt?: Date;
  private seq = 0;
  private waiters = new Set<Waiter>();
  private pendingIq = new Map<string, { resolve: (el: XmlElement) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private closing = false;
  /** Cuts short the pause before the next reconnect try (on disconnect). */
  private wakeReconnect?: () => void;
  private idCounter = 0;
  private readonly idPrefix = randomBytes(3).toString('hex');

  /** Holds the password, so it stays inside the session. */
  constructor(private readonly profile: SessionProfile) {
    super();
    this.account = parseJid(profile.jid);
    this.transportKind = transportOf(profile.url);
  }

  /** The BOSH session id; undefined over a WebSocket. */
  get sid(): string | undefined {
    return this.transport instanceof BoshClient ? this.transport.sid : undefined;
  }

  /** The WebSocket stream id the server gave last (a new one after each restart). */
  get streamId(): string | undefined {
    return this.transport instanceof WebSocketClient ? this.transport.streamId : undefined;
  }

  /** `BOSH sid …` or `WebSocket connection 2, stream id …`: how the server knows this session. */
  get transportLabel(): string {
    return this.transport?.label ?? (this.transportKind === 'bosh' ? 'BOSH' : 'WebSocket');
  }

  get url(): string {
    return this.profile.url;
  }

  /** Logs in and sends available presence; resolves when online. */
  async connect(): Promise<void> {
    this.closing = false;
    await this.login('connecting');
  }

  private async login(initial: SessionState, resend: XmlElement[] = []): Promise<void> {
    this.setState(initial, this.profile.url);
    let transport: Transport;
    try {
      transport = this.createTransport();
    } catch (e) {
      // Not a URL, an unreadable CA file, a malformed fingerprint: nothing was sent.
      if (initial === 'connecting') this.setState('closed', (e as Error).message);
      throw e;
    }
    this.transport = transport;
    this.unclaimed = [];
    transport.on('sent', (x) => this.onExchange(x, 'sent'));
    transport.on('received', (x) => this.onExchange(x, 'received'));
    transport.on('retry', (r) => this.notice('warning', `request rid=${r.rid} lost (${r.reason}); sending it again (try ${r.attempt}) in ${r.delayMs} ms`));
    transport.on('notice', (t) => this.notice('info', t));
    transport.on('terminated', (t) => this.onTerminated(transport, t));
    try {
      const created = await transport.start();
      this.unclaimed = this.unclaimed.filter((el) => !created.includes(el));
      this.notice('info', openedWords(transport));
      let features = created.find(isFeatures) ?? (await this.waitFor((el) => isFeatures(el), 'stream features'));
      this.setState('authenticating', '');
      await this.authenticate(transport, features);
      // What came before the restart belongs to the old stream.
      this.unclaimed = [];
      transport.restart();
      features = await this.waitFor((el) => isFeatures(el), 'stream features after the restart');
      this.setState('binding', '');
      await this.bind(features);
      this.sendNow(presence(this.profile.priority ?? 0));
      if (resend.length) {
        this.notice('info', `sending again ${resend.length} stanza(s) the previous session did not deliver`);
        this.sendNow(resend);
      }
      this.unclaimed = [];
      transport.online();
      this.setState('online', `${this.jid} ${transport.label}`);
    } catch (e) {
      const err = e as Error;
      if (transport.isOpen) await transport.terminate([], 2000);
      this.rejectAll(err);
      // A failed reconnect try is not the end: reconnect() says when it gives up.
      if (initial === 'connecting' && this.state !== 'closed') this.setState('closed', err.message);
      throw err;
    }
  }

  private createTransport(): Transport {
    const target = { url: this.profile.url, to: this.account.domain, trust: this.profile.trust };
    if (this.transportKind === 'websocket') return new WebSocketClient({ ...target, ...this.profile.websocket, connection: String(++this.connections) });
    return new BoshClient({ ...target, ...this.profile.bosh });
  }

  private async authenticate(transport: Transport, features: XmlElement): Promise<void> {
    const mechs = features.getChild('mechanisms', SASL_NS);
    const offered = mechs ? mechs.getChildren('mechanism').map((m) => m.getText().trim()) : [];
    const name = chooseMechanism({ offered, secure: transport.secure, allowPlainOverHttp: this.profile.allowPlainOverHttp, only: this.profile.mechanisms });
    this.notice('info', `authenticating as ${this.account.local} with ${name} (offered: ${offered.join(', ')})`);
    const mech = createMechanism(name, this.account.local, this.profile.password);
    this.sendNow(new XmlElement('auth', { xmlns: SASL_NS, mechanism: name }).t(mech.initial()) as XmlElement);
    for (;;) {
      const el = await this.waitFor((e) => e.attrs.xmlns === SASL_NS && ['challenge', 'success', 'failure'].includes(e.name), 'the SASL answer');
      if (el.name === 'challenge') {
        const answer = await mech.challenge(el.getText());
        this.sendNow(new XmlElement('response', { xmlns: SASL_NS }).t(answer) as XmlElement);
      } else if (el.name === 'success') {
        const data = el.getText().trim();
        if (data && data !== '=') mech.success(data);
        else if (name !== 'PLAIN') throw new SaslError(`the server sent ${name} success without its signature: it did not prove it knows the password`);
        return;
      } else {
        const condition = conditionOf(el) ?? 'not-authorized';
        const text = el.getChildText('text');
        throw new SaslError(
          `authentication failed: ${condition} — ${SASL_FAILURE_WORDS[condition] ?? 'the server refused the login'}${text ? ` (server: "${text}")` : ''}`,
          condition,
        );
      }
    }
  }

  private async bind(features: XmlElement): Promise<void> {
    if (!features.getChild('bind', NS.bind)) throw new Error('the server offers no resource binding after login');
    const bind = new XmlElement('bind', { xmlns: NS.bind });
    if (this.profile.resource) bind.c('resource').t(this.profile.resource);
    const result = await this.iq(iqOf('set', undefined, bind));
    const jid = result.getChild('bind', NS.bind)?.getChildText('jid');
    if (!jid) throw new Error('the server answered the bind request without a JID');
    this.jid = jid;
    const session = features.getChild('session', NS.session);
    if (session && !session.getChild('optional')) await this.iq(iqOf('set', undefined, new XmlElement('session', { xmlns: NS.session })));
  }

  // ——— what users do ———

  /** Sends a stanza given as XML text or element; text is checked for well-formedness first. */
  send(stanza: string | XmlElement): XmlElement {
    if (this.state !== 'online') throw new Error(`the session is ${this.state}: connect before sending`);
    const el = typeof stanza === 'string' ? parseStanza(stanza) : stanza;
    if (el.name === 'iq' && !el.attrs.id) el.attrs.id = this.nextId();
    this.sendNow(el);
    return el;
  }

  /** Sends an iq and waits for its result; an error answer rejects with the condition in words. */
  iq(el: XmlElement, timeoutMs = XMPP_LIMITS.iqTimeoutMs): Promise<XmlElement> {
    if (!el.attrs.id) el.attrs.id = this.nextId();
    const id = el.attrs.id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingIq.delete(id);
        reject(new Error(`no answer to iq ${id} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pendingIq.set(id, { resolve, reject, timer });
      try {
        this.sendNow(el);
      } catch (e) {
        clearTimeout(timer);
        this.pendingIq.delete(id);
        reject(e);
      }
    });
  }

  subscribe(service: string, node: string, jid = this.bareJid): Promise<XmlElement> {
    const ps = new XmlElement('pubsub', { xmlns: NS.pubsub });
    ps.c('subscribe', { node, jid });
    return this.iq(iqOf('set', service, ps));
  }

  unsubscribe(service: string, node: string, jid = this.bareJid, subid?: string): Promise<XmlElement> {
    const ps = new XmlElement('pubsub', { xmlns: NS.pubsub });
    ps.c('unsubscribe', { node, jid, ...(subid ? { subid } : {}) });
    return this.iq(iqOf('set', service, ps));
  }

  createNode(service: string, node: string): Promise<XmlElement> {
    const ps = new XmlElement('pubsub', { xmlns: NS.pubsub });
    ps.c('create', { node });
    return this.iq(iqOf('set', service, ps));
  }

  /** Publishes one item (a Finesse-style publisher in tests and benches). */
  publish(service: string, node: string, payload: XmlElement, itemId?: string): Promise<XmlElement> {
    const ps = new XmlElement('pubsub', { xmlns: NS.pubsub });
    ps.c('publish', { node }).c('item', itemId ? { id: itemId } : {}).cnode(payload);
    return this.iq(iqOf('set', service, ps));
  }

  get bareJid(): string {
    return bareJid(this.account);
  }

  /** XEP-0124 §10 pause, when the server allows it. */
  pause(seconds: number): Promise<number> {
    if (!this.transport) throw new Error('not connected');
    if (!(this.transport instanceof BoshClient)) throw new Error('pause is part of BOSH (XEP-0124 §10); a WebSocket session has none');
    return this.transport.pause(seconds);
  }

  /** Unavailable presence inside the terminate request, then the session is closed. */
  async disconnect(): Promise<void> {
    this.closing = true;
    this.wakeReconnect?.();
    const transport = this.transport;
    if (!transport || !transport.isOpen) {
      await transport?.terminate();
      if (this.state !== 'closed') this.setState('closed', 'disconnected');
      return;
    }
    const goodbye = this.state === 'online' ? [new XmlElement('presence', { xmlns: 'jabber:client', type: 'unavailable' })] : [];
    await transport.terminate(goodbye);
  }

  // ——— what arrives ———

  private onExchange(x: TransportExchange, direction: 'sent' | 'received'): void {
    const time = x.time.toISOString();
    const via = x.rid !== undefined ? { rid: x.rid } : { connection: x.connection ?? '1' };
    if (direction === 'received') this.lastHeardAt = x.time;
    if (x.wrapper) this.emit('wrapper', { time, direction, ...via, tag: wrapperTag(x), stanzas: x.stanzas.length });
    for (const el of x.stanzas) {
      if (direction === 'received') this.handle(el);
      this.record(el, direction, via, time);
    }
  }

  private record(el: XmlElement, direction: 'sent' | 'received', via: { rid: number } | { connection: string }, time: string): void {
    const shown = redactSasl(el);
    const wire = compactXml(shown);
    // Outgoing elements may still be resent after a reconnect, so they are decoded from a copy.
    const stanza = direction === 'sent' || shown !== el ? parseXml(wire) : el;
    const layers = decodeLayers(stanza);
    this.emit('stanza', { seq: ++this.seq, time, direction, ...via, wire, stanza, layers });
  }

  private handle(el: XmlElement): void {
    for (const w of this.waiters) {
      if (w.match(el)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(el);
        return;
      }
    }
    if (this.state !== 'online' && this.state !== 'closed' && this.unclaimed.length < XMPP_LIMITS.unclaimedMax) this.unclaimed.push(el);
    if (el.name === 'iq') return this.handleIq(el);
    const streamError = streamErrorOf(el);
    if (streamError) this.notice('error', `the XMPP server ended the stream: ${streamErrorWords(streamError)}`);
  }

  private handleIq(el: XmlElement): void {
    const type = el.attrs.type;
    if (type === 'result' || type === 'error') {
      const p = this.pendingIq.get(el.attrs.id);
      if (!p) return;
      this.pendingIq.delete(el.attrs.id);
      clearTimeout(p.timer);
      if (type === 'result') p.resolve(el);
      else p.reject(new Error(`the server answered iq ${el.attrs.id} with an error: ${stanzaErrorWords(el)}`));
      return;
    }
    const reply = new XmlElement('iq', { xmlns: 'jabber:client', type: 'result', id: el.attrs.id, ...(el.attrs.from ? { to: el.attrs.from } : {}) });
    const query = childElements(el)[0];
    if (type === 'get' && query?.name === 'ping' && query.attrs.xmlns === NS.ping) {
      // XEP-0199: an unanswered ping is how servers and Finesse decide a client is gone.
    } else if (type === 'get' && query?.name === 'query' && query.attrs.xmlns === NS.discoInfo && !query.attrs.node) {
      const q = reply.c('query', { xmlns: NS.discoInfo });
      q.c('identity', { category: 'client', type: 'pc', name: 'XMPP BOSH Inspector' });
      for (const f of [NS.discoInfo, NS.ping]) q.c('feature', { var: f });
    } else {
      reply.attrs.type = 'error';
      reply.c('error', { type: 'cancel' }).c('service-unavailable', { xmlns: NS.stanzas });
    }
    // A request that arrives as the session ends (terminating or closed) goes unanswered.
    if (this.transport?.isOpen && (this.state === 'online' || this.state === 'binding')) this.sendNow(reply);
  }

  private onTerminated(transport: Transport, t: TransportEnded): void {
    if (transport !== this.transport) return;
    const lost = t.undelivered ? ` ${t.undelivered} stanza(s) were not delivered.` : '';
    const wasOnline = this.state === 'online';
    if (t.condition === 'client-terminate') {
      this.rejectAll(new Error('the session was closed'));
      this.setState('closed', 'disconnected');
      return;
    }
    this.notice('error', `session ended: ${t.message}.${lost}`);
    this.rejectAll(t);
    if (wasOnline && !this.closing && this.profile.reconnect && t.recoverable) {
      void this.reconnect(transport.undeliveredStanzas());
      return;
    }
    if (!wasOnline) return; // login() reports the failure to its caller
    this.setState('closed', t.message + lost);
  }

  private async reconnect(undelivered: XmlElement[]): Promise<void> {
    // SASL, bind and presence belong to the old session; only the user's stanzas are resent.
    const resend = undelivered.filter((s) => s.attrs.xmlns !== SASL_NS && !s.getChild('bind', NS.bind) && !(s.name === 'presence' && !s.attrs.type && !s.attrs.to));
    for (let attempt = 1; attempt <= XMPP_LIMITS.reconnectTries && !this.closing; attempt++) {
      const delay = XMPP_LIMITS.reconnectBaseMs * 2 ** (attempt - 1);
      this.setState('reconnecting', `try ${attempt} of ${XMPP_LIMITS.reconnectTries} in ${delay / 1000} s`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, delay);
        this.wakeReconnect = () => {
          clearTimeout(timer);
          r();
        };
      });
      this.wakeReconnect = undefined;
      if (this.closing) break;
      try {
        const lastHeard = this.lastHeardAt;
        await this.login('reconnecting', resend);
        this.notice('warning', reconnectedWords(this.jid ?? this.bareJid, this.transportLabel, lastHeard, this.account));
        return;
      } catch (e) {
        if (this.closing) break;
        this.notice('warning', `reconnect try ${attempt} failed: ${(e as Error).message}`);
        if (e instanceof SaslError) break;
      }
    }
    if (this.closing) return; // disconnect() has closed it
    this.setState('closed', resend.length ? `could not reconnect; ${resend.length} stanza(s) were not delivered` : 'could not reconnect');
  }

  // ——— plumbing ———

  private sendNow(el: XmlElement | XmlElement[]): void {
    if (!this.transport) throw new Error('not connected');
    this.transport.send(el);
  }

  private waitFor(match: (el: XmlElement) => boolean, what: string, timeoutMs = XMPP_LIMITS.stepTimeoutMs): Promise<XmlElement> {
    const early = this.unclaimed.findIndex(match);
    if (early >= 0) return Promise.resolve(this.unclaimed.splice(early, 1)[0]);
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(w);
          reject(new Error(`the server did not send ${what} within ${timeoutMs / 1000} s`));
        }, timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  private rejectAll(e: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(e);
    }
    this.waiters.clear();
    for (const p of this.pendingIq.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pendingIq.clear();
  }

  private nextId(): string {
    return `bi-${this.idPrefix}-${++this.idCounter}`;
  }

  private setState(state: SessionState, detail: string): void {
    this.state = state;
    this.emit('state', state, detail);
  }

  private notice(level: SessionNotice['level'], text: string): void {
    this.emit('notice', { time: new Date().toISOString(), level, text });
  }
}

function openedWords(t: Transport): string {
  if (t instanceof BoshClient) {
    const p = t.params!;
    return `BOSH session ${t.sid} open: wait ${p.wait} s, hold ${p.hold}, requests ${p.requests}${p.inactivity ? `, inactivity ${p.inactivity} s` : ''}`;
  }
  return `${t.label} open${t.secure ? ' (TLS)' : ''}`;
}

/** A wrapper as a record shows it: a BOSH <body> start tag without its stanzas, a framing element whole. */
function wrapperTag(x: TransportExchange): string {
  const w = x.wrapper!;
  if (x.rid === undefined) return compactXml(w);
  const tag = compactXml(new XmlElement(w.name, w.attrs));
  return x.stanzas.length ? tag.replace(/\/>$/, '>') : tag;
}

/**
 * Neither BOSH nor RFC 7395 replays what the server sent while no connection was up, unless
 * stream management (XEP-0198) resumes the stream, and Finesse and Prosody 0.12 offer none.
 */
function reconnectedWords(jid: string, label: string, lastHeard: Date | undefined, account: Jid): string {
  const now = new Date();
  if (!lastHeard) return `reconnected as ${jid} (${label})`;
  const gap = ((now.getTime() - lastHeard.getTime()) / 1000).toFixed(1);
  return `reconnected as ${jid} (${label}) after ${gap} s without a connection: nothing sent to ${bareJid(account)} between ${lastHeard.toISOString()} and ${now.toISOString()} is replayed (no stream management), so stanzas of that gap may be missing`;
}

function isFeatures(el: XmlElement): boolean {
  return el.name === 'stream:features' || el.name === 'features';
}

function presence(priority: number): XmlElement {
  const p = new XmlElement('presence', { xmlns: 'jabber:client' });
  p.c('priority').t(String(priority));
  return p;
}

function iqOf(type: 'get' | 'set', to: string | undefined, payload: XmlElement): XmlElement {
  const iq = new XmlElement('iq', { xmlns: 'jabber:client', type, ...(to ? { to } : {}) });
  iq.cnode(payload);
  return iq;
}

/** The defined condition of a SASL failure, stream error or stanza error: its first child other than <text>. */
function conditionOf(el: XmlElement): string | undefined {
  return childElements(el).find((c) => c.name !== 'text')?.name;
}

function stanzaErrorWords(el: XmlElement): string {
  const error = el.getChild('error');
  const condition = error ? conditionOf(error as XmlElement) : undefined;
  const text = error?.getChildText('text');
  return `${condition ?? 'undefined-condition'}${text ? ` (${text})` : ''}`;
}

export { BoshTerminated, SaslError, WebSocketEnded, parseStanza };
