import type { EndCause, Evidence, Exchange, Moment, Place, RequestSpan, Session, TimelineEvent } from '../sessions/model';
import type { EndSignal, EventMark, Mark, SessionPart, SpanMark } from '../sessions/session-part';
import { utcOf, type Clocks } from './clocks';

/** A session's parts from every input, before its cause is chosen. */
export interface MergedSession {
  sid: string;
  parts: SessionPart[];
  session: Session;
  signals: Array<EndSignal & { utc?: number; part: SessionPart }>;
}

/** Places marks in UTC by their files' clocks. */
export class Placer {
  constructor(private readonly clocks: Clocks) {}

  utc(m: Mark): number | undefined {
    return utcOf(m, this.clocks.get(m.file));
  }

  moment(m: Mark): Moment & Place {
    const out: Moment & Place = { file: m.file, line: m.line };
    const t = this.utc(m);
    if (t !== undefined) out.time = t;
    if (m.stamp) out.stamp = m.stamp;
    return out;
  }

  /** Orders two marks: by UTC when both are placed, by order within one file, else undefined. */
  before(a: Mark, b: Mark): boolean | undefined {
    const ta = this.utc(a);
    const tb = this.utc(b);
    if (ta !== undefined && tb !== undefined) return ta < tb;
    if (a.file === b.file) return a.line < b.line || (a.line === b.line && (a.local ?? 0) < (b.local ?? 0));
    return undefined;
  }
}

/** Joins the parts of one sid from every input into one session: bars by rid, events in time order. */
export function mergeParts(sid: string, parts: SessionPart[], place: Placer): MergedSession {
  // Server-side parts first: the server's view is the record of what arrived.
  parts.sort((a, b) => Number(b.serverSide) - Number(a.serverSide));
  const files = [...new Set(parts.map((p) => p.file))];
  const nodes = [...new Set(parts.map((p) => p.node).filter((n): n is string => !!n))];
  const jid = pickJid(parts);
  const agent = parts.find((p) => p.agent)?.agent;
  const params = parts.find((p) => Object.keys(p.params).length)?.params ?? {};

  const spans = mergeSpans(parts, place);
  const events = mergeEvents(parts, place);
  const firsts = parts.map((p) => p.first).filter((m): m is Mark => !!m);
  const lasts = parts.map((p) => p.last).filter((m): m is Mark => !!m);
  const first = earliest(firsts, place);
  const last = latest(lasts, place);
  const evidence: Evidence[] = [];
  for (const p of parts) evidence.push(...p.evidence.toArray());

  const lastRequest = latestExchange(parts.map((p) => p.lastRequest), place);
  const lastResponse = latestExchange(parts.map((p) => p.lastResponse), place);
  const server = parts.find((p) => p.serverSide);
  const socket = parts.find((p) => p.transport === 'websocket');
  const session: Session = {
    sid,
    transport: socket ? 'websocket' : 'bosh',
    files,
    params,
    requests: Math.max(...parts.map((p) => p.requests)),
    retransmissions: (server ?? parts[0]).retransmissions,
    ridGaps: (server ?? parts[0]).ridGaps,
    restarts: Math.max(...parts.map((p) => p.restarts)),
    endCause: 'unknown' as EndCause,
    explanation: '',
    restsOn: [],
    evidence,
    events,
    spans,
  };
  if (jid) session.jid = jid;
  if (agent) session.agent = agent;
  if (nodes.length) session.nodes = nodes;
  if (first) session.start = place.moment(first);
  if (last) session.end = place.moment(last);
  const sasl = parts.map((p) => p.sasl).find((s) => s?.outcome === 'failure') ?? parts.map((p) => p.sasl).find((s) => s);
  if (sasl) session.sasl = { outcome: sasl.outcome, ...(sasl.mechanism ? { mechanism: sasl.mechanism } : {}), ...(sasl.condition ? { condition: sasl.condition } : {}), file: sasl.mark.file, line: sasl.mark.line };
  const bound = parts.find((p) => p.bound)?.bound;
  if (bound) session.bound = bound;
  if (lastRequest) session.lastRequest = lastRequest;
  if (lastResponse) session.lastResponse = lastResponse;
  if (parts.some((p) => p.spans.trimmed || p.events.trimmed || p.ticks.trimmed)) session.trimmed = true;
  if (socket) {
    const url = parts.find((p) => p.url)?.url;
    if (url) session.url = url;
    const streams = [...new Set(parts.flatMap((p) => p.streams))];
    if (streams.length) session.streams = streams;
    session.frames = Math.max(...parts.map((p) => p.frames));
    // The client's view of the frames when there is one: it saw both directions.
    const view = parts.find((p) => !p.serverSide && p.frames > 0) ?? parts.find((p) => p.frames > 0);
    session.ticks = view ? sortByTime(view.ticks.toArray().map((t) => ({ ...place.moment(t), lane: t.lane, summary: t.summary }))) : [];
  }

  const signals: MergedSession['signals'] = [];
  for (const p of parts) {
    for (const s of p.ends) {
      // A failure the client recovered from (a good answer came after it) did not end the session.
      if (s.authority >= 3 && s.cause !== 'client-logout' && s.order < p.lastGoodOrder) continue;
      const utc = place.utc(s.mark);
      signals.push({ ...s, part: p, ...(utc !== undefined ? { utc } : {}) });
    }
  }
  return { sid, parts, session, signals };
}

function pickJid(parts: SessionPart[]): string | undefined {
  const all = parts.map((p) => p.bound ?? p.jid).filter((j): j is string => !!j);
  return all.find((j) => j.includes('/')) ?? all[0];
}

function mergeSpans(parts: SessionPart[], place: Placer): RequestSpan[] {
  const byRid = new Map<number, RequestSpan>();
  // Client-side parts last, so what the client saw (status, error, when it was sent) wins.
  for (const p of [...parts].sort((a, b) => Number(b.serverSide) - Number(a.serverSide))) {
    for (const s of p.spans.toArray()) {
      const key = s.retransmission ? s.rid + 0.5 : s.rid;
      const have = byRid.get(key);
      const span = toSpan(s, place);
      if (!have) byRid.set(key, span);
      else if (!p.serverSide) byRid.set(key, { ...have, ...span, answered: span.answered ?? have.answered, answer: span.answer ?? have.answer });
    }
  }
  return [...byRid.values()].sort((a, b) => (a.sent.time ?? 0) - (b.sent.time ?? 0) || a.rid - b.rid);
}

function toSpan(s: SpanMark, place: Placer): RequestSpan {
  const r: RequestSpan = { rid: s.rid, sent: place.moment(s.sent), empty: s.empty, summary: s.summary };
  if (s.answered) r.answered = place.moment(s.answered);
  if (s.retransmission) r.retransmission = true;
  if (s.marker) r.marker = s.marker;
  if (s.answer) r.answer = s.answer;
  if (s.status !== undefined) r.status = s.status;
  if (s.error) r.error = s.error;
  return r;
}

function mergeEvents(parts: SessionPart[], place: Placer): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    for (const e of p.events.toArray()) {
      const t = place.utc(e);
      // The same login step seen by the HAR and by the server log is one event.
      const key = `${e.lane}|${e.kind}|${e.text}|${t === undefined ? `${e.file}:${e.line}` : Math.round(t / 2000)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(toEvent(e, place));
    }
  }
  return sortByTime(out);
}

export function toEvent(e: EventMark, place: Placer): TimelineEvent {
  const ev: TimelineEvent = { ...place.moment(e), lane: e.lane, kind: e.kind, text: e.text };
  if (e.rid !== undefined) ev.rid = e.rid;
  if (e.severity) ev.severity = e.severity;
  return ev;
}

/** Events in time order; those without a time keep their place after the last timed event of their file. */
export function sortByTime<T extends Moment & Place>(xs: T[]): T[] {
  const indexed = xs.map((x, i) => ({ x, i }));
  let lastTime = -Infinity;
  const keyed = indexed.map(({ x, i }) => {
    if (x.time !== undefined) lastTime = x.time;
    return { x, i, k: x.time ?? lastTime };
  });
  keyed.sort((a, b) => a.k - b.k || a.i - b.i);
  return keyed.map((k) => k.x);
}

function earliest(ms: Mark[], place: Placer): Mark | undefined {
  let best: Mark | undefined;
  for (const m of ms) if (!best || place.before(m, best)) best = m;
  return best;
}

function latest(ms: Mark[], place: Placer): Mark | undefined {
  let best: Mark | undefined;
  for (const m of ms) if (!best || place.before(best, m)) best = m;
  return best;
}

function latestExchange(ms: Array<(Mark & { rid?: number }) | undefined>, place: Placer): Exchange | undefined {
  const m = latest(ms.filter((x): x is Mark & { rid?: number } => !!x), place) as (Mark & { rid?: number }) | undefined;
  if (!m) return undefined;
  const x: Exchange = place.moment(m);
  if (m.rid !== undefined && !Number.isNaN(m.rid)) x.rid = m.rid;
  return x;
}
