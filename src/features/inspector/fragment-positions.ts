// Where each fragment of a large log is, in a few bytes per fragment: numbers in typed arrays,
// times as UTF-8 shared between neighbours. A million fragments take well under 100 MB.
import type { DialectId, Direction, Fragment } from '../../core/fragment';
import { IntColumn, StringColumn } from './columns';

const DIRECTIONS: ReadonlyArray<Direction | undefined> = [undefined, 'sent', 'received'];

export class FragmentPositions {
  private readonly lines = new IntColumn();
  private readonly endLines = new IntColumn();
  private readonly columns = new IntColumn();
  private readonly lengths = new IntColumn();
  private readonly flags = new IntColumn();
  private readonly times = new StringColumn();
  private readonly stamps = new StringColumn();
  private readonly dialects = new StringColumn();

  get size(): number {
    return this.lines.size;
  }

  /** Keeps everything about a fragment except its text; answers its position in this store. */
  push(f: Fragment): number {
    this.lines.push(f.line);
    this.endLines.push(f.endLine);
    this.columns.push(f.column);
    this.lengths.push(f.text.length);
    this.flags.push((f.escaped << 4) | (f.directionInferred ? 8 : 0) | (f.partial ? 4 : 0) | DIRECTIONS.indexOf(f.direction));
    this.times.push(f.time);
    this.stamps.push(f.stamp);
    this.dialects.push(f.dialect);
    return this.lines.size - 1;
  }

  /** The fragment without its text, and the length the text had. */
  get(i: number): { fragment: Fragment; length: number } | undefined {
    if (i < 0 || i >= this.size) return undefined;
    const flags = this.flags.get(i);
    const f: Fragment = { line: this.lines.get(i), endLine: this.endLines.get(i), column: this.columns.get(i), text: '', escaped: flags >> 4, partial: (flags & 4) !== 0 };
    const direction = DIRECTIONS[flags & 3];
    const time = this.times.get(i);
    const stamp = this.stamps.get(i);
    const dialect = this.dialects.get(i);
    if (time !== undefined) f.time = time;
    if (stamp !== undefined) f.stamp = stamp;
    if (direction) f.direction = direction;
    if (flags & 8) f.directionInferred = true;
    if (dialect) f.dialect = dialect as DialectId;
    return { fragment: f, length: this.lengths.get(i) };
  }
}
