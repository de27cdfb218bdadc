import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open as openFile, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type * as yauzl from 'yauzl';
import { HEAD_BYTES, isHiddenFile, isSkippedFolder, kindOfContent, kindOfName } from './kinds';
import { assignNodes } from './nodes';
import { unreadableMember, zipInMemory, zipOnDisk, type ZipMember, type ZipSource } from './zip';

/** One file to read: on disk, decompressed from gzip, or a member of a zip (of a zip…). */
export interface InputFile {
  /** As shown to the user: 'debug.log', 'logs/finA/debug.log', 'bundle.zip!/finA/openfire/debug.log', 'a.zip!/b.zip!/x.log', '-'. */
  name: string;
  /** The server a file came from when the layout of its folder or zip says so, e.g. 'finA'. */
  node?: string;
  /** Size of the content open() gives, when known (decompressed size of zip members; unknown for gzip and stdin). */
  size?: number;
  /** Modification time of the file, or of the zip member. */
  mtime?: Date;
  /** The file on disk, when it is read as it is (not compressed, not in an archive, not stdin). */
  path?: string;
  /**
   * The file's (decompressed) bytes, streamed. Can be called again, also for zip members, until
   * dispose(); stdin can be read once and a second call throws. Damage found while reading (a
   * gzip cut off, a zip member that is not what its directory says) ends the stream after the
   * bytes that could be read and is told to onProblem; it never throws.
   */
  open(): AsyncIterable<Uint8Array>;
}

export interface InputLimits {
  /** Bytes read from one member, gzip or stdin zip at most once decompressed (default 8 GB). */
  maxMemberBytes?: number;
  /** Zip members listed at most, over all zips of one expansion (default 100,000). */
  maxEntries?: number;
  /** Zips inside zips followed this deep (default 8). */
  maxZipDepth?: number;
  /** An inner zip smaller than this is read from memory; a larger one is copied to a temporary file first (default 8 MB). */
  inMemoryZipBytes?: number;
}

export interface ExpandOptions {
  /** What '-' reads (default: process.stdin). */
  stdin?: AsyncIterable<Uint8Array>;
  /** Hears every input that could not be read, or only in part; nothing is fatal. */
  onProblem?: (name: string, message: string) => void;
  /** Where zips from stdin and large inner zips are copied to be read (default: the system's temporary folder). */
  tempDir?: string;
  limits?: InputLimits;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Closes every zip and removes the temporary copies. open() fails afterwards. */
  dispose(): Promise<void>;
}

export const MAX_MEMBER_BYTES = 8 * 1024 ** 3;
export const MAX_ENTRIES = 100_000;
export const MAX_ZIP_DEPTH = 8;
export const IN_MEMORY_ZIP_BYTES = 8 * 1024 ** 2;
/** Inner zips held in memory at once, all together; more are copied to temporary files. */
export const IN_MEMORY_ZIPS_TOTAL_BYTES = 64 * 1024 ** 2;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** An error in words a user understands. */
export function describeInputError(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const message = String(e?.message ?? err);
  switch (e?.code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    case 'EIO': return 'input/output error while reading';
    case 'ENOSPC': return 'no space left for a temporary copy';
  }
  if (/end of central directory record signature not found/i.test(message)) return 'not a zip file (end of central directory not found)';
  if (/unexpected end of file/i.test(message)) return 'the compressed data is cut off (unexpected end of file); read up to the cut';
  if (/incorrect header check/i.test(message)) return 'not gzip data (incorrect header check)';
  if (/(too many|too few|not enough) bytes in the stream/i.test(message)) return `damaged zip member: its size does not match the zip's directory (${message})`;
  if (e?.code === 'Z_DATA_ERROR' || e?.code === 'Z_BUF_ERROR') return `damaged compressed data (${message})`;
  if (/zip|central directory|signature|local file header|entry|offset/i.test(message)) return `damaged zip file (${message})`;
  return message;
}

interface Found {
  file: InputFile;
  levels: string[][];
  node?: string;
}

class Expansion {
  readonly zips: ZipSource[] = [];
  /** Bytes of inner zips held in memory, over the whole expansion. */
  private inMemory = 0;
  entries = 0;
  private entriesCapped = false;
  private temp?: Promise<string>;
  private tempCount = 0;
  private reported = new Set<string>();
  stdinTaken = false;
  disposed = false;
  readonly maxMemberBytes: number;
  readonly maxEntries: number;
  readonly maxZipDepth: number;
  readonly inMemoryZipBytes: number;

  constructor(readonly options: ExpandOptions) {
    const l = options.limits ?? {};
    this.maxMemberBytes = l.maxMemberBytes ?? MAX_MEMBER_BYTES;
    this.maxEntries = l.maxEntries ?? MAX_ENTRIES;
    this.maxZipDepth = l.maxZipDepth ?? MAX_ZIP_DEPTH;
    this.inMemoryZipBytes = l.inMemoryZipBytes ?? IN_MEMORY_ZIP_BYTES;
  }

  problem(name: string, message: string): void {
    const key = `${name}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.onProblem?.(name, message);
  }

  /** A new temporary file's path, never derived from a name found in the input. */
  async tempFile(kind: string): Promise<string> {
    this.temp ??= mkdtemp(join(this.options.tempDir ?? tmpdir(), 'bosh-inspect-'));
    return join(await this.temp, `${kind}-${++this.tempCount}.zip`);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const zip of this.zips) zip.close();
    if (this.temp) {
      const dir = await this.temp.catch(() => undefined);
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Streams a source's bytes, gunzipped when asked, cut at the member limit; damage ends the
   * stream and is told as a problem of `name`.
   */
  async *read(name: string, source: () => Promise<Readable> | Readable, gunzip: boolean): AsyncGenerator<Uint8Array> {
    if (this.disposed) throw new Error(`${name}: the inputs were already closed`);
    let src: Readable;
    try {
      src = await source();
    } catch (err) {
      this.problem(name, describeInputError(err));
      return;
    }
    let out: Readable = src;
    if (gunzip) {
      const gz = createGunzip();
      src.once('error', (err) => gz.destroy(err));
      out = src.pipe(gz);
    }
    let total = 0;
    try {
      for await (const chunk of out as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > this.maxMemberBytes) {
          this.problem(name, `larger than ${formatBytes(this.maxMemberBytes)} once decompressed; read only its first ${formatBytes(this.maxMemberBytes)}`);
          const keep = chunk.length - (total - this.maxMemberBytes);
          if (keep > 0) yield chunk.subarray(0, keep);
          return;
        }
        yield chunk;
      }
    } catch (err) {
      this.problem(name, describeInputError(err));
    } finally {
      src.destroy();
      out.destroy();
    }
  }

  /** Counts members against the total; false once the limit is reached (said once). */
  takeEntry(zipName: string): boolean {
    if (this.entries >= this.maxEntries) {
      if (!this.entriesCapped) this.problem(zipName, `more than ${this.maxEntries.toLocaleString('en-US')} members in the zips; read the first ${this.maxEntries.toLocaleString('en-US')}`);
      this.entriesCapped = true;
      return false;
    }
    this.entries++;
    return true;
  }

  // ── files and folders ──

  async expandArgument(arg: string, out: Found[]): Promise<void> {
    if (arg === '-') return this.expandStdin(out);
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      this.problem(arg, describeInputError(err));
      return;
    }
    if (info.isDirectory()) {
      const root = arg.length > 1 ? arg.replace(/[/\\]+$/, '') : arg;
      await this.walk(arg, root, [], out, new Set());
      return;
    }
    let head: Buffer;
    try {
      head = await readHead(arg);
    } catch (err) {
      this.problem(arg, describeInputError(err));
      return;
    }
    const content = kindOfContent(head);
    if (content === 'zip' || (kindOfName(basename(arg)) === 'zip' && content !== 'gz')) {
      await this.expandZipFile(arg, arg, [], 0, out);
      return;
    }
    // An explicitly named file is read whatever its name and content.
    out.push({ file: this.diskFile(arg, arg, info.size, info.mtime, content === 'gz'), levels: [[basename(arg)]] });
  }

  private diskFile(name: string, path: string, size: number, mtime: Date, gz: boolean): InputFile {
    return {
      name,
      size: gz ? undefined : size,
      mtime,
      path: gz ? undefined : path,
      open: () => this.read(name, () => createReadStream(path), gz),
    };
  }

  private async walk(dir: string, shown: string, rel: string[], out: Found[], seen: Set<string>): Promise<void> {
    let real: string;
    let entries;
    try {
      real = await realpath(dir);
      if (seen.has(real)) return; // a symbolic link back up the tree
      seen.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      this.problem(shown, describeInputError(err));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const name = `${shown}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(path);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (!isSkippedFolder(entry.name)) await this.walk(path, name, [...rel, entry.name], out, seen);
        continue;
      }
      if (!isFile || isHiddenFile(entry.name)) continue;
      const byName = kindOfName(entry.name);
      if (byName === 'skip') continue;
      let head: Buffer;
      let info;
      try {
        info = await stat(path);
        head = await readHead(path);
      } catch (err) {
        this.problem(name, describeInputError(err));
        continue;
      }
      const content = kindOfContent(head);
      const levels = [[...rel, entry.name]];
      if (content === 'zip' || byName === 'zip') {
        await this.expandZipFile(path, name, levels, 0, out);
      } else if (content === 'binary') {
        if (byName === 'text') this.problem(name, 'skipped: binary content, not a log');
      } else {
        out.push({ file: this.diskFile(name, path, info.size, info.mtime, content === 'gz'), levels });
      }
    }
  }

  // ── stdin ──

  private async expandStdin(out: Found[]): Promise<void> {
    if (this.stdinTaken) {
      this.problem('-', 'the standard input is named more than once; it is read once');
      return;
    }
    this.stdinTaken = true;
    const input = this.options.stdin ?? (process.stdin as AsyncIterable<Uint8Array>);
    const it = input[Symbol.asyncIterator]();
    // Only the first few bytes are held, to see what arrives.
    const head: Buffer[] = [];
    let headLength = 0;
    let ended = false;
    try {
      while (headLength < 4) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          break;
        }
        const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
        head.push(chunk);
        headLength += chunk.length;
      }
    } catch (err) {
      this.problem('-', describeInputError(err));
      ended = true;
    }
    const rest: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield* head.splice(0);
        if (ended) return;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      },
    };
    const kind = kindOfContent(Buffer.concat(head));
    if (kind === 'zip') {
      // A zip's directory is at its end: the whole of it is copied to a temporary file first.
      let path: string;
      try {
        path = await this.tempFile('stdin');
        await this.spool(rest, path, '-');
      } catch (err) {
        this.problem('-', describeInputError(err));
        return;
      }
      await this.expandZipFile(path, '-', [], 0, out);
      return;
    }
    let opened = false;
    const file: InputFile = {
      name: '-',
      open: () => {
        if (opened) throw new Error('- (the standard input) can only be read once');
        opened = true;
        return this.read('-', () => Readable.from(rest, { objectMode: false }), kind === 'gz');
      },
    };
    out.push({ file, levels: [['-']] });
  }

  /** Copies a stream to a temporary file, up to the member limit. */
  private async spool(input: AsyncIterable<Uint8Array>, path: string, name: string): Promise<void> {
    const max = this.maxMemberBytes;
    let total = 0;
    const self = this;
    await pipeline(
      Readable.from(input),
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          total += chunk.length;
          if (total > max) {
            self.problem(name, `larger than ${formatBytes(max)}; read only its first ${formatBytes(max)}`);
            const keep = chunk.length - (total - max);
            if (keep > 0) yield chunk.subarray(0, keep);
            return;
          }
          yield chunk;
        }
      },
      createWriteStream(path, { mode: 0o600 }),
    );
  }

  // ── zips ──

  private async expandZipFile(path: string, shown: string, levels: string[][], depth: number, out: Found[]): Promise<void> {
    let zip: ZipSource;
    try {
      zip = await zipOnDisk(path);
    } catch (err) {
      this.problem(shown, describeInputError(err));
      return;
    }
    this.zips.push(zip);
    await this.expandZip(zip, shown, levels, depth, out);
  }

  private async expandZip(zip: ZipSource, shown: string, levels: string[][], depth: number, out: Found[]): Promise<void> {
    const room = this.maxEntries - this.entries;
    if (room <= 0) {
      this.takeEntry(shown);
      return;
    }
    const { members, more, error } = await zip.list(room);
    if (error) this.problem(shown, `${describeInputError(error)}${members.length ? `; read the ${members.length} members listed before the damage` : ''}`);
    members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.entries += members.length;
    if (more) this.takeEntry(shown);
    for (const member of members) await this.expandMember(zip, member, shown, levels, depth, out);
  }

  private async expandMember(zip: ZipSource, member: ZipMember, zipShown: string, levels: string[][], depth: number, out: Found[]): Promise<void> {
    const { name: memberName, entry } = member;
    if (memberName.endsWith('/')) return; // a folder
    const segments = memberName.split('/').filter((s) => s !== '');
    const base = segments[segments.length - 1] ?? '';
    if (segments.slice(0, -1).some(isSkippedFolder) || isHiddenFile(base)) return;
    let byName = kindOfName(base);
    if (byName === 'skip') return;
    const name = `${zipShown}!/${memberName}`;
    const why = unreadableMember(entry);
    if (why) {
      this.problem(name, why);
      return;
    }
    const memberLevels = [...levels, segments];
    const size = entry.uncompressedSize;
    const mtime = safeDate(entry);
    if (byName === 'maybe') {
      // Only names that do not say what they are are looked into: zips hold many members.
      const content = kindOfContent(await this.memberHead(zip, entry));
      if (content === 'binary') return;
      byName = content === 'zip' ? 'zip' : content === 'gz' ? 'gz' : 'text';
    }
    if (byName === 'zip') {
      if (depth + 1 > this.maxZipDepth) {
        this.problem(name, `a zip inside ${this.maxZipDepth} levels of zips; not opened`);
        return;
      }
      await this.expandInnerZip(zip, entry, name, memberLevels, depth + 1, out);
      return;
    }
    if (size > this.maxMemberBytes && byName === 'text') {
      this.problem(name, `${formatBytes(size)} once decompressed, more than the ${formatBytes(this.maxMemberBytes)} limit; only its first ${formatBytes(this.maxMemberBytes)} are read`);
    }
    const gz = byName === 'gz';
    out.push({
      file: { name, size: gz ? undefined : size, mtime, open: () => this.read(name, () => zip.open(entry), gz) },
      levels: memberLevels,
    });
  }

  private async memberHead(zip: ZipSource, entry: yauzl.Entry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let length = 0;
    let stream: Readable | undefined;
    try {
      stream = await zip.open(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= HEAD_BYTES) break;
      }
    } catch {
      // Damage shows again, and is told, when the member is read.
    } finally {
      stream?.destroy();
    }
    return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
  }

  private async expandInnerZip(parent: ZipSource, entry: yauzl.Entry, name: string, levels: string[][], depth: number, out: Found[]): Promise<void> {
    if (entry.uncompressedSize > this.maxMemberBytes) {
      this.problem(name, `${formatBytes(entry.uncompressedSize)} once decompressed, more than the ${formatBytes(this.maxMemberBytes)} limit; not opened`);
      return;
    }
    let inner: ZipSource;
    try {
      // Small inner zips are read from memory, up to a budget for all of them together; the
      // others are copied to a temporary file under a name of our own.
      if (entry.uncompressedSize < this.inMemoryZipBytes && this.inMemory + entry.uncompressedSize <= IN_MEMORY_ZIPS_TOTAL_BYTES) {
        const chunks: Buffer[] = [];
        let length = 0;
        for await (const chunk of (await parent.open(entry)) as AsyncIterable<Buffer>) {
          chunks.push(chunk);
          length += chunk.length;
          if (length > entry.uncompressedSize) throw new Error(`too many bytes in the stream (more than ${entry.uncompressedSize})`);
        }
        this.inMemory += length;
        inner = await zipInMemory(Buffer.concat(chunks));
      } else {
        const path = await this.tempFile('inner');
        await pipeline(await parent.open(entry), createWriteStream(path, { mode: 0o600 }));
        inner = await zipOnDisk(path);
      }
    } catch (err) {
      this.problem(name, describeInputError(err));
      return;
    }
    this.zips.push(inner);
    await this.expandZip(inner, name, levels, depth, out);
  }
}

function safeDate(entry: yauzl.Entry): Date | undefined {
  try {
    const d = entry.getLastModDate();
    return Number.isNaN(d.getTime()) ? undefined : d;
  } catch {
    return undefined;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await openFile(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Expands command-line style arguments into the files to read: files (always read, whatever
 * their name), folders (recursively: every log, rotated log, HAR and transcript, `.gz` and `.zip`;
 * hidden folders, node_modules and binaries skipped), `.gz` (decompressed, keeping its name),
 * `.zip` (members, and zips inside zips, named `bundle.zip!/finA/debug.log`), and '-' for stdin.
 * Files come in argument order, each argument's files sorted by name. Nothing here throws for bad
 * input: what cannot be read is told to onProblem.
 */
export async function expandInputs(args: string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const ex = new Expansion(options);
  const files: InputFile[] = [];
  try {
    for (const arg of args) {
      const found: Found[] = [];
      try {
        await ex.expandArgument(arg, found);
      } catch (err) {
        ex.problem(arg, describeInputError(err));
      }
      assignNodes(found);
      found.sort((a, b) => (a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0));
      for (const f of found) {
        if (f.node !== undefined) f.file.node = f.node;
        files.push(f.file);
      }
    }
  } catch (err) {
    await ex.dispose();
    throw err;
  }
  return { files, dispose: () => ex.dispose() };
}
