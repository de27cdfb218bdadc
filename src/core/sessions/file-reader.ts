import { decodeFragment } from '../decode';
import { l10n } from '../l10n';
import { describeStanza } from '../describe/stanza';
import { describeFinesse } from '../describe/finesse';
import { attr, child, childText, localName } from '../describe/element-query';
import { explainBoshCondition } from '../describe/bosh-conditions';
import { describeFraming, describeStreamHeaderAsOpen } from '../describe/framing';
import type { HarSocket } from '../find/har';
import { socketKey, upgradeWords } from './socket';
import { flowOf, writtenByServer } from '../flow';
import type { DialectId, Fragment } from '../fragment';
import { childElements, type XmlElement } from '../xml/element';
import { noteHidden, type HiddenSecret } from '../sasl/hidden';
import { redactSecretText } from '../sasl/redact-text';
import { CAUSE_OF_BOSH_CONDITION, CAUSE_OF_STREAM_ERROR, causeOfStatus } from './conditions';
import type { IncidentParts, LooseNote } from './incident-parts';
import type { SessionParams } from './model';
import { readStamp, type Stamp } from './moment';
import { own } from './own';
import type { EndSignal, Mark, SessionPart, SpanMark } from './session-part';
import type { Note } from './vocabulary/match';

const HTTPBIND = 'http://jabber.org/protocol/httpbind';
/** Longest evidence line kept. */
export const EVIDENCE_CHARS = 300;

// A sid named before a fragment: Openfire's `HTTP RECV(f382a015):`, a generic `sid=…`.
const LEAD_SID = /\b(?:RECV|SENT)\s*\(([0-9a-zA-Z]+)\)|\bsid[=:]\s*["']?([0-9a-zA-Z_-]{4,})/;
const LEAD_RID = /\brid[=:]\s*["']?(\d+)/;

/** HAR requests kept waiting for their answer's fragment (answers come right after their request). */
const ENTRIES_WAITING = 4096;

/** Server lines written in answer to a request: they concern the session of the request just logged. */
const REQUEST_TRIGGERED: ReadonlySet<string> = new Set(['rid-out-of-range', 'overactivity', 'binding-error', 'client-terminate', 'invalid-sid']);

/** Time hints for files that write no year (or no date): from the file's own date or another input. */
export interface ClockHint {
  year?: number;
  day?: number;
}

/** Credentials an input holds, found while hiding them from its evidence: whose, where first, how often. */
export interface HeldSecrets {
  hidden: HiddenSecret[];
  /** Where the first one is. */
  at: Mark;
  count: number;
}

/**
 * Reads one input's fragments and non-XML lines into session parts: requests and answers by
 * sid, the server's and client's words for how sessions ended, Finesse's agent lines.
 */
export class FileReader {
  /** Requests that asked for a session and have not been answered with a sid yet. */
  private pendingCreate: SpanMark[] = [];
  /** HAR entries: the request's bar and session, so its answer pairs with it. */
  private entries = new Map<number, { part: SessionPart; span: SpanMark }>();
  private lastSid?: string;
  private order = 0;
  private dialects = new Map<string, number>();
  lines = 0;
  zoned = false;
  timed = false;
  /** True when the file wrote no year and one was supplied. */
  yearSupplied = false;
  /** The latest time the file wrote, as written: where its evidence ends. */
  lastLocal?: number;
  /** Passwords, SASL payloads, Authorization headers and cookies the input holds. */
  secrets?: HeldSecrets;
  private secretLine = -1;

  constructor(
    private readonly parts: IncidentParts,
    readonly file: string,
    readonly node: string | undefined,
    private readonly hint: ClockHint,
  ) {}

  get dialect(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [d, c] of this.dialects) if (c > n && d !== 'plain') [best, n] = [d, c];
    return best ?? (this.dialects.size ? 'plain' : undefined);
  }

  private mark(line: number, time: string | undefined, stamp: string | undefined): Mark {
    const s: Stamp = readStamp(time, stamp, this.hint);
    const m: Mark = { file: this.file, line };
    if (s.local !== undefined) {
      m.local = s.local;
      this.timed = true;
      if (this.lastLocal === undefined || s.local > this.lastLocal) this.lastLocal = s.local;
    }
    if (s.yearSupplied) this.yearSupplied = true;
    if (s.zone !== undefined) {
      m.zone = s.zone;
      this.zoned = true;
    }
    if (s.stamp) m.stamp = s.stamp;
    return m;
  }

  /** A fragment found in the input, with the text before it on its line (where loggers name the sid). */
  fragment(f: Fragment, lead: string): void {
    if (f.dialect) this.dialects.set(f.dialect, (this.dialects.get(f.dialect) ?? 0) + 1);
    const d = decodeFragment(f);
    if (d.hidden) this.holds(d.hidden, f.line, f.time, f.stamp);
    const root = d.root;
    if (!root) return;
    const at = this.mark(f.line, f.time, f.stamp);
    const evidence = cut(d.unescaped);
    if (f.socket) {
      this.socketFrame(f, root, at, evidence);
      return;
    }
    if (localName(root) === 'body' && (root.attrs.xmlns === HTTPBIND || root.attrs.rid || root.attrs.sid)) {
      this.body(root, f, at, lead, evidence);
      return;
    }
    // A stanza outside a BOSH body: a server's c2s log line, a transcript, a console.
    const flow = flowOf(f, root);
    // A server log's stanza outside a body belongs to a session only when the line names it ("Unable to route packet <message…>" does not).
    const sid = this.sidFor(lead) ?? (writtenByServer(f.dialect) ? undefined : this.lastSid);
    if (!sid) return;
    const part = this.parts.part(sid, this.file, this.node, writtenByServer(f.dialect));
    const rid = Number(LEAD_RID.exec(lead)?.[1] ?? NaN);
    this.payload(part, root, flow === 'c2s' ? 'client' : 'server', at, evidence, Number.isNaN(rid) ? undefined : rid);
  }

  /** Notes credentials found in the input (they are already hidden from its evidence). */
  holds(hidden: readonly HiddenSecret[], line: number, time?: string, stamp?: string): void {
    if (!this.secrets) this.secrets = { hidden: [], at: this.mark(line, time, stamp), count: 0 };
    for (const h of hidden) noteHidden(this.secrets.hidden, h);
    // A line is counted once, whether its stanza or the line itself showed the secret.
    if (this.secretLine !== line || line === 0) this.secrets.count++;
    this.secretLine = line;
  }

  private sidFor(lead: string): string | undefined {
    const m = LEAD_SID.exec(lead);
    const sid = m?.[1] ?? m?.[2];
    return sid && sid !== 'null' ? sid : undefined;
  }

  private body(root: XmlElement, f: Fragment, at: Mark, lead: string, evidence: string): void {
    const a = root.attrs as Record<string, string | undefined>;
    const serverSide = writtenByServer(f.dialect);
    const flow = flowOf(f, root);
    const payloads = childElements(root);
    let sid = a.sid ?? this.sidFor(lead);
    if (flow === 'c2s') {
      const rid = Number(a.rid);
      const marker = !sid && (a.to || a.wait) ? 'create' : a['xmpp:restart'] === 'true' ? 'restart' : a.type === 'terminate' ? 'terminate' : a.pause ? 'pause' : undefined;
      const span: SpanMark = { rid, sent: at, empty: payloads.length === 0, summary: own(spanSummary(payloads, marker)) };
      if (marker) span.marker = marker;
      if (!sid) {
        this.pendingCreate.push(span);
        if (this.pendingCreate.length > 64) this.pendingCreate.shift();
        this.parts.sample(this.file, `rid:${rid}`, at);
        if (f.exchange) this.exchange(f, undefined, span);
        return;
      }
      this.lastSid = sid;
      const part = this.parts.part(sid, this.file, this.node, serverSide);
      part.request(span);
      part.cite({ file: this.file, line: at.line, text: evidence });
      this.parts.sample(this.file, `rid:${rid}`, at);
      this.parts.sample(this.file, `sid:${sid}`, at);
      if (marker === 'terminate') {
        this.signal(part, { cause: 'client-logout', authority: 3, mark: at, text: evidence, words: l10n.t('the client ended the session (terminate)') });
        part.event({ ...at, lane: 'client', kind: 'terminate', text: l10n.t('terminate request, rid {0}', rid), rid });
      } else if (marker === 'restart') part.event({ ...at, lane: 'client', kind: 'restart', text: l10n.t('stream restart, rid {0}', rid), rid });
      else if (marker === 'pause') part.event({ ...at, lane: 'client', kind: 'pause', text: l10n.t('pause for {0} s, rid {1}', String(a.pause), rid), rid });
      for (const p of payloads) this.payload(part, p, 'client', at, evidence, rid);
      if (f.exchange) this.exchange(f, part, span);
      return;
    }

    // An answer: its sid is its own, the logger's, its HAR entry's request's, or the file's current one.
    const entry = f.exchange ? this.entries.get(f.exchange.entry) : undefined;
    const created = a.sid && !a.rid && (a.wait || a.requests || a.inactivity || a.polling);
    sid ??= entry?.part.sid ?? this.lastSid;
    if (!sid) return;
    this.lastSid = sid;
    const part = this.parts.part(sid, this.file, this.node, serverSide);
    if (created) {
      part.params = params(a);
      const createSpan = entry?.span ?? this.pendingCreate.shift();
      if (createSpan) {
        part.request(createSpan);
        this.parts.sample(this.file, `sid:${sid}`, createSpan.sent);
        if (f.exchange && !entry) this.entries.set(f.exchange.entry, { part, span: createSpan });
      }
      part.event({ ...at, lane: 'server', kind: 'created', text: l10n.t('session created, {0}', paramText(part.params)) });
    }
    const span = part.answer(at, own(answerSummary(root, payloads)), entry?.part === part ? entry.span : undefined);
    if (entry) this.entries.delete(f.exchange!.entry);
    if (span && f.exchange?.status !== undefined) span.status = f.exchange.status;
    part.lastGoodOrder = this.order++;
    part.cite({ file: this.file, line: at.line, text: evidence });
    if (a.type === 'terminate') {
      const condition = a.condition;
      // remote-stream-error carries the XMPP stream error that says why (conflict, system-shutdown…): that one decides.
      const inner = condition === 'remote-stream-error' && payloads.some((p) => localName(p) === 'error');
      if (condition && !inner) {
        const cause = CAUSE_OF_BOSH_CONDITION[condition] ?? 'unknown';
        // The condition's meaning only where the cause's own words do not already say it.
        const meaning = cause === 'unknown' || cause === 'server-shutdown' ? ` (${explainBoshCondition(condition)})` : '';
        this.signal(part, { cause, authority: 2, condition, mark: at, text: evidence, words: l10n.t('the answer was terminate, condition {0}{1}', condition, meaning) });
        part.event({ ...at, lane: 'server', kind: 'terminate', text: `terminate: ${condition}`, severity: cause === 'unknown-session' ? 'error' : 'warning' });
      } else if (inner) {
        part.event({ ...at, lane: 'server', kind: 'terminate', text: 'terminate: remote-stream-error' });
      } else {
        part.event({ ...at, lane: 'server', kind: 'terminate', text: l10n.t('terminate (no condition)') });
        this.signal(part, { cause: 'client-logout', authority: 3.5, mark: at, text: evidence, words: l10n.t('the server ended the session without a condition') });
      }
    } else if (a.type === 'error') {
      part.event({ ...at, lane: 'server', kind: 'error', text: a.condition ? l10n.t('recoverable binding error {0}', a.condition) : l10n.t('recoverable binding error'), severity: 'warning' });
    }
    for (const p of payloads) this.payload(part, p, 'server', at, evidence);
  }

  /** The session of a WebSocket connection: keyed by the connection, whatever the source (a HAR's entry, a log's connection id). */
  private socketPart(connection: string, url: string | undefined, serverSide: boolean, perFile: boolean): SessionPart {
    const part = this.parts.part(socketKey(this.file, connection, perFile), this.file, this.node, serverSide);
    part.transport = 'websocket';
    if (url) part.url ??= own(url);
    return part;
  }

  /** One frame's stanza: framing opens and closes the stream, the rest is read as over BOSH. */
  private socketFrame(f: Fragment, root: XmlElement, at: Mark, evidence: string): void {
    const serverSide = writtenByServer(f.dialect);
    const flow = flowOf(f, root);
    if (!flow) return;
    // Servers name their connections once for all their files; captures, consoles and transcripts number them per file.
    const part = this.socketPart(f.socket!.connection, f.socket!.url, serverSide, !serverSide);
    const lane = flow === 'c2s' ? 'client' : 'server';
    const framing = describeFraming(root) ?? describeStreamHeaderAsOpen(root);
    part.frame({ ...at, lane, summary: framing?.summary ?? own(stanzaWords([root])) });
    part.cite({ file: this.file, line: at.line, text: evidence });
    if (framing?.element === 'open') {
      if (framing.id && lane === 'server') {
        if (!part.streams.includes(framing.id)) part.streams.push(own(framing.id));
        this.parts.sample(this.file, `stream:${framing.id}`, at);
        part.event({ ...at, lane, kind: part.streams.length > 1 ? 'restart' : 'created', text: l10n.t('stream opened, id {0}', String(framing.id)) });
      } else if (lane === 'client') {
        // A second <open/> on the same connection is the restart after SASL (or after STARTTLS).
        const restart = part.ticks.total > 1 && part.events.toArray().some((e) => e.kind === 'auth');
        if (restart) part.restarts++;
        part.event({ ...at, lane, kind: restart ? 'restart' : 'open', text: restart ? 'stream restart' : framing.summary });
      }
      return;
    }
    if (framing?.element === 'close') {
      if (lane === 'client') {
        this.signal(part, { cause: 'client-logout', authority: 3, mark: at, text: evidence, words: l10n.t('the client closed the stream (<close/>)') });
        part.event({ ...at, lane, kind: 'terminate', text: l10n.t('the client closed the stream') });
      } else if (framing.seeOtherUri) {
        this.signal(part, { cause: 'unknown', authority: 2, condition: 'see-other-uri', mark: at, text: evidence, words: l10n.t('the server closed the stream and sent the client to {0} (see-other-uri)', String(framing.seeOtherUri)) });
        part.event({ ...at, lane, kind: 'terminate', text: framing.summary, severity: 'warning' });
      } else {
        // Also the server's answer to the client's own <close/>, which then decides.
        this.signal(part, { cause: 'unknown', authority: 3.5, mark: at, text: evidence, words: l10n.t('the server closed the stream without a stream error') });
        part.event({ ...at, lane, kind: 'terminate', text: l10n.t('the server closed the stream') });
      }
      return;
    }
    this.payload(part, root, lane, at, evidence);
  }

  /** A HAR's WebSocket entry: the connection exists even without frames; a refused upgrade or a frame error may end it. */
  socket(s: HarSocket): void {
    const part = this.socketPart(s.connection, s.url, false, true);
    const at = this.mark(s.line, s.started, s.started);
    part.touch(at);
    const status = s.exchange.status ?? 0;
    if (status !== 101) {
      const words = upgradeWords(s.exchange);
      this.signal(part, { cause: status === 0 ? 'network' : 'http-error', authority: 3, mark: at, text: `GET ${s.url} → ${status || s.exchange.error || 'no answer'}`, words, status });
      part.event({ ...at, lane: 'client', kind: status === 0 ? 'no-answer' : 'http-error', text: words, severity: 'error' });
      part.cite({ file: this.file, line: s.line, text: `GET ${s.url} → ${status}` });
    }
    for (const e of s.errors) {
      const m = this.mark(s.line, e.time, e.time);
      this.signal(part, { cause: 'network', authority: 3, mark: m, text: e.text, words: l10n.t('the browser reported a WebSocket error: {0}', e.text) });
      part.event({ ...m, lane: 'client', kind: 'no-answer', text: l10n.t('WebSocket error: {0}', e.text), severity: 'error' });
    }
  }

  /** What a HAR entry's HTTP exchange adds: its bar's status, a failed or non-BOSH answer. */
  private exchange(f: Fragment, part: SessionPart | undefined, span: SpanMark): void {
    const x = f.exchange!;
    if (x.status !== undefined) span.status = x.status;
    if (x.error) span.error = x.error;
    if (part) {
      this.entries.set(x.entry, { part, span });
      // Answers follow their requests closely: a HAR of millions of entries keeps only the latest waiting.
      if (this.entries.size > ENTRIES_WAITING) this.entries.delete(this.entries.keys().next().value!);
    }
    if (x.answer === 'bosh' && x.status && x.status < 400) return;
    if (!part) return;
    const ended = x.ended ? this.mark(f.line, x.ended, x.ended) : span.sent;
    const status = x.status ?? 0;
    part.unanswered(span, status === 0);
    const words =
      status === 0
        ? x.error ? l10n.t('the request got no answer ({0})', x.error) : l10n.t('the request got no answer')
        : x.answer === 'bosh'
          ? `HTTP ${status}`
          : x.answer === 'html'
            ? l10n.t('HTTP {0} with an HTML page instead of a BOSH answer', status)
            : x.answer === 'empty'
              ? l10n.t('HTTP {0} with an empty body instead of a BOSH answer', status)
              : l10n.t('HTTP {0} with a body that is not BOSH instead of a BOSH answer', status);
    span.answer = words;
    if (status !== 0) span.answered = ended;
    this.signal(part, { cause: causeOfStatus(status), authority: 3, mark: ended, text: `${f.source ?? ''} → ${status || x.error || 'no answer'}`.trim(), words, status });
    part.event({ ...ended, lane: 'client', kind: status === 0 ? 'no-answer' : 'http-error', text: `rid ${span.rid}: ${words}`, rid: span.rid, severity: 'error' });
  }

  /** A stanza the client sent or the server delivered: login steps, presence, Finesse updates. */
  private payload(part: SessionPart, el: XmlElement, lane: 'client' | 'server', at: Mark, evidence: string, rid?: number): void {
    const name = localName(el);
    const ev = (kind: string, text: string, severity?: 'error' | 'warning' | 'info') => part.event({ ...at, lane, kind, text, ...(rid !== undefined ? { rid } : {}), ...(severity ? { severity } : {}) });
    switch (name) {
      case 'auth':
        ev('auth', `SASL auth ${attr(el, 'mechanism') ?? ''}`.trim());
        part.saslMechanism = attr(el, 'mechanism');
        return;
      case 'success':
        part.sasl = { outcome: 'success', mechanism: part.saslMechanism, mark: at };
        ev('auth', 'SASL success');
        return;
      case 'failure': {
        if (lane !== 'server') return;
        const condition = childElements(el).find((c) => localName(c) !== 'text');
        const cond = condition ? localName(condition) : undefined;
        part.sasl = { outcome: 'failure', mechanism: part.saslMechanism, mark: at, ...(cond ? { condition: cond } : {}) };
        ev('auth', `SASL failure${cond ? `: ${cond}` : ''}`, 'error');
        this.signal(part, { cause: 'auth-failed', authority: 2, condition: cond, mark: at, text: evidence, words: cond ? l10n.t('authentication failed ({0})', cond) : l10n.t('authentication failed') });
        return;
      }
      case 'error':
        if (el.name === 'stream:error' || attr(el, 'xmlns') === 'http://etherx.jabber.org/streams') {
          const c = childElements(el).find((x) => localName(x) !== 'text');
          const cond = c ? localName(c) : 'undefined-condition';
          const text = childText(el, 'text');
          ev('stream-error', `stream error ${cond}${text ? `: ${text}` : ''}`, 'error');
          this.signal(part, { cause: CAUSE_OF_STREAM_ERROR[cond] ?? 'unknown', authority: lane === 'server' ? 2 : 3, condition: cond, mark: at, text: evidence, words: text ? l10n.t('the stream ended with the error {0} ("{1}")', cond, text) : l10n.t('the stream ended with the error {0}', cond) });
        }
        return;
      case 'iq': {
        const bind = child(el, 'bind');
        const jid = bind && childText(bind, 'jid');
        if (jid && attr(el, 'type') === 'result') {
          part.bound = own(jid);
          part.jid = jid;
          ev('bind', `bound ${jid}`);
          this.parts.learnJid(part, jid);
        } else if (bind && lane === 'client') ev('bind', `bind ${childText(bind, 'resource') ?? ''}`.trim());
        else if (attr(el, 'type') === 'error' && lane === 'server') ev('iq-error', describeStanza(el).summary, 'warning');
        return;
      }
      case 'presence': {
        const type = attr(el, 'type');
        if (lane === 'client' && (!attr(el, 'to') || type === 'unavailable')) ev('presence', type === 'unavailable' ? 'presence unavailable' : 'presence available');
        return;
      }
      case 'message': {
        if (lane !== 'server') return;
        const u = describeFinesse(el);
        if (u?.entity === 'User' && u.state) {
          part.event({ ...at, lane: 'finesse', kind: 'agent-state', text: u.summary, ...(u.state === 'LOGOUT' ? { severity: 'warning' as const } : {}) });
          if (u.id && !part.agent) part.agent = u.id;
        }
        return;
      }
    }
  }

  private signal(part: SessionPart, s: Omit<EndSignal, 'order'>): void {
    part.end({ ...s, order: this.order++ });
  }

  /** A line (or the start of one) that is not XML: the vocabulary's notes about sessions. */
  notes(line: number, time: string | undefined, stamp: string | undefined, dialect: DialectId | undefined, notes: readonly Note[], text: string): void {
    if (dialect) this.dialects.set(dialect, (this.dialects.get(dialect) ?? 0) + 1);
    const at = this.mark(line, time, stamp);
    const hidden: HiddenSecret[] = [];
    const evidence = cut(redactSecretText(text, hidden));
    if (hidden.length) this.holds(hidden, line, time, stamp);
    for (const n of notes) {
      const loose: LooseNote = { note: n, mark: at, text: evidence, serverSide: n.side === 'server' };
      if (n.jid) n.jid = own(n.jid);
      if (n.connection && !n.sid) {
        // A line about a WebSocket connection belongs to that connection's session, whatever JID it names.
        const part = this.socketPart(n.connection, undefined, n.side === 'server', n.side !== 'server');
        if (n.jid) this.parts.learnJid(part, n.jid);
        this.parts.apply(part, loose, this.order++);
        continue;
      }
      // A client's line, or a server's answer to the request it just logged (ejabberd names no sid), is about the current session.
      const sid = n.sid ?? (n.side === 'client' || (!n.jid && REQUEST_TRIGGERED.has(n.note)) ? this.lastSid : undefined);
      if (sid) {
        const part = this.parts.part(sid, this.file, this.node, n.side === 'server');
        if (n.jid) this.parts.learnJid(part, n.jid);
        this.parts.apply(part, loose, this.order++);
      } else this.parts.loose(loose, this.order++);
    }
  }

  /** A time the input holds outside any session (a HAR's last entry): where its evidence ends. */
  seen(time: string): void {
    this.mark(0, time, time);
  }

  /** Counts a line, and notes its dialect (lines without fragments or notes still tell what the file is). */
  line(dialect: DialectId | undefined): void {
    this.lines++;
    if (dialect && this.lines < 2000) this.dialects.set(dialect, (this.dialects.get(dialect) ?? 0) + 1);
  }
}

function params(a: Record<string, string | undefined>): SessionParams {
  const p: SessionParams = {};
  for (const k of ['wait', 'inactivity', 'hold', 'requests', 'polling', 'maxpause'] as const) {
    const v = Number(a[k]);
    if (a[k] !== undefined && Number.isFinite(v)) p[k] = v;
  }
  return p;
}

export function paramText(p: SessionParams): string {
  const bits: string[] = [];
  if (p.wait !== undefined) bits.push(`wait ${p.wait} s`);
  if (p.inactivity !== undefined) bits.push(`inactivity ${p.inactivity} s`);
  if (p.polling !== undefined) bits.push(`polling ${p.polling} s`);
  if (p.hold !== undefined) bits.push(`hold ${p.hold}`);
  if (p.requests !== undefined) bits.push(`requests ${p.requests}`);
  if (p.maxpause !== undefined) bits.push(`maxpause ${p.maxpause} s`);
  return bits.join(', ') || l10n.t('no parameters given');
}

function spanSummary(payloads: XmlElement[], marker: SpanMark['marker']): string {
  if (marker === 'create') return 'session request';
  if (marker === 'restart') return 'stream restart';
  if (marker === 'terminate') return payloads.length ? `terminate with ${stanzaWords(payloads)}` : 'terminate';
  return payloads.length ? stanzaWords(payloads) : 'empty (poll)';
}

function answerSummary(root: XmlElement, payloads: XmlElement[]): string {
  const a = root.attrs as Record<string, string | undefined>;
  if (a.type === 'terminate') return a.condition ? `terminate: ${a.condition}` : 'terminate';
  return payloads.length ? stanzaWords(payloads) : 'empty';
}

function stanzaWords(payloads: XmlElement[]): string {
  if (payloads.length === 1) {
    const p = payloads[0];
    const name = localName(p);
    if (name === 'message') {
      const u = describeFinesse(p);
      if (u) return `message: ${u.summary}`;
    }
    const type = attr(p, 'type');
    return type ? `${name} ${type}` : name;
  }
  return `${payloads.length} stanzas`;
}

function cut(s: string): string {
  // Only the start of a stanza is ever shown: a megabyte notification is not copied whole.
  const one = (s.length > EVIDENCE_CHARS * 2 ? s.slice(0, EVIDENCE_CHARS * 2) : s).replace(/\s*\n\s*/g, ' ');
  return own(one.length > EVIDENCE_CHARS ? one.slice(0, EVIDENCE_CHARS - 1) + '…' : one);
}

