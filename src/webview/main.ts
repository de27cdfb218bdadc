// The Stanza Inspector page: filters and counts on top, the fragment table, the detail pane.
// Talks to the extension host only through the messages in src/protocol.ts.
import { EMPTY_FILTERS, readHostMessage, readState, type Detail, type Filters, type HostMessage, type InspectorState, type Row, type SourceRef, type WebviewMessage } from '../protocol';
import { h } from './element-builder';
import { l10n } from './l10n';
import { RowStore } from './row-store';
import { VirtualTable } from './virtual-table';
import { renderXml } from './xml-view';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: InspectorState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = readState(vscode.getState());
const state: InspectorState = saved ?? { filters: { ...EMPTY_FILTERS } };
const store = new RowStore();
let detailWanted: number | undefined;
let detailTimer = 0;
let filterTimer = 0;
let restoredScroll = state.scrollTop;

// --- layout ---
const textInput = input('filter-text', l10n.t('Filter: text anywhere in the stanza (/ to focus)'), state.filters.text);
const matchInput = input('filter-match', l10n.t('Elements: Update/user/state=NOT_READY, iq[type=error]'), state.filters.match);
matchInput.title = l10n.t('Element names from outer to inner, at any depth, decoded layers included; [attr] or [attr=value] on any step, =text on the last');
const matchError = h('div', { class: 'match-error', attrs: { role: 'alert' } });
const followButton = h('button', { class: 'follow', attrs: { type: 'button', 'aria-pressed': 'true' } }, l10n.t('Following'));
followButton.hidden = true;
const jidInput = input('filter-jid', 'JID', state.filters.jid);
const nodeInput = input('filter-node', l10n.t('pubsub node'), state.filters.node);
const dirSelect = h('select', { class: 'filter-dir', title: l10n.t('Direction') }, option('', l10n.t('both directions')), option('sent', l10n.t('→ sent')), option('received', l10n.t('← received')));
dirSelect.value = state.filters.direction;
const exportButton = h('button', { class: 'export', title: l10n.t('Save the rows shown, decoded, as a .log file'), attrs: { type: 'button' } }, l10n.t('Export decoded…'));
const kindBar = h('div', { class: 'kinds', attrs: { role: 'toolbar', 'aria-label': l10n.t('Kinds') } });
const status = h('div', { class: 'status', attrs: { role: 'status' } }, l10n.t('Waiting for the log…'));
const titleEl = h('div', { class: 'title' });
const header = h(
  'div',
  { class: 'header' },
  h('div', { class: 'header-row' }, titleEl, status),
  h('div', { class: 'header-row filters' }, textInput, matchInput, jidInput, nodeInput, dirSelect, followButton, exportButton),
  matchError,
  kindBar,
);
const columns = h('div', { class: 'row head', attrs: { role: 'row' } }, ...[l10n.t('line'), l10n.t('time'), l10n.t('dir'), l10n.t('kind'), l10n.t('from → to'), l10n.t('node'), l10n.t('summary')].map((c, i) => h('span', { class: `cell c${i}`, attrs: { role: 'columnheader' } }, c)));
const table = new VirtualTable(
  {
    count: () => store.visible.length,
    row: (pos) => store.rows[store.visible[pos]],
    posOf: (index) => store.visiblePosOf(index),
  },
  selectRow,
  () => detailPane.focus(),
);
const detailPane = h('div', { class: 'detail', attrs: { tabindex: '0', 'aria-label': l10n.t('Decoded fragment') } }, h('div', { class: 'placeholder' }, l10n.t('Select a row to see it decoded.')));
const main = h('div', { class: 'main' }, h('div', { class: 'table' }, columns, table.element), detailPane);
document.body.append(header, main);

// --- filters ---
for (const el of [textInput, matchInput, jidInput, nodeInput]) el.addEventListener('input', () => scheduleFilter());
followButton.addEventListener('click', () => setPaused(!state.paused));
dirSelect.addEventListener('change', () => scheduleFilter(0));
exportButton.addEventListener('click', () => post({ type: 'export', indices: store.visible.map((pos) => store.rows[pos].index) }));
document.addEventListener('keydown', (e) => {
  const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
  if (e.key === '/' && !inField) {
    e.preventDefault();
    textInput.focus();
  } else if (e.key === 'Escape' && (e.target === textInput || e.target === matchInput)) {
    (e.target as HTMLInputElement).value = '';
    scheduleFilter(0);
    table.element.focus();
  } else if (e.key === 'Enter' && inField) {
    table.element.focus();
  }
});

function currentFilters(): Filters {
  return { text: textInput.value, match: matchInput.value, jid: jidInput.value, node: nodeInput.value, direction: dirSelect.value as Filters['direction'], kinds: state.filters.kinds };
}

function scheduleFilter(delay = 120): void {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
    setFilters(currentFilters());
    store.apply(state.filters);
    table.refresh();
    renderKinds();
    renderStatus();
    save();
  }, delay);
}

/** Takes the filters as they now stand; a new text or element path asks the host to search again. */
function setFilters(next: Filters): void {
  const before = state.filters;
  state.filters = next;
  if (before.text !== next.text || before.match !== next.match) startSearch();
}

function toggleKind(kind: string): void {
  const kinds = new Set(state.filters.kinds);
  if (kinds.has(kind)) kinds.delete(kind);
  else kinds.add(kind);
  setFilters({ ...currentFilters(), kinds: [...kinds] });
  store.apply(state.filters);
  table.refresh();
  renderKinds();
  renderStatus();
  save();
}

function renderKinds(): void {
  const active = new Set(state.filters.kinds);
  const kinds = [...new Set([...store.counts.keys(), ...active])].sort((a, b) => (store.counts.get(b) ?? 0) - (store.counts.get(a) ?? 0) || a.localeCompare(b));
  kindBar.replaceChildren(
    ...kinds.map((k) => {
      const b = h('button', { class: `kind${active.has(k) ? ' on' : ''}`, title: l10n.t('Show only {0} (click again to clear)', k), attrs: { type: 'button', 'aria-pressed': String(active.has(k)), 'data-kind': k } }, k, h('span', { class: 'count' }, String(store.counts.get(k) ?? 0)));
      b.addEventListener('click', () => toggleKind(k));
      return b;
    }),
  );
}

let progress = { rows: 0, done: false, bytes: undefined as number | undefined, totalBytes: undefined as number | undefined };
let errorText = '';

// --- search in the host: words anywhere in the decoded XML, the element path ---
let searchId = 0;
let searching: { searched: number; total: number; done: boolean } | undefined;

/** Asks the host to search every stanza for the current text and path; the one before is cancelled. */
function startSearch(): void {
  searchId++;
  store.matches = new Set();
  setMatchError(undefined);
  const { text, match } = state.filters;
  const active = text.trim() !== '' || match.trim() !== '';
  searching = active ? { searched: 0, total: store.rows.length, done: false } : undefined;
  post({ type: 'search', search: searchId, text, match });
}

function setMatchError(message: string | undefined): void {
  matchError.textContent = message ?? '';
  matchError.hidden = message === undefined;
  matchInput.classList.toggle('invalid', message !== undefined);
  matchInput.setAttribute('aria-invalid', String(message !== undefined));
}
setMatchError(undefined);

// --- following a growing log or a live session ---
let follows = false;
/** Rows that arrived while paused: counted, shown on resuming. */
let pending: Row[] = [];

function setPaused(paused: boolean): void {
  state.paused = paused || undefined;
  if (!paused && pending.length) {
    const rows = pending;
    pending = [];
    addRows(rows);
  }
  if (!paused) scrollToNewest();
  renderFollow();
  renderStatus();
  save();
}

function renderFollow(): void {
  followButton.hidden = !follows;
  followButton.setAttribute('aria-pressed', String(!state.paused));
  followButton.textContent = state.paused ? (pending.length ? l10n.t('Paused ({0} new)', pending.length.toLocaleString('en-US')) : l10n.t('Paused')) : l10n.t('Following');
  followButton.title = state.paused ? l10n.t('Show the rows that arrived and follow the newest') : l10n.t('Pause: keep the table still; new rows are counted and shown on resuming');
}

function scrollToNewest(): void {
  table.element.scrollTop = table.element.scrollHeight;
}

function addRows(rows: Row[]): void {
  store.add(rows, state.filters);
  table.refresh();
  renderKinds();
  renderStatus();
  restoreSelection(rows);
}

function renderStatus(): void {
  const shown = store.visible.length;
  const total = store.rows.length;
  let s = shown === total ? l10n.t('{0} fragments', total.toLocaleString('en-US')) : l10n.t('{0} of {1} fragments', shown.toLocaleString('en-US'), total.toLocaleString('en-US'));
  if (!progress.done) {
    const pct = progress.bytes !== undefined && progress.totalBytes ? l10n.t(' ({0}% read)', Math.floor((100 * progress.bytes) / progress.totalBytes)) : '';
    s += l10n.t(', reading…{0}', pct);
  }
  if (searching && !searching.done) s += l10n.t(', searching the stanzas… {0}%', searching.total ? Math.floor((100 * searching.searched) / searching.total) : 0);
  if (follows && state.paused && pending.length) s += l10n.t(', {0} new while paused', pending.length.toLocaleString('en-US'));
  if (errorText) s += ` — ${errorText}`;
  status.textContent = s;
  status.classList.toggle('error', errorText !== '');
}

// --- selection and detail ---
function selectRow(row: Row): void {
  state.selected = row.index;
  table.setSelected(row.index);
  save();
  clearTimeout(detailTimer);
  detailWanted = row.index;
  // Holding an arrow key down must not send a request per row passed.
  detailTimer = window.setTimeout(() => post({ type: 'detail', index: row.index }), 40);
}

function renderDetail(d: Detail): void {
  if (d.index !== detailWanted) return;
  const copyDecoded = button(l10n.t('Copy decoded'), l10n.t('Copy the decoded, pretty-printed XML'), () => post({ type: 'copy', index: d.index, what: 'decoded' }));
  const copyOriginal = button(l10n.t('Copy original'), l10n.t('Copy the fragment as it stands in the log'), () => post({ type: 'copy', index: d.index, what: 'original' }));
  const reveal = button(l10n.t('Reveal in editor'), l10n.t('Show this fragment in the log'), () => post({ type: 'reveal', index: d.index }));
  const facts = h('dl', { class: 'facts' });
  for (const [k, v] of d.facts) facts.append(h('dt', {}, k), h('dd', {}, v));
  const layers = d.layers > 0 ? h('div', { class: 'layers-note' }, d.layers === 1 ? l10n.t('1 escaped layer decoded: framed below') : l10n.t('{0} escaped layers decoded: framed below', d.layers)) : null;
  const body = d.tree ? renderXml(d.tree) : h('pre', { class: 'raw' }, d.decoded);
  const cut = d.cut ? h('div', { class: 'cut-note' }, l10n.t('This fragment is longer than the xmppBosh.inspector.maxChars setting; the rest is not shown. Copy or reveal it to see all of it.')) : null;
  const error = d.error ? h('div', { class: 'error-note' }, l10n.t('Not well-formed XML: {0}', d.error)) : null;
  const original = h('details', { class: 'original' }, h('summary', {}, l10n.t('Original text')), h('pre', {}, d.original));
  detailPane.replaceChildren(...[h('div', { class: 'detail-summary' }, d.summary), h('div', { class: 'actions' }, copyDecoded, copyOriginal, reveal), facts, error, layers, cut, body, original].filter((n): n is HTMLElement => n !== null));
}

// --- host messages ---
window.addEventListener('message', (e: MessageEvent) => {
  const m = readHostMessage(e.data);
  if (m) onHost(m);
});

function onHost(m: HostMessage): void {
  switch (m.type) {
    case 'reset': {
      const sameSource = state.source !== undefined && sameRef(state.source, m.source);
      if (!sameSource) {
        state.selected = undefined;
        state.revealLine = undefined;
        restoredScroll = undefined;
      }
      state.source = m.source;
      // Saved with the rest, so a reload before the row arrives still selects it.
      if (m.revealLine !== undefined) state.revealLine = m.revealLine;
      titleEl.textContent = m.title;
      store.clear();
      pending = [];
      follows = m.follows === true;
      errorText = '';
      progress = { rows: 0, done: false, bytes: undefined, totalBytes: undefined };
      // The host searches the rows it reads from now on, and tests each one that follows.
      if (state.filters.text.trim() !== '' || state.filters.match.trim() !== '') startSearch();
      renderFollow();
      table.refresh();
      renderKinds();
      renderStatus();
      save();
      break;
    }
    case 'rows': {
      // Rows after the first reading are the source growing.
      const appended = follows && progress.done;
      if (appended && state.paused) {
        pending.push(...m.rows);
        renderFollow();
        renderStatus();
        break;
      }
      addRows(m.rows);
      if (appended) scrollToNewest();
      break;
    }
    case 'select':
      state.revealLine = m.line;
      restoreSelection([...store.rows, ...pending]);
      save();
      break;
    case 'matches':
      if (m.search !== searchId || !searching) break;
      for (const i of m.indices) store.matches.add(i);
      searching = { searched: m.searched, total: m.total, done: m.done };
      if (m.indices.length) {
        store.apply(state.filters);
        table.refresh();
        renderKinds();
      }
      renderStatus();
      break;
    case 'searchError':
      if (m.search !== searchId) break;
      searching = undefined;
      setMatchError(l10n.t('Element filter, column {0}: {1}', m.column, m.message));
      renderStatus();
      break;
    case 'progress':
      progress = { rows: m.rows, done: m.done, bytes: m.bytes, totalBytes: m.totalBytes };
      renderStatus();
      break;
    case 'detail':
      renderDetail(m.detail);
      break;
    case 'error':
      errorText = m.message;
      renderStatus();
      break;
  }
}

/** After a reload or a hover's "Open in Stanza Inspector", select the saved row once it has arrived. */
function restoreSelection(arrived: Row[]): void {
  const line = state.revealLine;
  if (line !== undefined) {
    const hit = arrived.find((r) => r.line <= line && line <= r.endLine);
    if (!hit) return;
    state.revealLine = undefined;
    const pos = store.visiblePosOf(hit.index);
    if (pos >= 0) table.select(pos);
    else selectRow(hit);
    return;
  }
  if (state.selected !== undefined && detailWanted === undefined && arrived.some((r) => r.index === state.selected)) {
    const pos = store.visiblePosOf(state.selected);
    if (restoredScroll !== undefined) {
      table.element.scrollTop = restoredScroll;
      restoredScroll = undefined;
    }
    if (pos >= 0) selectRow(store.rows[store.visible[pos]]);
  }
}

// --- helpers of this page ---
function post(m: WebviewMessage): void {
  vscode.postMessage(m);
}

let scrollSaveTimer = 0;
table.element.addEventListener('scroll', () => {
  clearTimeout(scrollSaveTimer);
  scrollSaveTimer = window.setTimeout(() => {
    state.scrollTop = table.element.scrollTop;
    save();
  }, 200);
});

function save(): void {
  vscode.setState(state);
}

function sameRef(a: SourceRef, b: SourceRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function input(cls: string, placeholder: string, value: string): HTMLInputElement {
  const el = h('input', { class: cls, attrs: { type: 'search', placeholder, 'aria-label': placeholder, spellcheck: 'false' } });
  el.value = value;
  return el;
}

function option(value: string, label: string): HTMLOptionElement {
  const o = h('option', {}, label);
  o.value = value;
  return o;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { title, attrs: { type: 'button' } }, label);
  b.addEventListener('click', onClick);
  return b;
}

renderKinds();
post({ type: 'ready', state });
