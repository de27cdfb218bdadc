// Reads given lines of a file on disk without keeping the file in memory: one streaming pass
// records where each line starts, then any range is read back with a positioned read.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The file was cut or rotated after the Inspector read it. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';

  constructor(path: string) {
    super(`${path} changed since the Inspector read it; run the command again to read it anew`);
  }
}

export class FileLines {
  /** Byte offset where line n + 1 starts (line 1 at 0, or after a UTF-8 byte order mark). */
  private starts = new Float64Array(1 << 16);
  /** Entries of `starts` in use. */
  private n = 1;
  /** Bytes recorded so far. */
  private size = 0;
  private building: Promise<void> | undefined;

  constructor(readonly path: string) {}

  /** Lines first..last (1-based, inclusive), without their line breaks, as the finder saw them. */
  async read(first: number, last: number): Promise<string[]> {
    await (this.building ??= this.extend());
    // A log that grew is still the same log; one that shrank was cut or rotated.
    const size = (await stat(this.path)).size;
    if (size < this.size) throw new FileChangedError(this.path);
    // Lines written after the starts were recorded (the last one may have been unfinished then).
    if (last >= this.count && size > this.size) await (this.building = this.building.then(() => this.extend()));
    if (first < 1 || last > this.count || first > last) throw new RangeError(`lines ${first}–${last} are not in ${this.path} (${this.count} lines)`);
    const from = this.starts[first - 1];
    const to = last < this.count ? this.starts[last] : this.size;
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(to - from);
      await fh.read(buf, 0, buf.length, from);
      const lines = buf.toString('utf8').split('\n').slice(0, last - first + 1);
      return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    } finally {
      await fh.close();
    }
  }

  /** How many bytes lines first..last take in the file (to size a read of many stanzas at once). */
  async bytesOf(first: number, last: number): Promise<number> {
    await (this.building ??= this.extend());
    if (last >= this.count) return Math.max(0, this.size - (this.starts[first - 1] ?? this.size));
    return this.starts[last] - this.starts[first - 1];
  }

  /** Lines recorded; a final line break does not start another line. */
  private get count(): number {
    return this.size === 0 ? 0 : this.n > 1 && this.starts[this.n - 1] === this.size ? this.n - 1 : this.n;
  }

  /** Records where the lines start in the bytes not seen yet. */
  private async extend(): Promise<void> {
    const end = (await stat(this.path)).size;
    if (end <= this.size) return;
    let pos = this.size;
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20, start: pos, end: end - 1 }) as AsyncIterable<Buffer>) {
      // The finder reads text decoded without the byte order mark, so its line 1 starts after it.
      if (pos === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.starts[0] = 3;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        if (this.n === this.starts.length) {
          const bigger = new Float64Array(this.starts.length * 2);
          bigger.set(this.starts);
          this.starts = bigger;
        }
        this.starts[this.n++] = pos + i + 1;
      }
      pos += chunk.length;
    }
    this.size = pos;
  }
}
