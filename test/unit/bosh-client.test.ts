import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BoshClient } from '../../src/core/bosh/client';
import { KeySequence, sha1Hex } from '../../src/core/bosh/keys';
import { XmlElement } from '../../src/core/xml/element';
import { parseXml } from '../../src/core/xml/parse';

// A scripted connection manager on loopback: it speaks XEP-0124 over real HTTP and lets a
// test decide, request by request, what a misbehaving network or server does.

interface Held {
  body: XmlElement;
  res: ServerResponse;
}

type Hook = (body: XmlElement, req: IncomingMessage, res: ServerResponse) => boolean | void;

class ScriptedManager {
  server: Server;
  url = '';
  requests: XmlElement[] = [];
  held: Held[] = [];
  concurrent = 0;
  maxConcurrent = 0;
  hook?: Hook;
  constructor(readonly created: Record<string, string> = {}) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => this.handle(parseXml(Buffer.concat(chunks).toString('utf8')), req, res));
    });
  }
  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/http-bind/`;
  }
  private handle(body: XmlElement, req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(body);
    if (!body.attrs.sid) {
      const granted = { sid: 's1', wait: '60', hold: '1', requests: '2', inactivity: '30', ack: body.attrs.rid, maxpause: '120', ...this.created };
      return send(res, `<body xmlns='http://jabber.org/protocol/httpbind' ${attrs(granted)}/>`);
    }
    if (this.hook?.(body, req, res)) return;
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    res.on('close', () => this.concurrent--);
    if (body.attrs.type === 'terminate' || body.attrs.pause) {
      for (const h of this.held.splice(0)) send(h.res, `<body xmlns='http://jabber.org/protocol/httpbind'/>`);
      return send(res, body.attrs.type === 'terminate' ? `<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>` : `<body xmlns='http://jabber.org/protocol/httpbind'/>`);
    }
    this.held.push({ body, res });
    // hold='1': a new request releases the one held before it.
    while (this.held.length > 1) send(this.held.shift()!.res, `<body xmlns='http://jabber.org/protocol/httpbind'/>`);
  }
  /** Answers the oldest held request with these stanzas. */
  push(xml: string): void {
    const h = this.held.shift();
    assert.ok(h, 'a request is held for pushes');
    send(h.res, `<body xmlns='http://jabber.org/protocol/httpbind'>${xml}</body>`);
  }
  close(): Promise<void> {
    for (const h of this.held.splice(0)) h.res.destroy();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

function send(res: ServerResponse, xml: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.end(xml);
}

function attrs(a: Record<string, string>): string {
  return Object.entries(a)
    .map(([k, v]) => `${k}='${v}'`)
    .join(' ');
}

const until = async (what: string, cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const msg = (n: number) => {
  const m = new XmlElement('message', { to: 'a@b', id: `m${n}` });
  m.c('body').t(String(n));
  return m;
};

describe('BOSH client (XEP-0124) against a scripted connection manager', () => {
  let cm: ScriptedManager;
  let client: BoshClient;
  beforeEach(async () => {
    cm = new ScriptedManager();
    await cm.listen();
  });
  afterEach(async () => {
    await client?.terminate([], 500).catch(() => undefined);
    await cm.close();
  });

  it('asks for a session with the XEP-0206 attributes and keeps one request held', async () => {
    client = new BoshClient({ url: cm.url, to: 'fin1.ucce.local', route: 'xmpp:fin1.ucce.local:5222' });
    await client.start();
    const create = cm.requests[0];
    for (const [k, v] of Object.entries({ to: 'fin1.ucce.local', ver: '1.11', wait: '60', hold: '1', 'xmpp:version': '1.0', 'xmlns:xmpp': 'urn:xmpp:xbosh', 'xml:lang': 'en', content: 'text/xml; charset=utf-8', route: 'xmpp:fin1.ucce.local:5222' })) {
      assert.equal(create.attrs[k], v, k);
    }
    assert.ok(create.attrs.newkey && create.attrs.rid);
    assert.deepEqual({ ...client.params }, { sid: 's1', wait: 60, hold: 1, requests: 2, inactivity: 30, polling: undefined, maxpause: 120, acks: true, ver: undefined, authid: undefined });
    await until('the held request', () => cm.held.length === 1);
    const received: string[] = [];
    client.on('received', (x) => received.push(...x.stanzas.map((s) => s.getChildText('body')!)));
    cm.push(`<message xmlns='jabber:client'><body>pushed</body></message>`);
    await until('the push', () => received.length === 1);
    await until('a new held request', () => cm.held.length === 1);
  });

  it('never has more than `requests` requests open, and sends every stanza once, in order', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    for (let i = 0; i < 50; i++) client.send(msg(i));
    await until('all stanzas', () => cm.requests.flatMap((b) => b.getChildren('message')).length === 50);
    assert.ok(cm.maxConcurrent <= 2, `at most 2 open, saw ${cm.maxConcurrent}`);
    const bodies = cm.requests.flatMap((b) => b.getChildren('message')).map((m) => m.getChildText('body'));
    assert.deepEqual(bodies, Array.from({ length: 50 }, (_, i) => String(i)));
    const rids = cm.requests.map((b) => Number(b.attrs.rid));
    assert.deepEqual(rids, rids.map((_, i) => rids[0] + i), 'consecutive rids');
  });

  it('retransmits a lost request with the same rid and the same body, and gives up once the server would have dropped the session', async () => {
    await cm.close();
    cm = new ScriptedManager({ inactivity: '1', wait: '1' });
    await cm.listen();
    client = new BoshClient({ url: cm.url, to: 'x', retryBaseMs: 10, retryMaxMs: 100, maxTries: 4 });
    await client.start();
    const seen: string[] = [];
    cm.hook = (body, req) => {
      if (body.getChild('message')) {
        seen.push(body.toString());
        req.socket.destroy();
        return true;
      }
    };
    const retries: number[] = [];
    client.on('retry', (r) => retries.push(r.delayMs));
    const ended = new Promise<Error>((r) => client.on('terminated', r));
    client.send(msg(1));
    const t = await ended;
    assert.ok(seen.length > 4, `tried on past maxTries while the server could still hold the session (${seen.length})`);
    assert.ok(seen.every((s) => s === seen[0]), 'identical bodies, identical rid and key');
    assert.deepEqual(retries.slice(0, 5), [10, 20, 40, 80, 100]);
    assert.match(t.message, /stopped answering \(no answer for longer than the server keeps a silent session\): request rid=\d+ failed \d+ times/);
    assert.equal((t as { undelivered?: number }).undelivered, 1);
    assert.equal(client.undeliveredStanzas()[0].getChildText('body'), '1');
  });

  it('recovers when a retransmission gets through', async () => {
    client = new BoshClient({ url: cm.url, to: 'x', retryBaseMs: 10 });
    await client.start();
    let drops = 2;
    cm.hook = (body, req) => {
      if (body.getChild('message') && drops-- > 0) {
        req.socket.destroy();
        return true;
      }
    };
    client.send(msg(7));
    await until('delivery', () => cm.held.some((h) => h.body.getChild('message')) || cm.requests.filter((b) => b.getChild('message')).length === 3);
    assert.equal(client.state, 'open');
  });

  it('hands responses on in rid order even when they arrive out of order', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    await until('held', () => cm.held.length === 1);
    const first = cm.held[0];
    cm.hook = (body, _req, res) => {
      if (body.getChild('message')) {
        // Answer the later request first, then the earlier held one.
        send(res, `<body xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client'><body>second</body></message></body>`);
        setTimeout(() => send(first.res, `<body xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client'><body>first</body></message></body>`), 30);
        cm.held.splice(cm.held.indexOf(first), 1);
        return true;
      }
    };
    const order: string[] = [];
    client.on('received', (x) => order.push(...x.stanzas.map((s) => s.getChildText('body')!)));
    client.send(msg(1));
    await until('both', () => order.length === 2);
    assert.deepEqual(order, ['first', 'second']);
  });

  it("resends the same request after a recoverable type='error'", async () => {
    client = new BoshClient({ url: cm.url, to: 'x', retryBaseMs: 10 });
    await client.start();
    let errors = 1;
    const rids: string[] = [];
    cm.hook = (body, _req, res) => {
      if (body.getChild('message')) {
        rids.push(body.attrs.rid);
        if (errors-- > 0) {
          send(res, `<body xmlns='http://jabber.org/protocol/httpbind' type='error'/>`);
          return true;
        }
      }
    };
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n));
    client.send(msg(1));
    await until('the resend', () => rids.length === 2);
    assert.equal(rids[0], rids[1]);
    assert.match(notices[0], /recoverable binding error.*resent with their original rid/);
  });

  it('explains terminal conditions and the legacy HTTP error binding in words', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    cm.hook = (body, _req, res) => {
      if (body.getChild('message')) {
        res.writeHead(404).end();
        return true;
      }
    };
    const ended = new Promise<Error>((r) => client.on('terminated', r));
    client.send(msg(1));
    assert.match((await ended).message, /HTTP 404 \(legacy error binding\) — item-not-found: the server no longer knows this session: it timed out after 30 s of inactivity/);

    const cm2 = new ScriptedManager();
    await cm2.listen();
    const c2 = new BoshClient({ url: cm2.url, to: 'x' });
    await c2.start();
    cm2.hook = (body, _req, res) => {
      if (body.getChild('message')) {
        send(res, `<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='policy-violation'/>`);
        return true;
      }
    };
    const ended2 = new Promise<Error>((r) => c2.on('terminated', r));
    c2.send(msg(1));
    assert.match((await ended2).message, /policy-violation: the client broke the session rules/);
    await cm2.close();
  });

  it('sends keys that hash to the previous key, switching sequences with newkey', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    for (let i = 0; i < 5; i++) client.send(msg(i));
    await until('requests', () => cm.requests.length >= 4);
    let previous = cm.requests[0].attrs.newkey;
    for (const b of cm.requests.slice(1)) {
      assert.equal(sha1Hex(b.attrs.key), previous, `rid ${b.attrs.rid}`);
      previous = b.attrs.newkey ?? b.attrs.key;
    }
  });

  it('a key sequence announces a fresh one with its last key', () => {
    const keys = new KeySequence(3);
    let prev = keys.start().newkey;
    let switched = 0;
    for (let i = 0; i < 10; i++) {
      const k = keys.next();
      assert.equal(sha1Hex(k.key), prev);
      if (k.newkey) switched++;
      prev = k.newkey ?? k.key;
    }
    assert.equal(switched, 5);
  });

  it('acknowledges responses received out of order and resends a request the server reports lost', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    await until('held', () => cm.held.length === 1);
    const held = cm.held.shift()!;
    // The server says its response to the held request never arrived: the client asks again.
    let resent = false;
    cm.hook = (body) => {
      if (body.attrs.rid === held.body.attrs.rid) resent = true;
    };
    client.send(msg(1));
    await until('request with the message', () => cm.held.some((h) => h.body.getChild('message')));
    const withMsg = cm.held.find((h) => h.body.getChild('message'))!;
    // The held request is unanswered, so the highest rid answered in order is the one before it.
    assert.equal(Number(withMsg.body.attrs.ack), Number(held.body.attrs.rid) - 1);
    cm.held.splice(cm.held.indexOf(withMsg), 1);
    send(withMsg.res, `<body xmlns='http://jabber.org/protocol/httpbind' report='${held.body.attrs.rid}' time='1200'/>`);
    await until('the reported request to be resent', () => resent);
    // Resent once: dropping the unanswered original must not count as a lost try of its own.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(cm.requests.filter((b) => b.attrs.rid === held.body.attrs.rid).length, 2, 'the original and one resend');
    held.res.destroy();
  });

  it('a terminate answering an earlier request still hands on the stanzas that arrived after it', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    await until('held', () => cm.held.length === 1);
    const first = cm.held.shift()!;
    cm.hook = (body, _req, res) => {
      if (body.getChild('message')) {
        // The later request is answered with a stanza first, then the earlier one with terminate.
        send(res, `<body xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client'><body>before the end</body></message></body>`);
        setTimeout(() => send(first.res, `<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='system-shutdown'/>`), 30);
        return true;
      }
    };
    const order: string[] = [];
    client.on('received', (x) => order.push(x.body.attrs.type === 'terminate' ? 'terminate' : x.stanzas.map((s) => s.getChildText('body')).join()));
    const ended = new Promise<Error>((r) => client.on('terminated', r));
    client.send(msg(1));
    await ended;
    assert.deepEqual(order, ['terminate', 'before the end']);
  });

  it('pause asks the server to keep the session and resumes with a new request', async () => {
    client = new BoshClient({ url: cm.url, to: 'x' });
    await client.start();
    const granted = await client.pause(500);
    assert.equal(granted, 120, 'clamped to maxpause');
    assert.ok(cm.requests.some((b) => b.attrs.pause === '120'));
    assert.equal(client.state, 'paused');
    const before = cm.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(cm.requests.length, before, 'no requests while paused');
    client.resume();
    await until('a request after resuming', () => cm.requests.length > before);
  });

  it('a held response stuck on the way does not cost the session: a fresh request before inactivity, then the stuck rid again', async () => {
    await cm.close();
    cm = new ScriptedManager({ inactivity: '3' });
    await cm.listen();
    // The server answers the first held request when the next one arrives, but that answer
    // never reaches the client (a stalled proxy); a repeated rid gets the answer replayed.
    let stalledRid: string | undefined;
    let replayed = 0;
    cm.hook = (body, _req, res) => {
      if (stalledRid === undefined && cm.requests.length === 2) {
        stalledRid = body.attrs.rid;
        return true; // kept open, never answered on this connection
      }
      if (body.attrs.rid === stalledRid) {
        replayed++;
        send(res, `<body xmlns='http://jabber.org/protocol/httpbind'/>`);
        return true;
      }
      return false;
    };
    const notices: string[] = [];
    client = new BoshClient({ url: cm.url, to: 'b', stallProbeMs: 200 });
    client.on('notice', (n) => notices.push(n));
    const got: string[] = [];
    client.on('received', (x) => got.push(...x.stanzas.map((m) => m.getChildText('body') ?? '')));
    await client.start();
    await until('a stalled request', () => stalledRid !== undefined);
    await until('the stalled rid sent again and answered', () => replayed === 1, 5000);
    assert.ok(notices.some((n) => /close to the server's inactivity limit \(3 s\): sending a request/.test(n)), notices.join('\n'));
    assert.ok(notices.some((n) => new RegExp(`the answer to rid=${stalledRid} did not arrive although the server has a newer request`).test(n)), notices.join('\n'));
    await until('a held request', () => cm.held.length > 0);
    cm.push(`<message xmlns='jabber:client'><body>after the stall</body></message>`);
    await until('the push after the stall', () => got.includes('after the stall'));
    assert.equal(client.state, 'open');
  });

  it('polls no faster than `polling` when the server holds nothing', async () => {
    const polling = new ScriptedManager({ hold: '0', polling: '1', requests: '1' });
    await polling.listen();
    const times: number[] = [];
    polling.hook = (_b, _r, res) => {
      times.push(Date.now());
      send(res, `<body xmlns='http://jabber.org/protocol/httpbind'/>`);
      return true;
    };
    const c = new BoshClient({ url: polling.url, to: 'x', hold: 0 });
    // The scripted manager's attributes override its defaults: hold 0, polling 1 s, 1 request.
    await c.start();
    assert.equal(c.params!.hold, 0);
    await until('three polls', () => times.length >= 3, 5000);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 950, `poll gap ${times[i] - times[i - 1]} ms`);
    await c.terminate([], 300);
    await polling.close();
  });
});
