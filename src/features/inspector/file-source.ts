// Fragments of a file on disk, streamed, with how far the reading has got (for the progress line).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { looksLikeHar } from '../../core/find/har';
import { READ_CHUNK_BYTES, fragmentsOfFile, fragmentsOfStream } from '../../core/find/source';
import type { Fragment } from '../../core/fragment';

export interface FileReading {
  fragments: AsyncIterable<Fragment>;
  /** Bytes handed to the finder so far; undefined when the file is read whole (a HAR capture). */
  bytesRead(): number | undefined;
  totalBytes: number;
}

export async function readFileFragments(path: string): Promise<FileReading> {
  const totalBytes = (await stat(path)).size;
  if (looksLikeHar(await head(path))) return { fragments: fragmentsOfFile(path), bytesRead: () => undefined, totalBytes };
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const counted = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  })();
  return { fragments: fragmentsOfStream(counted), bytesRead: () => bytes, totalBytes };
}

async function head(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}
