// Which of a HAR capture's stanzas is at a line of its JSON text, for a capture opened as text in an editor.
import type { Fragment } from '../fragment';
import { findInHar } from './har';

/** How much of a body's start is looked for in the JSON text to tell the bodies of one entry apart. */
const NEEDLE_CHARS = 80;

/** A HAR capture read once: its stanzas and where its lines start, so each cursor move is a lookup. */
export class HarText {
  readonly fragments: Fragment[];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    this.fragments = findInHar(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /**
   * The stanza whose body the 1-based `line` is in or after, within the entry the line belongs to. A fragment's line
   * is its entry's startedDateTime; its body is found by its first characters as JSON writes them, and the copy
   * returned names the body's own line.
   */
  at(line: number): Fragment | undefined {
    let entryLine = -1;
    for (const f of this.fragments) if (f.line <= line && f.line > entryLine) entryLine = f.line;
    if (entryLine < 0) return undefined;
    const entry = this.fragments.filter((f) => f.line === entryLine);
    let best: Fragment | undefined;
    let bestLine = -1;
    let from = this.lineStarts[entryLine - 1] ?? 0;
    for (const f of entry) {
      const needle = JSON.stringify(f.text.slice(0, NEEDLE_CHARS)).slice(1, -1);
      const at = this.text.indexOf(needle, from);
      if (at < 0) continue;
      from = at + 1;
      const bodyLine = this.lineOf(at);
      if (bodyLine <= line && bodyLine >= bestLine) {
        best = { ...f, line: bodyLine, endLine: bodyLine };
        bestLine = bodyLine;
      }
    }
    return best ?? entry[0];
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
