// How far a long read has got, on standard error when it is a terminal: one line rewritten in
// place, cleared at the end, so pipes and files never see it.

/** Inputs smaller than this finish too soon for a progress line to help. */
export const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;
/** Least time between two redraws. */
const REDRAW_MS = 250;

export class Progress {
  private bytes = 0;
  private last = 0;
  private shown = false;
  private readonly began = Date.now();

  /** `total` undefined: unknown size (stdin, .gz), shown once past PROGRESS_MIN_BYTES. */
  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  private get wanted(): boolean {
    return this.stream.isTTY === true && (this.total ?? this.bytes) >= PROGRESS_MIN_BYTES;
  }

  /** Counts `n` more bytes read. */
  add(n: number): void {
    this.bytes += n;
    const now = Date.now();
    if (now - this.last < REDRAW_MS || !this.wanted) return;
    this.last = now;
    const mb = (b: number) => (b / 1048576).toFixed(0);
    const rate = this.bytes / 1048576 / Math.max(0.001, (now - this.began) / 1000);
    const of = this.total ? ` of ${mb(this.total)} MB (${Math.min(100, Math.floor((100 * this.bytes) / this.total))} %)` : ' MB';
    this.stream.write(`\r\x1b[K${this.label}: ${mb(this.bytes)}${this.total ? ' MB' : ''}${of} read, ${rate.toFixed(0)} MB/s`.replace(' MB MB', ' MB'));
    this.shown = true;
  }

  /** Clears the line, before anything else is written to the terminal. */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** The chunks of `input`, counted as they pass. */
  async *count<T extends { length: number }>(input: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const chunk of input) {
      this.add(chunk.length);
      yield chunk;
    }
  }
}
