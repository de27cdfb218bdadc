// Fragments of a file on disk, streamed, with how far the reading has got (for the progress line).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { findInStream } from '../../core/find/finder';
import { looksLikeHar } from '../../core/find/har';
import { READ_CHUNK_BYTES, fragmentsOfFile, readHead } from '../../core/find/source';
import type { Fragment } from '../../core/fragment';

export interface FileReading {
  fragments: AsyncIterable<Fragment>;
  /** Bytes handed to the finder so far; undefined when the file is read whole (a HAR capture). */
  bytesRead(): number | undefined;
  totalBytes: number;
}

export async function readFileFragments(path: string): Promise<FileReading> {
  const totalBytes = (await stat(path)).size;
  if (looksLikeHar(await readHead(path, 4096))) return { fragments: fragmentsOfFile(path), bytesRead: () => undefined, totalBytes };
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const counted = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  })();
  return { fragments: findInStream(counted), bytesRead: () => bytes, totalBytes };
}
