// Lines for an output channel, handed on together at most every APPEND_BATCH_MS and in the order
// they came: each append is a message to the window, so fifty busy sessions appending stanza by
// stanza would queue thousands of them a second. No 'vscode' import, so tests drive it directly.

/** Longest a line waits before it is shown: under the eye's notice, like an animation frame or three. */
export const APPEND_BATCH_MS = 50;

export class LineBatcher {
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly ms = APPEND_BATCH_MS,
  ) {}

  push(line: string): void {
    this.lines.push(line);
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  /** Hands on every line waiting, as one text. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.lines.length) return;
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    this.write(text);
  }

  dispose(): void {
    this.flush();
  }
}
