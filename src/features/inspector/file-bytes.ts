// A byte range of a file on disk, read with one positioned read.
import { open } from 'node:fs/promises';
import { FileChangedError } from './file-lines';

export async function readBytes(path: string, offset: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    // Shorter than when it was read: cut or rotated.
    if (bytesRead < length) throw new FileChangedError(path);
    return buf;
  } finally {
    await fh.close();
  }
}
