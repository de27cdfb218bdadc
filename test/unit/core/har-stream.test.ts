// The HAR reader streams: on every capture of the fixtures, read in chunks of any size (bytes
// split inside UTF-8 characters too), it gives what JSON.parse of the whole capture gave.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findInHar, findInHarStream, type HarSocket } from '../../../src/core/find/har';
import type { Fragment } from '../../../src/core/fragment';
import { FIXTURES } from '../fixtures';
import { findInHarWhole } from './har-whole-parse';

function hars(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? hars(p) : n.endsWith('.har') ? [p] : [];
  });
}

const CAPTURES = [...hars(FIXTURES), ...hars(join(FIXTURES, '..', '..', 'samples'))];

interface Reading {
  found: Fragment[];
  problems: string[];
  sockets: HarSocket[];
}

function whole(raw: string): Reading {
  const r: Reading = { found: [], problems: [], sockets: [] };
  r.found = findInHarWhole(raw, (m) => r.problems.push(m), (s) => r.sockets.push(s));
  return r;
}

async function streamed(bytes: Buffer, chunk: number, holdChars?: number): Promise<Reading & { lines: number; lastStarted?: string }> {
  const r: Reading = { found: [], problems: [], sockets: [] };
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();
  const it = findInHarStream(chunks, (m) => r.problems.push(m), (s) => r.sockets.push(s), holdChars);
  let n = await it.next();
  for (; !n.done; n = await it.next()) r.found.push(n.value);
  return { ...r, ...n.value };
}

describe('HAR captures read as a stream', () => {
  it('finds the captures of the fixtures, the real servers’ ones among them', () => {
    assert.ok(CAPTURES.length >= 25, `${CAPTURES.length} captures`);
    assert.ok(CAPTURES.some((p) => /sessions[/\\][^/\\]+[/\\]client.*\.har$/.test(p)));
  });

  for (const path of CAPTURES) {
    const name = relative(join(FIXTURES, '..', '..'), path);
    it(`${name}: every fragment, socket and problem as the whole parse gives them`, async () => {
      const bytes = readFileSync(path);
      const raw = bytes.toString('utf8');
      const expected = whole(raw);
      assert.ok(expected.found.length > 0, 'the capture holds fragments');
      assert.deepEqual({ ...findInHarReading(raw) }, expected, 'the synchronous reader');
      // Kept until known whole (the default), and handed on entry by entry (nothing kept).
      for (const [chunk, hold] of [[997, undefined], [4096, 0], [61, 0]] as const) {
        const got = await streamed(bytes, chunk, hold);
        assert.deepEqual(got.found, expected.found, `chunks of ${chunk} bytes, hold ${hold ?? 'default'}`);
        assert.deepEqual(got.sockets, expected.sockets);
        assert.deepEqual(got.problems, expected.problems);
        assert.equal(got.lines, raw.split('\n').length);
      }
    });

    it(`${name}: cut off while saving, the same bodies recovered`, async () => {
      const bytes = readFileSync(path);
      const raw = bytes.toString('utf8');
      for (const at of [0.37, 0.81]) {
        const cut = raw.slice(0, Math.floor(raw.length * at));
        const expected = whole(cut);
        // A small capture is kept until its end: recovered whole, exactly as before.
        const kept = await streamed(Buffer.from(cut), 1024);
        assert.deepEqual(kept.found, expected.found);
        assert.deepEqual(kept.problems, expected.problems);
        // Handed on as read: entries before the cut keep their exchange; the rest is recovered.
        const flowing = await streamed(Buffer.from(cut), 1024, 0);
        assert.equal(flowing.problems.length, 1);
        assert.match(flowing.problems[0], /^not a complete HAR file \(.+\); \d+ BOSH fragments?( and \d+ WebSocket frame fragments?)? recovered from the readable part$/);
        const place = (f: Fragment) => [f.line, f.direction, f.text, f.socket?.connection];
        assert.deepEqual(flowing.found.map(place), expected.found.map(place));
        for (const [k, f] of flowing.found.entries()) {
          if (f.direction === 'sent' || f.socket) assert.equal(f.time, expected.found[k].time);
          else if (f.exchange) assert.equal(f.time, f.exchange.ended ?? expected.found[k].time, 'an answer at its end');
        }
      }
    });
  }

  it('a broken entry in the middle of a large capture: the entries around it are all read', async () => {
    const entry = (i: number) => ({
      startedDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      time: 20,
      request: { method: 'POST', url: 'https://fin1:7443/http-bind/', postData: { text: `<body xmlns="http://jabber.org/protocol/httpbind" rid="${1000 + i}" sid="s1"/>` } },
      response: { status: 200, content: { text: `<body xmlns="http://jabber.org/protocol/httpbind"/>` } },
    });
    const good = JSON.stringify({ log: { entries: [0, 1, 2, 3].map(entry) } }, null, 1);
    // Entry 3 loses a comma: JSON.parse of the whole fails; streamed, only what follows is recovered key by key.
    const third = good.indexOf('"time": 20,', good.indexOf('00:00:02.000Z'));
    const broken = good.slice(0, third) + '"time": 20' + good.slice(third + '"time": 20,'.length);
    assert.notEqual(broken, good);
    const got = await streamed(Buffer.from(broken), 100, 0);
    assert.match(got.problems[0], /^not a complete HAR file \(entry 3 at line \d+ is not JSON: .*\); 8 BOSH fragments recovered/);
    const rids = got.found.map((f) => /rid="(\d+)"/.exec(f.text)?.[1] ?? '-');
    assert.deepEqual(rids, ['1000', '-', '1001', '-', '1002', '-', '1003', '-']);
    assert.equal(got.found[0].exchange?.entry, 0);
    assert.equal(got.found[6].exchange, undefined, 'after the break, bodies are recovered without their exchange');
    assert.deepEqual(
      got.found.map((f) => f.line),
      whole(good).found.map((f) => f.line),
    );
  });

  it('a capture that is JSON but no HAR, and text after a whole capture, are named', async () => {
    assert.deepEqual((await streamed(Buffer.from('{"log": {"entries": {}}}'), 5)).problems, ['not a HAR file: it has no log.entries list']);
    const after = await streamed(Buffer.from(JSON.stringify({ log: { entries: [] } }) + ' x'), 3, 0);
    assert.match(after.problems[0], /unexpected text after the capture's end at line 1/);
  });
});

function findInHarReading(raw: string): Reading {
  const r: Reading = { found: [], problems: [], sockets: [] };
  r.found = findInHar(raw, (m) => r.problems.push(m), (s) => r.sockets.push(s));
  return r;
}
