// XEP-0156 discovery: the documents real servers write, and what a person sees when there is nothing to offer.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DiscoveryError, altConnections, discoverConnections, discoveryTarget, parseJrd, parseXrd, rankConnections,
} from '../../../src/core/xmpp/discover';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'host-meta');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('XEP-0156 host-meta documents', () => {
  it("reads ejabberd 23.01 mod_host_meta's XRD and JSON: the same two connections, WebSocket first", () => {
    for (const [name, parse, from] of [['ejabberd-23.01-host-meta.xrd', parseXrd, 'host-meta'], ['ejabberd-23.01-host-meta.json', parseJrd, 'host-meta.json']] as const) {
      const found = rankConnections(altConnections(parse(fixture(name)), from));
      assert.deepEqual(found.map((c) => [c.kind, c.url]), [
        ['websocket', 'wss://localhost:5443/ws'],
        ['bosh', 'https://localhost:5443/http-bind'],
      ], name);
    }
  });

  it("reads Prosody mod_http_altconnect's documents (href before rel, declaration glued to the root)", () => {
    const xrd = altConnections(parseXrd(fixture('prosody-altconnect-host-meta.xrd')), 'host-meta');
    const json = altConnections(parseJrd(fixture('prosody-altconnect-host-meta.json')), 'host-meta.json');
    for (const found of [xrd, json]) {
      assert.deepEqual(rankConnections(found).map((c) => c.url), ['wss://xmpp.example.org:5281/xmpp-websocket', 'https://xmpp.example.org:5281/http-bind']);
    }
  });

  it('accepts the relations of the earlier draft (urn:xmpp:altconnect:…)', () => {
    const found = altConnections(parseXrd(fixture('prosody-modules-2014-host-meta.xrd')), 'host-meta');
    assert.deepEqual(found.map((c) => c.kind).sort(), ['bosh', 'websocket']);
  });

  it('ignores links of other relations and leaves out an href whose scheme does not fit, with a note', () => {
    const notes: string[] = [];
    const xrd = `<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Subject>example.com</Subject>
      <Link rel="lrdd" template="https://example.com/lrdd?uri={uri}"/>
      <Link rel="urn:xmpp:alt-connections:xbosh" href="wss://example.com/bosh"/>
      <Link rel="urn:xmpp:alt-connections:websocket" href="ws://example.com/ws"/></XRD>`;
    const found = altConnections(parseXrd(xrd), 'host-meta', notes);
    assert.deepEqual(found.map((c) => c.url), ['ws://example.com/ws']);
    assert.match(notes.join('\n'), /xbosh names wss:\/\/example\.com\/bosh, whose scheme is not https: or http:/);
  });

  it('ranks encrypted before plain within each kind and keeps one of each URL', () => {
    const links = [
      { rel: 'urn:xmpp:alt-connections:xbosh', href: 'http://e.com/http-bind' },
      { rel: 'urn:xmpp:alt-connections:websocket', href: 'ws://e.com/ws' },
      { rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://e.com/http-bind' },
      { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://e.com/ws' },
      { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://e.com/ws' },
    ];
    assert.deepEqual(rankConnections(altConnections(links, 'host-meta')).map((c) => c.url), ['wss://e.com/ws', 'ws://e.com/ws', 'https://e.com/http-bind', 'http://e.com/http-bind']);
  });

  it('says an HTML page is not an XRD document', () => {
    assert.throws(() => parseXrd('<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>It works!<br></p></body></html>'), (e: DiscoveryError) => e.reason === 'not-xrd' && /HTML page/.test(e.message));
    assert.throws(() => parseXrd('<feed xmlns="http://www.w3.org/2005/Atom"/>'), /root element is <feed>, not <XRD>/);
    assert.throws(() => parseJrd('{"subject": "x", "links": "none"}'), /no "links" list/);
  });
});

describe('what the user typed', () => {
  it('takes the domain of a JID, a bare domain, host:port or an https origin', () => {
    const jid = discoveryTarget('47483648@fin1.ucce.local/desktop');
    assert.equal(jid.domain, 'fin1.ucce.local');
    assert.equal(jid.local, '47483648');
    assert.equal(jid.origin.href, 'https://fin1.ucce.local/');
    assert.equal(discoveryTarget('Example.COM').origin.href, 'https://example.com/');
    assert.equal(discoveryTarget('localhost:5443').origin.href, 'https://localhost:5443/');
    assert.equal(discoveryTarget('https://localhost:5443/anything').origin.href, 'https://localhost:5443/');
  });

  it('refuses plain http (a document could be forged on the way) and what is neither domain nor JID', () => {
    assert.throws(() => discoveryTarget('http://example.com'), /https only/);
    assert.throws(() => discoveryTarget('@example.com'), /neither a domain nor a JID/);
    assert.throws(() => discoveryTarget('two words'), /neither a domain nor a JID/);
    assert.throws(() => discoveryTarget('  '), /give a domain/);
  });
});

describe('discoverConnections over HTTPS', function () {
  this.timeout(20_000);
  let dir: string;
  let server: https.Server;
  let origin: string;
  let fingerprint: string;
  /** path → [status, content type, body, extra headers] */
  let routes: Record<string, [number, string, string, Record<string, string>?]>;
  /** `path accept` of each request the server got. */
  let requests: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-discover-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    ], { stdio: 'pipe' });
    fingerprint = new X509Certificate(readFileSync(join(dir, 'cert.pem'))).fingerprint256;
    server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      requests.push(`${req.url} ${req.headers.accept}`);
      const r = routes[req.url ?? ''];
      if (!r) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      res.writeHead(r[0], { 'content-type': r[1], ...(r[3] ?? {}) }).end(r[2]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    routes = {};
    requests = [];
  });

  const trusted = () => ({ trustFor: () => ({ fingerprint }) });

  it('refuses a self-signed certificate, giving its fingerprint, and reads the documents once that one is trusted', async () => {
    routes['/.well-known/host-meta'] = [200, 'application/xrd+xml', fixture('ejabberd-23.01-host-meta.xrd')];
    await assert.rejects(discoverConnections(origin), (e: DiscoveryError) => {
      assert.equal(e.reason, 'tls');
      assert.match(e.message, /^TLS failure: the certificate of localhost:\d+ is self-signed/);
      assert.equal(e.certificate?.fingerprint, fingerprint);
      return true;
    });
    const found = await discoverConnections(origin, trusted());
    assert.deepEqual(found.connections.map((c) => c.url), ['wss://localhost:5443/ws', 'https://localhost:5443/http-bind']);
    assert.match(found.notes.join('\n'), /host-meta\.json: HTTP 404/);
  });

  it('never trusts another certificate than the pinned one', async () => {
    routes['/.well-known/host-meta'] = [200, 'application/xrd+xml', fixture('ejabberd-23.01-host-meta.xrd')];
    const other = 'AB:'.repeat(31) + 'AB';
    await assert.rejects(discoverConnections(origin, { trustFor: () => ({ fingerprint: other }) }), (e: DiscoveryError) => e.reason === 'tls' && e.message.includes(`not the trusted ${other}`));
  });

  it('asks each document for its own media type and merges what both announce', async () => {
    routes['/.well-known/host-meta'] = [200, 'application/xrd+xml', '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="urn:xmpp:alt-connections:xbosh" href="https://localhost/http-bind"/></XRD>'];
    routes['/.well-known/host-meta.json'] = [200, 'application/json', '{"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":"wss://localhost/ws"}]}'];
    const found = await discoverConnections(origin, trusted());
    assert.deepEqual(found.connections.map((c) => [c.url, c.from]), [['wss://localhost/ws', 'host-meta.json'], ['https://localhost/http-bind', 'host-meta']]);
    assert.deepEqual(requests.sort(), ['/.well-known/host-meta application/xrd+xml', '/.well-known/host-meta.json application/json']);
  });

  it('says "no host-meta" when both documents are 404', async () => {
    await assert.rejects(discoverConnections(origin, trusted()), (e: DiscoveryError) => e.reason === 'no-host-meta' && /^no host-meta: .*answered 404/.test(e.message) && /give the URL yourself/.test(e.message));
  });

  it('says "not an XRD document" for a web page served on the path', async () => {
    routes['/.well-known/host-meta'] = [200, 'text/html', '<!DOCTYPE html><html><body>Welcome to nginx!<hr></body></html>'];
    await assert.rejects(discoverConnections(origin, trusted()), (e: DiscoveryError) => e.reason === 'not-xrd' && /not an XRD document.*HTML page/.test(e.message));
  });

  it('says there are no XMPP links when the documents hold only others', async () => {
    routes['/.well-known/host-meta'] = [200, 'application/xrd+xml', '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="lrdd" type="application/xrd+xml" template="https://x/lrdd?uri={uri}"/></XRD>'];
    routes['/.well-known/host-meta.json'] = [200, 'application/json', '{"links":[]}'];
    await assert.rejects(discoverConnections(origin, trusted()), (e: DiscoveryError) => e.reason === 'no-links' && /announces no XMPP WebSocket or BOSH URL/.test(e.message));
  });

  it('follows a redirect within https and refuses one to plain http', async () => {
    routes['/.well-known/host-meta'] = [301, 'text/plain', '', { location: '/xmpp/host-meta' }];
    routes['/xmpp/host-meta'] = [200, 'application/xrd+xml', fixture('prosody-altconnect-host-meta.xrd')];
    routes['/.well-known/host-meta.json'] = [302, 'text/plain', '', { location: 'http://localhost/host-meta.json' }];
    const found = await discoverConnections(origin, trusted());
    assert.deepEqual(found.connections.map((c) => c.url), ['wss://xmpp.example.org:5281/xmpp-websocket', 'https://xmpp.example.org:5281/http-bind']);
    assert.match(found.notes.join('\n'), /redirects to http:\/\/localhost\/host-meta\.json, which is not https: not followed/);
  });

  it('says when nothing listens', async () => {
    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(discoverConnections(`https://127.0.0.1:${port}`), (e: DiscoveryError) => e.reason === 'network' && /nothing listens on 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/.test(e.message));
  });
});
