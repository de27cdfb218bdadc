import assert from 'node:assert/strict';
import * as http from 'node:http';
import { XmlElement } from '../../src/core/xml/element';
import { SaslError } from '../../src/core/sasl/scram';
import { transcriptLine } from '../../src/core/xmpp/stanza-record';
import { findInText } from '../../src/core/find/finder';
import { decodeFragment, decodedXml } from '../../src/core/decode';
import { freePort } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';
import { ADMIN, AGENT, DOMAIN, PUBSUB, SHA1_DOMAIN } from './prosody';
import { privateProsody, session, until } from './live-session';
import { finesseUpdate, notification } from './finesse-payloads';

const agentJid = `${AGENT.user}@${DOMAIN}`;
const adminJid = `${ADMIN.user}@${DOMAIN}`;

describe('live WebSocket (RFC 7395) sessions against Prosody', function () {
  const { prosody, connect } = privateProsody();

  describe('SASL', () => {
    it('logs in with SCRAM-SHA-256 over ws://, restarts the stream on the same connection, and redacts the payloads', async () => {
      const r = await connect(session({ url: prosody.wsUrl, jid: agentJid, resource: 'ws256', password: AGENT.password }));
      assert.equal(r.session.transportKind, 'websocket');
      assert.equal(r.session.jid, `${agentJid}/ws256`);
      assert.ok(r.notices.some((n) => n.text.includes('with SCRAM-SHA-256')));
      assert.match(r.session.transportLabel, /^WebSocket connection 1, stream id \S+$/);
      const auth = r.stanzas.find((s) => s.stanza.name === 'auth')!;
      assert.equal(auth.wire, '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-256">[redacted]</auth>');
      assert.ok(r.stanzas.every((s) => s.rid === undefined && s.connection === '1'), 'every record names its connection');
      assert.ok(!r.stanzas.map((s) => s.wire).join('\n').includes(AGENT.password));
    });

    it('logs in with SCRAM-SHA-1 on a host that stores SHA-1 hashes', async () => {
      const r = await connect(session({ url: prosody.wsUrl, jid: `${AGENT.user}@${SHA1_DOMAIN}`, password: AGENT.password }));
      assert.ok(r.notices.some((n) => n.text.includes('with SCRAM-SHA-1 ')), r.notices.map((n) => n.text).join('\n'));
      assert.equal(r.session.state, 'online');
    });

    it('PLAIN over ws:// only when the profile allows it; over wss:// with a trusted certificate it is fine', async () => {
      await assert.rejects(
        session({ url: prosody.wsUrl, jid: agentJid, password: AGENT.password, mechanisms: ['PLAIN'] }).session.connect(),
        /readable over plain http/,
      );
      const plain = await connect(session({ url: prosody.wsUrl, jid: agentJid, password: AGENT.password, mechanisms: ['PLAIN'], allowPlainOverHttp: true }));
      assert.equal(plain.session.state, 'online');
      const tls = await connect(session({ url: prosody.wssUrl, jid: agentJid, password: AGENT.password, mechanisms: ['PLAIN'], trust: { fingerprint: prosody.fingerprint } }));
      assert.equal(tls.session.state, 'online');
      const plainB64 = Buffer.from(`\0${AGENT.user}\0${AGENT.password}`).toString('base64');
      for (const s of [...plain.stanzas, ...tls.stanzas]) assert.ok(!s.wire.includes(plainB64) && !s.wire.includes(AGENT.password));
    });

    it('a wrong password ends with not-authorized in words', async () => {
      const r = session({ url: prosody.wsUrl, jid: agentJid, password: 'wrong' });
      await assert.rejects(r.session.connect(), (e: SaslError) => {
        assert.equal(e.condition, 'not-authorized');
        assert.match(e.message, /not-authorized — the user name or password is wrong/);
        return true;
      });
      assert.equal(r.session.state, 'closed');
    });
  });

  it('receives 100 Finesse notifications escaped once and twice, in order, none lost or duplicated, each decoded', async () => {
    const node = `/finesse/api/User/${AGENT.user}/ws`;
    const publisher = await connect(session({ url: prosody.wsUrl, jid: adminJid, resource: 'finesse', password: ADMIN.password }));
    const agent = await connect(session({ url: prosody.wsUrl, jid: agentJid, resource: 'desktop', password: AGENT.password }));
    await publisher.session.createNode(PUBSUB, node);
    await publisher.session.subscribe(PUBSUB, node, agentJid);
    for (let i = 1; i <= 100; i++) {
      const text = i % 10 === 0 ? finesseUpdate(i).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : finesseUpdate(i);
      await publisher.session.publish(PUBSUB, node, notification(text), `item-${i}`);
    }
    const updates = () => agent.received((r) => r.stanza.name === 'message' && r.stanza.attrs.from === PUBSUB && r.wire.includes('Update'));
    await until('100 notifications', () => updates().length >= 100);
    await new Promise((r) => setTimeout(r, 300));
    const got = updates();
    assert.equal(got.length, 100, 'no duplicates');
    got.forEach((r, k) => {
      const update = r.stanza.getChild('event')!.getChild('items')!.getChild('item')!.getChild('notification')!.getChild('Update');
      assert.ok(update, `notification ${k + 1} decoded into an <Update> element`);
      assert.equal(update.getChild('data')!.getChild('user')!.getChildText('reasonCodeId'), String(k + 1), 'in publishing order');
      assert.equal(r.layers, (k + 1) % 10 === 0 ? 2 : 1);
    });

    // Transcript lines (`RECV ws=1 …`) read back through the finder decode to the same documents.
    const transcript = got.map(transcriptLine).join('\n');
    assert.match(transcript.split('\n')[0], /^\S+Z RECV ws=1 <message /);
    const back = findInText(transcript).map(decodeFragment);
    assert.equal(back.length, 100);
    assert.equal(back[0].dialect, 'transcript');
    assert.equal(back[0].direction, 'received');
    assert.ok(back.every((d, k) => decodedXml(d).includes(`<reasonCodeId>${k + 1}</reasonCodeId>`)));
    await agent.session.unsubscribe(PUBSUB, node, agentJid);
  });

  it('answers pings and keeps itself alive with pings of its own at the keepalive interval', async () => {
    const alice = await connect(session({ url: prosody.wsUrl, jid: adminJid, resource: 'alice', password: ADMIN.password }));
    const agent = session({ url: prosody.wsUrl, jid: agentJid, resource: 'kept', password: AGENT.password, websocket: { pingIntervalMs: 300 } });
    const wrappers: string[] = [];
    agent.session.on('wrapper', (w) => wrappers.push(`${w.direction} ${w.tag}`));
    await connect(agent);
    const ping = new XmlElement('iq', { type: 'get', to: agent.session.jid! });
    ping.c('ping', { xmlns: 'urn:xmpp:ping' });
    assert.equal((await alice.session.iq(ping)).attrs.type, 'result');
    await until('three keepalive pings answered', () => wrappers.filter((w) => /^received <iq [^>]*id="ka-1-\d+"/.test(w)).length >= 3, 5000);
    assert.ok(wrappers.some((w) => /^sent <iq [^>]*type="get"[^>]*><ping xmlns="urn:xmpp:ping"\/><\/iq>$/.test(w)), wrappers.join('\n'));
    assert.ok(!agent.stanzas.some((s) => s.wire.includes('ka-1-')), 'keepalives are binding traffic, not stanzas of the session');
    assert.equal(agent.session.state, 'online');
  });

  it('a socket that stops answering is detected within the keepalive interval and reconnected, with the gap reported', async () => {
    const proxy = new TcpProxy(prosody.httpPort);
    await proxy.start();
    try {
      const url = `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
      const agent = await connect(session({ url, jid: agentJid, resource: 'stalled', password: AGENT.password, reconnect: true, websocket: { pingIntervalMs: 600 } }));
      const stalledAt = Date.now();
      proxy.stall();
      await until('the dead socket to be noticed', () => agent.notices.some((n) => /keepalive pings in a row went unanswered/.test(n.text)), 5000);
      assert.ok(Date.now() - stalledAt < 600 * 2 + 500, `noticed ${Date.now() - stalledAt} ms after the stall (interval 600 ms)`);
      proxy.resume();
      await until('reconnection', () => agent.session.state === 'online' && /^WebSocket connection 2/.test(agent.session.transportLabel), 15_000);
      const gap = agent.notices.find((n) => /^reconnected as /.test(n.text))!;
      assert.match(gap.text, /after \d+\.\d s without a connection: nothing sent to 1001@localhost between \S+Z and \S+Z is replayed \(no stream management\)/);
      assert.equal(gap.level, 'warning');
    } finally {
      await proxy.close();
    }
  });

  it('a dropped socket mid-session: reconnects, says how long the gap was, and delivers what was sent meanwhile', async () => {
    const proxy = new TcpProxy(prosody.httpPort);
    await proxy.start();
    try {
      const url = `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
      const agent = await connect(session({ url, jid: agentJid, resource: 'dropped', password: AGENT.password, reconnect: true }));
      proxy.drop();
      await until('the drop to be noticed', () => agent.notices.some((n) => /session ended: the WebSocket to 127\.0\.0\.1:\d+ closed without a <close\/>/.test(n.text)), 5000);
      await until('reconnection', () => agent.session.state === 'online' && /^WebSocket connection 2/.test(agent.session.transportLabel), 15_000);
      assert.ok(agent.notices.some((n) => /reconnected as 1001@localhost\/dropped \(WebSocket connection 2, stream id \S+\) after \d+\.\d s/.test(n.text)));
      const m = new XmlElement('message', { to: `${agentJid}/dropped`, type: 'chat' });
      m.c('body').t('after the drop');
      agent.session.send(m);
      await until('the message to come back', () => agent.received((r) => r.stanza.getChildText('body') === 'after the drop' && r.connection === '2').length === 1);
    } finally {
      await proxy.close();
    }
  });

  it('Disconnect sends unavailable presence and <close/>, and the server answers with its own <close/>', async () => {
    const agent = session({ url: prosody.wsUrl, jid: agentJid, password: AGENT.password });
    const wrappers: string[] = [];
    agent.session.on('wrapper', (w) => wrappers.push(`${w.direction} ${w.tag}`));
    await agent.session.connect();
    await agent.session.disconnect();
    assert.equal(agent.session.state, 'closed');
    assert.equal(agent.states.at(-1)![1], 'disconnected');
    const sentPresence = agent.stanzas.filter((s) => s.direction === 'sent' && s.stanza.name === 'presence').at(-1)!;
    assert.equal(sentPresence.stanza.attrs.type, 'unavailable');
    assert.ok(wrappers.includes('sent <close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'), wrappers.join('\n'));
    assert.ok(wrappers.some((w) => /^received <close xmlns="urn:ietf:params:xml:ns:xmpp-framing"\/>$/.test(w)), wrappers.join('\n'));
  });

  it('a stream error from the server (another login with the same resource) ends the session with its condition', async () => {
    const first = await connect(session({ url: prosody.wsUrl, jid: agentJid, resource: 'twice', password: AGENT.password, reconnect: true }));
    await connect(session({ url: prosody.wsUrl, jid: agentJid, resource: 'twice', password: AGENT.password }));
    await until('the first session to close', () => first.session.state === 'closed', 10_000);
    assert.match(first.states.at(-1)![1], /stream error: conflict/);
    assert.ok(!first.states.some(([s]) => s === 'reconnecting'), 'a replaced session does not fight back');
  });

  describe('TLS on wss://', () => {
    it('an untrusted self-signed certificate ends at once with the fingerprint to trust', async () => {
      const r = session({ url: prosody.wssUrl, jid: agentJid, password: AGENT.password });
      await assert.rejects(r.session.connect(), (e: Error) => {
        assert.match(e.message, /certificate of localhost:\d+ is self-signed/);
        assert.ok(e.message.includes(prosody.fingerprint), e.message);
        return true;
      });
      assert.equal(r.session.state, 'closed');
    });

    it('connects with the pinned fingerprint and refuses another one before sending a byte', async () => {
      const ok = await connect(session({ url: prosody.wssUrl, jid: agentJid, password: AGENT.password, trust: { fingerprint: prosody.fingerprint } }));
      assert.equal(ok.session.state, 'online');
      const other = '00'.repeat(32);
      const r = session({ url: prosody.wssUrl, jid: agentJid, password: AGENT.password, trust: { fingerprint: other } });
      await assert.rejects(r.session.connect(), /presented a certificate with SHA-256 fingerprint .* not the trusted 00:00/);
      assert.equal(r.stanzas.length, 0);
    });

    it('connects when the certificate file is trusted for this connection', async () => {
      const r = await connect(session({ url: prosody.wssUrl, jid: agentJid, password: AGENT.password, trust: { caFile: prosody.certFile } }));
      assert.equal(r.session.state, 'online');
    });
  });

  describe('refused upgrades', () => {
    it('a 404 on a wrong path says the URL is wrong', async () => {
      const r = session({ url: `ws://127.0.0.1:${prosody.httpPort}/ws/`, jid: agentJid, password: AGENT.password });
      await assert.rejects(r.session.connect(), /answered HTTP 404.* instead of upgrading to a WebSocket: no XMPP WebSocket endpoint at this path: check the URL/);
    });

    it('a 200 HTML page (a login page at the URL) says the URL is wrong', async () => {
      const port = await freePort();
      const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Cisco Finesse</title></head><body>Sign in</body></html>'));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      try {
        const r = session({ url: `ws://127.0.0.1:${port}/desktop/`, jid: agentJid, password: AGENT.password });
        await assert.rejects(r.session.connect(), /answered HTTP 200 with an HTML page \("Cisco Finesse"\) instead of upgrading to a WebSocket: no XMPP WebSocket endpoint at this path/);
        assert.equal(r.session.state, 'closed');
      } finally {
        server.close();
      }
    });

    it('nothing listening says so', async () => {
      const port = await freePort();
      const r = session({ url: `ws://127.0.0.1:${port}/ws`, jid: agentJid, password: AGENT.password });
      await assert.rejects(r.session.connect(), /could not open a WebSocket to 127\.0\.0\.1:\d+: nothing listens on 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    });
  });
});
