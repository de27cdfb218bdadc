// Where each fragment of a large file is, in a few bytes per fragment: numbers in one typed
// array, times shared between neighbours. 1,000,000 fragments fit in well under 100 MB.
import type { DialectId, Direction, Fragment } from '../../core/fragment';

const FIELDS = 5; // line, endLine, column, text length, flags
const DIRECTIONS: ReadonlyArray<Direction | undefined> = [undefined, 'sent', 'received'];

export class FragmentPositions {
  private ints = new Int32Array(FIELDS * 4096);
  private n = 0;
  private readonly times: Array<string | undefined> = [];
  private readonly stamps: Array<string | undefined> = [];
  private readonly dialects: Array<DialectId | undefined> = [];

  get size(): number {
    return this.n;
  }

  /** Keeps everything about a fragment except its text; answers its position in this store. */
  push(f: Fragment): number {
    if ((this.n + 1) * FIELDS > this.ints.length) {
      const bigger = new Int32Array(this.ints.length * 2);
      bigger.set(this.ints);
      this.ints = bigger;
    }
    const at = this.n * FIELDS;
    this.ints[at] = f.line;
    this.ints[at + 1] = f.endLine;
    this.ints[at + 2] = f.column;
    this.ints[at + 3] = f.text.length;
    this.ints[at + 4] = (f.escaped << 4) | (f.directionInferred ? 8 : 0) | (f.partial ? 4 : 0) | DIRECTIONS.indexOf(f.direction);
    this.times.push(shared(f.time, this.times[this.n - 1]));
    this.stamps.push(shared(f.stamp, this.stamps[this.n - 1]));
    this.dialects.push(f.dialect);
    return this.n++;
  }

  /** The fragment without its text, and the length the text had. */
  get(i: number): { fragment: Fragment; length: number } | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const at = i * FIELDS;
    const flags = this.ints[at + 4];
    const f: Fragment = { line: this.ints[at], endLine: this.ints[at + 1], column: this.ints[at + 2], text: '', escaped: flags >> 4, partial: (flags & 4) !== 0 };
    const direction = DIRECTIONS[flags & 3];
    if (this.times[i] !== undefined) f.time = this.times[i];
    if (this.stamps[i] !== undefined) f.stamp = this.stamps[i];
    if (direction) f.direction = direction;
    if (flags & 8) f.directionInferred = true;
    if (this.dialects[i]) f.dialect = this.dialects[i];
    return { fragment: f, length: this.ints[at + 3] };
  }
}

/**
 * The previous fragment's string when equal (stanzas logged in the same millisecond), else a
 * fresh copy: strings cut from a log line can keep the whole line, or the whole read buffer, alive.
 */
function shared(s: string | undefined, previous: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return s === previous ? previous : Buffer.from(s, 'utf8').toString('utf8');
}
