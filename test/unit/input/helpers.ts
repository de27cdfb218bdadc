import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yazl from 'yazl';
import { expandInputs, type ExpandOptions, type InputFile } from '../../../src/core/input';

export interface ZipItem {
  name: string;
  data?: string | Buffer;
  stream?: () => Readable;
  mtime?: Date;
  compress?: boolean;
}

function zipOf(items: ZipItem[]): yazl.ZipFile {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    const options = { mtime: item.mtime ?? new Date(2026, 0, 5, 10, 0, 0), compress: item.compress ?? true };
    if (item.stream) zip.addReadStream(item.stream(), item.name, options);
    else zip.addBuffer(Buffer.from(item.data ?? ''), item.name, options);
  }
  zip.end();
  return zip;
}

export async function zipBuffer(items: ZipItem[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipOf(items).outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function writeZip(path: string, items: ZipItem[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await pipeline(zipOf(items).outputStream, createWriteStream(path));
}

export async function write(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

export async function text(file: InputFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.open()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export async function tempFolder(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'input-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** expandInputs with problems collected as 'name: message'. */
export async function expand(args: string[], options: ExpandOptions = {}) {
  const problems: string[] = [];
  const result = await expandInputs(args, { ...options, onProblem: (name, message) => problems.push(`${name}: ${message}`) });
  return { ...result, problems, names: result.files.map((f) => f.name) };
}

export function chunked(buffer: Buffer, size: number): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
  })();
}
