/**
 * Buffered stdout that respects back-pressure, so decoding a 1 GB log into a slow pipe
 * neither floods memory nor writes line by line. A closed pipe (`| head`) ends quietly.
 */
export class Output {
  private buf = '';
  closed = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.closed || this.buf.length === 0) return;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (!ok && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }
}
