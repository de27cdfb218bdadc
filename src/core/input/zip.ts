import { finished, type Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/** One member of a zip, its name decoded but never trusted as a path. */
export interface ZipMember {
  /** As stored, `\` read as `/`; may be `../../etc/x` or absolute: it is only ever shown. */
  name: string;
  entry: yauzl.Entry;
}

const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  // Names are decoded here instead of by yauzl, which refuses the whole zip when one member is
  // named `../x`; such a name is harmless to us since nothing is written under it.
  decodeStrings: false,
  validateEntrySizes: true,
};

export function openZipFile(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, ZIP_OPTIONS, (err, zf) => (err ? reject(err) : resolve(keepErrorsQuiet(zf)))));
}

export function openZipBuffer(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, ZIP_OPTIONS, (err, zf) => (err ? reject(err) : resolve(keepErrorsQuiet(zf)))));
}

/** An error the zip emits after its listing was read must not take the process down. */
function keepErrorsQuiet(zf: yauzl.ZipFile): yauzl.ZipFile {
  zf.on('error', () => {});
  return zf;
}

/**
 * The members of a zip in directory order, at most `max`. A directory damaged part way gives the
 * members before the damage and the error.
 */
export function listMembers(zf: yauzl.ZipFile, max: number): Promise<{ members: ZipMember[]; more: boolean; error?: Error }> {
  return new Promise((resolve) => {
    const members: ZipMember[] = [];
    let settled = false;
    const finish = (more: boolean, error?: Error) => {
      if (settled) return;
      settled = true;
      zf.removeListener('entry', onEntry);
      zf.removeListener('end', onEnd);
      zf.removeListener('error', onError);
      resolve({ members, more, error });
    };
    const onEntry = (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      members.push({ name, entry });
      if (members.length >= max && zf.entriesRead < zf.entryCount) return finish(true);
      zf.readEntry();
    };
    const onEnd = () => finish(false);
    const onError = (err: Error) => finish(false, err);
    zf.on('entry', onEntry);
    zf.on('end', onEnd);
    zf.on('error', onError);
    zf.readEntry();
  });
}

export function openMember(zf: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (!zf.isOpen) return reject(new Error('the zip was closed'));
    zf.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/** Why a member cannot be read at all, before trying: encrypted, or compressed in a way zip readers rarely support. */
export function unreadableMember(entry: yauzl.Entry): string | undefined {
  if (entry.isEncrypted()) return 'encrypted (password-protected); skipped';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return `compressed with method ${entry.compressionMethod}, which cannot be read (only stored and deflated members can); skipped`;
  return undefined;
}

export function closeZip(zf: yauzl.ZipFile): void {
  try {
    if (zf.isOpen) zf.close();
  } catch {
    // already closed
  }
}

/**
 * A zip to list once and read members of later. One on disk holds no open file between reads
 * (a folder of a thousand rotated `.log.zip` files must not use a thousand descriptors): each
 * member read opens the zip again, and closes it when the member's stream ends.
 */
export interface ZipSource {
  list(max: number): Promise<{ members: ZipMember[]; more: boolean; error?: Error }>;
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

export async function zipOnDisk(path: string): Promise<ZipSource> {
  const listing = await openZipFile(path);
  let closed = false;
  return {
    async list(max) {
      try {
        return await listMembers(listing, max);
      } finally {
        closeZip(listing);
      }
    },
    async open(entry) {
      if (closed) throw new Error('the zip was closed');
      const zf = await openZipFile(path);
      try {
        const stream = await openMember(zf, entry);
        finished(stream, () => closeZip(zf));
        return stream;
      } catch (err) {
        closeZip(zf);
        throw err;
      }
    },
    close() {
      closed = true;
      closeZip(listing);
    },
  };
}

export async function zipInMemory(buffer: Buffer): Promise<ZipSource> {
  const zf = await openZipBuffer(buffer);
  return {
    list: (max) => listMembers(zf, max),
    open: (entry) => openMember(zf, entry),
    close: () => closeZip(zf),
  };
}
