import type { Fragment } from '../fragment';
import { HarReader, HOLD_CHARS } from './har-stream';
import type { HarSocket } from './har-websocket';

export type { HarSocket } from './har-websocket';

export function looksLikeHar(head: string): boolean {
  return /^\s*\{\s*"log"\s*:/.test(head) || (/^\s*\{/.test(head) && head.includes('"entries"') && head.includes('"log"'));
}

/**
 * The BOSH request and response bodies of a HAR capture, in entry order. Each fragment's
 * line is the line of its entry's startedDateTime, so "reveal" lands on the entry. A capture
 * that is not whole JSON (cut off while saving, or pasted in part) is not fatal: the bodies
 * still readable in it are recovered, and `onProblem` is told why the rest is not.
 * WebSocket entries give one fragment per XML frame, in frame order; `onSocket` hears each
 * WebSocket entry with its upgrade's outcome (diagnosis needs the refused ones, which carry no frame).
 */
export function findInHar(raw: string, onProblem?: (message: string) => void, onSocket?: (s: HarSocket) => void): Fragment[] {
  const found: Fragment[] = [];
  const reader = new HarReader({ fragment: (f) => found.push(f), socket: onSocket, problem: onProblem });
  reader.push(raw);
  reader.end();
  return found;
}

/** What a streamed HAR capture was, once read to its end. */
export interface HarSummary {
  lines: number;
  /** The latest startedDateTime of any page or entry: where the capture ends. */
  lastStarted?: string;
}

/**
 * The same fragments as findInHar, read from a stream of chunks: memory follows the largest
 * entry, not the capture, so a 1 GB HAR reads like a 1 MB one. `holdChars` is how much text is
 * kept until the capture is known whole (see HOLD_CHARS).
 */
export async function* findInHarStream(
  chunks: AsyncIterable<Uint8Array | string>,
  onProblem?: (message: string) => void,
  onSocket?: (s: HarSocket) => void,
  holdChars = HOLD_CHARS,
): AsyncGenerator<Fragment, HarSummary> {
  let ready: Fragment[] = [];
  // Problems and sockets are told in the order they come with the fragments around them.
  const reader = new HarReader({ fragment: (f) => ready.push(f), socket: onSocket, problem: onProblem }, holdChars);
  // Bytes read, and whether the text so far is exactly as long in UTF-8 as the bytes it came
  // from (it is unless invalid bytes were replaced): only then do fragments get a byte place.
  let bytes = 0;
  let exact = true;
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      exact = false;
      reader.push(chunk);
    } else {
      let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (carry) buf = Buffer.concat([carry, buf]);
      const whole = completeUtf8(buf);
      carry = whole < buf.length ? Buffer.from(buf.subarray(whole)) : undefined;
      const text = buf.toString('utf8', 0, whole);
      if (exact && Buffer.byteLength(text) !== whole) exact = false;
      reader.push(text, exact ? bytes : undefined);
      bytes += whole;
    }
    if (ready.length) {
      const out = ready;
      ready = [];
      yield* out;
    }
  }
  if (carry) reader.push(carry.toString('utf8'));
  reader.end();
  yield* ready;
  return { lines: reader.lines, ...(reader.lastStarted ? { lastStarted: reader.lastStarted } : {}) };
}

/** How many bytes of `buf` end on a character boundary: an unfinished UTF-8 sequence at its end waits for the next read. */
function completeUtf8(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}
