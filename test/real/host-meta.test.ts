// XEP-0156 discovery against a real ejabberd 23.01 serving mod_host_meta on a TLS listener, then a
// login on each URL it announced, with its self-signed certificate trusted by fingerprint.
import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import { join } from 'node:path';
import { DiscoveryError, discoverConnections } from '../../src/core/xmpp/discover';
import { XmppSession } from '../../src/core/xmpp/session';
import { EJABBERD_DOMAIN, Ejabberd } from './ejabberd-server';

const USER = { user: 'discoverer', password: 'discover-pass' };
const FIXTURES = join(__dirname, '..', 'fixtures', 'host-meta');

describe('XEP-0156 discovery against ejabberd 23.01 mod_host_meta', function () {
  const ejabberd = new Ejabberd({ hostMeta: true, logLevel: 'info' });
  let fingerprint: string;

  before(async function () {
    this.timeout(60_000);
    await ejabberd.start();
    await ejabberd.register(USER.user, USER.password);
    fingerprint = new X509Certificate(readFileSync(ejabberd.certFile)).fingerprint256;
  });
  after(async () => {
    await ejabberd.dispose();
  });

  it('serves exactly the documents kept as fixtures (but for the port)', async () => {
    for (const [path, file] of [['/.well-known/host-meta', 'ejabberd-23.01-host-meta.xrd'], ['/.well-known/host-meta.json', 'ejabberd-23.01-host-meta.json']]) {
      const body = await getUnverified(`${ejabberd.httpsOrigin}${path}`);
      assert.equal(body.replaceAll(`:${ejabberd.httpsPort}/`, ':5443/'), readFileSync(join(FIXTURES, file), 'utf8'), path);
    }
  });

  it('stops at the self-signed certificate with its fingerprint, then offers WebSocket before BOSH once it is trusted', async () => {
    await assert.rejects(discoverConnections(ejabberd.httpsOrigin), (e: DiscoveryError) => e.reason === 'tls' && e.certificate?.fingerprint === fingerprint);
    const found = await discoverConnections(`${USER.user}@localhost:${ejabberd.httpsPort}`, { trustFor: () => ({ fingerprint }) });
    assert.equal(found.local, USER.user);
    assert.deepEqual(found.connections.map((c) => [c.kind, c.url]), [
      ['websocket', `wss://localhost:${ejabberd.httpsPort}/ws`],
      ['bosh', `https://localhost:${ejabberd.httpsPort}/http-bind`],
    ]);
  });

  it('logs in on each announced URL with the same trusted fingerprint', async () => {
    const found = await discoverConnections(ejabberd.httpsOrigin, { trustFor: () => ({ fingerprint }) });
    for (const c of found.connections) {
      const s = new XmppSession({ url: c.url, jid: `${USER.user}@${EJABBERD_DOMAIN}`, resource: `discovered-${c.kind}`, password: USER.password, trust: { fingerprint }, reconnect: false });
      try {
        await s.connect();
        assert.equal(s.state, 'online', c.url);
        assert.equal(s.transportKind, c.kind);
        assert.equal(s.jid, `${USER.user}@${EJABBERD_DOMAIN}/discovered-${c.kind}`);
      } finally {
        await s.disconnect();
      }
    }
  });
});

/** The document as served, read without verifying the test certificate: only to compare bytes. */
function getUnverified(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}
