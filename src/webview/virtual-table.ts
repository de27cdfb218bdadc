// A table that keeps only the rows in view in the DOM, so 100,000 rows scroll like 100.
import { isolateRightToLeft } from '../core/l10n/bidi';
import type { Row } from '../protocol';
import { h } from './element-builder';
import { l10n } from './l10n';

export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

export interface TableSource {
  count(): number;
  row(visiblePos: number): Row;
  /** Position among the shown rows of the row with that fragment index, -1 when filtered out. */
  posOf(index: number): number;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private selectedIndex: number | undefined;
  private frame = 0;

  constructor(
    private readonly source: TableSource,
    private readonly onSelect: (row: Row) => void,
    private readonly onActivate: (row: Row) => void,
  ) {
    this.spacer = h('div', { class: 'spacer' });
    this.element = h('div', { class: 'table-body', attrs: { tabindex: '0', role: 'grid', 'aria-label': l10n.t('Fragments') } }, this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('click', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.row');
      if (!el?.dataset.pos) return;
      const pos = Number(el.dataset.pos);
      this.select(pos);
    });
    this.element.addEventListener('dblclick', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.row');
      if (el?.dataset.pos) this.onActivate(this.source.row(Number(el.dataset.pos)));
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  /** Row count or rows changed: resize and redraw. */
  refresh(): void {
    this.spacer.style.height = `${this.source.count() * ROW_HEIGHT}px`;
    this.schedule();
  }

  setSelected(index: number | undefined): void {
    this.selectedIndex = index;
    this.schedule();
  }

  scrollToPos(pos: number): void {
    const top = pos * ROW_HEIGHT;
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + view) this.element.scrollTop = top + ROW_HEIGHT - view;
    this.schedule();
  }

  select(pos: number): void {
    const n = this.source.count();
    if (n === 0) return;
    pos = Math.max(0, Math.min(n - 1, pos));
    const row = this.source.row(pos);
    this.selectedIndex = row.index;
    this.scrollToPos(pos);
    this.onSelect(row);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const at = this.selectedIndex === undefined ? -1 : this.source.posOf(this.selectedIndex);
    let to: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        to = at + 1;
        break;
      case 'ArrowUp':
        to = at < 0 ? 0 : at - 1;
        break;
      case 'PageDown':
        to = at + page;
        break;
      case 'PageUp':
        to = at - page;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = this.source.count() - 1;
        break;
      case 'Enter':
        if (at >= 0) this.onActivate(this.source.row(at));
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.select(to);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the rows in view now (also used by tests through a scroll event). */
  render(): void {
    const n = this.source.count();
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.element.scrollTop + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const needed = last - first;
    while (this.pool.length < needed) {
      const el = h('div', { class: 'row', attrs: { role: 'row' } });
      for (let c = 0; c < 7; c++) el.appendChild(h('span', { class: `cell c${c}`, attrs: { role: 'gridcell' } }));
      this.pool.push(el);
      this.element.appendChild(el);
    }
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const pos = first + i;
      if (pos >= last) {
        el.hidden = true;
        continue;
      }
      el.hidden = false;
      fill(el, this.source.row(pos), pos, this.selectedIndex);
    }
  }
}

const arrow = (d: 'sent' | 'received') => (d === 'sent' ? l10n.t('→ sent') : l10n.t('← recv'));

function fill(el: HTMLElement, r: Row, pos: number, selected: number | undefined): void {
  el.style.transform = `translateY(${pos * ROW_HEIGHT}px)`;
  el.dataset.pos = String(pos);
  el.dataset.index = String(r.index);
  el.classList.toggle('selected', r.index === selected);
  el.classList.toggle('broken', r.error !== undefined);
  el.setAttribute('aria-selected', String(r.index === selected));
  const cells = el.children as HTMLCollectionOf<HTMLElement>;
  const set = (i: number, value: string, title = value) => {
    if (cells[i].textContent !== value) cells[i].textContent = value;
    cells[i].title = title;
  };
  set(0, String(r.line));
  set(1, shortTime(r.time), r.time ?? '');
  // An inferred direction is marked so it is not taken for the log's own word.
  if (r.direction && r.directionInferred) set(2, `${arrow(r.direction)}*`, l10n.t('{0}: inferred from the traffic, the log does not say', arrow(r.direction)));
  else set(2, r.direction ? arrow(r.direction) : '');
  set(3, r.kind, r.layers === 1 ? l10n.t('{0}, 1 escaped layer decoded', r.kind) : r.layers > 1 ? l10n.t('{0}, {1} escaped layers decoded', r.kind, r.layers) : r.kind);
  // The badge after the kind (CSS) says how many escaped layers were decoded.
  if (r.layers > 0) cells[3].dataset.layers = String(r.layers);
  else delete cells[3].dataset.layers;
  // A right-to-left JID would otherwise take the arrow and its partner along with it.
  set(4, r.from || r.to ? `${isolateRightToLeft(r.from ?? '')} → ${isolateRightToLeft(r.to ?? '')}` : '');
  set(5, r.node ?? '');
  set(6, r.summary, r.error ? `${r.summary}\n${r.error}` : r.summary);
  cells[2].dataset.dir = r.direction ?? '';
}

/** '2020-05-12T10:11:12.345+05:30' → '10:11:12.345'; the full time stays in the tooltip. */
function shortTime(t: string | undefined): string {
  if (!t) return '';
  const m = /(\d{2}:\d{2}:\d{2}(?:\.\d+)?)/.exec(t);
  return m ? m[1] : t;
}
