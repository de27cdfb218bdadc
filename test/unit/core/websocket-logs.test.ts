// The WebSocket logs real servers and clients wrote (test/fixtures/logs/websocket/, made by
// scripts/make-websocket-log-fixtures.ts), read by the one finder every feature uses.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findInText } from '../../../src/core/find/finder';
import { decodeFragment, decodedXml } from '../../../src/core/decode';
import type { Fragment } from '../../../src/core/fragment';

const DIR = join(__dirname, '..', '..', 'fixtures', 'logs', 'websocket');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const found = (name: string) => findInText(read(name));
const share = (fs: Fragment[], p: (f: Fragment) => boolean) => fs.filter(p).length / fs.length;

describe('WebSocket log lines of real servers and clients', () => {
  it('Prosody 0.12 debug log: every Sending[…]/Received[…] line, with direction and connection, start tags reported as partial', () => {
    const text = read('prosody-debug.log');
    const fs = found('prosody-debug.log');
    const lines = text.split('\n');
    const xmlLines = lines.filter((l) => /\t(?:Sending|Received)\[[\w]+\]: </.test(l)).length;
    const closes = lines.filter((l) => /\tReceived <\/stream:stream>$/.test(l)).length;
    assert.strictEqual(fs.length, xmlLines + closes);
    assert.ok(xmlLines > 30);
    for (const f of fs) {
      assert.strictEqual(f.dialect, 'prosody');
      assert.match(f.stamp!, /^12-01 \d\d:\d\d:\d\d$/);
      assert.match(f.socket?.connection ?? '', /^c2s[0-9a-f]+$/, `line ${f.line}`);
      const lead = lines[f.line - 1];
      assert.strictEqual(f.direction, /\tSending\[/.test(lead) ? 'sent' : 'received', `line ${f.line}`);
      // Prosody writes only the top tag of each stanza: never a whole stanza.
      if (!f.text.startsWith('</')) assert.strictEqual(f.partial, true, `line ${f.line}`);
    }
    // The agent's and the publisher's connections, each named as Prosody names its session.
    assert.deepStrictEqual(new Set(fs.map((f) => f.socket!.connection)).size, 2);
    // The pubsub notification reached the agent's connection.
    const headline = fs.find((f) => f.text.includes("type='headline'"))!;
    assert.strictEqual(headline.socket!.connection, fs[0].socket!.connection);
    // "Client sent opening <stream:stream> to localhost" names a header, it does not carry one.
    assert.ok(!fs.some((f) => f.text === '<stream:stream>'));
  });

  it('ejabberd 23.01 debug log: every XML line on the stream, whole, with time, direction and the ejabberd_http_ws process as connection', () => {
    const text = read('ejabberd.log');
    const fs = found('ejabberd.log');
    const xmlLines = text.split('\n').filter((l) => / \(websocket\|<[\d.]+>\) (?:Send|Received) XML on stream = /.test(l));
    assert.strictEqual(fs.length, xmlLines.length);
    for (const f of fs) {
      assert.strictEqual(f.dialect, 'ejabberd');
      assert.match(f.time!, /^2026-12-01T\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      const line = text.split('\n')[f.line - 1];
      assert.strictEqual(f.direction, line.includes('Send XML') ? 'sent' : 'received');
      assert.strictEqual(f.socket?.connection, /\(websocket\|(<[\d.]+>)\)/.exec(line)![1]);
      assert.strictEqual(f.partial, false);
      assert.strictEqual(decodeFragment(f).error, undefined, f.text);
    }
    // The agent's session and the login whose page went away, as "Client connected through websocket" names them.
    const connected = [...text.matchAll(/Client connected through websocket \{http_ws,(<[\d.]+>),/g)].map((m) => m[1]);
    assert.strictEqual(connected.length, 2);
    assert.deepStrictEqual([...new Set(fs.map((f) => f.socket!.connection))], connected);
  });

  it('Strophe.js 5 console (rawInput/rawOutput): SENT:/RECV: lines with direction, one connection per socket opened', () => {
    const fs = found('strophe-console.log');
    assert.ok(fs.length >= 20);
    assert.ok(share(fs, (f) => f.direction !== undefined) >= 0.95);
    for (const f of fs) {
      assert.strictEqual(f.dialect, 'console');
      assert.match(f.stamp!, /^\d\d:\d\d:\d\d\.\d{3}$/);
      assert.strictEqual(f.partial, false);
      assert.strictEqual(decodeFragment(f).error, undefined, f.text);
    }
    // The refused first attempt never opened a socket ("Websocket open" is logged once): one connection.
    assert.deepStrictEqual([...new Set(fs.map((f) => f.socket?.connection))], ['1']);
    const notification = fs.find((f) => f.text.includes('pubsub#event'))!;
    assert.strictEqual(notification.direction, 'received');
    const decoded = decodeFragment(notification);
    assert.strictEqual(decoded.layers, 1);
    assert.match(decodedXml(decoded), /<state>READY<\/state>/);
  });

  it('Converse.js 14 console: every stanza found whole, its direction read from the traffic and marked inferred (Converse marks it by colour only)', () => {
    const text = read('converse-console.log');
    const fs = found('converse-console.log');
    const starts = text.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} .*<(?:open|close|iq|message|presence|stream:features|auth|challenge|response|success|wrapper)\b/.test(l)).length;
    assert.strictEqual(fs.length, starts);
    for (const f of fs) {
      // Only a <close/> can come from either side; everything else is told by the protocol or its addresses.
      if (f.text.startsWith('<close')) assert.strictEqual(f.direction, undefined, `line ${f.line}`);
      else assert.strictEqual(f.directionInferred, true, `line ${f.line}`);
      assert.strictEqual(f.partial, false);
      assert.strictEqual(f.socket?.connection, '1');
      assert.strictEqual(decodeFragment(f).error, undefined, f.text);
    }
    // Multi-line stanzas (Converse's own indentation) are read whole.
    assert.ok(fs.some((f) => f.endLine > f.line));
  });

  it('BOSH lines of the same dialects name no WebSocket connection', () => {
    for (const name of ['prosody.log', 'ejabberd.log', 'console.log']) {
      const fs = findInText(readFileSync(join(DIR, '..', name), 'utf8'));
      assert.ok(fs.length > 0, name);
      assert.ok(fs.every((f) => f.socket === undefined), name);
    }
  });
});
