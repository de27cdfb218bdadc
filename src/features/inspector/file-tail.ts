// Following a log that grows: the bytes added at its end, whole lines only, go through one
// finder kept between reads, so a stanza written over several reads is found once, whole.
import { open, stat } from 'node:fs/promises';
import { FragmentFinder } from '../../core/find/finder';
import type { Fragment } from '../../core/fragment';

/** Most bytes taken in one read of what was added (a log that jumps by 1 GB is read in steps). */
export const TAIL_READ_BYTES = 4 * 1024 * 1024;

export class FileTail {
  private readonly finder: FragmentFinder;
  private offset: number;

  /**
   * `from`: where the reading so far stopped (just past its last line break, and that line's number);
   * `after`: the last fragment already shown, so a line that was still being written then is not shown twice.
   */
  constructor(
    readonly path: string,
    from: { offset: number; line: number },
    private readonly ino: number,
    private readonly after?: { line: number; column: number },
  ) {
    this.offset = from.offset;
    this.finder = new FragmentFinder(from.line);
  }

  /**
   * Fragments in the whole lines added since the last read (up to TAIL_READ_BYTES; `more` says
   * whether there is more to read now). 'changed' when the file shrank or another file took
   * its path (rotated): it must be read again from the start.
   */
  async read(): Promise<{ fragments: Fragment[]; more: boolean } | 'changed'> {
    let st;
    try {
      st = await stat(this.path);
    } catch {
      return 'changed';
    }
    if (st.ino !== this.ino || st.size < this.offset) return 'changed';
    if (st.size === this.offset) return { fragments: [], more: false };
    const want = Math.min(TAIL_READ_BYTES, st.size - this.offset);
    const buf = Buffer.alloc(want);
    const fh = await open(this.path, 'r');
    let got;
    try {
      ({ bytesRead: got } = await fh.read(buf, 0, want, this.offset));
    } finally {
      await fh.close();
    }
    // Only whole lines: the rest is read again once its line break is written.
    const end = buf.lastIndexOf(10, got - 1);
    if (end < 0) {
      // One line longer than a read: hand it on in pieces, as the finder reads any very long line.
      if (got < TAIL_READ_BYTES) return { fragments: [], more: false };
      const fragments = this.push([buf.toString('utf8', 0, got)]);
      this.offset += got;
      return { fragments, more: true };
    }
    const lines = buf.toString('utf8', 0, end).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.offset += end + 1;
    return { fragments: this.push(lines), more: this.offset < st.size && got === want };
  }

  private push(lines: string[]): Fragment[] {
    const out: Fragment[] = [];
    for (const line of lines) for (const f of this.finder.push(line)) if (this.isNew(f)) out.push(f);
    return out;
  }

  private isNew(f: Fragment): boolean {
    const a = this.after;
    return !a || f.line > a.line || (f.line === a.line && f.column > a.column);
  }
}
