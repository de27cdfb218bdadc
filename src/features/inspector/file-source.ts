// Fragments of a file on disk, streamed, with how far the reading has got (for the progress line)
// and where its last whole line ends (where following the file goes on from).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { READ_CHUNK_BYTES, fragmentsOfStream } from '../../core/find/source';
import type { Fragment } from '../../core/fragment';

export interface FileReading {
  fragments: AsyncIterable<Fragment>;
  /** Bytes handed to the finder (or the HAR reader) so far. */
  bytesRead(): number | undefined;
  totalBytes: number;
  /** The file's identity when the reading began: another inode at that path means it was rotated. */
  ino: number;
  /** After the reading: the byte offset just past the last line break read, and the number of that next line. */
  resumeAt(): { offset: number; line: number };
}

export async function readFileFragments(path: string, onProblem?: (message: string) => void): Promise<FileReading> {
  const st = await stat(path);
  let bytes = 0;
  let breaks = 0;
  let afterLastBreak = 0;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const counted = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        breaks++;
        afterLastBreak = bytes + i + 1;
      }
      bytes += chunk.length;
      yield chunk;
    }
  })();
  return {
    fragments: fragmentsOfStream(counted, onProblem),
    bytesRead: () => bytes,
    totalBytes: st.size,
    ino: st.ino,
    resumeAt: () => ({ offset: afterLastBreak, line: breaks + 1 }),
  };
}
