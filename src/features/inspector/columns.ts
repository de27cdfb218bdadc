// Growable columns of per-row values in typed arrays: a million rows cost a few MB, and the
// garbage collector sees one object per column instead of one per row.

export class IntColumn {
  private values = new Int32Array(4096);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(v: number): number {
    if (this.n === this.values.length) this.values = grown(this.values, new Int32Array(this.values.length * 2));
    this.values[this.n] = v;
    return this.n++;
  }

  get(i: number): number {
    return this.values[i];
  }
}

export class FloatColumn {
  private values = new Float64Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(v: number): number {
    if (this.n === this.values.length) this.values = grown(this.values, new Float64Array(this.values.length * 2));
    this.values[this.n] = v;
    return this.n++;
  }

  get(i: number): number {
    return this.values[i];
  }
}

/**
 * Strings per row, stored as UTF-8 bytes in one buffer; a row equal to the row before (stanzas
 * logged in the same millisecond, one dialect all through a file) shares its bytes. Nothing
 * keeps the string it was given, which may be a slice holding a whole log line alive.
 */
export class StringColumn {
  /** Per row: which distinct value, or -1 for none. */
  private readonly ids = new IntColumn();
  /** Per distinct value: where its bytes start in `bytes`; one more entry marks the end. */
  private readonly starts = new FloatColumn();
  private bytes = new Uint8Array(16384);
  private used = 0;
  private last: string | undefined;

  constructor() {
    this.starts.push(0);
  }

  push(s: string | undefined): void {
    if (s === undefined) {
      this.ids.push(-1);
      return;
    }
    if (s !== this.last || this.starts.size === 1) {
      const need = Buffer.byteLength(s);
      if (this.used + need > this.bytes.length) {
        let size = this.bytes.length * 2;
        while (size < this.used + need) size *= 2;
        this.bytes = grown(this.bytes.subarray(0, this.used), new Uint8Array(size));
      }
      this.used += Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).write(s, this.used, 'utf8');
      this.starts.push(this.used);
      this.last = s;
    }
    this.ids.push(this.starts.size - 2);
  }

  get(i: number): string | undefined {
    const id = this.ids.get(i);
    if (id === undefined || id < 0) return undefined;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).toString('utf8', this.starts.get(id), this.starts.get(id + 1));
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
