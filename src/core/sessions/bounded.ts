/**
 * The first `head` and the last `tail` items of a sequence of any length: a session of a
 * million requests keeps how it began and how it ended, in memory bounded by the two.
 */
export class HeadTail<T> {
  private first: T[] = [];
  private last: T[] = [];
  private at = 0;
  /** How many items ever went in. */
  total = 0;

  constructor(private readonly head: number, private readonly tail: number) {}

  push(item: T): void {
    this.total++;
    if (this.first.length < this.head) this.first.push(item);
    else if (this.last.length < this.tail) this.last.push(item);
    else {
      this.last[this.at] = item;
      this.at = (this.at + 1) % this.tail;
    }
  }

  /** The most recent item. */
  latest(): T | undefined {
    if (this.last.length === 0) return this.first[this.first.length - 1];
    return this.last[(this.at + this.last.length - 1) % this.last.length];
  }

  toArray(): T[] {
    return [...this.first, ...this.last.slice(this.at), ...this.last.slice(0, this.at)];
  }

  get trimmed(): boolean {
    return this.total > this.first.length + this.last.length;
  }
}
