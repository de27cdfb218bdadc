import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../fixtures';

const ROOT = join(__dirname, '..', '..', '..');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { input, encoding: 'utf8', cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bosh-inspect decode', () => {
  it('--json prints one object per fragment, in order, with the nested layer decoded', () => {
    const { code, out } = cli(['decode', '--json', join(FIXTURES, 'logs/openfire-legacy.log')]);
    assert.equal(code, 0);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.line), [2, 4, 6]);
    assert.deepEqual(rows[1].direction, 'sent');
    assert.equal(rows[1].time, '2017-04-14T21:34:26');
    assert.equal(rows[1].layers, 1);
    assert.match(rows[1].xml, /<notification xmlns="http:\/\/jabber.org\/protocol\/pubsub"><Update><data><user>/);
    assert.ok(!('partial' in rows[1]), 'partial only for truncated fragments');
    assert.ok(!('directionInferred' in rows[1]), 'the log said it: HTTP SENT');
    // "Unable to route packet" names no direction: a message stamped with a sender is the server's.
    assert.deepEqual([rows[2].direction, rows[2].flow, rows[2].directionInferred], ['sent', 's2c', true]);
  });

  it('marks truncated fragments partial', () => {
    const rows = cli(['decode', '--json', join(FIXTURES, 'logs/truncated.log')]).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.partial ?? false), [true, false, true]);
  });

  it('reads stdin, and prints headers and pretty XML without --json', () => {
    const line = '2020.05.12 10:11:12.345 DEBUG [t]: x - HTTP RECV(1): <body rid="7" xmlns="http://jabber.org/protocol/httpbind"><presence/></body>\n';
    const { code, out } = cli(['decode'], line);
    assert.equal(code, 0);
    assert.equal(out, '── line 1 · 2020-05-12T10:11:12.345 · received\n<body rid="7" xmlns="http://jabber.org/protocol/httpbind">\n  <presence/>\n</body>\n\n');
  });

  it('reads a HAR capture', () => {
    const rows = cli(['decode', '--json', join(FIXTURES, 'finesse-desktop.har')]).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 4);
    assert.equal(rows[1].source, 'POST https://fin1.ucce.local:7443/http-bind/');
  });

  it('a HAR cut off while saving: what is readable is decoded, the cut named on stderr, exit 0', () => {
    const whole = readFileSync(join(FIXTURES, 'finesse-desktop.har'), 'utf8');
    const { code, out, err } = cli(['decode', '--json', '-'], whole.slice(0, whole.indexOf('"startedDateTime": "2019-01-11T23:56:55.000Z"')));
    assert.equal(code, 0);
    assert.equal(out.trim().split('\n').length, 2);
    assert.match(err, /input: not a complete HAR file .*2 BOSH fragments recovered/);
  });

  it('an unreadable file: a message on stderr and exit 2', () => {
    const { code, err, out } = cli(['decode', join(FIXTURES, 'no-such.log')]);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /no-such\.log: no such file/);
  });

  it('garbage is never fatal: exit 0, nothing invented', () => {
    const { code, out, err } = cli(['decode', '--json'], '\u0000\u0001<<<&&&lt;&lt;<a b="\n>>>]]><!--\n<0.600.0> <- \ufffd\n');
    assert.equal(code, 0, err);
    for (const row of out.trim().split('\n').filter(Boolean)) assert.ok(JSON.parse(row).line >= 1);
  });

  it('a line of elements nested 200,000 deep decodes without exhausting the stack, and so does the next stanza', () => {
    const input = '<a>'.repeat(200000) + '\n2020.05.12 10:11:12.345 DEBUG [x]: a - <message id="m1"/>\n';
    const { code, out, err } = cli(['decode', '--json'], input);
    assert.equal(code, 0, err);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows[0].partial, true);
    assert.equal(rows[0].xml, '<a>'.repeat(200000 - 1) + '<a/>' + '</a>'.repeat(200000 - 1));
    assert.equal(rows[1].xml, '<message id="m1"/>');
    const text = cli(['decode'], input);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /\n<message id="m1"\/>\n\n$/);
  });

  it('unknown options are a usage error', () => {
    const { code, err } = cli(['decode', '--jsn']);
    assert.equal(code, 2);
    assert.match(err, /Usage: bosh-inspect decode/);
  });
});

describe('bosh-inspect decode on a WebSocket capture', () => {
  // Recorded from real Prosody and Strophe.js over WebSocket in Chromium (npm run fixtures:sessions).
  const har = join(FIXTURES, 'sessions/prosody-ws-finesse/client-agent.har');

  it('prints the stanzas of the frames, the Finesse <Update> decoded from its escaped text', () => {
    const { code, out } = cli(['decode', har]);
    assert.equal(code, 0);
    assert.match(out, /── line \d+ · \d{4}-\d\d-\d\dT[\d:.]+Z · sent · GET ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket · connection 0\n<open /);
    assert.match(out, /<notification xmlns="http:\/\/jabber.org\/protocol\/pubsub">\n\s*<!-- decoded from escaped text, layer 1 -->\n\s*<Update>\n\s*<data>\n\s*<user>\n\s*<loginId>1001<\/loginId>\n\s*<state>READY<\/state>/);
    assert.match(out, /<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"\/>/);
  });

  it('--json carries the connection, direction and time of each frame', () => {
    const rows = cli(['decode', '--json', har]).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(rows.length > 20);
    assert.ok(rows.every((r) => r.connection === '0' && r.dialect === 'har' && /^GET ws:/.test(r.source) && /Z$/.test(r.time)));
    const updates = rows.filter((r) => /<Update>/.test(r.xml));
    assert.equal(updates.length, 12, 'every notification, the doubly escaped ones too');
    assert.deepEqual(updates.map((r) => Number(/<reasonCodeId>(\d+)</.exec(r.xml)?.[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'in publishing order');
    assert.equal(updates[9].layers, 2, 'the tenth was escaped twice');
    assert.deepEqual([rows[0].direction, rows[0].flow], ['sent', 'c2s']);
  });
});
