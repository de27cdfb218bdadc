import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fragmentsOfFile } from '../../src/core/find/source';
import { FileLines } from '../../src/features/inspector/file-lines';
import { readFileFragments } from '../../src/features/inspector/file-source';
import { FragmentIndex } from '../../src/features/inspector/fragment-index';
import { readHostMessage } from '../../src/protocol';
import { FIXTURES } from './fixtures';

async function indexOf(path: string, file?: FileLines): Promise<FragmentIndex> {
  const index = new FragmentIndex(file);
  for await (const f of fragmentsOfFile(path)) index.add(f);
  return index;
}

describe('Inspector index of a file on disk: text read back, not kept', () => {
  const logs = readdirSync(join(FIXTURES, 'logs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

  const hars = readdirSync(join(FIXTURES, 'sessions'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => readdirSync(join(e.parentPath, e.name)).filter((n) => /^client.*\.har$/.test(n)).map((n) => join(e.parentPath, e.name, n)));

  it('gives, for every fragment of every fixture, the same text and detail as an index that kept the text', async () => {
    assert.ok(hars.length >= 20, `${hars.length} HAR fixtures`);
    for (const path of [...logs, join(FIXTURES, 'finesse-desktop.har'), ...hars]) {
      const kept = await indexOf(path);
      const read = await indexOf(path, new FileLines(path));
      assert.equal(read.size, kept.size, path);
      for (let i = 0; i < kept.size; i++) {
        assert.equal((await read.fragment(i))!.text, (await kept.fragment(i))!.text, `${path} #${i}`);
        assert.deepEqual(await read.detail(i), await kept.detail(i), `${path} #${i}`);
      }
      const ends = [...new Set([0, kept.size - 1])];
      assert.equal(await read.exportLog(ends, 'x'), await kept.exportLog(ends, 'x'), path);
    }
  });

  it("reads a HAR's fragments back from their entries' bytes: characters of several bytes across reads, a byte order mark, invalid bytes, a cut capture", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-'));
    const entry = (i: number) =>
      JSON.stringify({
        startedDateTime: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
        time: 12,
        request: { method: 'POST', url: 'https://x/http-bind', postData: { text: `<body xmlns="http://jabber.org/protocol/httpbind" rid="${i}" sid="s"><message to="a@b"><body>Grüße ${'😀é'.repeat(i % 7)}</body></message></body>` } },
        response: { status: 200, content: { text: `<body xmlns="http://jabber.org/protocol/httpbind"><message from="a@b"><body>ü${i}</body></message><presence/></body>` } },
      });
    const har = (n: number) => `{"log":{"version":"1.2","entries":[\n${Array.from({ length: n }, (_, i) => entry(i)).join(',\n')}\n]}}\n`;
    /** `inFile`, `keptWhole`: fragments (counted from the end when negative) expected read back from the file, or kept. */
    const check = async (path: string, inFile: number[], keptWhole: number[]) => {
      const kept = await indexOf(path);
      const read = await indexOf(path, new FileLines(path));
      assert.ok(kept.size > 0, path);
      assert.equal(read.size, kept.size, path);
      for (let i = 0; i < kept.size; i++) {
        assert.equal((await read.fragment(i))!.text, (await kept.fragment(i))!.text, `${path} #${i}`);
        assert.deepEqual(await read.detail(i), await kept.detail(i), `${path} #${i}`);
      }
      const some = [0, 1, Math.floor(kept.size / 2), kept.size - 1];
      assert.equal(await read.exportLog(some, 'x'), await kept.exportLog(some, 'x'), path);
      // Read back from the file: a capture cut since shows it, where one whose text was kept would not notice.
      const whole = readFileSync(path);
      writeFileSync(path, whole.subarray(0, 100));
      const at = (i: number) => (i < 0 ? kept.size + i : i);
      for (const i of inFile.map(at)) await assert.rejects(read.detail(i), /changed since the Inspector read it/, `${path} #${i}`);
      for (const i of keptWhole.map(at)) assert.ok(await read.detail(i), `${path} #${i}`);
      writeFileSync(path, whole);
    };
    // About 700 KB, so many reads of 32 KB end inside a character.
    const multibyte = join(dir, 'multibyte.har');
    writeFileSync(multibyte, har(2000));
    // (Not the last entry: the one read last is at hand.)
    await check(multibyte, [0, -3], []);
    const bom = join(dir, 'bom.har');
    writeFileSync(bom, '\uFEFF' + har(300));
    await check(bom, [0, -3], []);
    // An invalid byte: the text no longer maps to bytes one for one, so what follows is kept whole.
    const invalid = join(dir, 'invalid.har');
    const text = har(200);
    writeFileSync(invalid, Buffer.concat([Buffer.from(text.slice(0, 40)), Buffer.from([0xff]), Buffer.from(text.slice(40))]));
    await check(invalid, [], [0, -3]);
    // Cut while saving, larger than what is held until known whole: the entries before the cut are read back, the recovered rest kept.
    const cut = join(dir, 'cut.har');
    const long = har(6000);
    writeFileSync(cut, long.slice(0, long.length - 500));
    await check(cut, [0, -3], [-1]);
  });

  it('streams a file with the core finder, saying how far it has read', async () => {
    for (const name of ['openfire.log', 'split-stanzas.log', 'truncated.log']) {
      const path = join(FIXTURES, 'logs', name);
      const reading = await readFileFragments(path);
      const seen: number[] = [];
      const streamed = [];
      for await (const f of reading.fragments) {
        streamed.push(f);
        seen.push(reading.bytesRead()!);
      }
      const direct = [];
      for await (const f of fragmentsOfFile(path)) direct.push(f);
      assert.deepEqual(streamed, direct, name);
      assert.equal(reading.bytesRead(), reading.totalBytes, name);
    }
    // A HAR capture streams too: its fragments as the file reader gives them, and how far it has read.
    const har = await readFileFragments(join(FIXTURES, 'finesse-desktop.har'));
    assert.equal(har.bytesRead(), 0);
    const harFound = [];
    for await (const f of har.fragments) harFound.push(f);
    const harDirect = [];
    for await (const f of fragmentsOfFile(join(FIXTURES, 'finesse-desktop.har'))) harDirect.push(f);
    assert.deepEqual(harFound, harDirect);
    assert.equal(har.bytesRead(), har.totalBytes);
  });

  it('reads CRLF logs back exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-'));
    const path = join(dir, 'crlf.log');
    writeFileSync(path, readFileSync(join(FIXTURES, 'logs', 'openfire.log'), 'utf8').replace(/\n/g, '\r\n'));
    const read = await indexOf(path, new FileLines(path));
    const f = (await read.fragment(1))!;
    assert.ok(f.text.startsWith('<body') && f.text.endsWith('</body>') && !f.text.includes('\r'), JSON.stringify(f.text.slice(-20)));
  });

  it('reads line 1 of a file that starts with a byte order mark as the finder saw it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-'));
    const path = join(dir, 'bom.xml');
    writeFileSync(path, '\uFEFF<message to="a@b"><body>hi</body></message>\n<presence/>\n');
    const read = await indexOf(path, new FileLines(path));
    assert.equal((await read.fragment(0))!.text, '<message to="a@b"><body>hi</body></message>');
    assert.match((await read.detail(0))!.summary, /^message normal/);
    assert.equal((await read.fragment(1))!.text, '<presence/>');
  });

  it('reads back stanzas written after the first detail was shown, also on a line unfinished then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-'));
    const path = join(dir, 'live.log');
    const line = (n: number) => `10:11:1${n}.000 RECV: <message type="chat" to="a@b"><body>number ${n}</body></message>`;
    writeFileSync(path, `${line(1)}\n${line(2).slice(0, 40)}`);
    const index = new FragmentIndex(new FileLines(path));
    const found = async () => {
      const all = [];
      for await (const f of fragmentsOfFile(path)) all.push(f);
      return all;
    };
    index.add((await found())[0]);
    assert.match((await index.detail(0))!.summary, /number 1/);
    // The log goes on while the Inspector is still reading it.
    appendFileSync(path, `${line(2).slice(40)}\n${line(3)}\n`);
    for (const f of (await found()).slice(1)) index.add(f);
    assert.equal(index.size, 3);
    assert.match((await index.detail(1))!.summary, /number 2/);
    assert.match((await index.detail(2))!.summary, /number 3/);
  });

  it('keeps reading a log that grows, and says so when it was cut or rotated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-'));
    const path = join(dir, 'growing.log');
    const text = readFileSync(join(FIXTURES, 'logs', 'console.log'), 'utf8');
    writeFileSync(path, text);
    const read = await indexOf(path, new FileLines(path));
    assert.ok(await read.detail(0));
    appendFileSync(path, '10:11:13.000 SENT: <presence/>\n');
    assert.match((await read.detail(1))!.summary, /message chat/);
    writeFileSync(path, text.slice(0, 100));
    await assert.rejects(read.detail(1), /changed since the Inspector read it/);
    await assert.rejects(read.exportLog([1], 'growing.log'), /changed since the Inspector read it/);
    // Rotated: as long as before, but other records.
    writeFileSync(path, `\n${text}`);
    await assert.rejects(read.exportLog([0], 'growing.log'), /changed since the Inspector read it/);
  });
});

describe('Inspector rows of a log that gives no directions', () => {
  it("mark the directions read from the traffic, in the row, the detail and a file's index alike", async () => {
    const path = join(FIXTURES, 'logs', 'websocket', 'converse-console.log');
    const index = new FragmentIndex(new FileLines(path));
    const rows = [];
    for await (const f of fragmentsOfFile(path)) rows.push(index.add(f));
    const auth = rows.findIndex((r) => r.kind.includes('auth') || r.summary.includes('SASL'));
    assert.ok(auth >= 0);
    assert.deepEqual([rows[auth].direction, rows[auth].directionInferred], ['sent', true]);
    // Read back from the index, which keeps no text, the mark is still there.
    const facts = new Map((await index.detail(auth))!.facts);
    assert.equal(facts.get('direction'), 'sent (inferred from the traffic: the log does not say)');
    assert.equal((await index.fragment(auth))!.directionInferred, true);
    assert.ok(readHostMessage({ type: 'rows', rows: [rows[auth]] }), 'the page accepts the mark');
    assert.equal(readHostMessage({ type: 'rows', rows: [{ ...rows[auth], directionInferred: 'yes' }] }), undefined);
  });
});
