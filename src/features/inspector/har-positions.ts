// Where each fragment of a HAR capture on disk is: its entry's byte range, index and line, and
// its number among the entry's fragments; the text stays in the file. Fragments of one entry
// share its record, so a fragment costs 12 bytes and an entry 20.
import type { HarPlace } from '../../core/find/har-place';
import { FloatColumn, IntColumn } from './columns';

export class HarPositions {
  private readonly entryOf = new IntColumn();
  private readonly nths = new IntColumn();
  private readonly lengths = new IntColumn();
  private readonly offsets = new FloatColumn();
  private readonly bytes = new IntColumn();
  private readonly entries = new IntColumn();
  private readonly lines = new IntColumn();

  get size(): number {
    return this.nths.size;
  }

  /** Records a fragment of `length` characters at `at`; answers its position in this store. */
  push(at: HarPlace, length: number): number {
    const last = this.offsets.size - 1;
    const same = last >= 0 && this.offsets.get(last) === at.offset && this.entries.get(last) === at.entry;
    if (!same) {
      this.offsets.push(at.offset);
      this.bytes.push(at.bytes);
      this.entries.push(at.entry);
      this.lines.push(at.line);
    }
    this.entryOf.push(this.offsets.size - 1);
    this.nths.push(at.nth);
    return this.lengths.push(length);
  }

  get(i: number): { place: HarPlace; length: number } | undefined {
    if (i < 0 || i >= this.size) return undefined;
    const e = this.entryOf.get(i);
    return {
      place: { offset: this.offsets.get(e), bytes: this.bytes.get(e), entry: this.entries.get(e), line: this.lines.get(e), nth: this.nths.get(i) },
      length: this.lengths.get(i),
    };
  }
}
