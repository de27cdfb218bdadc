import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Fragment } from '../fragment';
import { findInStream } from './finder';
import { findInHarStream, looksLikeHar } from './har';

/**
 * Bytes read at a time. Small reads keep each batch of lines short-lived, so it dies young
 * instead of being promoted: measured on a 200 MB log, 32 KB decodes 1.6× faster than 1 MB
 * and holds 40 % less memory.
 */
export const READ_CHUNK_BYTES = 32 * 1024;

/**
 * Every fragment in a file, a log streamed line by line or a HAR capture, chosen by content.
 * `onProblem` hears what could not be read (a HAR cut off while saving), which is never fatal.
 */
export async function* fragmentsOfFile(path: string, onProblem?: (message: string) => void): AsyncGenerator<Fragment> {
  const head = await readHead(path, 4096);
  if (looksLikeHar(head)) {
    yield* findInHarStream(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }), onProblem);
    return;
  }
  yield* findInStream(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }));
}

/** Fragments of stdin or any stream; a HAR arriving this way is recognised by its first bytes. */
export async function* fragmentsOfStream(input: AsyncIterable<Uint8Array | string>, onProblem?: (message: string) => void): AsyncGenerator<Fragment> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = typeof first.value === 'string' ? first.value : Buffer.from(first.value).toString('utf8', 0, 4096);
  const rest = { [Symbol.asyncIterator]: () => it };
  if (looksLikeHar(head)) {
    yield* findInHarStream(withFirst(first.value, rest), onProblem);
    return;
  }
  yield* findInStream(withFirst(first.value, rest));
}

/** A stream whose first chunk was already taken, whole again. */
export async function* withFirst<T>(first: T, rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}

/** The first bytes of a file as text, to tell a HAR capture from a log. */
export async function readHead(path: string, bytes: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}
