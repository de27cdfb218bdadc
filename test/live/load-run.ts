// Many live sessions at once against one Prosody, for the load test and bench:load: half over
// WebSocket, half over BOSH, each with its own pubsub node, a publisher on a WebSocket sending
// sequenced Finesse-style notifications to all of them round-robin. Counts what each session
// got (lost, duplicated, out of order) and how long each notification took.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { XmppSession } from '../../src/core/xmpp/session';
import { XmlElement } from '../../src/core/xml/element';
import { formatRecord } from '../../src/core/xmpp/record-format';
import { ADMIN, AGENT, DOMAIN, PUBSUB, type Prosody } from './prosody';

export interface LoadOptions {
  sessions: number;
  perSession: number;
  /** Publishes awaiting the server's answer at once. */
  inFlight?: number;
  /** How long to wait for the last notifications once all are published. */
  settleMs?: number;
}

export interface SessionTally {
  binding: 'websocket' | 'bosh';
  received: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Publish → handed to the application, in ms, in arrival order. */
  latencies: number[];
}

export interface LoadResult {
  sessions: SessionTally[];
  published: number;
  connectSeconds: number;
  /** From the first publish to the last notification received. */
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  /** CPU seconds of this process (user + system) while publishing and receiving, and of Prosody. */
  cpuSeconds: number;
  serverCpuSeconds?: number;
}

const SEQ = /requestId(?:>|&gt;)(\d+):(\d+)(?:<|&lt;)/;

function payload(session: number, seq: number): XmlElement {
  const update = `<Update><data><user><loginId>${AGENT.user}</loginId><state>${seq % 2 ? 'READY' : 'NOT_READY'}</state><reasonCodeId>${seq % 30}</reasonCodeId><extension>4${session}</extension></user></data><event>PUT</event><requestId>${session}:${seq}</requestId><source>/finesse/api/User/${AGENT.user}</source></Update>`;
  return new XmlElement('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t(update) as XmlElement;
}

/** utime + stime of a process, in seconds, from /proc (Linux). */
function processCpu(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export async function runLoad(prosody: Prosody, opts: LoadOptions): Promise<LoadResult> {
  const { sessions: count, perSession } = opts;
  const inFlight = opts.inFlight ?? 32;
  // Nodes and resources of this run only, so runs against one server never meet.
  const tag = Math.random().toString(36).slice(2, 8);
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const publisher = new XmppSession({ url: prosody.wsUrl, jid: `${ADMIN.user}@${DOMAIN}`, resource: 'notification-service', password: ADMIN.password });
  const clients: XmppSession[] = [];
  try {
    await publisher.connect();
    const sentAt = new Map<string, number>();
    const tallies: SessionTally[] = [];
    const last: number[] = [];
    const seen: Array<Set<number>> = [];
    let lastArrival = 0;
    const t0 = performance.now();
    // One account, a resource per session, each full JID subscribed to a node of its own.
    for (let i = 0; i < count; i++) {
      const binding = i % 2 === 0 ? 'websocket' : 'bosh';
      const s = new XmppSession({ url: binding === 'websocket' ? prosody.wsUrl : prosody.httpUrl, jid: `${AGENT.user}@${DOMAIN}`, resource: `load-${tag}-${i}`, password: AGENT.password });
      const tally: SessionTally = { binding, received: 0, lost: 0, duplicated: 0, outOfOrder: 0, latencies: [] };
      tallies.push(tally);
      last.push(0);
      seen.push(new Set());
      s.on('stanza', (r) => {
        if (r.direction !== 'received' || r.stanza.name !== 'message') return;
        formatRecord(r); // what the output channel and the CLI print, so its cost is counted
        const m = SEQ.exec(r.wire);
        if (!m || Number(m[1]) !== i) return;
        const seq = Number(m[2]);
        const now = performance.now();
        lastArrival = now;
        if (seen[i].has(seq)) {
          tally.duplicated++;
          return;
        }
        seen[i].add(seq);
        tally.received++;
        if (seq < last[i]) tally.outOfOrder++;
        last[i] = Math.max(last[i], seq);
        const at = sentAt.get(`${i}:${seq}`);
        if (at !== undefined) tally.latencies.push(now - at);
      });
      clients.push(s);
    }
    await Promise.all(clients.map((s) => s.connect()));
    for (let i = 0; i < count; i++) {
      const node = `/finesse/api/User/${AGENT.user}/${tag}-${i}`;
      await publisher.createNode(PUBSUB, node);
      await publisher.subscribe(PUBSUB, node, `${AGENT.user}@${DOMAIN}/load-${tag}-${i}`);
    }
    const connectSeconds = (performance.now() - t0) / 1000;

    const cpu0 = process.cpuUsage();
    const server0 = processCpu(prosody.pid);
    const start = performance.now();
    const total = count * perSession;
    let next = 0;
    // Round-robin over the sessions, a bounded number of publishes awaiting their answer.
    const worker = async () => {
      while (next < total) {
        const k = next++;
        const i = k % count;
        const seq = Math.floor(k / count) + 1;
        sentAt.set(`${i}:${seq}`, performance.now());
        await publisher.publish(PUBSUB, `/finesse/api/User/${AGENT.user}/${tag}-${i}`, payload(i, seq));
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const deadline = performance.now() + (opts.settleMs ?? 30_000);
    const all = () => tallies.reduce((n, t) => n + t.received, 0);
    while (all() < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const seconds = ((all() < total ? performance.now() : lastArrival) - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const server1 = processCpu(prosody.pid);
    for (const t of tallies) t.lost = perSession - t.received;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      sessions: tallies,
      published: total,
      connectSeconds,
      seconds,
      peakRssMb: peakRss / 1048576,
      startRssMb: startRss / 1048576,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      ...(server0 !== undefined && server1 !== undefined ? { serverCpuSeconds: server1 - server0 } : {}),
    };
  } finally {
    clearInterval(sampler);
    await Promise.all([...clients, publisher].map((s) => s.disconnect().catch(() => undefined)));
  }
}

/** The p-th percentile (0–100) of `xs`, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
