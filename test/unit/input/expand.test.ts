import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { chunked, expand, tempFolder, text, write, writeZip, zipBuffer } from './helpers';

const LINE = '2026.01.05 10:00:00.000 DEBUG [pool-1]: HTTP SENT(4711): <body rid="1"/>\n';

describe('input: files, folders, gzip and zip', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const rel = (names: string[]) => names.map((n) => (n.startsWith(dir + '/') ? n.slice(dir.length + 1) : n));
  beforeEach(async () => ({ dir, remove } = await tempFolder()));
  afterEach(() => remove());

  it('reads a named file as it is, whatever its extension', async () => {
    await write(join(dir, 'capture.weird'), LINE);
    const { files, problems, dispose } = await expand([join(dir, 'capture.weird')]);
    assert.deepEqual(problems, []);
    assert.equal(files.length, 1);
    assert.equal(files[0].name, join(dir, 'capture.weird'));
    assert.equal(files[0].size, LINE.length);
    assert.equal(files[0].path, join(dir, 'capture.weird'));
    assert.ok(files[0].mtime instanceof Date);
    assert.equal(files[0].node, undefined);
    assert.equal(await text(files[0]), LINE);
    await dispose();
  });

  it('takes every log, rotated log, HAR and transcript of a folder, sorted, and skips the rest', async () => {
    await write(join(dir, 'logs/openfire/debug.log'), LINE);
    await write(join(dir, 'logs/openfire/debug.log.1'), LINE);
    await write(join(dir, 'logs/openfire/debug.log.2026-01-01'), LINE);
    await write(join(dir, 'logs/tomcat/catalina.out'), LINE);
    await write(join(dir, 'logs/tomcat/localhost_access_log.txt'), LINE);
    await write(join(dir, 'logs/capture.har'), '{"log":{"entries":[]}}');
    await write(join(dir, 'logs/session.xmpp.log'), LINE);
    await write(join(dir, 'logs/NOEXT'), LINE);
    await write(join(dir, 'logs/core'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    await write(join(dir, 'logs/picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await write(join(dir, 'logs/.git/HEAD.log'), LINE);
    await write(join(dir, 'logs/node_modules/pkg/x.log'), LINE);
    await write(join(dir, 'logs/.hidden.log'), LINE);
    const { names, problems, dispose } = await expand([join(dir, 'logs') + '/']);
    assert.deepEqual(problems, []);
    assert.deepEqual(rel(names), [
      'logs/NOEXT',
      'logs/capture.har',
      'logs/openfire/debug.log',
      'logs/openfire/debug.log.1',
      'logs/openfire/debug.log.2026-01-01',
      'logs/session.xmpp.log',
      'logs/tomcat/catalina.out',
      'logs/tomcat/localhost_access_log.txt',
    ]);
    await dispose();
  });

  it('says so when a file named as a log holds binary content, and skips it', async () => {
    await write(join(dir, 'logs/ok.log'), LINE);
    await write(join(dir, 'logs/broken.log'), Buffer.from('abc\0\0\0def'));
    const { names, problems, dispose } = await expand([join(dir, 'logs')]);
    assert.deepEqual(rel(names), ['logs/ok.log']);
    assert.deepEqual(rel(problems), [`logs/broken.log: skipped: binary content, not a log`]);
    await dispose();
  });

  it('decompresses .gz keeping its name, and a rotated log gzipped without saying so', async () => {
    await write(join(dir, 'logs/debug.log.gz'), gzipSync(LINE + LINE));
    await write(join(dir, 'logs/debug.log.3'), gzipSync(LINE));
    const { files, problems, dispose } = await expand([join(dir, 'logs'), join(dir, 'logs/debug.log.gz')]);
    assert.deepEqual(problems, []);
    assert.deepEqual(rel(files.map((f) => f.name)), ['logs/debug.log.3', 'logs/debug.log.gz', 'logs/debug.log.gz']);
    assert.equal(await text(files[0]), LINE);
    assert.equal(await text(files[1]), LINE + LINE);
    assert.equal(await text(files[2]), LINE + LINE);
    assert.equal(files[1].size, undefined);
    assert.equal(files[1].path, undefined);
    await dispose();
  });

  it('reads a truncated gzip up to the cut and says it was cut', async () => {
    const whole = Array.from({ length: 20000 }, (_, i) => `${i} ${createHash('sha1').update(String(i)).digest('hex')}\n`).join('');
    const gz = gzipSync(whole);
    await write(join(dir, 'cut.log.gz'), gz.subarray(0, gz.length >> 1));
    const { files, problems, dispose } = await expand([join(dir, 'cut.log.gz')]);
    const got = await text(files[0]);
    assert.ok(got.length > 0 && got.length < whole.length);
    assert.ok(whole.startsWith(got));
    assert.deepEqual(rel(problems), ['cut.log.gz: the compressed data is cut off (unexpected end of file); read up to the cut']);
    await dispose();
  });

  it('lists zip members as bundle.zip!/path with their sizes and times, skipping folders and junk', async () => {
    const mtime = new Date(2026, 0, 5, 9, 30, 0);
    await writeZip(join(dir, 'bundle.zip'), [
      { name: 'openfire/debug.log', data: LINE, mtime },
      { name: 'openfire/debug.log.2.gz', data: gzipSync(LINE + LINE) },
      { name: 'capture.har', data: '{"log":{}}' },
      { name: 'README', data: 'plain text notes' },
      { name: 'tool', data: Buffer.from([1, 2, 0, 0, 3]) },
      { name: 'lib/x.jar', data: 'PK' },
      { name: '__MACOSX/openfire/._debug.log', data: 'x' },
    ]);
    const { files, problems, dispose } = await expand([join(dir, 'bundle.zip')]);
    assert.deepEqual(problems, []);
    const b = join(dir, 'bundle.zip');
    assert.deepEqual(files.map((f) => f.name), [`${b}!/README`, `${b}!/capture.har`, `${b}!/openfire/debug.log`, `${b}!/openfire/debug.log.2.gz`]);
    const log = files[2];
    assert.equal(log.size, LINE.length);
    assert.equal(log.mtime?.getTime(), mtime.getTime());
    assert.equal(await text(log), LINE);
    assert.equal(await text(files[3]), LINE + LINE);
    await dispose();
  });

  it('reads a zip member again after it was read once', async () => {
    await writeZip(join(dir, 'a.zip'), [{ name: 'x.log', data: LINE.repeat(1000) }]);
    const { files, dispose } = await expand([join(dir, 'a.zip')]);
    assert.equal(await text(files[0]), LINE.repeat(1000));
    assert.equal(await text(files[0]), LINE.repeat(1000));
    // and after a reader stopped part way
    for await (const _ of files[0].open()) break;
    assert.equal(await text(files[0]), LINE.repeat(1000));
    await dispose();
  });

  it('follows zips inside zips, from memory when small and through a temporary file when large, and cleans up', async () => {
    const inner = await zipBuffer([{ name: 'x.log', data: LINE }, { name: 'deeper.zip', data: await zipBuffer([{ name: 'y.log', data: LINE + LINE }]) }]);
    await writeZip(join(dir, 'outer.zip'), [{ name: 'inner.zip', data: inner }, { name: 'top.log', data: LINE }]);
    const o = join(dir, 'outer.zip');
    const expected = [`${o}!/inner.zip!/deeper.zip!/y.log`, `${o}!/inner.zip!/x.log`, `${o}!/top.log`];
    for (const inMemoryZipBytes of [8 * 1024 * 1024, 0]) {
      const tempDir = join(dir, `tmp-${inMemoryZipBytes}`);
      await write(join(tempDir, 'keep'), '');
      const { files, names, problems, dispose } = await expand([o], { tempDir, limits: { inMemoryZipBytes } });
      assert.deepEqual(problems, []);
      assert.deepEqual(names, expected);
      assert.equal(await text(files[0]), LINE + LINE);
      assert.equal(await text(files[1]), LINE);
      assert.equal(await text(files[1]), LINE);
      const during = await readdir(tempDir);
      assert.equal(during.length, inMemoryZipBytes ? 1 : 2);
      await dispose();
      assert.deepEqual(await readdir(tempDir), ['keep']);
    }
  });

  it('streams a large member in pieces', async function () {
    this.timeout(120000);
    const lines = 700_000; // about 50 MB
    const row = (i: number) => `2026.01.05 10:00:00.${String(i % 1000).padStart(3, '0')} DEBUG [pool] - HTTP RECV(${i}): <body rid="${i}"/>\n`;
    const expectedHash = createHash('sha256');
    let expectedBytes = 0;
    for (let i = 0; i < lines; i++) {
      const r = row(i);
      expectedHash.update(r);
      expectedBytes += r.length;
    }
    await writeZip(join(dir, 'big.zip'), [
      {
        name: 'big/debug.log',
        stream: () =>
          Readable.from(
            (function* () {
              for (let i = 0; i < lines; i += 1000) {
                let s = '';
                for (let j = i; j < Math.min(lines, i + 1000); j++) s += row(j);
                yield Buffer.from(s);
              }
            })(),
          ),
      },
    ]);
    const { files, problems, dispose } = await expand([join(dir, 'big.zip')]);
    assert.deepEqual(problems, []);
    assert.equal(files[0].size, expectedBytes);
    assert.ok(expectedBytes > 50 * 1000 * 1000);
    const hash = createHash('sha256');
    let bytes = 0;
    let pieces = 0;
    let largest = 0;
    for await (const chunk of files[0].open()) {
      hash.update(chunk);
      bytes += chunk.length;
      pieces++;
      largest = Math.max(largest, chunk.length);
    }
    assert.equal(bytes, expectedBytes);
    assert.equal(hash.digest('hex'), expectedHash.digest('hex'));
    assert.ok(pieces > 100, `${pieces} pieces`);
    assert.ok(largest <= 1024 * 1024, `largest piece ${largest} bytes`);
    await dispose();
  });

  it('says in words that a corrupt or cut zip is not a zip, and goes on with the other inputs', async () => {
    await write(join(dir, 'bundle.zip'), 'this is not a zip at all, just text\n');
    const good = await zipBuffer([{ name: 'a.log', data: LINE }, { name: 'b.log', data: LINE }]);
    await write(join(dir, 'cut.zip'), good.subarray(0, good.length - 30));
    await write(join(dir, 'ok.log'), LINE);
    const { names, problems, dispose } = await expand([join(dir, 'bundle.zip'), join(dir, 'cut.zip'), join(dir, 'missing.log'), join(dir, 'ok.log')]);
    assert.deepEqual(rel(names), ['ok.log']);
    assert.deepEqual(rel(problems), [
      'bundle.zip: not a zip file (end of central directory not found)',
      'cut.zip: not a zip file (end of central directory not found)',
      'missing.log: no such file or folder',
    ]);
    await dispose();
  });

  it('reports a member whose data is damaged when it is read, keeping what came before', async () => {
    const zip = await zipBuffer([{ name: 'a.log', data: LINE.repeat(5000) }]);
    // Damage the deflated data in the middle of the member.
    const damaged = Buffer.from(zip);
    for (let i = 200; i < 260; i++) damaged[i] = 0xff;
    await write(join(dir, 'damaged.zip'), damaged);
    const { files, problems, dispose } = await expand([join(dir, 'damaged.zip')]);
    assert.equal(files.length, 1);
    await text(files[0]);
    assert.equal(problems.length, 1);
    assert.match(rel(problems)[0], /^damaged\.zip!\/a\.log: damaged (compressed data|zip)/);
    await dispose();
  });

  it('shows path-traversal names as names and never writes under them', async () => {
    // yazl refuses such names, so they are written in place of same-length ones.
    const zip = await zipBuffer([
      { name: 'aa/aa/etc/x.log', data: LINE },
      { name: 'zzzz/passwd.log', data: LINE },
      { name: 'in.zip', data: await zipBuffer([{ name: 'bb/bb/y.log', data: LINE }]) },
    ]);
    const patched = Buffer.from(
      zip.toString('latin1').replaceAll('aa/aa/etc/x.log', '../../etc/x.log').replaceAll('zzzz/passwd.log', '/etc/passwd.log'),
      'latin1',
    );
    await write(join(dir, 'evil.zip'), patched);
    const tempDir = join(dir, 'tmp');
    await write(join(tempDir, 'keep'), '');
    const { files, names, problems, dispose } = await expand([join(dir, 'evil.zip')], { tempDir, limits: { inMemoryZipBytes: 0 } });
    assert.deepEqual(problems, []);
    assert.deepEqual(rel(names), ['evil.zip!/../../etc/x.log', 'evil.zip!//etc/passwd.log', 'evil.zip!/in.zip!/bb/bb/y.log']);
    assert.equal(await text(files[0]), LINE);
    const created = await readdir(tempDir, { recursive: true });
    assert.ok(created.every((p) => !p.includes('etc') && !p.includes('..')), created.join(', '));
    assert.deepEqual((await readdir(dir)).sort(), ['evil.zip', 'tmp']);
    await dispose();
  });

  it('caps what one member may decompress to, and how many members are listed', async () => {
    await writeZip(join(dir, 'bomb.zip'), [
      { name: 'zeros.log', data: Buffer.alloc(3 * 1024 * 1024, 0x41) },
      ...Array.from({ length: 10 }, (_, i) => ({ name: `many/${i}.log`, data: LINE })),
    ]);
    const { files, problems, dispose } = await expand([join(dir, 'bomb.zip')], { limits: { maxMemberBytes: 1024 * 1024, maxEntries: 6 } });
    assert.equal(files.length, 6);
    assert.equal(rel(problems)[0], 'bomb.zip: more than 6 members in the zips; read the first 6');
    const bomb = files.find((f) => f.name.endsWith('zeros.log'));
    assert.ok(bomb);
    assert.equal((await text(bomb)).length, 1024 * 1024);
    assert.deepEqual(rel(problems).slice(1), [
      'bomb.zip!/zeros.log: 3 MB once decompressed, more than the 1 MB limit; only its first 1 MB are read',
      'bomb.zip!/zeros.log: larger than 1 MB once decompressed; read only its first 1 MB',
    ]);
    await dispose();
  });

  it('caps a gzip that decompresses beyond the limit', async () => {
    await write(join(dir, 'huge.log.gz'), gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x41)));
    const { files, problems, dispose } = await expand([join(dir, 'huge.log.gz')], { limits: { maxMemberBytes: 1024 * 1024 } });
    assert.equal((await text(files[0])).length, 1024 * 1024);
    assert.deepEqual(rel(problems), ['huge.log.gz: larger than 1 MB once decompressed; read only its first 1 MB']);
    await dispose();
  });
});

describe('input: stdin', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await tempFolder()));
  afterEach(() => remove());

  it('reads plain stdin as one file named -, once', async () => {
    const data = Buffer.from(LINE.repeat(100));
    const { files, problems, dispose } = await expand(['-'], { stdin: chunked(data, 7) });
    assert.deepEqual(problems, []);
    assert.equal(files.length, 1);
    assert.equal(files[0].name, '-');
    assert.equal(await text(files[0]), data.toString());
    assert.throws(() => files[0].open(), /can only be read once/);
    await dispose();
  });

  it('reads gzip on stdin decompressed, and empty stdin as an empty file', async () => {
    const gz = await expand(['-'], { stdin: chunked(gzipSync(LINE), 1) });
    assert.equal(await text(gz.files[0]), LINE);
    await gz.dispose();
    const empty = await expand(['-'], { stdin: chunked(Buffer.alloc(0), 1) });
    assert.deepEqual(empty.names, ['-']);
    assert.equal(await text(empty.files[0]), '');
    await empty.dispose();
  });

  it('copies a zip on stdin to a temporary file, reads its members, finds its nodes, and removes the copy', async () => {
    const zip = await zipBuffer([
      { name: 'finA/openfire/debug.log', data: 'A\n' },
      { name: 'finB/openfire/debug.log', data: 'B\n' },
    ]);
    const tempDir = join(dir, 'tmp');
    await write(join(tempDir, 'keep'), '');
    const { files, names, problems, dispose } = await expand(['-', '-'], { stdin: chunked(zip, 1000), tempDir });
    assert.deepEqual(problems, ['-: the standard input is named more than once; it is read once']);
    assert.deepEqual(names, ['-!/finA/openfire/debug.log', '-!/finB/openfire/debug.log']);
    assert.deepEqual(files.map((f) => f.node), ['finA', 'finB']);
    assert.equal(await text(files[1]), 'B\n');
    assert.equal(await text(files[1]), 'B\n');
    assert.equal((await readdir(tempDir)).length, 2);
    await dispose();
    assert.deepEqual(await readdir(tempDir), ['keep']);
  });
});
