// Hostile input through every reader: real captures mutated (bit flips, truncation, splices, NUL
// bytes, invalid UTF-8) and made hostile on purpose (nesting tens of thousands deep, entity
// chains, huge attribute values). Nothing may throw, nothing may take longer than a second per
// megabyte, and every NDJSON line the CLI would print must be one valid JSON object.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeFragment } from '../../../src/core/decode';
import { toJsonLine } from '../../../src/core/decoded-format';
import { describeDecoded } from '../../../src/core/describe';
import { diagnose } from '../../../src/core/diagnose';
import { incidentJsonLines } from '../../../src/core/diagnose/report';
import { findInStream, findInText } from '../../../src/core/find/finder';
import { findInHar } from '../../../src/core/find/har';
import type { Fragment } from '../../../src/core/fragment';
import { FIXTURES } from '../fixtures';
import { tokenize } from '../../grammar/tokenizer';

const SEEDS = [
  'sessions/prosody-clean/prosody.log',
  'sessions/ejabberd-clean/ejabberd.log',
  'sessions/prosody-ws-clean/console.log',
  'logs/websocket/converse-console.log',
  'logs/openfire-legacy.log',
  'logs/cdata-http.log',
  'sessions/prosody-ws-clean/client.har',
  'sessions/prosody-clean/client.har',
].map((name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }));

/** The behaviour bound: a second per megabyte, never less than a second (a shared 2-core machine). */
function budgetMs(bytes: number): number {
  return Math.max(1000, (bytes / 1048576) * 1000);
}

const DEEP = 30_000;
const MAX_TOKENIZED_LINE = 20_000;
/** Hostile pieces spliced into real captures. */
const HOSTILE: Record<string, () => string> = {
  'nesting 30,000 deep': () => '<body rid="1">' + '<a>'.repeat(DEEP) + '</a>'.repeat(DEEP) + '</body>',
  'nesting 30,000 deep, never closed': () => '<iq>' + '<x y="1">'.repeat(DEEP),
  'escaped nesting': () => '&lt;body&gt;' + '&lt;a&gt;'.repeat(DEEP / 3),
  'entity chain': () => '&' + 'amp;'.repeat(20_000) + 'lt;body/&' + 'amp;'.repeat(20_000) + 'gt;',
  'huge attribute value': () => `<body rid="1" sid="${'s'.repeat(1_000_000)}" xmlns="http://jabber.org/protocol/httpbind"/>`,
  'huge unquoted attribute': () => `<message to=${'x'.repeat(300_000)}>`,
  'NUL bytes': () => '<message>\u0000\u0000<body>\u0000</body></message>\u0000',
  'CDATA never closed': () => '<example><![CDATA[POST / HTTP/1.1\n\n<body rid="1">' + '<a>'.repeat(5000),
  'HTTP message in CDATA, body nested deep': () => '<x><![CDATA[HTTP/1.1 200 OK\n\n' + '<a>'.repeat(DEEP) + '</a>'.repeat(DEEP) + ']]></x>',
  'a thousand stream headers': () => "<stream:stream id='1' xmlns:stream='http://etherx.jabber.org/streams'>".repeat(1000),
  'lone surrogates and replacement characters': () => '<message>\ud800\udfff\ufffd\ud83d</message>',
  'a WebSocket frame array of garbage': () => '"_webSocketMessages":[{"type":"receive","time":"x","opcode":1,"data":' + '['.repeat(5000) + ']',
};

type Mutation = (b: Buffer) => Buffer;

const mutation: fc.Arbitrary<{ what: string; apply: Mutation }> = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 64 }).map((flips) => ({
    what: `${flips.length} bit flips`,
    apply: (b: Buffer) => {
      const c = Buffer.from(b);
      for (const [at, bit] of flips) c[at % c.length] ^= 1 << bit;
      return c;
    },
  })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((cut) => ({ what: `truncated at ${cut.toFixed(3)}`, apply: (b: Buffer) => b.subarray(0, Math.floor(b.length * cut)) })),
  fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([other, at, from, to]) => ({
    what: `spliced with ${SEEDS[other].name}`,
    apply: (b: Buffer) => {
      const o = SEEDS[other].bytes;
      const [lo, hi] = from < to ? [from, to] : [to, from];
      const cut = Math.floor(b.length * at);
      return Buffer.concat([b.subarray(0, cut), o.subarray(Math.floor(o.length * lo), Math.floor(o.length * hi)), b.subarray(cut)]);
    },
  })),
  fc.tuple(fc.constantFrom(...Object.keys(HOSTILE)), fc.double({ min: 0, max: 1, noNaN: true })).map(([name, at]) => ({
    what: name,
    apply: (b: Buffer) => {
      const cut = Math.floor(b.length * at);
      return Buffer.concat([b.subarray(0, cut), Buffer.from(HOSTILE[name](), 'utf8'), b.subarray(cut)]);
    },
  })),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom([0x00], [0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf])), { minLength: 1, maxLength: 32 }).map((bad) => ({
    what: 'NUL and invalid UTF-8 bytes',
    apply: (b: Buffer) => {
      let c = b;
      for (const [at, bytes] of bad) {
        const i = at % (c.length + 1);
        c = Buffer.concat([c.subarray(0, i), Buffer.from(bytes), c.subarray(i)]);
      }
      return c;
    },
  })),
);

/** Everything a fragment goes through before it is shown: decode, describe, one NDJSON line. */
function show(fs: Iterable<Fragment>): number {
  let n = 0;
  for (const f of fs) {
    const d = decodeFragment(f);
    describeDecoded(d);
    assertNdjson(toJsonLine(d));
    n++;
  }
  return n;
}

function assertNdjson(line: string): void {
  assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, 'one line per object');
  const o = JSON.parse(line);
  assert.equal(typeof o, 'object');
}

/** The bytes in chunks cut anywhere, even inside a UTF-8 sequence, as a stream delivers them. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function allReaders(bytes: Buffer, chunk: number): Promise<void> {
  const text = bytes.toString('utf8');
  show(findInText(text));
  const streamed: Fragment[] = [];
  for await (const f of findInStream(chunks(bytes, chunk))) streamed.push(f);
  show(streamed);
  if (text.trimStart().startsWith('{')) show(findInHar(text, () => {}, () => {}));
  const incident = await diagnose([{ name: 'mutated.log', open: () => chunks(bytes, chunk) }]);
  for (const line of incidentJsonLines(incident)) assertNdjson(line);
}

/** Runs a case and checks its CPU time (not wall time: other processes on a shared machine do not count). */
async function timed(bytes: Buffer, run: () => Promise<void>, what: string): Promise<void> {
  const started = process.cpuUsage();
  await run();
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  assert.ok(ms < budgetMs(bytes.length), `${what}: ${Math.round(ms)} ms for ${(bytes.length / 1048576).toFixed(2)} MB`);
}

describe('hostile input: mutated real captures through finder, decoder, HAR reader, describe and scan', function () {
  this.timeout(60_000);

  it('each hostile piece alone, at the start of a real log and of a real HAR', async () => {
    for (const [name, make] of Object.entries(HOSTILE)) {
      for (const seed of [SEEDS[0], SEEDS[6]]) {
        const bytes = Buffer.concat([Buffer.from(make(), 'utf8'), Buffer.from('\n'), seed.bytes]);
        await timed(bytes, () => allReaders(bytes, 4096), `${name} + ${seed.name}`);
      }
    }
  });

  it('random mutations of every seed: no exception escapes, bounded time, valid NDJSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 8192 }), async (seed, mutations, chunk) => {
        let bytes: Buffer = SEEDS[seed].bytes;
        for (const m of mutations) bytes = m.apply(bytes);
        await timed(bytes, () => allReaders(bytes, chunk), `${SEEDS[seed].name}: ${mutations.map((m) => m.what).join(', ')}`);
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });

  it('WebSocket frames of a real HAR with hostile data: every frame read, none throws', async () => {
    const har = JSON.parse(SEEDS[6].bytes.toString('utf8'));
    const entry = har.log.entries.find((e: { _webSocketMessages?: unknown[] }) => Array.isArray(e._webSocketMessages));
    assert.ok(entry, 'the capture has a WebSocket entry');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...Object.values(HOSTILE)).map((make) => make()), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant(null), fc.integer(), fc.constant({ nested: [1] })), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('send', 'receive', 'bogus', undefined),
        fc.constantFrom(1, 2, 8, 9, 'x', undefined),
        async (datas, type, opcode) => {
          const copy = structuredClone(har);
          const socket = copy.log.entries.find((e: { _webSocketMessages?: unknown[] }) => Array.isArray(e._webSocketMessages));
          for (const data of datas) socket._webSocketMessages.splice(1, 0, { type, time: 'soon', opcode, data });
          const text = JSON.stringify(copy);
          const bytes = Buffer.from(text, 'utf8');
          await timed(bytes, async () => {
            assert.ok(show(findInHar(text, () => {}, () => {})) > 0, 'the frames around the hostile ones are still read');
            const incident = await diagnose([{ name: 'frames.har', open: () => chunks(bytes, 65536) }]);
            for (const line of incidentJsonLines(incident)) assertNdjson(line);
          }, `${datas.length} frames`);
        },
      ),
      { numRuns: 25, seed: 7395 },
    );
  });

  it('the log grammar tokenizes mutated logs to the end of every line', async () => {
    const logs = SEEDS.filter((s) => s.name.endsWith('.log'));
    // Loading and compiling the grammars is not the input's time.
    for (const mode of ['injected', 'dedicated'] as const) await tokenize(logs[0].bytes.toString('utf8'), mode);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: logs.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 2 }), async (seed, mutations) => {
        let bytes: Buffer = logs[seed].bytes;
        for (const m of mutations) bytes = m.apply(bytes);
        // VS Code does not tokenize lines longer than editor.maxTokenizationLineLength (20,000 by default).
        const text = bytes
          .toString('utf8')
          .split(/\r?\n/)
          .map((l) => (l.length > MAX_TOKENIZED_LINE ? '' : l))
          .join('\n');
        await timed(bytes, async () => {
          for (const mode of ['injected', 'dedicated'] as const) {
            const lines = await tokenize(text, mode);
            const source = text.split(/\r?\n/);
            lines.forEach((tokens, i) => assert.equal(tokens.reduce((n, t) => n + t.text.length, 0), source[i].length, `${mode} line ${i + 1}`));
          }
        }, `${logs[seed].name}: ${mutations.map((m) => m.what).join(', ')}`);
      }),
      { numRuns: 10, seed: 124 },
    );
  });
});
