// Fragments of text already in memory (an editor document or selection), found line by line
// with pauses so a large document never freezes the extension host.
import { FragmentFinder } from '../../core/find/finder';
import { findInHar, looksLikeHar } from '../../core/find/har';
import type { Fragment } from '../../core/fragment';

/** Lines read between two pauses. */
const LINES_PER_SLICE = 5000;

export async function* fragmentsOfText(text: string, firstLine = 1): AsyncGenerator<Fragment> {
  if (looksLikeHar(text.slice(0, 4096))) {
    yield* findInHar(text);
    return;
  }
  const finder = new FragmentFinder(firstLine);
  let start = 0;
  let count = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    yield* finder.push(line);
    start = end + 1;
    if (++count % LINES_PER_SLICE === 0) await new Promise((r) => setImmediate(r));
  }
  yield* finder.end();
}
