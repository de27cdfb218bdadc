import assert from 'node:assert/strict';
import { BoshClient } from '../../src/core/bosh/client';
import { XmlElement } from '../../src/core/xml/element';
import { SaslError } from '../../src/core/sasl/scram';
import { transcriptLine } from '../../src/core/xmpp/stanza-record';
import { findInText } from '../../src/core/find/finder';
import { decodeFragment, decodedXml } from '../../src/core/decode';
import { ADMIN, AGENT, DOMAIN, PUBSUB, SHA1_DOMAIN } from './prosody';
import { privateProsody, session, until } from './live-session';
import { finesseUpdate, notification } from './finesse-payloads';

const agentJid = `${AGENT.user}@${DOMAIN}`;
const adminJid = `${ADMIN.user}@${DOMAIN}`;

describe('live BOSH sessions against Prosody', function () {
  const { prosody, connect } = privateProsody();

  describe('SASL', () => {
    it('logs in with SCRAM-SHA-256 when the server stores SHA-256 hashes, and the payloads are redacted', async () => {
      const r = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'scram256', password: AGENT.password }));
      assert.equal(r.session.jid, `${agentJid}/scram256`);
      assert.ok(r.notices.some((n) => n.text.includes('with SCRAM-SHA-256')));
      const auth = r.stanzas.find((s) => s.stanza.name === 'auth')!;
      assert.equal(auth.wire, '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-256">[redacted]</auth>');
      const everything = r.stanzas.map((s) => s.wire).join('\n');
      assert.ok(!everything.includes(Buffer.from(`n=${AGENT.user}`).toString('base64').slice(0, 8)), 'no SCRAM data in the records');
    });

    it('logs in with SCRAM-SHA-1 on a host that stores SHA-1 hashes', async () => {
      const r = await connect(session({ url: prosody.httpUrl, jid: `${AGENT.user}@${SHA1_DOMAIN}`, password: AGENT.password }));
      assert.ok(r.notices.some((n) => n.text.includes('with SCRAM-SHA-1 ')), r.notices.map((n) => n.text).join('\n'));
      assert.equal(r.session.state, 'online');
    });

    it('logs in with PLAIN over http only when the profile allows it, and never shows the password', async () => {
      await assert.rejects(
        session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password, mechanisms: ['PLAIN'] }).session.connect(),
        /readable over plain http/,
      );
      const r = await connect(session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password, mechanisms: ['PLAIN'], allowPlainOverHttp: true }));
      assert.equal(r.session.state, 'online');
      const plainB64 = Buffer.from(`\0${AGENT.user}\0${AGENT.password}`).toString('base64');
      for (const s of r.stanzas) assert.ok(!s.wire.includes(plainB64) && !s.wire.includes(AGENT.password));
    });

    it('a wrong password ends with not-authorized in words', async () => {
      const r = session({ url: prosody.httpUrl, jid: agentJid, password: 'wrong' });
      await assert.rejects(r.session.connect(), (e: SaslError) => {
        assert.equal(e.condition, 'not-authorized');
        assert.match(e.message, /not-authorized — the user name or password is wrong/);
        return true;
      });
      assert.equal(r.session.state, 'closed');
    });
  });

  it('receives 100 Finesse notifications with escaped payloads in order, none lost or duplicated, each decoded', async () => {
    const node = `/finesse/api/User/${AGENT.user}`;
    const publisher = await connect(session({ url: prosody.httpUrl, jid: adminJid, resource: 'finesse', password: ADMIN.password }));
    const agent = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'desktop', password: AGENT.password }));
    await publisher.session.createNode(PUBSUB, node);
    // As Finesse does: the service's admin subscribes the agent.
    await publisher.session.subscribe(PUBSUB, node, agentJid);
    for (let i = 1; i <= 100; i++) {
      // Every tenth payload escaped twice, as some captures show.
      const text = i % 10 === 0 ? finesseUpdate(i).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : finesseUpdate(i);
      await publisher.session.publish(PUBSUB, node, notification(text), `item-${i}`);
    }
    const updates = () => agent.received((r) => r.stanza.name === 'message' && r.stanza.attrs.from === PUBSUB && r.wire.includes('Update'));
    await until('100 notifications', () => updates().length >= 100).catch((e) => { throw new Error(`${e.message}: got ${updates().length}; last: ${agent.stanzas.slice(-3).map((s) => s.wire).join('\n')}`); });
    await new Promise((r) => setTimeout(r, 300));
    const got = updates();
    assert.equal(got.length, 100, 'no duplicates');
    got.forEach((r, k) => {
      const update = r.stanza.getChild('event')!.getChild('items')!.getChild('item')!.getChild('notification')!.getChild('Update');
      assert.ok(update, `notification ${k + 1} decoded into an <Update> element`);
      assert.equal(update.getChild('data')!.getChild('user')!.getChildText('reasonCodeId'), String(k + 1), 'in publishing order');
      assert.equal(r.layers, (k + 1) % 10 === 0 ? 2 : 1);
    });
    const rids = got.map((r) => r.rid!);
    assert.deepEqual(rids, [...rids].sort((a, b) => a - b), 'in rid order');

    // The transcript lines read back through the finder decode to the same documents.
    const transcript = got.map(transcriptLine).join('\n');
    const back = findInText(transcript).map(decodeFragment);
    assert.equal(back.length, 100);
    assert.equal(back[0].dialect, 'transcript');
    assert.equal(back[0].direction, 'received');
    assert.ok(back.every((d, k) => decodedXml(d).includes(`<reasonCodeId>${k + 1}</reasonCodeId>`)));

    await agent.session.unsubscribe(PUBSUB, node, agentJid);
  });

  it('receives chat messages in order and answers pings', async () => {
    const alice = await connect(session({ url: prosody.httpUrl, jid: adminJid, resource: 'alice', password: ADMIN.password }));
    const agent = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'chat', password: AGENT.password }));
    for (let i = 1; i <= 30; i++) {
      const m = new XmlElement('message', { to: agent.session.jid!, type: 'chat', id: `m${i}` });
      m.c('body').t(`hello ${i} <b>&amp;</b>`);
      alice.session.send(m);
    }
    const chats = () => agent.received((r) => r.stanza.name === 'message' && r.stanza.attrs.type === 'chat');
    await until('30 chat messages', () => chats().length >= 30);
    assert.deepEqual(
      chats().map((r) => r.stanza.getChildText('body')),
      Array.from({ length: 30 }, (_, i) => `hello ${i + 1} <b>&amp;</b>`),
    );

    const ping = new XmlElement('iq', { type: 'get', to: agent.session.jid! });
    ping.c('ping', { xmlns: 'urn:xmpp:ping' });
    const pong = await alice.session.iq(ping);
    assert.equal(pong.attrs.type, 'result');
    assert.ok(agent.stanzas.some((r) => r.direction === 'sent' && r.stanza.name === 'iq' && r.stanza.attrs.type === 'result' && r.stanza.attrs.id === ping.attrs.id));

    const unknown = new XmlElement('iq', { type: 'get', to: agent.session.jid! });
    unknown.c('query', { xmlns: 'jabber:iq:version' });
    await assert.rejects(alice.session.iq(unknown), /service-unavailable/);

    const serverPing = new XmlElement('iq', { type: 'get', to: DOMAIN });
    serverPing.c('ping', { xmlns: 'urn:xmpp:ping' });
    assert.equal((await agent.session.iq(serverPing)).attrs.type, 'result');
  });

  it('refuses malformed or non-stanza text with a clear message', async () => {
    const r = await connect(session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password }));
    assert.throws(() => r.session.send('<message><body>unclosed</message>'), /found where <\/body> was expected/);
    assert.throws(() => r.session.send('<body/>'), /not a stanza/);
  });

  describe('TLS', () => {
    it('an untrusted self-signed certificate ends at once with the fingerprint to trust', async () => {
      const r = session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password });
      await assert.rejects(r.session.connect(), (e: Error) => {
        assert.match(e.message, /certificate of localhost:\d+ is self-signed/);
        assert.ok(e.message.includes(prosody.fingerprint), e.message);
        return true;
      });
    });

    it('the end of a session refused for its certificate carries the fingerprint to trust', async () => {
      const bosh = new BoshClient({ url: prosody.httpsUrl, to: DOMAIN });
      const ended = new Promise<Error>((r) => bosh.on('terminated', r));
      await assert.rejects(bosh.start(), /self-signed/);
      const cause = (await ended).cause as { fingerprint?: string } | undefined;
      assert.equal(cause?.fingerprint, prosody.fingerprint);
    });

    it('connects when the certificate file is trusted for this connection', async () => {
      const r = await connect(session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password, trust: { caFile: prosody.certFile } }));
      assert.equal(r.session.state, 'online');
    });

    it('connects when the exact fingerprint is trusted, and refuses another fingerprint', async () => {
      const r = await connect(session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password, trust: { fingerprint: prosody.fingerprint } }));
      assert.equal(r.session.state, 'online');
      const wrong = prosody.fingerprint.replace(/^../, (h) => (h === 'AA' ? 'BB' : 'AA'));
      await assert.rejects(session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password, trust: { fingerprint: wrong } }).session.connect(), /not the trusted/);
    });

    it('trusting one connection changes nothing for the others', async () => {
      await connect(session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password, trust: { fingerprint: prosody.fingerprint } }));
      await assert.rejects(session({ url: prosody.httpsUrl, jid: agentJid, password: AGENT.password }).session.connect(), /self-signed/);
    });
  });

  describe('terminate conditions', () => {
    it('a domain the server does not serve: the condition in words, naming the domain', async () => {
      // Prosody says improper-addressing here; other servers say host-unknown.
      await assert.rejects(
        session({ url: prosody.httpUrl, jid: `${AGENT.user}@nowhere.example`, password: 'x' }).session.connect(),
        /(improper-addressing|host-unknown): .*\(the session request asked for to='nowhere.example'\)/,
      );
    });

    it('item-not-found: a sid the server does not know', async () => {
      const c = new BoshClient({ url: prosody.httpUrl, to: DOMAIN });
      await c.start();
      // Hand-made request with a forged sid, as a client resuming after a server restart would send.
      const res = await fetch(prosody.httpUrl, { method: 'POST', body: `<body xmlns='http://jabber.org/protocol/httpbind' rid='1' sid='no-such-session'/>` });
      const text = await res.text();
      assert.match(text, /type=['"]terminate['"]/);
      assert.match(text, /condition=['"]item-not-found['"]/);
      await c.terminate();
    });

    it('a URL that is not a BOSH endpoint is named as such', async () => {
      await assert.rejects(
        session({ url: prosody.httpUrl.replace('/http-bind', '/nothing-here'), jid: agentJid, password: 'x' }).session.connect(),
        /HTTP 404 .*no BOSH connection manager answers at this URL/,
      );
    });

    it('remote-stream-error names the stream error inside the <body> (another login with the same resource: conflict)', async () => {
      const first = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'replaced', password: AGENT.password, reconnect: true }));
      const second = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'replaced', password: AGENT.password }));
      try {
        await until('the first session to close', () => first.session.state === 'closed', 15_000);
        assert.match(first.states.at(-1)![1], /remote-stream-error: the XMPP server ended the stream with a stream error: conflict/);
        assert.ok(!first.states.some(([s]) => s === 'reconnecting'), 'a replaced session does not fight back');
      } finally {
        await second.session.disconnect();
      }
    });

    it('Disconnect sends unavailable presence inside the terminate request', async () => {
      const r = await connect(session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password }));
      const wrappers: string[] = [];
      r.session.on('wrapper', (w) => wrappers.push(w.tag));
      await r.session.disconnect();
      assert.ok(r.stanzas.some((s) => s.direction === 'sent' && s.stanza.name === 'presence' && s.stanza.attrs.type === 'unavailable'));
      assert.ok(wrappers.some((t) => t.includes('type="terminate"')));
      assert.equal(r.session.state, 'closed');
    });
  });

  describe('server killed and restarted mid-session', () => {
    it('with reconnect on: reports, starts a fresh session and delivers what was queued', async () => {
      const agent = await connect(session({ url: prosody.httpUrl, jid: agentJid, resource: 'survivor', password: AGENT.password, reconnect: true }));
      const firstSid = agent.session.sid;
      await prosody.stop('SIGTERM');
      // Sent while the server is down: must not vanish.
      const m = new XmlElement('message', { to: agentJid + '/survivor', type: 'chat' });
      m.c('body').t('sent while the server was down');
      agent.session.send(m);
      await until('the loss to be noticed', () => agent.notices.some((n) => /lost|ECONNREFUSED|ECONNRESET|hang up/.test(n.text)));
      await prosody.start();
      await until('reconnection', () => agent.session.state === 'online' && agent.session.sid !== firstSid, 45_000);
      assert.ok(agent.states.some(([s]) => s === 'reconnecting'));
      assert.ok(agent.notices.some((n) => /session ended: (item-not-found|connection-lost)/.test(n.text)), agent.notices.map((n) => n.text).join('\n'));
      await until('the queued message to arrive', () => agent.received((r) => r.stanza.getChildText('body') === 'sent while the server was down').length === 1);
    });

    it('with reconnect on: a failed try is not the end, and a later one brings the session back', async () => {
      const agent = await connect(session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password, reconnect: true, bosh: { maxTries: 2, retryBaseMs: 100 } }));
      const firstSid = agent.session.sid;
      await prosody.stop('SIGKILL');
      await until('a reconnect try to fail', () => agent.notices.some((n) => /reconnect try 1 failed/.test(n.text)));
      await prosody.start();
      await until('reconnection', () => agent.session.state === 'online' && agent.session.sid !== firstSid, 45_000);
      assert.deepEqual(
        agent.states.filter(([s]) => s === 'closed'),
        [],
        'never reported closed while reconnecting',
      );
    });

    it('with reconnect off: ends with a clear reason and counts what was not delivered', async () => {
      const agent = await connect(session({ url: prosody.httpUrl, jid: agentJid, password: AGENT.password, bosh: { maxTries: 3, retryBaseMs: 100 } }));
      await prosody.stop('SIGKILL');
      const m = new XmlElement('message', { to: adminJid, type: 'chat' });
      m.c('body').t('lost?');
      agent.session.send(m);
      await until('the session to close', () => agent.session.state === 'closed');
      const reason = agent.states.at(-1)![1];
      assert.match(reason, /stopped answering \(nothing listens there any more\): request rid=\d+ failed 3 times/);
      assert.match(reason, /\d+ stanza\(s\) were not delivered/);
      await prosody.start();
    });
  });
});
