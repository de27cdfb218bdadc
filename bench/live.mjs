// npm run bench:live [-- NOTIFICATIONS]
// Starts a private Prosody (as the live tests do) and measures, in one run against the same
// server, our client (with full decoding and output formatting), Strophe.js and StanzaJS, each
// over WebSocket (RFC 7395, mod_websocket) and over BOSH (mod_bosh):
//   connect   time from start to online (SASL, restart, bind, available presence sent)
//   latency   publish → notification handed to the application, one Finesse-style notification at a time (median, p99)
//   rate      notifications per second received while the publisher sends as fast as it can; lost/duplicated counted
// The publisher is one of our own sessions logged in as the pubsub admin, as Finesse's notification service is.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { privateProsody } from './private-prosody.mjs';
import { ADMIN, AGENT, DOMAIN, PUBSUB } from '../test/live/prosody.ts';
import { XmppSession } from '../src/core/xmpp/session.ts';
import { XmlElement } from '../src/core/xml/element.ts';
import { formatRecord } from '../src/core/xmpp/record-format.ts';

const require = createRequire(import.meta.url);
const SEQUENTIAL = Number(process.argv[2] ?? 300);
const BURST = SEQUENTIAL * 3;
const NODE = `/finesse/api/User/${AGENT.user}`;

const prosody = await privateProsody();
// Over a WebSocket, so the publisher's own binding adds as little as it can to every client's latency.
const publisher = new XmppSession({ url: prosody.wsUrl, jid: `${ADMIN.user}@${DOMAIN}`, resource: 'notification-service', password: ADMIN.password });
await publisher.connect();
// Finesse's notifications are pushed, not kept: a node that stored every item would make the
// server rewrite its item store on each publish and measure that instead of the clients.
await publisher.iq(transientNode(PUBSUB, NODE));
await publisher.subscribe(PUBSUB, NODE, `${AGENT.user}@${DOMAIN}`);

function payload(seq) {
  const update = `<Update><data><user><dialogs>/finesse/api/User/${AGENT.user}/Dialogs</dialogs><extension>1001001</extension><firstName>Agent</firstName><lastName>${seq}</lastName><loginId>${AGENT.user}</loginId><pendingState></pendingState><reasonCodeId>-1</reasonCodeId><roles><role>Agent</role></roles><settings><wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming></settings><state>${seq % 2 ? 'READY' : 'NOT_READY'}</state><stateChangeTime>2026-11-23T21:07:47.123Z</stateChangeTime><teamId>1</teamId><teamName>Default</teamName></user></data><event>PUT</event><requestId>${seq}</requestId><source>/finesse/api/User/${AGENT.user}</source></Update>`;
  return new XmlElement('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t(update);
}
const SEQ_RE = /requestId(?:>|&gt;)(\d+)/;

/** Each client: { name, connect(): Promise<void>, onSeq(cb), close(): Promise<void> }, over the binding its URL names. */
const ours = (url, label) => ({
  name: `this client, ${label}`,
  make() {
    const s = new XmppSession({ url, jid: `${AGENT.user}@${DOMAIN}`, resource: `ours-${label}`, password: AGENT.password });
    let cb = () => {};
    let sink = 0;
    s.on('stanza', (r) => {
      if (r.direction !== 'received' || r.stanza.name !== 'message') return;
      sink += formatRecord(r).length; // what the output channel and the CLI print
      const id = findText(r.stanza, 'requestId');
      if (id) cb(Number(id));
    });
    return { connect: () => s.connect(), onSeq: (f) => (cb = f), close: () => s.disconnect(), sink: () => sink };
  },
});

const strophe = (url, label) => ({
  name: `Strophe.js ${require('strophe.js/package.json').version}, ${label}`,
  async make() {
    globalThis.XMLHttpRequest ??= strophesXhr();
    // Node 20 has no WebSocket of its own; Strophe takes the browser's, so it gets ws's.
    globalThis.WebSocket ??= require('ws');
    const { Strophe, $pres } = await import('strophe.js');
    Strophe.setLogLevel(Strophe.LogLevel.FATAL);
    const conn = new Strophe.Connection(url);
    let cb = () => {};
    conn.addHandler((el) => {
      const m = SEQ_RE.exec(el.textContent ?? '');
      if (m) cb(Number(m[1]));
      return true;
    }, null, 'message');
    return {
      connect: () =>
        new Promise((resolve, reject) => {
          conn.connect(`${AGENT.user}@${DOMAIN}/strophe-${label}`, AGENT.password, (status) => {
            if (status === Strophe.Status.CONNECTED) {
              // $pres() names jabber:client; RFC 7395 servers refuse a stanza without it.
              conn.send($pres());
              resolve();
            } else if (status === Strophe.Status.AUTHFAIL || status === Strophe.Status.CONNFAIL) reject(new Error(`Strophe status ${status}`));
          });
        }),
      onSeq: (f) => (cb = f),
      close: () => new Promise((r) => { conn.disconnect(); setTimeout(r, 300); }),
    };
  },
});

const stanzaJs = (url, label) => ({
  name: `StanzaJS ${require('stanza/package.json').version}, ${label}`,
  async make() {
    const XMPP = await import('stanza');
    const ws = url.startsWith('ws');
    const client = (XMPP.createClient ?? XMPP.default.createClient)({
      jid: `${AGENT.user}@${DOMAIN}`,
      password: AGENT.password,
      resource: `stanza-${label}`,
      transports: ws ? { websocket: url, bosh: false } : { bosh: url, websocket: false },
    });
    let cb = () => {};
    // StanzaJS drops pubsub payloads it has no definition for, so the sequence numbers are
    // read from the raw data and handed on as each parsed message event fires.
    const pending = [];
    client.on('raw:incoming', (xml) => {
      for (const m of String(xml).matchAll(/requestId(?:>|&gt;)(\d+)/g)) pending.push(Number(m[1]));
    });
    client.on('message', (msg) => {
      if (msg.pubsub || msg.from?.startsWith('pubsub.')) {
        const n = pending.shift();
        if (n !== undefined) cb(n);
      }
    });
    return {
      connect: () =>
        new Promise((resolve, reject) => {
          client.once('session:started', () => {
            client.sendPresence();
            resolve();
          });
          client.once('auth:failed', () => reject(new Error('StanzaJS auth failed')));
          client.connect();
        }),
      onSeq: (f) => (cb = f),
      close: () => new Promise((r) => { client.once('disconnected', r); client.disconnect(); setTimeout(r, 1000); }),
    };
  },
});

const clients = [
  ours(prosody.wsUrl, 'WebSocket'),
  ours(prosody.httpUrl, 'BOSH'),
  strophe(prosody.wsUrl, 'WebSocket'),
  stanzaJs(prosody.wsUrl, 'WebSocket'),
  strophe(prosody.httpUrl, 'BOSH'),
  stanzaJs(prosody.httpUrl, 'BOSH'),
];

/**
 * Strophe's BOSH reads `responseXML`, which xhr2 does not provide (and Strophe 5.0's own
 * fallback parses the text but then returns nothing), so the shim parses it as a browser would.
 */
function strophesXhr() {
  const XHR2 = require('xhr2');
  const { DOMParser } = require('@xmldom/xmldom');
  return class extends XHR2 {
    constructor() {
      super();
      Object.defineProperty(this, 'responseXML', {
        get: () => (this.readyState === 4 && this.responseText ? new DOMParser().parseFromString(this.responseText, 'text/xml') : null),
      });
    }
  };
}

function transientNode(service, node) {
  const iq = new XmlElement('iq', { type: 'set', to: service });
  const ps = iq.c('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' });
  ps.c('create', { node });
  const x = ps.c('configure').c('x', { xmlns: 'jabber:x:data', type: 'submit' });
  x.c('field', { var: 'FORM_TYPE', type: 'hidden' }).c('value').t('http://jabber.org/protocol/pubsub#node_config');
  x.c('field', { var: 'pubsub#persist_items' }).c('value').t('0');
  x.c('field', { var: 'pubsub#max_items' }).c('value').t('1');
  return iq;
}

function findText(el, name) {
  if (el.name === name) return el.getText();
  for (const c of el.children) if (typeof c !== 'string') { const t = findText(c, name); if (t) return t; }
  return undefined;
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
let seq = 0;
const rows = [];
for (const c of clients) {
  const client = await c.make();
  const seen = new Map();
  let waiting;
  client.onSeq((n) => {
    const at = performance.now();
    seen.set(n, (seen.get(n) ?? 0) + 1);
    if (waiting && waiting.seq === n) waiting.resolve(at);
  });
  const t0 = performance.now();
  await client.connect();
  const connectMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));

  // One at a time: publish, wait until the client has it, next.
  const latencies = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const n = ++seq;
    const got = new Promise((resolve) => (waiting = { seq: n, resolve }));
    const sentAt = performance.now();
    void publisher.publish(PUBSUB, NODE, payload(n));
    const at = await Promise.race([got, new Promise((r) => setTimeout(() => r(undefined), 5000))]);
    if (at === undefined) throw new Error(`${c.name}: notification ${n} did not arrive within 5 s`);
    latencies.push(at - sentAt);
  }

  // Burst: the publisher sends as fast as it can; the client must keep up and lose nothing.
  const first = seq + 1;
  const burstStart = performance.now();
  const acks = [];
  for (let i = 0; i < BURST; i++) acks.push(publisher.publish(PUBSUB, NODE, payload(++seq)));
  await Promise.all(acks);
  const publishedMs = performance.now() - burstStart;
  const deadline = performance.now() + 30_000;
  const received = () => { let k = 0; for (let n = first; n <= seq; n++) if (seen.has(n)) k++; return k; };
  while (received() < BURST && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const burstMs = performance.now() - burstStart;
  let dup = 0;
  for (let n = first; n <= seq; n++) if ((seen.get(n) ?? 0) > 1) dup++;
  rows.push({
    client: c.name,
    connect: connectMs,
    median: pct(latencies, 50),
    p99: pct(latencies, 99),
    rate: (received() / burstMs) * 1000,
    publisherRate: (BURST / publishedMs) * 1000,
    lost: BURST - received(),
    dup,
  });
  await client.close();
}
await publisher.disconnect();
await prosody.dispose();

const f = (x, d = 1) => x.toFixed(d).padStart(8);
console.log(`\nProsody ${prosody.httpUrl.replace(/:\d+.*/, '')} loopback, ${SEQUENTIAL} notifications one at a time, then a burst of ${BURST} (node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
console.log('client                                        connect ms  median ms   p99 ms   recv/s  publisher/s  lost  dup');
for (const r of rows) {
  console.log(`${r.client.padEnd(44)}${f(r.connect)}   ${f(r.median)} ${f(r.p99)} ${f(r.rate, 0)}  ${f(r.publisherRate, 0)}    ${String(r.lost).padStart(4)} ${String(r.dup).padStart(4)}`);
}
console.log('\nTargets for this client over WebSocket: connect < 30 ms, median ≤ 3 ms, p99 ≤ 8 ms, keeping up with the publisher, nothing lost,');
console.log('and ahead of Strophe.js and StanzaJS over WebSocket on connect time and latency in this run.');
console.log('Over BOSH: connect < 100 ms, median ≤ 12 ms, p99 ≤ 25 ms.');
