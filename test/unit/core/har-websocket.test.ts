// WebSocket connections in HAR captures: Chromium's _webSocketMessages read frame by frame,
// Firefox's frameless entries reported, refused upgrades kept, truncated captures salvaged.
import { strict as assert } from 'node:assert';
import { decodedXml, decodeFragment } from '../../../src/core/decode';
import { describeDecoded } from '../../../src/core/describe';
import { findInHar, type HarSocket } from '../../../src/core/find/har';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const T0 = 1764583200.125; // 2025-12-01T10:00:00.125Z
const UPDATE = `<Update><data><user><loginId>1001</loginId><state>NOT_READY</state></user></data><event>PUT</event><requestId></requestId><source>/finesse/api/User/1001</source></Update>`;
const escaped = UPDATE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A WebSocket entry in Chromium DevTools' key order: the frames before the request. */
function socketEntry(url: string, messages: unknown[] | undefined, status = 101, content = ''): Record<string, unknown> {
  return {
    _initiator: { type: 'script' },
    _priority: 'Low',
    _resourceType: 'websocket',
    ...(messages ? { _webSocketMessages: messages } : {}),
    cache: {},
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: content.length, mimeType: content ? 'text/html' : 'x-unknown', text: content }, redirectURL: '', headersSize: -1, bodySize: -1, _transferSize: 0, _error: null },
    serverIPAddress: '127.0.0.1',
    startedDateTime: new Date(T0 * 1000 - 50).toISOString(),
    time: 3.2,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 3.2, receive: 0 },
  };
}

const messages = [
  { type: 'send', time: T0, opcode: 1, data: `<open xmlns="${FRAMING}" to="localhost" version="1.0"/>` },
  { type: 'receive', time: T0 + 0.004, opcode: 1, data: `<open xmlns="${FRAMING}" version="1.0" from="localhost" id="7f3a-1" xml:lang="en"/>` },
  { type: 'receive', time: T0 + 0.2, opcode: 1, data: `<message xmlns="jabber:client" from="pubsub.localhost" to="1001@localhost/desk"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/1001"><item id="i1"><notification xmlns="http://jabber.org/protocol/pubsub">${escaped}</notification></item></items></event></message>` },
  // A binary frame carrying XML, base64 as DevTools writes binary payloads.
  { type: 'send', time: T0 + 0.3, opcode: 2, data: Buffer.from(`<presence xmlns="jabber:client"/>`).toString('base64') },
  { type: 'send', time: T0 + 0.4, opcode: 2, data: Buffer.from([0, 1, 2, 255]).toString('base64') },
  { type: 'send', time: T0 + 1.5, opcode: 1, data: `<close xmlns="${FRAMING}"/>` },
];

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } }, null, 2);

describe('WebSocket frames in HAR captures', () => {
  it('gives one fragment per XML frame, with direction, time, dialect, source and connection', () => {
    const raw = har([{ ...socketEntry('http://127.0.0.1/x', undefined), _resourceType: 'script', request: { method: 'GET', url: 'http://127.0.0.1/x' }, response: { status: 200, content: { text: '' } } }, socketEntry('ws://127.0.0.1:5280/xmpp-websocket', messages)]);
    const found = findInHar(raw);
    assert.deepEqual(found.map((f) => f.direction), ['sent', 'received', 'received', 'sent', 'sent']);
    assert.ok(found.every((f) => f.dialect === 'har' && f.source === 'GET ws://127.0.0.1:5280/xmpp-websocket'));
    assert.deepEqual(found[0].socket, { connection: '1', url: 'ws://127.0.0.1:5280/xmpp-websocket', opcode: 1 });
    assert.equal(found[3].socket?.opcode, 2);
    assert.equal(found[0].time, '2025-12-01T10:00:00.125Z');
    assert.equal(found[1].time, '2025-12-01T10:00:00.129Z');
    assert.equal(found[0].stamp, found[0].time);
    // Each frame on the line of its own message, in order, so reveal lands on it.
    const lines = raw.split('\n');
    for (const f of found) assert.match(lines[f.line - 1], /"type": "(send|receive)"/);
    assert.ok(found[1].line > found[0].line);
    const described = found.map((f) => describeDecoded(decodeFragment(f)).summary);
    assert.equal(described[0], 'stream opened to localhost');
    assert.equal(described[1], 'stream opened from localhost id=7f3a-1');
    assert.match(described[2], /User 1001 → NOT_READY/);
    assert.equal(described[4], 'stream closed');
  });

  it('decodes an escaped Finesse payload in a frame into elements', () => {
    const found = findInHar(har([socketEntry('wss://fin1:8445/ws/', messages)]));
    const d = decodeFragment(found[2]);
    assert.ok(d.layers >= 1);
    assert.match(decodedXml(d), /<notification xmlns="http:\/\/jabber.org\/protocol\/pubsub"><Update><data><user><loginId>1001<\/loginId><state>NOT_READY<\/state>/);
  });

  it('tells each WebSocket entry to onSocket: the upgrade, the frames, the errors', () => {
    const sockets: HarSocket[] = [];
    findInHar(har([socketEntry('wss://fin1:8445/ws/', [...messages, { type: 'error', time: T0 + 2, opcode: -1, data: 'net::ERR_CONNECTION_RESET' }])]), undefined, (s) => sockets.push(s));
    assert.equal(sockets.length, 1);
    assert.equal(sockets[0].exchange.status, 101);
    assert.equal(sockets[0].frames, 7);
    assert.deepEqual(sockets[0].errors, [{ text: 'net::ERR_CONNECTION_RESET', time: '2025-12-01T10:00:02.125Z' }]);
    assert.equal(sockets[0].unrecorded, false);
  });

  it('a refused upgrade (404, or a 200 HTML page) is kept with its status and what answered', () => {
    const sockets: HarSocket[] = [];
    const found = findInHar(har([socketEntry('wss://fin1:8445/wrong/', [], 404), socketEntry('wss://fin1:7443/ws/', [], 200, '<!DOCTYPE html><html><body>Finesse</body></html>')]), undefined, (s) => sockets.push(s));
    assert.deepEqual(found, []);
    assert.deepEqual(sockets.map((s) => [s.exchange.status, s.exchange.answer]), [[404, 'empty'], [200, 'html']]);
  });

  it('says when WebSocket entries hold no frames (Firefox) and how to capture them', () => {
    const problems: string[] = [];
    const found = findInHar(har([socketEntry('wss://fin1:8445/ws/', undefined)]), (m) => problems.push(m));
    assert.deepEqual(found, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /no frames/);
    assert.match(problems[0], /Firefox/);
    assert.match(problems[0], /Save all as HAR with content/);
    // A capture whose socket holds frames says nothing of the kind.
    const none: string[] = [];
    findInHar(har([socketEntry('wss://fin1:8445/ws/', messages)]), (m) => none.push(m));
    assert.deepEqual(none, []);
  });

  it('recovers the frames of a capture cut off while saving', () => {
    const whole = har([socketEntry('ws://127.0.0.1:5280/xmpp-websocket', messages), socketEntry('ws://127.0.0.1:5280/xmpp-websocket', messages)]);
    const cut = whole.slice(0, whole.lastIndexOf('"_webSocketMessages"') + 400);
    const problems: string[] = [];
    const found = findInHar(cut, (m) => problems.push(m));
    assert.match(problems[0], /not a complete HAR file/);
    assert.match(problems[0], /WebSocket frame/);
    const first = found.filter((f) => f.socket?.connection === '0');
    const wholeFound = findInHar(whole);
    assert.deepEqual(first.map((f) => [f.direction, f.time, f.line, f.text, f.socket]), wholeFound.filter((f) => f.socket?.connection === '0').map((f) => [f.direction, f.time, f.line, f.text, f.socket]));
    // The second connection's frames before the cut are read too, though its url is past the cut.
    const second = found.filter((f) => f.socket?.connection === '1');
    assert.ok(second.length >= 1);
    assert.equal(second[0].text, wholeFound.find((f) => f.socket?.connection === '1')!.text);
  });
});
