// Where each fragment of a large log is, in a few bytes per fragment: numbers in typed arrays,
// time and stamp as UTF-8 shared between neighbours, the dialect among the flags. A million
// fragments take about 50 MB.
import type { DialectId, Direction, Fragment } from '../../core/fragment';
import { IntColumn, StringPairColumn } from './columns';

const DIRECTIONS: ReadonlyArray<Direction | undefined> = [undefined, 'sent', 'received'];

/** Every dialect, so each has its number in the flags (0: none); the type checks none is missing. */
const DIALECT_NUMBERS: Record<DialectId, number> = {
  openfire: 1,
  'openfire-legacy': 2,
  finesse: 3,
  prosody: 4,
  ejabberd: 5,
  smack: 6,
  console: 7,
  tigase: 8,
  mongooseim: 9,
  'node-xmpp-bosh': 10,
  har: 11,
  transcript: 12,
  plain: 13,
};
const DIALECTS: ReadonlyArray<DialectId | undefined> = [undefined];
for (const [id, n] of Object.entries(DIALECT_NUMBERS)) (DIALECTS as Array<DialectId | undefined>)[n] = id as DialectId;

/** Flags: bits 0–1 direction, 2 partial, 3 direction inferred, 4–7 dialect, 8 on escaped count. */
const DIALECT_SHIFT = 4;
const ESCAPED_SHIFT = 8;

export class FragmentPositions {
  private readonly lines = new IntColumn();
  private readonly endLines = new IntColumn();
  private readonly columns = new IntColumn();
  private readonly lengths = new IntColumn();
  private readonly flags = new IntColumn();
  /** A log's ISO time and its stamp as written: the same for many rows, often the same string. */
  private readonly times = new StringPairColumn();

  get size(): number {
    return this.lines.size;
  }

  /** Keeps everything about a fragment except its text; answers its position in this store. */
  push(f: Fragment): number {
    this.lines.push(f.line);
    this.endLines.push(f.endLine);
    this.columns.push(f.column);
    this.lengths.push(f.text.length);
    const dialect = f.dialect === undefined ? 0 : DIALECT_NUMBERS[f.dialect];
    this.flags.push((f.escaped << ESCAPED_SHIFT) | (dialect << DIALECT_SHIFT) | (f.directionInferred ? 8 : 0) | (f.partial ? 4 : 0) | DIRECTIONS.indexOf(f.direction));
    this.times.push(f.time, f.stamp);
    return this.lines.size - 1;
  }

  /** The fragment without its text, and the length the text had. */
  get(i: number): { fragment: Fragment; length: number } | undefined {
    if (i < 0 || i >= this.size) return undefined;
    const flags = this.flags.get(i);
    const f: Fragment = { line: this.lines.get(i), endLine: this.endLines.get(i), column: this.columns.get(i), text: '', escaped: flags >> ESCAPED_SHIFT, partial: (flags & 4) !== 0 };
    const direction = DIRECTIONS[flags & 3];
    const [time, stamp] = this.times.get(i) ?? [];
    const dialect = DIALECTS[(flags >> DIALECT_SHIFT) & 15];
    if (time !== undefined) f.time = time;
    if (stamp !== undefined) f.stamp = stamp;
    if (direction) f.direction = direction;
    if (flags & 8) f.directionInferred = true;
    if (dialect) f.dialect = dialect;
    return { fragment: f, length: this.lengths.get(i) };
  }
}
