// Growable columns of per-row values in typed arrays: a million rows cost a few MB, and the
// garbage collector sees a few objects per column instead of one per row.
//
// Past its first chunk a column grows by fixed chunks that are never copied: doubling one array
// would leave up to half of it unused (1.19 million rows in room for 2.1 million) and hold the
// old and the new array at once while copying. The first chunk starts small and doubles up to
// the chunk size, so a short log or an editor's text costs little.

/** Entries per chunk of a number column (256 KB of Int32, 512 KB of Float64). */
export const CHUNK_ENTRIES = 1 << 16;
const SHIFT = 16;
const MASK = CHUNK_ENTRIES - 1;
const FIRST_ENTRIES = 1024;

/** Bytes per chunk of a byte store; a value longer than that gets a chunk of its own. */
export const CHUNK_BYTES = 1 << 18;
const FIRST_BYTES = 4096;
/** Addresses in a byte store: chunk number × 2³² + offset in the chunk. */
const CHUNK_ADDRESS = 2 ** 32;

type NumberArray = Int32Array | Float64Array;

abstract class NumberColumn<T extends NumberArray> {
  private readonly chunks: T[] = [];
  private n = 0;

  protected abstract make(length: number): T;

  get size(): number {
    return this.n;
  }

  push(v: number): number {
    const at = this.n & MASK;
    const last = this.chunks.length - 1;
    if (last < 0) this.chunks.push(this.make(FIRST_ENTRIES));
    else if (at === 0 && this.chunks[last].length === CHUNK_ENTRIES) this.chunks.push(this.make(CHUNK_ENTRIES));
    else if (at === this.chunks[last].length) {
      // Only the first chunk is ever short: it doubles until it is a whole chunk.
      const bigger = this.make(this.chunks[last].length * 2);
      bigger.set(this.chunks[last] as never);
      this.chunks[last] = bigger;
    }
    this.chunks[this.chunks.length - 1][at] = v;
    return this.n++;
  }

  /** The value of row i; undefined outside 0..size-1. */
  get(i: number): number {
    return (i >= 0 && i < this.n ? this.chunks[i >>> SHIFT][i & MASK] : undefined) as number;
  }
}

export class IntColumn extends NumberColumn<Int32Array> {
  protected make(length: number): Int32Array {
    return new Int32Array(length);
  }
}

export class FloatColumn extends NumberColumn<Float64Array> {
  protected make(length: number): Float64Array {
    return new Float64Array(length);
  }
}

/** UTF-8 bytes appended in chunks; a value is never split between chunks. */
class ByteStore {
  private readonly chunks: Buffer[] = [];
  /** Bytes used in the last chunk. */
  private used = 0;

  /** Room for `need` bytes in one chunk; answers its address. */
  reserve(need: number): number {
    let last = this.chunks.length - 1;
    if (last < 0 || this.used + need > this.chunks[last].length) {
      const first = last === 0 && this.chunks[0].length < CHUNK_BYTES;
      if (last < 0 || (first && this.used + need <= CHUNK_BYTES)) {
        // The first chunk starts small and doubles up to a whole chunk, as the number columns do.
        let size = last < 0 ? FIRST_BYTES : this.chunks[0].length * 2;
        while (size < need + this.used && size < CHUNK_BYTES) size *= 2;
        const bigger = Buffer.alloc(Math.max(size, need));
        if (last === 0) this.chunks[0].copy(bigger, 0, 0, this.used);
        else this.used = 0;
        if (last < 0) this.chunks.push(bigger);
        else this.chunks[0] = bigger;
      } else {
        this.chunks.push(Buffer.alloc(Math.max(CHUNK_BYTES, need)));
        this.used = 0;
      }
      last = this.chunks.length - 1;
    }
    const address = last * CHUNK_ADDRESS + this.used;
    this.used += need;
    return address;
  }

  chunk(address: number): Buffer {
    return this.chunks[Math.floor(address / CHUNK_ADDRESS)];
  }

  static offset(address: number): number {
    return address % CHUNK_ADDRESS;
  }
}

/**
 * Two strings per row in one column (a log's ISO time and its stamp as written): a row equal to
 * the row before shares its bytes, and a second string equal to the first is stored once.
 * Each distinct pair is a tag byte (which strings there are, whether they are the same), the
 * byte lengths as varints, then the bytes.
 */
export class StringPairColumn {
  /** Per row: which distinct pair, or -1 for neither string. */
  private readonly ids = new IntColumn();
  /** Per distinct pair: its address in `bytes`. */
  private readonly addresses = new FloatColumn();
  private readonly bytes = new ByteStore();
  private lastA: string | undefined;
  private lastB: string | undefined;

  get size(): number {
    return this.ids.size;
  }

  push(a: string | undefined, b: string | undefined): void {
    if (a === undefined && b === undefined) {
      this.ids.push(-1);
      return;
    }
    if (this.addresses.size === 0 || a !== this.lastA || b !== this.lastB) {
      const same = a !== undefined && a === b;
      const aBytes = a === undefined ? 0 : Buffer.byteLength(a);
      const bBytes = b === undefined || same ? 0 : Buffer.byteLength(b);
      const tag = (a !== undefined ? HAS_A : 0) | (b !== undefined ? HAS_B : 0) | (same ? SAME : 0);
      const need = 1 + (a !== undefined ? varintBytes(aBytes) : 0) + (b !== undefined && !same ? varintBytes(bBytes) : 0) + aBytes + bBytes;
      const address = this.bytes.reserve(need);
      const chunk = this.bytes.chunk(address);
      let at = ByteStore.offset(address);
      chunk[at++] = tag;
      if (a !== undefined) at = writeVarint(chunk, at, aBytes);
      if (b !== undefined && !same) at = writeVarint(chunk, at, bBytes);
      if (a !== undefined) at += chunk.write(a, at, aBytes, 'utf8');
      if (b !== undefined && !same) chunk.write(b, at, bBytes, 'utf8');
      this.addresses.push(address);
      this.lastA = a;
      this.lastB = b;
    }
    this.ids.push(this.addresses.size - 1);
  }

  /** Row i's two strings; undefined when it has neither (or i is not a row). */
  get(i: number): [string | undefined, string | undefined] | undefined {
    const id = this.ids.get(i);
    if (id === undefined || id < 0) return undefined;
    const address = this.addresses.get(id);
    const chunk = this.bytes.chunk(address);
    let at = ByteStore.offset(address);
    const tag = chunk[at++];
    let aBytes = 0;
    let bBytes = 0;
    if (tag & HAS_A) [aBytes, at] = readVarint(chunk, at);
    if (tag & HAS_B && !(tag & SAME)) [bBytes, at] = readVarint(chunk, at);
    const a = tag & HAS_A ? chunk.toString('utf8', at, at + aBytes) : undefined;
    const b = tag & SAME ? a : tag & HAS_B ? chunk.toString('utf8', at + aBytes, at + aBytes + bBytes) : undefined;
    return [a, b];
  }
}

const HAS_A = 1;
const HAS_B = 2;
const SAME = 4;

function varintBytes(n: number): number {
  let bytes = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    bytes++;
  }
  return bytes;
}

function writeVarint(to: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    to[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 0x80);
  }
  to[at++] = n;
  return at;
}

function readVarint(from: Buffer, at: number): [number, number] {
  let n = 0;
  let scale = 1;
  for (;;) {
    const byte = from[at++];
    n += (byte & 0x7f) * scale;
    if (byte < 0x80) return [n, at];
    scale *= 0x80;
  }
}
