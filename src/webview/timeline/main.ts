// The session timeline page: a header saying which session and how it ended, a toolbar (fit,
// zoom, export), the picture, and a hover box. Talks to the host only through the timeline
// messages of src/protocol.ts, checked with their readers.
import { readTimelineHostMessage, type TimelineData, type TimelineWebviewMessage } from '../../protocol';
import { h } from '../element-builder';
import { l10n } from '../l10n';
import { endCauseWords } from '../../core/sessions/model';
import { causeColour, draw, GUTTER, seconds, timeRange, type Drawing, type Palette } from './draw';

interface VsCodeApi {
  postMessage(message: TimelineWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let data: TimelineData | undefined;
let drawing: Drawing | undefined;
/** Pixels per millisecond; undefined: fit to the width. */
let zoom: number | undefined;

const header = h('div', { class: 'header' }, h('div', { class: 'placeholder' }, l10n.t('Waiting for the session…')));
const zoomLevel = h('span', { class: 'zoom-level' });
const button = (cls: string, label: string, title: string, onClick: () => void) => {
  const b = h('button', { class: cls, title, attrs: { type: 'button' } }, label);
  b.addEventListener('click', onClick);
  return b;
};
const toolbar = h(
  'div',
  { class: 'toolbar', attrs: { role: 'toolbar' } },
  button('fit', l10n.t('Fit'), l10n.t('Fit the whole session to the width'), () => setZoom(undefined)),
  button('zoom-out', '−', l10n.t('Zoom out'), () => setZoom(currentZoom() / 1.6)),
  button('zoom-in', '+', l10n.t('Zoom in (Ctrl + wheel over the picture)'), () => setZoom(currentZoom() * 1.6)),
  zoomLevel,
  button('export-svg', l10n.t('Export SVG…'), l10n.t('Save the picture as an SVG file'), () => exportSvg()),
  button('export-png', l10n.t('Export PNG…'), l10n.t('Save the picture as a PNG image'), () => void exportPng()),
);
const scroller = h('div', { class: 'scroll' });
const tooltip = h('div', { class: 'tooltip', attrs: { role: 'tooltip', hidden: '' } });
document.body.append(header, toolbar, scroller, tooltip);

window.addEventListener('message', (e) => {
  const m = readTimelineHostMessage(e.data);
  if (!m) return;
  if (m.type === 'error') {
    header.replaceChildren(h('div', { class: 'error' }, m.message));
    return;
  }
  data = m.data;
  zoom = undefined;
  showHeader(m.data);
  render();
  scroller.scrollLeft = 0;
});
vscode.postMessage({ type: 'ready' });

// The theme changes the body's class; the colours are read again and the picture redrawn.
new MutationObserver(() => {
  if (data) {
    showHeader(data);
    render();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
window.addEventListener('resize', () => {
  if (data && zoom === undefined) render();
});

scroller.addEventListener(
  'wheel',
  (e) => {
    if (!e.ctrlKey || !data) return;
    e.preventDefault();
    const before = currentZoom();
    const at = scroller.scrollLeft + e.clientX - scroller.getBoundingClientRect().left - GUTTER;
    setZoom(before * (e.deltaY < 0 ? 1.25 : 0.8));
    scroller.scrollLeft = Math.max(0, (at * currentZoom()) / before + GUTTER - (e.clientX - scroller.getBoundingClientRect().left));
  },
  { passive: false },
);

function palette(): Palette {
  const cs = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => cs.getPropertyValue(`--tl-${name}`).trim() || fallback;
  return {
    bg: v('bg', '#1e1e1e'),
    fg: v('fg', '#d4d4d4'),
    muted: v('muted', '#9d9d9d'),
    grid: v('grid', '#404040'),
    lane: v('lane', '#2a2d2e'),
    client: v('client', '#3794ff'),
    server: v('server', '#89d185'),
    finesse: v('finesse', '#b180d7'),
    warning: v('warning', '#d18616'),
    error: v('error', '#f14c4c'),
    info: v('info', '#cca700'),
    font: v('font', 'sans-serif'),
    mono: v('mono', 'monospace'),
  };
}

function showHeader(d: TimelineData): void {
  const s = d.session;
  const c = palette();
  const cause = h('span', { class: 'cause' }, endCauseWords(s.endCause));
  cause.style.background = causeColour(s.endCause, c);
  const lifetime = s.start?.time !== undefined && s.end?.time !== undefined ? seconds(s.end.time - s.start.time) : undefined;
  const p = s.params;
  const granted = [p.wait !== undefined ? `wait ${p.wait} s` : '', p.inactivity !== undefined ? `inactivity ${p.inactivity} s` : '', p.hold !== undefined ? `hold ${p.hold}` : '', p.requests !== undefined ? `requests ${p.requests}` : ''].filter(Boolean).join(', ');
  const ws = s.transport === 'websocket';
  const facts = [
    ws ? (s.streams?.length ? l10n.t('WebSocket {0}, streams {1}', s.sid, s.streams.join(', ')) : `WebSocket ${s.sid}`) : `sid ${s.sid}`,
    lifetime ? l10n.t('lasted {0}', lifetime) : '',
    ws ? l10n.t('{0} frames', s.frames ?? 0) : l10n.t('{0} requests', s.requests),
    s.retransmissions ? l10n.t('{0} sent again', s.retransmissions) : '',
    s.ridGaps ? l10n.t('{0} rid jumps', s.ridGaps) : '',
    granted ? l10n.t('granted {0}', granted) : '',
    s.trimmed ? l10n.t('long session: only its first and last requests are drawn') : '',
  ].filter(Boolean).join(' · ');
  header.replaceChildren(
    h('div', { class: 'title' }, d.title),
    h('div', { class: 'who' }, s.jid ?? (s.agent ? `agent ${s.agent}` : `sid ${s.sid}`)),
    h('div', { class: 'explanation' }, cause, s.explanation),
    h('div', { class: 'facts' }, facts),
  );
}

function fitZoom(): number {
  if (!data) return 1;
  const { t0, t1 } = timeRange(data.session, data.findings);
  const room = Math.max(300, (scroller.clientWidth || window.innerWidth) - GUTTER - 200);
  return room / (t1 - t0);
}

function currentZoom(): number {
  return zoom ?? fitZoom();
}

function setZoom(z: number | undefined): void {
  if (z !== undefined) {
    const fit = fitZoom();
    // From a tenth of the fitted width to 10 px per millisecond.
    z = Math.min(10, Math.max(fit / 10, z));
  }
  zoom = z;
  render();
}

function render(): void {
  if (!data) return;
  const z = currentZoom();
  drawing = draw(data.session, data.findings, palette(), z);
  scroller.replaceChildren(drawing.svg);
  zoomLevel.textContent = zoom === undefined ? l10n.t('fitted') : l10n.t('{0} per 100 px', seconds(100 / z));
  for (const [element, t] of drawing.targets) {
    element.addEventListener('mouseenter', (e) => showTip(t.hover, e as MouseEvent));
    element.addEventListener('mousemove', (e) => moveTip(e as MouseEvent));
    element.addEventListener('mouseleave', () => tooltip.setAttribute('hidden', ''));
    element.addEventListener('click', () => vscode.postMessage({ type: 'reveal', file: t.place.file, line: t.place.line }));
  }
}

function showTip(text: string, e: MouseEvent): void {
  tooltip.textContent = text;
  tooltip.removeAttribute('hidden');
  moveTip(e);
}

function moveTip(e: MouseEvent): void {
  const w = tooltip.offsetWidth;
  const hgt = tooltip.offsetHeight;
  tooltip.style.left = `${Math.min(e.clientX + 12, window.innerWidth - w - 4)}px`;
  tooltip.style.top = `${e.clientY + 16 + hgt > window.innerHeight ? e.clientY - hgt - 8 : e.clientY + 16}px`;
}

/** The picture as a standalone SVG document: its colours are values already, no theme variable in it. */
function svgText(): string | undefined {
  if (!drawing) return undefined;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(drawing.svg);
}

function exportSvg(): void {
  const text = svgText();
  if (text) vscode.postMessage({ type: 'export', format: 'svg', text });
}

async function exportPng(): Promise<void> {
  const text = svgText();
  if (!text || !drawing) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error(l10n.t('the picture could not be drawn')));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = drawing.width * scale;
    canvas.height = drawing.height * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, drawing.width, drawing.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(l10n.t('the picture is too large for a PNG'));
    vscode.postMessage({ type: 'export', format: 'png', base64: base64Of(new Uint8Array(await blob.arrayBuffer())) });
  } catch (e) {
    header.append(h('div', { class: 'error' }, l10n.t('PNG export failed: {0}', (e as Error).message)));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function base64Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
