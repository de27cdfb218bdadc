// The Inspector's host side following a log that grows and searching every stanza of a file it
// keeps no text of: the real finder, index and files on disk.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findInText } from '../../../src/core/find/finder';
import { fragmentsOfFile } from '../../../src/core/find/source';
import type { Fragment } from '../../../src/core/fragment';
import { FileLines } from '../../../src/features/inspector/file-lines';
import { readFileFragments } from '../../../src/features/inspector/file-source';
import { FileTail } from '../../../src/features/inspector/file-tail';
import { FragmentIndex } from '../../../src/features/inspector/fragment-index';
import { readQuery, searchStanzas, type StanzaQuery } from '../../../src/features/inspector/stanza-search';
import { readHostMessage, readState, readWebviewMessage } from '../../../src/protocol';
import { FIXTURES } from '../fixtures';

const fixtureLog = (name: string) => readFileSync(join(FIXTURES, 'logs', name), 'utf8');

/** Reads a file as the Inspector does, and a tail that goes on from where the reading stopped. */
async function readThenTail(path: string): Promise<{ index: FragmentIndex; tail: FileTail; first: Fragment[] }> {
  const reading = await readFileFragments(path);
  const index = new FragmentIndex(new FileLines(path));
  const first: Fragment[] = [];
  for await (const f of reading.fragments) {
    index.add(f);
    first.push({ ...f });
  }
  const last = first.at(-1);
  return { index, first, tail: new FileTail(path, reading.resumeAt(), reading.ino, last && { line: last.line, column: last.column }) };
}

async function tailed(tail: FileTail): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for (;;) {
    const r = await tail.read();
    assert.notEqual(r, 'changed');
    if (r === 'changed') return out;
    out.push(...r.fragments);
    if (!r.more) return out;
  }
}

async function searchAll(index: FragmentIndex, q: StanzaQuery): Promise<number[]> {
  const found: number[] = [];
  for await (const r of searchStanzas(index, q, () => false)) found.push(...r.indices);
  return found;
}

function query(text: string, match = ''): StanzaQuery {
  const q = readQuery(text, match);
  assert.ok('words' in q, String(q));
  return q;
}

describe('Inspector following a log that grows', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'inspector-follow-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the stanzas of appended lines, numbered as a fresh reading of the whole file numbers them', async () => {
    const path = join(dir, 'debug.log');
    const base = fixtureLog('openfire.log');
    writeFileSync(path, base);
    const { index, tail } = await readThenTail(path);
    assert.deepEqual(await tailed(tail), []);
    const more = fixtureLog('openfire-legacy.log');
    appendFileSync(path, more);
    const added = await tailed(tail);
    const whole = findInText(base + more);
    assert.ok(added.length > 0);
    assert.deepEqual(added.map((f) => [f.line, f.column, f.text]), whole.slice(whole.length - added.length).map((f) => [f.line, f.column, f.text]));
    // Appended rows are read back from the file like the first ones.
    for (const f of added) index.add(f);
    assert.equal((await index.fragment(index.size - 1))!.text, whole.at(-1)!.text);
  });

  it('waits for a line still being written, and shows a stanza written over several appends once, whole', async () => {
    const path = join(dir, 'debug.log');
    writeFileSync(path, fixtureLog('openfire.log'));
    const { tail } = await readThenTail(path);
    const line = '2020.05.12 10:20:00.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><message type="chat" from="a@x" to="b@x"><body>مرحبا</body></message></body>';
    const bytes = Buffer.from(line + '\n');
    // Cut inside the two bytes of an Arabic letter.
    const cut = bytes.indexOf(Buffer.from('مرحبا')) + 1;
    appendFileSync(path, bytes.subarray(0, cut));
    assert.deepEqual(await tailed(tail), []);
    appendFileSync(path, bytes.subarray(cut));
    const added = await tailed(tail);
    assert.equal(added.length, 1);
    assert.equal(added[0].text, line.slice(line.indexOf('<body')));
  });

  it('does not show twice a stanza on a last line that had no line break yet when the file was read', async () => {
    const path = join(dir, 'console.log');
    writeFileSync(path, '10:11:12.000 SENT: <presence/>\n10:11:12.500 RECV: <message><body>one</body></message>');
    const { first, tail } = await readThenTail(path);
    assert.equal(first.length, 2);
    appendFileSync(path, ' <message><body>two</body></message>\n10:11:13.000 SENT: <presence type="unavailable"/>\n');
    const added = await tailed(tail);
    assert.deepEqual(added.map((f) => f.text), ['<message><body>two</body></message>', '<presence type="unavailable"/>']);
  });

  it('says the file changed when it was cut, or when another file took its name (rotated)', async () => {
    const path = join(dir, 'debug.log');
    writeFileSync(path, fixtureLog('openfire.log'));
    const cut = await readThenTail(path);
    writeFileSync(path, 'x\n');
    assert.equal(await cut.tail.read(), 'changed');

    writeFileSync(path, fixtureLog('openfire.log'));
    const rotated = await readThenTail(path);
    renameSync(path, `${path}.1`);
    writeFileSync(path, fixtureLog('openfire.log') + fixtureLog('openfire-legacy.log'));
    assert.equal(await rotated.tail.read(), 'changed');
    rmSync(path);
    assert.equal(await rotated.tail.read(), 'changed');
  });
});

describe('Inspector search over every stanza, read back from the file', () => {
  it('finds by text anywhere in the decoded XML, or in the columns, and by element path, as an index keeping the text does', async () => {
    const logs = readdirSync(join(FIXTURES, 'logs')).filter((n) => n.endsWith('.log')).map((n) => join(FIXTURES, 'logs', n));
    const queries = [query('newton'), query('NOT_READY 47483648'), query('', 'Update/user/state=NOT_READY'), query('', 'iq[type=result]'), query('chat', 'message/body'), query('no-such-word-anywhere')];
    let hits = 0;
    for (const path of logs) {
      const onDisk = new FragmentIndex(new FileLines(path));
      const kept = new FragmentIndex();
      for await (const f of fragmentsOfFile(path)) {
        onDisk.add({ ...f });
        kept.add(f);
      }
      for (const q of queries) {
        const found = await searchAll(onDisk, q);
        assert.deepEqual(found, await searchAll(kept, q), `${path} ${JSON.stringify(q)}`);
        hits += found.length;
      }
    }
    assert.ok(hits > 5, `${hits} hits`);
    // Newton is in no column: only the decoded XML has him.
    const legacy = new FragmentIndex(new FileLines(join(FIXTURES, 'logs', 'openfire-legacy.log')));
    for (const f of findInText(fixtureLog('openfire-legacy.log'))) legacy.add(f);
    const byName = await searchAll(legacy, query('Newton'));
    assert.equal(byName.length, 1);
    assert.match((await legacy.detail(byName[0]))!.summary, /^User 47483648 → NOT_READY/);
  });

  it('reads a file of many stanzas back in runs, stopping as soon as it is cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-search-'));
    const path = join(dir, 'many.log');
    const lines = Array.from({ length: 3000 }, (_, i) => `10:11:12.000 SENT: <message to="a${i}@x"><body>row ${i}</body></message>`);
    writeFileSync(path, lines.join('\n') + '\n');
    const index = new FragmentIndex(new FileLines(path));
    for (const f of findInText(readFileSync(path, 'utf8'))) index.add(f);
    assert.deepEqual(await searchAll(index, query('', 'message/body=row 2999')), [2999]);
    let reports = 0;
    for await (const r of searchStanzas(index, query('row'), () => reports >= 2)) {
      reports++;
      assert.ok(r.searched < 3000);
    }
    assert.equal(reports, 2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says where an element path goes wrong instead of searching', () => {
    const q = readQuery('x', 'iq[type=error');
    assert.ok(!('words' in q));
    assert.equal(q.column, 3);
  });
});

describe('Inspector following a live session for hours', () => {
  it('keeps the text of the newest stanzas only, as the session does; older rows stay, say they were let go, and are not searched', async () => {
    const index = new FragmentIndex();
    index.limitKept(3);
    const stanzas = findInText(Array.from({ length: 5 }, (_, i) => `2020-05-12T10:11:1${i}.000Z RECV <message from="a@x" to="b@x"><body>note ${i}</body></message>`).join('\n'));
    assert.equal(stanzas.length, 5);
    for (const f of stanzas) index.add(f);
    assert.equal(index.size, 5);
    assert.equal(await index.fragment(1), undefined);
    assert.equal(index.isReleased(1), true);
    assert.equal(index.isReleased(2), false);
    assert.match((await index.detail(4))!.decoded, /note 4/);
    assert.deepEqual(await searchAll(index, query('note')), [2, 3, 4]);
    const exported = await index.exportLog([0, 1, 2, 3, 4], 'session');
    assert.deepEqual(exported.match(/note \d/g), ['note 2', 'note 3', 'note 4']);
  });
});

describe('Inspector messages of following and searching', () => {
  it('carries select, matches, searchError and search through the readers, and refuses them malformed', () => {
    assert.deepEqual(readHostMessage({ type: 'select', line: 12 }), { type: 'select', line: 12 });
    assert.equal(readHostMessage({ type: 'select', line: -1 }), undefined);
    const matches = { type: 'matches', search: 3, indices: [1, 5], searched: 256, total: 900, done: false };
    assert.deepEqual(readHostMessage(matches), matches);
    assert.equal(readHostMessage({ ...matches, indices: ['1'] }), undefined);
    assert.deepEqual(readHostMessage({ type: 'searchError', search: 3, message: 'm', column: 4 }), { type: 'searchError', search: 3, message: 'm', column: 4 });
    assert.deepEqual(readHostMessage({ type: 'reset', title: 't', source: { kind: 'file', path: '/a' }, follows: true }), { type: 'reset', title: 't', source: { kind: 'file', path: '/a' }, follows: true });
    assert.equal(readHostMessage({ type: 'reset', title: 't', source: { kind: 'file', path: '/a' }, follows: 'yes' }), undefined);
    assert.deepEqual(readWebviewMessage({ type: 'search', search: 1, text: 'a', match: 'iq' }), { type: 'search', search: 1, text: 'a', match: 'iq' });
    assert.equal(readWebviewMessage({ type: 'search', search: 1, text: 'a'.repeat(5000), match: '' }), undefined);
    assert.equal(readWebviewMessage({ type: 'search', search: 1, text: 'a' }), undefined);
  });

  it('restores a state saved before the element filter existed, and keeps the pause', () => {
    const old = { filters: { text: 'x', kinds: [], direction: '', jid: '', node: '' } };
    assert.deepEqual(readState(old)?.filters, { text: 'x', match: '', kinds: [], direction: '', jid: '', node: '' });
    assert.equal(readState({ ...old, paused: true })?.paused, true);
    assert.equal(readState({ filters: { ...old.filters, match: 3 } }), undefined);
  });
});
