// WebSocket sessions diagnosed from HAR captures built the way Chromium writes them: a refused
// upgrade is a wrong URL, a socket still open where the capture ends is open, frames that stop
// long before the capture ends are said so, and a log's connection id keys its own session.
import { strict as assert } from 'node:assert';
import { diagnose, type ReadableInput } from '../../../src/core/diagnose';
import { incidentJsonLines, incidentReport } from '../../../src/core/diagnose/report';

const NS = 'urn:ietf:params:xml:ns:xmpp-framing';
const T0 = Date.parse('2026-03-02T09:00:00Z') / 1000;

function input(name: string, text: string): ReadableInput {
  return { name, open: async function* () { yield text; } };
}

function socket(url: string, status: number, messages: Array<[string, number, string]>, content = '') {
  return {
    _resourceType: 'websocket',
    _webSocketMessages: messages.map(([type, dt, data]) => ({ type, time: T0 + dt, opcode: 1, data })),
    request: { method: 'GET', url },
    response: { status, content: { size: content.length, mimeType: content ? 'text/html' : 'x-unknown', text: content } },
    startedDateTime: new Date(T0 * 1000 - 20).toISOString(),
    time: 12,
  };
}

const login: Array<[string, number, string]> = [
  ['send', 0, `<open xmlns="${NS}" to="fin1.example" version="1.0"/>`],
  ['receive', 0.01, `<open xmlns="${NS}" from="fin1.example" id="s-1" version="1.0"/>`],
  ['send', 0.02, `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">[redacted]</auth>`],
  ['receive', 0.03, `<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`],
  ['send', 0.04, `<open xmlns="${NS}" to="fin1.example" version="1.0"/>`],
  ['receive', 0.05, `<open xmlns="${NS}" from="fin1.example" id="s-2" version="1.0"/>`],
  ['receive', 0.06, `<iq xmlns="jabber:client" type="result" id="b1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>1001@fin1.example/desktop</jid></bind></iq>`],
];

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } }, null, 1);

describe('diagnosis of WebSocket sessions', () => {
  it('a refused upgrade (404, or a 200 HTML page) is an http-error that says the URL is wrong', async () => {
    const incident = await diagnose([input('desk.har', har([socket('wss://fin1.example:8445/wrong/', 404, []), socket('wss://fin1.example:7443/ws/', 200, [], '<!DOCTYPE html><html>Finesse</html>')]))]);
    assert.deepEqual(incident.sessions.map((s) => [s.sid, s.transport, s.endCause]), [['desk.har#0', 'websocket', 'http-error'], ['desk.har#1', 'websocket', 'http-error']]);
    assert.match(incident.sessions[0].explanation, /HTTP 404 instead of 101 Switching Protocols: nothing serves WebSocket at this URL, a wrong URL/);
    assert.match(incident.sessions[1].explanation, /HTTP 200 with an HTML page/);
    assert.match(incident.sessions[1].explanation, /instead of the WebSocket service/);
  });

  it('one connection is one session: two stream ids kept, the restart counted, the JID from bind', async () => {
    const incident = await diagnose([input('desk.har', har([socket('wss://fin1.example:8445/ws/', 101, login)]))]);
    assert.equal(incident.sessions.length, 1);
    const s = incident.sessions[0];
    assert.deepEqual(s.streams, ['s-1', 's-2']);
    assert.equal(s.restarts, 1);
    assert.equal(s.jid, '1001@fin1.example/desktop');
    assert.equal(s.sasl?.outcome, 'success');
    assert.equal(s.frames, login.length);
    assert.equal(s.url, 'wss://fin1.example:8445/ws/');
    // The socket is open where the capture ends.
    assert.equal(s.endCause, 'open');
    assert.match(s.explanation, /still open where the capture ends/);
    const json = JSON.parse(incidentJsonLines(incident)[0]);
    assert.equal(json.transport, 'websocket');
    assert.deepEqual(json.streams, ['s-1', 's-2']);
    assert.match(incidentReport(incident), /── session desk\.har#0 · 1001@fin1\.example\/desktop · 7 frames[\s\S]*transport: websocket wss:\/\/fin1\.example:8445\/ws\/, streams s-1, s-2/);
  });

  it('frames that stop long before the capture ends are said so, not called open', async () => {
    const later = { request: { method: 'GET', url: 'https://fin1.example:8445/desktop/' }, response: { status: 200, content: { text: '' } }, startedDateTime: new Date((T0 + 900) * 1000).toISOString(), time: 5 };
    const incident = await diagnose([input('desk.har', har([socket('wss://fin1.example:8445/ws/', 101, login), later]))]);
    const s = incident.sessions[0];
    assert.equal(s.endCause, 'unknown');
    assert.match(s.explanation, /frames stopped 15 min before the capture ends/);
  });

  it('a stream error from the server decides over the close that follows it', async () => {
    const frames: Array<[string, number, string]> = [...login, ['receive', 1, `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>`], ['receive', 1.001, `<close xmlns="${NS}"/>`]];
    const incident = await diagnose([input('desk.har', har([socket('wss://fin1.example:8445/ws/', 101, frames)]))]);
    assert.deepEqual([incident.sessions[0].endCause, incident.sessions[0].condition], ['policy-violation', 'policy-violation']);
  });

  it("a server's <close see-other-uri/> names where it sent the client", async () => {
    const frames: Array<[string, number, string]> = [...login, ['receive', 1, `<close xmlns="${NS}" see-other-uri="wss://fin2.example:8445/ws/"/>`]];
    const incident = await diagnose([input('desk.har', har([socket('wss://fin1.example:8445/ws/', 101, frames)]))]);
    assert.match(incident.sessions[0].explanation, /sent the client to wss:\/\/fin2\.example:8445\/ws\/ \(see-other-uri\)/);
  });

  it('a HAR without frames (Firefox) is named as the problem of that input', async () => {
    const entry = { ...socket('wss://fin1.example:8445/ws/', 101, []) } as Record<string, unknown>;
    delete entry._webSocketMessages;
    const incident = await diagnose([input('firefox.har', har([entry]))]);
    assert.match(incident.inputs[0].problem ?? '', /no frames.*Firefox.*Save all as HAR with content/);
  });
  it('a live session transcript over WebSocket (`SENT ws=N`): one session per connection, a reconnect a second one', async () => {
    const t = (ms: number, head: string, xml: string) => `${new Date(T0 * 1000 + ms).toISOString()} ${head} ${xml}`;
    const transcript = [
      t(0, 'SENT ws=1', '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-256">[redacted]</auth>'),
      t(10, 'RECV ws=1', '<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl">[redacted]</success>'),
      t(20, 'RECV ws=1', '<iq xmlns="jabber:client" type="result" id="b1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>1001@fin1.example/desktop</jid></bind></iq>'),
      `# ${new Date(T0 * 1000 + 900).toISOString()} ERROR session ended: the WebSocket to fin1.example:8445 closed without a  close/ : close code 1006`,
      t(5000, 'SENT ws=2', '<presence xmlns="jabber:client"/>'),
    ].join('\n');
    const incident = await diagnose([input('live.log', transcript)]);
    assert.deepEqual(incident.sessions.map((x) => [x.sid, x.transport]), [['live.log#1', 'websocket'], ['live.log#2', 'websocket']]);
    assert.equal(incident.sessions[0].jid, '1001@fin1.example/desktop');
  });
});
