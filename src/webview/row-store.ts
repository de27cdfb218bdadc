// All rows the host sent, and which of them the filters let through. No DOM here.
import { filterWords, rowText, type Filters, type Row } from '../protocol';

export class RowStore {
  readonly rows: Row[] = [];
  /** Positions in `rows` of the rows shown, in order. */
  visible: number[] = [];
  /** Rows per kind among those matching every filter except the kind filter. */
  counts = new Map<string, number>();
  /**
   * Rows the host found for the current search (words anywhere in the decoded XML, the element
   * path); a row whose columns hold the words shows without waiting for it.
   */
  matches = new Set<number>();
  private haystacks: string[] = [];
  private byIndex = new Map<number, number>();

  clear(): void {
    this.matches = new Set();
    this.rows.length = 0;
    this.haystacks = [];
    this.visible = [];
    this.counts = new Map();
    this.byIndex.clear();
  }

  /** Adds rows and reports which of them pass the filters (they are appended to `visible`). */
  add(rows: readonly Row[], filters: Filters): void {
    const m = matcher(filters, this.matches);
    for (const r of rows) {
      const pos = this.rows.length;
      this.rows.push(r);
      this.byIndex.set(r.index, pos);
      const hay = haystack(r);
      this.haystacks.push(hay);
      if (m.others(r, hay)) {
        this.counts.set(r.kind, (this.counts.get(r.kind) ?? 0) + 1);
        if (m.kind(r)) this.visible.push(pos);
      }
    }
  }

  apply(filters: Filters): void {
    const m = matcher(filters, this.matches);
    const visible: number[] = [];
    const counts = new Map<string, number>();
    for (let pos = 0; pos < this.rows.length; pos++) {
      const r = this.rows[pos];
      if (!m.others(r, this.haystacks[pos])) continue;
      counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
      if (m.kind(r)) visible.push(pos);
    }
    this.visible = visible;
    this.counts = counts;
  }

  /** Position in `visible` of the row with that fragment index, or -1. */
  visiblePosOf(index: number): number {
    const pos = this.byIndex.get(index);
    if (pos === undefined) return -1;
    // `visible` is sorted, so a binary search finds it.
    let lo = 0;
    let hi = this.visible.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.visible[mid];
      if (v === pos) return mid;
      if (v < pos) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function haystack(r: Row): string {
  return rowText(r);
}

function matcher(f: Filters, found: ReadonlySet<number>) {
  const words = filterWords(f.text);
  const path = f.match.trim() !== '';
  const jid = f.jid.trim().toLowerCase();
  const node = f.node.trim().toLowerCase();
  const kinds = new Set(f.kinds);
  return {
    others(r: Row, hay: string): boolean {
      if (f.direction && r.direction !== f.direction) return false;
      if (jid && !((r.from ?? '').toLowerCase().includes(jid) || (r.to ?? '').toLowerCase().includes(jid))) return false;
      if (node && !(r.node ?? '').toLowerCase().includes(node)) return false;
      // Only the host can test an element path or look inside the decoded XML.
      if (path) return found.has(r.index);
      for (const w of words) if (!hay.includes(w)) return found.has(r.index);
      return true;
    },
    kind(r: Row): boolean {
      return kinds.size === 0 || kinds.has(r.kind);
    },
  };
}
