// Reads given lines of a file on disk without keeping the file in memory: one streaming pass
// records where each line starts, then any range is read back with a positioned read.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

export class FileLines {
  /** Byte offset where line n + 1 starts (line 1 at 0). */
  private starts: Float64Array | undefined;
  private count = 0;
  private size = 0;
  private building: Promise<void> | undefined;

  constructor(readonly path: string) {}

  /** Lines first..last (1-based, inclusive), without their line breaks, as the finder saw them. */
  async read(first: number, last: number): Promise<string[]> {
    await (this.building ??= this.build());
    // A log that grew is still the same log; one that shrank was cut or rotated.
    if ((await stat(this.path)).size < this.size) throw new FileChangedError(`${this.path} changed since the Inspector read it; run the command again to read it anew`);
    if (first < 1 || last > this.count || first > last) throw new RangeError(`lines ${first}–${last} are not in ${this.path} (${this.count} lines)`);
    const from = this.starts![first - 1];
    const to = last < this.count ? this.starts![last] : this.size;
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

  private async build(): Promise<void> {
    const s = await stat(this.path);
    this.size = s.size;
    if (s.size === 0) {
      this.starts = new Float64Array(1);
      this.count = 0;
      return;
    }
    let starts = new Float64Array(1 << 16);
    let n = 1;
    let pos = 0;
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20, end: s.size - 1 }) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        if (n === starts.length) {
          const bigger = new Float64Array(starts.length * 2);
          bigger.set(starts);
          starts = bigger;
        }
        starts[n++] = pos + i + 1;
      }
      pos += chunk.length;
    }
    // A final line break does not start another line.
    if (n > 1 && starts[n - 1] === s.size) n--;
    this.starts = starts;
    this.count = n;
  }
}
