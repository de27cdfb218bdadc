// Draws one session as an SVG: a time axis, the client lane (its events and each request as a
// bar from sent to answered), the server lane (its events, the findings, the end), the Finesse
// lane (agent states), and a scale of the granted wait and inactivity. Every colour is written
// into the SVG as a value, so the picture exported on its own looks as it does here. Every text
// is an SVG text node or a <title>, set through textContent.
import { l10n } from '../l10n';
import { endCauseWords, type Finding, type Moment, type Place, type RequestSpan, type Session, type TimelineEvent } from '../../core/sessions/model';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  lane: string;
  client: string;
  server: string;
  finesse: string;
  warning: string;
  error: string;
  info: string;
  font: string;
  mono: string;
}

/** What a drawn item stands for: the hover text and the line a click reveals. */
export interface Target {
  hover: string;
  place: Place;
}

export interface Drawing {
  svg: SVGSVGElement;
  width: number;
  height: number;
  /** The time range drawn, ms. */
  span: number;
  targets: Map<Element, Target>;
}

export const GUTTER = 92;
const RIGHT = 230;
const AXIS_H = 30;
const ROW_H = 16;
const EVENT_ROW_H = 22;
const LANE_GAP = 10;

export function timeOf(m: Moment | undefined): number | undefined {
  if (!m) return undefined;
  if (m.time !== undefined) return m.time;
  if (!m.stamp) return undefined;
  // A file whose clock was not placed: its stamps, read as written.
  const t = Date.parse(m.stamp.replace(',', '.').replace(/^(\d{4})[./](\d\d)[./](\d\d)[ T]/, '$1-$2-$3T').replace(/Z?$/, 'Z'));
  return Number.isNaN(t) ? undefined : t;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function text(x: number, y: number, s: string, attrs: Record<string, string | number>): SVGTextElement {
  const t = el('text', { x, y, ...attrs });
  t.textContent = s;
  return t;
}

function titled<T extends SVGElement>(e: T, s: string): T {
  const t = el('title', {});
  t.textContent = s;
  e.appendChild(t);
  return e;
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return m < 60 ? `${m} min${s ? ` ${s} s` : ''}` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function clock(t: number, withMs = false): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${withMs ? '.' + p(d.getUTCMilliseconds(), 3) : ''}`;
}

function where(p: Place): string {
  const parts = p.file.split(/[\\/]/);
  return `${parts[parts.length - 1]}:${p.line}`;
}

const TICKS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

export function causeColour(cause: Session['endCause'], c: Palette): string {
  return cause === 'client-logout' ? c.server : cause === 'open' ? c.muted : cause === 'unknown' ? c.warning : c.error;
}

/** The range the picture covers, ms (UTC), padded a little. */
export function timeRange(s: Session, findings: Finding[]): { t0: number; t1: number } {
  const ts: number[] = [];
  const add = (m: Moment | undefined) => {
    const t = timeOf(m);
    if (t !== undefined) ts.push(t);
  };
  add(s.start);
  add(s.end);
  for (const x of s.spans) {
    add(x.sent);
    add(x.answered);
  }
  for (const e of s.events) add(e);
  for (const k of s.ticks ?? []) add(k);
  for (const f of findings) add(f);
  if (!ts.length) return { t0: 0, t1: 1000 };
  let t0 = Math.min(...ts);
  let t1 = Math.max(...ts);
  if (t1 - t0 < 1000) t1 = t0 + 1000;
  const pad = (t1 - t0) * 0.02;
  t0 -= pad;
  t1 += pad;
  return { t0, t1 };
}

/** Requests placed on rows so bars that overlap in time do not cover each other. */
function rows(spans: Array<{ s: RequestSpan; a: number; b: number }>): number[] {
  const ends: number[] = [];
  return spans.map(({ a, b }) => {
    let r = ends.findIndex((e) => e <= a);
    if (r < 0) r = ends.push(0) - 1;
    ends[r] = b + 1;
    return r;
  });
}

export function draw(s: Session, findings: Finding[], c: Palette, pxPerMs: number): Drawing {
  const { t0, t1 } = timeRange(s, findings);
  const x = (t: number) => GUTTER + (t - t0) * pxPerMs;
  const plotW = (t1 - t0) * pxPerMs;
  const width = Math.ceil(GUTTER + plotW + RIGHT);
  const targets = new Map<Element, Target>();
  const target = <T extends Element>(e: T, hover: string, place: Place): T => {
    e.setAttribute('class', `${e.getAttribute('class') ?? ''} clickable`.trim());
    targets.set(e, { hover, place });
    return e;
  };
  const font = { 'font-family': c.font, 'font-size': 11, fill: c.fg };
  const g = el('g', {});

  // The requests, sorted by when they were sent. One without an answer in these files reaches
  // the end of the picture, but no further than a server holds a request (`wait`, and a margin).
  const end = timeOf(s.end);
  const heldAtMost = s.params.wait !== undefined ? (s.params.wait + 5) * 1000 : Infinity;
  const placed = s.spans
    .map((sp) => {
      const a = timeOf(sp.sent);
      if (a === undefined) return undefined;
      const answered = timeOf(sp.answered);
      return { s: sp, a, b: answered ?? Math.max(Math.min(end ?? t1, a + heldAtMost), a), open: answered === undefined };
    })
    .filter((v): v is { s: RequestSpan; a: number; b: number; open: boolean } => v !== undefined)
    .sort((p, q) => p.a - q.a);
  const rowOf = rows(placed);
  const requestRows = Math.max(1, ...rowOf.map((r) => r + 1));

  // Lanes, top to bottom.
  let y = AXIS_H;
  const clientTop = y;
  const clientEventsY = y + EVENT_ROW_H / 2;
  const barsTop = y + EVENT_ROW_H;
  y = barsTop + requestRows * ROW_H + 6;
  const clientBottom = y;
  y += LANE_GAP;
  const serverTop = y;
  const serverEventsY = y + EVENT_ROW_H / 2;
  const findingsY = y + EVENT_ROW_H + 8;
  y += EVENT_ROW_H + 20;
  const serverBottom = y;
  y += LANE_GAP;
  const finesseTop = y;
  const finesseY = y + 11;
  y += 46;
  const finesseBottom = y;
  y += LANE_GAP;
  const scaleTop = y;
  y += 40;
  const height = y + 8;

  const svg = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': c.font, role: 'img' });
  const ws = s.transport === 'websocket';
  svg.appendChild(titled(el('rect', { x: 0, y: 0, width, height, fill: c.bg }), ws ? l10n.t('WebSocket session {0}', s.sid) : l10n.t('BOSH session {0}', s.sid)));

  // Lane backgrounds and names.
  const lane = (name: string, top: number, bottom: number, colour: string, cls: string) => {
    g.appendChild(el('rect', { class: `lane ${cls}`, x: GUTTER, y: top, width: plotW, height: bottom - top, fill: c.lane, rx: 3 }));
    g.appendChild(el('rect', { x: 4, y: top + 4, width: 3, height: bottom - top - 8, fill: colour, rx: 1 }));
    g.appendChild(text(12, top + 15, name, { ...font, 'font-weight': 600, 'font-size': 12, class: 'lane-label' }));
  };
  lane(l10n.t('Client'), clientTop, clientBottom, c.client, 'lane-client');
  g.appendChild(text(12, barsTop + 12, ws ? l10n.t('frames') : l10n.t('requests'), { ...font, fill: c.muted, 'font-size': 10 }));
  lane(l10n.t('Server'), serverTop, serverBottom, c.server, 'lane-server');
  lane(l10n.t('Finesse'), finesseTop, finesseBottom, c.finesse, 'lane-finesse');

  // The time axis and its grid.
  const step = TICKS.find((t) => t * pxPerMs >= 90) ?? TICKS[TICKS.length - 1];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const tx = x(t);
    g.appendChild(el('line', { x1: tx, y1: AXIS_H - 6, x2: tx, y2: finesseBottom, stroke: c.grid, 'stroke-width': 1 }));
    g.appendChild(text(tx, AXIS_H - 10, clock(t, step < 1000), { ...font, fill: c.muted, 'font-size': 10, 'text-anchor': 'middle' }));
  }
  // UTC only when the session's clock was placed; otherwise the times are the log's own, said so.
  const utc = s.start?.time !== undefined || s.end?.time !== undefined;
  g.appendChild(text(12, AXIS_H - 10, utc ? 'UTC' : l10n.t('as logged'), { ...font, fill: c.muted, 'font-size': 10 }));

  // Inactivity: from the last answer, the time the server waits for the next request.
  const lastAnswer = timeOf(s.lastResponse);
  if (s.params.inactivity && lastAnswer !== undefined) {
    const w = s.params.inactivity * 1000 * pxPerMs;
    const deadline = el('rect', { class: 'inactivity-window', x: x(lastAnswer), y: clientTop, width: w, height: serverBottom - clientTop, fill: c.warning, 'fill-opacity': 0.1, stroke: c.warning, 'stroke-opacity': 0.6, 'stroke-dasharray': '4 3' });
    g.appendChild(titled(deadline, l10n.t('inactivity {0} s from the last answer ({1}): the server ends the session if no request comes in this window', s.params.inactivity, clock(lastAnswer, true))));
    g.appendChild(text(x(lastAnswer) + 4, serverBottom - 4, l10n.t('inactivity {0} s after the last answer', s.params.inactivity), { ...font, fill: c.warning, 'font-size': 10 }));
  }

  // Client and server events.
  const eventColour = (e: TimelineEvent) => (e.severity === 'error' ? c.error : e.severity === 'warning' ? c.warning : e.lane === 'client' ? c.client : e.lane === 'server' ? c.server : c.finesse);
  const laneEvents = s.events.filter((e) => e.lane !== 'finesse');
  for (const e of laneEvents) {
    const t = timeOf(e);
    if (t === undefined) continue;
    const cy = e.lane === 'client' ? clientEventsY : serverEventsY;
    const dot = el('circle', { class: `event event-${e.lane}`, cx: x(t), cy, r: 4.5, fill: eventColour(e), stroke: c.bg, 'stroke-width': 1 });
    const hover = `${e.stamp ?? clock(t, true)}  ${e.lane} · ${e.kind}${e.rid !== undefined ? ` · rid ${e.rid}` : ''}\n${e.text}\n${where(e)}`;
    g.appendChild(target(titled(dot, hover), hover, e));
  }

  // Requests as bars, each from sent to answered; gaps and retransmissions marked.
  let lastRid: number | undefined;
  const byRid = [...placed].sort((p, q) => p.s.rid - q.s.rid || p.a - q.a);
  const gapRids = new Set<number>();
  for (const p of byRid) {
    if (lastRid !== undefined && !p.s.retransmission && p.s.rid > lastRid + 1) gapRids.add(p.s.rid);
    lastRid = p.s.rid;
  }
  placed.forEach((p, i) => {
    const by = barsTop + rowOf[i] * ROW_H + 2;
    const bx = x(p.a);
    const bw = Math.max(3, (p.b - p.a) * pxPerMs);
    const failed = (p.s.status !== undefined && (p.s.status === 0 || p.s.status >= 400)) || p.s.error !== undefined;
    const fill = failed ? c.error : c.client;
    const classes = ['bar', p.open ? 'unanswered' : '', p.s.retransmission ? 'retransmission' : '', p.s.empty ? 'empty' : 'carrying', failed ? 'failed' : ''].filter(Boolean).join(' ');
    const rect = el('rect', { class: classes, x: bx, y: by, width: bw, height: ROW_H - 4, rx: 2, fill, 'fill-opacity': p.open ? 0.25 : p.s.empty ? 0.55 : 0.95, 'data-rid': p.s.rid, 'data-file': p.s.sent.file, 'data-line': p.s.sent.line });
    if (p.open) {
      rect.setAttribute('stroke', c.error);
      rect.setAttribute('stroke-dasharray', '3 2');
    } else if (p.s.retransmission) {
      rect.setAttribute('stroke', c.warning);
      rect.setAttribute('stroke-width', '2');
    }
    const held = p.open ? l10n.t('no answer') : l10n.t('answered after {0}', seconds(p.b - p.a));
    const carried = [
      `rid ${p.s.rid}${p.s.retransmission ? l10n.t(' (sent again)') : ''}${gapRids.has(p.s.rid) ? l10n.t(' (rid jumped)') : ''}`,
      l10n.t('sent: {0}', `${p.s.summary}${p.s.marker ? ` [${p.s.marker}]` : ''}`),
      p.s.answer !== undefined ? l10n.t('answer: {0}', p.s.answer) : '',
      p.s.status !== undefined ? `HTTP ${p.s.status || l10n.t('no response')}` : '',
      p.s.error ? l10n.t('error: {0}', p.s.error) : '',
      `${p.s.sent.stamp ?? clock(p.a, true)}, ${held}`,
      where(p.s.sent),
    ].filter(Boolean).join('\n');
    g.appendChild(target(titled(rect, carried), carried, p.s.sent));
    if (p.open) {
      const ex = bx + bw;
      g.appendChild(text(ex + 4, by + 10, l10n.t('no answer'), { ...font, fill: c.error, 'font-size': 10, class: 'unanswered-mark' }));
    }
    if (p.s.retransmission) g.appendChild(titled(text(bx - 2, by + 10, '↻', { ...font, fill: c.warning, 'font-size': 12, 'text-anchor': 'end', class: 'retransmission-mark' }), l10n.t('rid {0} sent again', p.s.rid)));
    if (gapRids.has(p.s.rid)) {
      const mark = el('path', { class: 'gap-mark', d: `M${bx} ${by - 2} l-4 -5 h8 z`, fill: c.error });
      g.appendChild(titled(mark, l10n.t('rid jumped to {0}: the requests in between never reached this log', p.s.rid)));
    }
  });

  // WebSocket frames: a tick on the sender's lane, no bar (a frame is not held like a request).
  for (const k of s.ticks ?? []) {
    const t = timeOf(k);
    if (t === undefined) continue;
    const top = k.lane === 'client' ? barsTop + 2 : serverEventsY + 7;
    const tick = el('rect', { class: `tick tick-${k.lane}`, x: x(t) - 1, y: top, width: 2, height: ROW_H - 4, fill: k.lane === 'client' ? c.client : c.server, 'data-file': k.file, 'data-line': k.line });
    const hover = `${k.stamp ?? clock(t, true)}  ${k.lane === 'client' ? l10n.t('sent frame') : l10n.t('received frame')}\n${k.summary}\n${where(k)}`;
    g.appendChild(target(titled(tick, hover), hover, k));
  }

  // Findings, on the server lane under its events.
  for (const f of findings) {
    const t = timeOf(f);
    if (t === undefined) continue;
    const colour = f.severity === 'error' ? c.error : f.severity === 'warning' ? c.warning : c.info;
    const fx = x(t);
    const tri = el('path', { class: `finding-mark finding-${f.kind}`, d: `M${fx} ${findingsY - 6} l6 10 h-12 z`, fill: colour, stroke: c.bg, 'stroke-width': 1 });
    const hover = `${f.severity} · ${f.kind}\n${f.message}\n${where(f)}`;
    g.appendChild(target(titled(tri, hover), hover, f));
  }

  // Finesse: agent states and what Finesse did about the agent.
  let lastLabelEnd = -Infinity;
  let labelRow = 0;
  for (const e of s.events.filter((ev) => ev.lane === 'finesse')) {
    const t = timeOf(e);
    if (t === undefined) continue;
    const fx = x(t);
    const dia = el('path', { class: 'finesse-event', d: `M${fx} ${finesseY - 5} l5 5 l-5 5 l-5 -5 z`, fill: eventColour(e), stroke: c.bg, 'stroke-width': 1 });
    const hover = `${e.stamp ?? clock(t, true)}  Finesse · ${e.kind}\n${e.text}\n${where(e)}`;
    g.appendChild(target(titled(dia, hover), hover, e));
    const label = clip(e.text.replace(/^User \S+ → /, '→ '), 34);
    labelRow = fx < lastLabelEnd ? (labelRow + 1) % 2 : 0;
    g.appendChild(text(fx - 3, finesseY + 17 + labelRow * 12, label, { ...font, 'font-size': 10, class: 'finesse-label' }));
    lastLabelEnd = fx - 3 + label.length * 5.8;
  }

  // The end, and its cause.
  if (end !== undefined) {
    const ex = x(end);
    const colour = causeColour(s.endCause, c);
    g.appendChild(el('line', { class: 'end-line', x1: ex, y1: AXIS_H - 4, x2: ex, y2: finesseBottom, stroke: colour, 'stroke-width': 2 }));
    const words = l10n.t('END: {0}', endCauseWords(s.endCause));
    const box = el('g', { class: 'end-mark' });
    box.appendChild(el('rect', { x: ex + 4, y: AXIS_H - 2, width: words.length * 7.4 + 12, height: 16, rx: 3, fill: colour }));
    box.appendChild(text(ex + 9, AXIS_H + 10, words, { ...font, fill: c.bg, 'font-weight': 700, class: 'end-cause' }));
    g.appendChild(target(titled(box, `${s.endCause}: ${s.explanation}`), `${s.endCause}\n${s.explanation}`, s.end!));
  }

  // The scale: the granted wait and inactivity, drawn at the picture's zoom.
  g.appendChild(text(12, scaleTop + 14, l10n.t('Scale'), { ...font, 'font-weight': 600, 'font-size': 12 }));
  const scale = (label: string, ms: number, row: number, colour: string, cls: string) => {
    const sy = scaleTop + 4 + row * 16;
    const w = ms * pxPerMs;
    g.appendChild(titled(el('rect', { class: cls, x: GUTTER, y: sy, width: w, height: 8, fill: colour, 'fill-opacity': 0.7, rx: 2 }), l10n.t('{0}: {1} at this zoom', label, seconds(ms))));
    g.appendChild(text(GUTTER + w + 6, sy + 8, `${label} ${seconds(ms)}`, { ...font, fill: c.muted, 'font-size': 10 }));
  };
  let row = 0;
  if (s.params.wait) scale('wait', s.params.wait * 1000, row++, c.client, 'scale-wait');
  if (s.params.inactivity) scale(l10n.t('inactivity'), s.params.inactivity * 1000, row++, c.warning, 'scale-inactivity');
  if (row === 0) g.appendChild(text(GUTTER, scaleTop + 14, l10n.t('the server granted no wait or inactivity in the lines read'), { ...font, fill: c.muted, 'font-size': 10 }));

  svg.appendChild(g);
  return { svg, width, height, span: t1 - t0, targets };
}
