import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XmlElement } from '../../src/core/xml/element';
import { parseXml } from '../../src/core/xml/parse';
import { XmppSession } from '../../src/core/xmpp/session';

// A scripted BOSH connection manager and XMPP server in one, on loopback: just enough of
// PLAIN, stream restart and bind for an XmppSession to come online, then whatever a test says.

const BOSH = `xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams'`;
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

class ScriptedServer {
  server: Server;
  url = '';
  held: ServerResponse[] = [];
  /** Answers a terminate request; by default, empty answers to everything held, then terminate. */
  onTerminate = (res: ServerResponse) => {
    for (const h of this.held.splice(0)) reply(h, '');
    reply(res, '', `type='terminate'`);
  };
  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => this.handle(parseXml(Buffer.concat(chunks).toString('utf8')), res));
    });
  }
  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/http-bind/`;
  }
  private handle(body: XmlElement, res: ServerResponse): void {
    if (!body.attrs.sid) return reply(res, `<stream:features><mechanisms xmlns='${SASL}'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`, `sid='x1' wait='60' hold='1' requests='2'`);
    if (body.attrs.type === 'terminate') return this.onTerminate(res);
    // hold='1': a new request releases the one held before it.
    for (const h of this.held.splice(0)) reply(h, '');
    if (body.attrs['xmpp:restart']) return reply(res, `<stream:features><bind xmlns='${BIND}'/></stream:features>`);
    const first = body.getChildElements()[0];
    if (first?.name === 'auth') return reply(res, `<success xmlns='${SASL}'/>`);
    if (first?.name === 'iq' && first.getChild('bind', BIND)) {
      return reply(res, `<iq xmlns='jabber:client' type='result' id='${first.attrs.id}'><bind xmlns='${BIND}'><jid>u@localhost/r</jid></bind></iq>`);
    }
    if (first) return reply(res, '');
    this.held.push(res);
  }
  close(): Promise<void> {
    for (const h of this.held.splice(0)) h.destroy();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

function reply(res: ServerResponse, xml: string, attrs = ''): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.end(`<body ${BOSH} ${attrs}>${xml}</body>`);
}

describe('XMPP session over BOSH against a scripted server', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = new ScriptedServer();
    await server.listen();
  });
  afterEach(() => server.close());

  it('a request from the server that arrives while disconnecting is recorded and left unanswered', async () => {
    const session = new XmppSession({ url: server.url, jid: 'u@localhost', password: 'pw', allowPlainOverHttp: true });
    const received: string[] = [];
    session.on('stanza', (r) => r.direction === 'received' && received.push(r.stanza.name));
    await session.connect();
    assert.equal(session.state, 'online');
    while (server.held.length === 0) await new Promise((r) => setTimeout(r, 5));
    server.onTerminate = (res) => {
      for (const h of server.held.splice(0)) reply(h, `<iq xmlns='jabber:client' type='get' id='ping1' from='localhost'><ping xmlns='urn:xmpp:ping'/></iq>`);
      setTimeout(() => reply(res, '', `type='terminate'`), 20);
    };
    await session.disconnect();
    assert.equal(session.state, 'closed');
    assert.ok(received.includes('iq'), 'the ping was recorded');
  });

  it('a profile that cannot be used (a malformed fingerprint, an unreadable CA file) ends in closed with the reason', async () => {
    for (const trust of [{ fingerprint: 'AB:CD' }, { caFile: '/nonexistent/ca.pem' }]) {
      const session = new XmppSession({ url: server.url.replace('http:', 'https:'), jid: 'u@localhost', password: 'pw', trust });
      const states: string[] = [];
      session.on('state', (s) => states.push(s));
      await assert.rejects(session.connect(), /fingerprint|CA file/);
      assert.equal(session.state, 'closed');
      assert.deepEqual(states, ['connecting', 'closed']);
    }
  });
});
