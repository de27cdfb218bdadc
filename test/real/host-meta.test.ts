// XEP-0156 discovery against a real ejabberd 23.01 serving mod_host_meta on a TLS listener, then a
// login on each URL it announced, with its self-signed certificate trusted by fingerprint.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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

  it('bosh-inspect discover prints the URLs, and without the fingerprint exits 1 naming it', async () => {
    const refused = await cli(['discover', ejabberd.httpsOrigin]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`TLS failure: .*self-signed[\\s\\S]*--fingerprint ${fingerprint}`));
    const ok = await cli(['discover', '--json', '--fingerprint', fingerprint, `localhost:${ejabberd.httpsPort}`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(ok.stdout.trim().split('\n').map((l) => JSON.parse(l).url), [`wss://localhost:${ejabberd.httpsPort}/ws`, `https://localhost:${ejabberd.httpsPort}/http-bind`]);
  });

  it('logs in on each announced URL with the same trusted fingerprint', async () => {
    const found = await discoverConnections(ejabberd.httpsOrigin, { trustFor: () => ({ fingerprint }) });
    for (const c of found.connections) {
      const s = new XmppSession({ url: c.url, jid: `${USER.user}@${EJABBERD_DOMAIN}`, resource: `discovered-${c.kind}`, password: USER.password, trust: { fingerprint }, reconnect: false });
      try {
        await s.connect().catch((e: Error) => {
          // What ejabberd wrote about it is the only account of why; it goes with the failure.
          const log = readFileSync(ejabberd.logPath, 'utf8').split('\n').slice(-60).join('\n');
          throw new Error(`${c.url}: ${e.message}\n--- ejabberd.log (last 60 lines) ---\n${log}`);
        });
        assert.equal(s.state, 'online', c.url);
        assert.equal(s.transportKind, c.kind);
        assert.equal(s.jid, `${USER.user}@${EJABBERD_DOMAIN}/discovered-${c.kind}`);
      } finally {
        await s.disconnect();
      }
    }
  });
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

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
