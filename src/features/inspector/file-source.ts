// Fragments of a file on disk, streamed, with how far the reading has got (for the progress line).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { READ_CHUNK_BYTES, fragmentsOfStream } from '../../core/find/source';
import type { Fragment } from '../../core/fragment';

export interface FileReading {
  fragments: AsyncIterable<Fragment>;
  /** Bytes handed to the finder (or the HAR reader) so far. */
  bytesRead(): number | undefined;
  totalBytes: number;
}

export async function readFileFragments(path: string, onProblem?: (message: string) => void): Promise<FileReading> {
  const totalBytes = (await stat(path)).size;
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const counted = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  })();
  return { fragments: fragmentsOfStream(counted, onProblem), bytesRead: () => bytes, totalBytes };
}
