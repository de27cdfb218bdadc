import type { EndCause, EventLane, Evidence, RequestSpan, Severity, SessionParams } from './model';
import { HeadTail } from './bounded';
import { own } from './own';

/** A place in one input with its time as written there; placed in UTC once the file's clock is known. */
export interface Mark {
  file: string;
  line: number;
  /** The written wall-clock time read as if it were UTC (see moment.ts). */
  local?: number;
  /** True when the line itself wrote a zone, so `local` converts to UTC by it alone. */
  zone?: number;
  stamp?: string;
}

/** Something that may be why the session ended, with how much it weighs. */
export interface EndSignal {
  cause: EndCause;
  /**
   * 1: the server's own record of why it closed the session; 1.5: a server record that names
   * no reason (closed, unknown sid); 2: the condition the server sent; 3: what the client saw.
   */
  authority: number;
  condition?: string;
  mark: Mark;
  /** The evidence line. */
  text: string;
  /** What happened, in words, for the explanation. */
  words: string;
  /** Order within its file, to tell what came after what in files without times. */
  order: number;
  /** Extra facts for the explanation: the threshold a server named, the HTTP status. */
  threshold?: number;
  status?: number;
}

/** A request bar as one file saw it: the model's RequestSpan, with marks not yet placed in UTC. */
export interface SpanMark extends Omit<RequestSpan, 'sent' | 'answered'> {
  sent: Mark;
  answered?: Mark;
}

export interface TickMark extends Mark {
  lane: 'client' | 'server';
  summary: string;
}

export interface EventMark extends Mark {
  lane: EventLane;
  kind: string;
  text: string;
  rid?: number;
  severity?: Severity;
}

/** Where a session's bars and events are cut: its first and its last ones are kept. */
export const KEPT_HEAD = 200;
export const KEPT_TAIL = 500;
const KEPT_EVIDENCE_HEAD = 4;
const KEPT_EVIDENCE_TAIL = 12;

/** The longest a server holds a request before answering it: `wait`, and a margin for the network. */
function heldAtMost(p: SessionParams): number {
  return ((p.wait ?? 60) + 5) * 1000;
}

/** What one input says about one session (sid). Parts of several inputs merge into a Session. */
export class SessionPart {
  jid?: string;
  agent?: string;
  params: SessionParams = {};
  first?: Mark;
  last?: Mark;
  requests = 0;
  retransmissions = 0;
  ridGaps = 0;
  restarts = 0;
  maxRid?: number;
  saslMechanism?: string;
  /** Where the server recorded the session closed without saying why. */
  closedAt?: Mark;
  sasl?: { outcome: 'success' | 'failure'; mechanism?: string; condition?: string; mark: Mark };
  bound?: string;
  lastRequest?: Mark & { rid?: number };
  lastResponse?: Mark;
  /** The last answer that was a good BOSH body: client-side failures before it were recovered from. */
  lastGoodOrder = -1;
  readonly spans = new HeadTail<SpanMark>(KEPT_HEAD, KEPT_TAIL);
  readonly events = new HeadTail<EventMark>(KEPT_HEAD, KEPT_TAIL);
  /** WebSocket: the transport, the URL, the server's stream ids, the frames. */
  transport: 'bosh' | 'websocket' = 'bosh';
  url?: string;
  readonly streams: string[] = [];
  frames = 0;
  readonly ticks = new HeadTail<TickMark>(KEPT_HEAD, KEPT_TAIL);
  readonly evidence = new HeadTail<Evidence>(KEPT_EVIDENCE_HEAD, KEPT_EVIDENCE_TAIL);
  readonly ends: EndSignal[] = [];
  /** Unanswered requests, oldest first (logs answer them in order). */
  readonly open: SpanMark[] = [];
  /** [sent, answered] of every request in local ms (NaN when unknown), for the polling gaps. */
  private times = new Float64Array(64);
  private timeCount = 0;
  /** Requests seen answered: a server log that never writes its answers (Prosody) cannot tell idle time. */
  answeredCount = 0;
  /** Recently seen rids, to tell a retransmission from a new request. */
  private recentRids: number[] = [];

  constructor(readonly sid: string, readonly file: string, readonly node: string | undefined, readonly serverSide: boolean) {}

  touch(m: Mark): void {
    this.first ??= m;
    if (!this.last || (m.local ?? -Infinity) >= (this.last.local ?? -Infinity) || m.local === undefined) this.last = m;
  }

  /** Records a client request; returns its bar. */
  request(span: SpanMark): SpanMark {
    this.requests++;
    if (this.recentRids.includes(span.rid)) {
      span.retransmission = true;
      this.retransmissions++;
    } else {
      if (this.maxRid !== undefined && span.rid > this.maxRid + 1 && span.marker !== 'create') this.ridGaps++;
      this.recentRids.push(span.rid);
      if (this.recentRids.length > 16) this.recentRids.shift();
    }
    if (this.maxRid === undefined || span.rid > this.maxRid) this.maxRid = span.rid;
    if (span.marker === 'restart') this.restarts++;
    this.spans.push(span);
    this.open.push(span);
    this.lastRequest = { ...span.sent, rid: span.rid };
    this.touch(span.sent);
    return span;
  }

  /**
   * Records the answer to a request (`span`), or to the oldest unanswered one. A request
   * open for longer than the server may hold one (`wait`) was answered on a line the log
   * does not have: it is let go, so one missing line does not pair every later answer wrongly.
   */
  answer(at: Mark, what: string, span?: SpanMark): SpanMark | undefined {
    if (!span && at.local !== undefined) {
      const limit = heldAtMost(this.params);
      while (this.open.length > 1 && this.open[0].sent.local !== undefined && at.local - this.open[0].sent.local > limit) {
        const lost = this.open.shift()!;
        lost.answer = 'answered on a line this log does not have';
        this.keepTimes(lost);
      }
    }
    const s = span ?? this.open.shift();
    if (span) {
      const i = this.open.indexOf(span);
      if (i >= 0) this.open.splice(i, 1);
    }
    if (s) {
      s.answered = at;
      s.answer = what;
      this.keepTimes(s);
    }
    this.lastResponse = at;
    this.touch(at);
    return s;
  }

  /**
   * A request the capture says got no answer: it stays a bar without an end. One that failed
   * at once (status 0, the network down) never reached the server, so it held nothing there.
   */
  unanswered(span: SpanMark, failed = false): void {
    const i = this.open.indexOf(span);
    if (i >= 0) this.open.splice(i, 1);
    this.keepTimes(span, failed);
  }

  private keepTimes(s: SpanMark, failed = false): void {
    if (this.timeCount * 2 + 2 > this.times.length) {
      const bigger = new Float64Array(this.times.length * 2);
      bigger.set(this.times);
      this.times = bigger;
    }
    this.times[this.timeCount * 2] = s.sent.local ?? NaN;
    this.times[this.timeCount * 2 + 1] = failed ? (s.sent.local ?? NaN) : (s.answered?.local ?? NaN);
    if (s.answered && !failed) this.answeredCount++;
    this.timeCount++;
  }

  /** A WebSocket frame: a tick, and the side's last exchange (frames take the place of requests and answers). */
  frame(t: TickMark): void {
    this.frames++;
    t.summary = own(t.summary);
    this.ticks.push(t);
    if (t.lane === 'client') this.lastRequest = { ...t };
    else this.lastResponse = t;
    this.touch(t);
  }

  event(e: EventMark): void {
    e.text = own(e.text);
    this.events.push(e);
    this.touch(e);
  }

  cite(e: Evidence): void {
    this.evidence.push(e);
  }

  end(signal: EndSignal): void {
    // A session is ended once; the strongest few signals are all that is kept.
    this.ends.push(signal);
    if (this.ends.length > 32) {
      this.ends.sort((a, b) => a.authority - b.authority || a.order - b.order);
      this.ends.length = 16;
    }
  }

  /**
   * The longest time in which the server held no request of this client: from an answer that
   * left nothing open to the next request. `until` closes a gap still open at the end.
   */
  longestIdle(until?: number, closed = false): { from: number; to: number; open: boolean } | undefined {
    const n = this.timeCount;
    const pairs: Array<[number, number]> = [];
    // A request never seen answered was held at most `wait`: in the server's own log exactly
    // that (it writes when requests arrive), seen from the client with a margin for the network.
    const held = this.serverSide && this.answeredCount === 0 ? (this.params.wait ?? 60) * 1000 : heldAtMost(this.params);
    for (let i = 0; i < n; i++) pairs.push([this.times[i * 2], Number.isNaN(this.times[i * 2 + 1]) ? this.times[i * 2] + held : this.times[i * 2 + 1]]);
    for (const s of this.open) if (s.sent.local !== undefined) pairs.push([s.sent.local, s.sent.local + held]);
    // A session the server closed at `until`: requests after it found it gone and end no silence.
    const timed = pairs.filter((p) => !Number.isNaN(p[0]) && !(closed && until !== undefined && p[0] > until)).sort((a, b) => a[0] - b[0]);
    if (timed.length === 0) return undefined;
    let covered = timed[0][0];
    let best: { from: number; to: number; open: boolean } | undefined;
    for (const [sent, answered] of timed) {
      if (sent > covered && (!best || sent - covered > best.to - best.from)) best = { from: covered, to: sent, open: false };
      const end = answered;
      if (end > covered) covered = end;
    }
    if (until !== undefined && Number.isFinite(covered) && until > covered && (!best || until - covered > best.to - best.from)) best = { from: covered, to: until, open: true };
    return best;
  }
}
