// Fifty live sessions at once in the real extension host, half over WebSocket and half over BOSH, against the
// private Prosody the runner started: opened through the extension's own session code (output channel, status bar,
// transcript, Sessions view), a publisher sending 200 Finesse notifications to a node all fifty subscribe to.
// Each session's buffer, transcript and output channel hold its 200 once and in order, and the host keeps answering.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { XmlElement } from '../../../src/core/xml/element';
import { XmppSession } from '../../../src/core/xmpp/session';
import { ADMIN, AGENT, DOMAIN, PUBSUB } from '../../live/prosody';
import { hoverText, openSample, theExtension } from './extension-under-test';
import { positionOf, until } from './samples-position';

const SESSIONS = 50;
const NOTIFICATIONS = 200;
/** A behaviour bound, far above a healthy host's tens of milliseconds: a host stalled by the load misses it. */
const RESPONSIVE_MS = 3000;
/** How much the host may grow through the load and the diagnoses of fifty transcripts after it (a worker each). */
const GROWTH_MB = 600;

interface Live {
  id: string;
  state: string;
  transportName: string;
  status: { text: string };
  buffer: { toArray(): Array<{ direction: string; stanza: { name: string }; wire: string }> };
  transcript(): string;
}
interface Api {
  liveSessions: { open(profile: { name: string; url: string; jid: string; resource?: string; reconnect?: boolean }, password: string): Promise<Live> };
  sessionsTree: { getChildren(): Array<{ kind: string; live?: { id: string; state: string; incident?: object } }> };
}

/** The sequence numbers of this run's notifications in `text`, in the order they appear (escaped or decoded). */
function sequence(text: string, tag: string): number[] {
  const re = new RegExp(`requestId(?:>|&gt;)${tag}:(\\d+)(?:<|&lt;)`, 'g');
  return [...text.matchAll(re)].map((m) => Number(m[1]));
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const pct = (share: number) => `${Math.round(share * 100)} %`;

/** A full collection in the host, for a measurement: V8's gc(), reached without starting the host with --expose-gc. */
function fullGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The host's CPU time (user and system, all its threads) since `from`, as a share of one core over the same wall time. */
function cpuShare(from: { cpu: NodeJS.CpuUsage; at: number }): number {
  const used = process.cpuUsage(from.cpu);
  return (used.user + used.system) / 1000 / (performance.now() - from.at);
}

describe('fifty live sessions in one extension host', function () {
  this.timeout(120_000);
  const wsUrl = process.env.XMPP_SUITE_WS_URL;
  const httpUrl = process.env.XMPP_SUITE_HTTP_URL;
  const tag = Math.random().toString(36).slice(2, 8);
  const node = `/finesse/api/Team/${tag}/Users`;
  const expected = Array.from({ length: NOTIFICATIONS }, (_, k) => k + 1);
  let api: Api;
  let publisher: XmppSession | undefined;
  const opened: Live[] = [];

  before(async () => {
    if (!wsUrl || !httpUrl) assert.fail(`no Prosody for the live sessions: ${process.env.XMPP_SUITE_PROSODY_MISSING ?? 'run the suite through test/integration/run.ts, which starts one'}`);
    api = (await theExtension().activate()) as Api;
  });

  after(async () => {
    await publisher?.disconnect().catch(() => undefined);
    for (const s of opened) await vscode.commands.executeCommand('xmppBosh.disconnect', s.id);
  });

  it('50 sessions × 200 notifications: every session holds its 200 once, in order, in its buffer, transcript and output channel, and the host keeps answering', async () => {
    // The host's own CPU while idle, the baseline for what the load costs it.
    const idleStart = { cpu: process.cpuUsage(), at: performance.now() };
    await new Promise((r) => setTimeout(r, 2000));
    const idleShare = cpuShare(idleStart);
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let listed = () => 0;
    let diagnoses = () => new Map<string, object | undefined>();
    const { document } = await openSample('finesse/openfire/debug.log');
    const hoverAt = positionOf(document, '&lt;Update&gt;', 5);
    try {
      // The Connect command's own code from the password on: half the sessions over each binding, a resource each.
      const profiles = Array.from({ length: SESSIONS }, (_, i) => ({
        name: `load ${i}`,
        url: i % 2 === 0 ? wsUrl! : httpUrl!,
        jid: `${AGENT.user}@${DOMAIN}`,
        resource: `ext-${tag}-${i}`,
        reconnect: false,
      }));
      const t0 = performance.now();
      opened.push(...(await Promise.all(profiles.map((p) => api.liveSessions.open(p, AGENT.password)))));
      const connectSeconds = (performance.now() - t0) / 1000;
      assert.deepEqual(
        opened.map((s) => [s.state, s.transportName]),
        opened.map((_, i) => ['online', i % 2 === 0 ? 'WebSocket' : 'BOSH']),
      );
      assert.ok(opened.every((s) => /online/.test(s.status.text)), 'every status bar item says online');
      const ids = new Set(opened.map((s) => s.id));
      listed = () => api.sessionsTree.getChildren().filter((n) => n.kind === 'live' && ids.has(n.live!.id)).length;
      assert.equal(listed(), SESSIONS, 'the Sessions view lists all fifty');
      diagnoses = () => new Map(api.sessionsTree.getChildren().filter((n) => n.kind === 'live' && ids.has(n.live!.id)).map((n) => [n.live!.id, n.live!.incident]));

      publisher = new XmppSession({ url: wsUrl!, jid: `${ADMIN.user}@${DOMAIN}`, resource: `publisher-${tag}`, password: ADMIN.password });
      await publisher.connect();
      await publisher.createNode(PUBSUB, node);
      for (const p of profiles) await publisher.subscribe(PUBSUB, node, `${p.jid}/${p.resource}`);

      // While the notifications flow: a hover round trip through the workbench and back into this extension.
      delay.enable();
      const roundTrips: number[] = [];
      let loading = true;
      const prober = (async () => {
        while (loading) {
          const t = performance.now();
          const text = await hoverText(document, hoverAt);
          roundTrips.push(performance.now() - t);
          assert.match(text, /READY|NOT_READY|Update/, 'the hover still decodes while the sessions run');
          await new Promise((r) => setTimeout(r, 200));
        }
      })();

      const start = performance.now();
      const deliveryStart = { cpu: process.cpuUsage(), at: start };
      let next = 1;
      const worker = async () => {
        while (next <= NOTIFICATIONS) {
          const seq = next++;
          const update = `<Update><data><user><loginId>${AGENT.user}</loginId><state>${seq % 2 ? 'READY' : 'NOT_READY'}</state></user></data><event>PUT</event><requestId>${tag}:${seq}</requestId><source>${node}</source></Update>`;
          await publisher!.publish(PUBSUB, node, new XmlElement('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t(update) as XmlElement);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      const received = (s: Live) => sequence(s.buffer.toArray().filter((r) => r.direction === 'received' && r.stanza.name === 'message').map((r) => r.wire).join('\n'), tag);
      await until('all 10,000 notifications', () => opened.every((s) => received(s).length >= NOTIFICATIONS), 60_000).catch(() => undefined);
      const deliverSeconds = (performance.now() - start) / 1000;
      const deliveryShare = cpuShare(deliveryStart);
      const before = diagnoses();
      loading = false;
      await prober;
      delay.disable();

      // Buffer and transcript: all 200, once, in order, on every session.
      assert.deepEqual(
        opened.map((s, i) => [i, received(s).length, received(s).join(',') === expected.join(',')]),
        opened.map((_, i) => [i, NOTIFICATIONS, true]),
      );
      assert.ok(opened.every((s) => sequence(s.transcript(), tag).join(',') === expected.join(',')), 'each transcript holds the 200 in order');

      // The output channels: VS Code writes each extension channel to a file of the host's logs, which the
      // Output view shows; each session's is the one naming its resource.
      const logsDir = process.env.XMPP_SUITE_LOGS;
      assert.ok(logsDir, 'the runner names the host logs folder');
      const channelFiles = () => filesUnder(logsDir).filter((f) => /output_logging_/.test(f) && /-XMPP (WebSocket|BOSH) .*\.log$/.test(f) && statSync(f).size > 0);
      const channelOf = (i: number) => channelFiles().map((f) => readFileSync(f, 'utf8')).find((t) => t.includes(`/ext-${tag}-${i}"`));
      const channels = await until('every output channel to show its 200', () => {
        const texts = opened.map((_, i) => channelOf(i) ?? '');
        return texts.every((t) => sequence(t, tag).length >= NOTIFICATIONS) && texts;
      }, 20_000).catch(() => opened.map((_, i) => channelOf(i) ?? ''));
      assert.deepEqual(
        channels.map((t, i) => [i, sequence(t, tag).join(',') === expected.join(',') ? 'all in order' : `${sequence(t, tag).length} seen`]),
        channels.map((_, i) => [i, 'all in order']),
        `channel files under ${logsDir}: ${filesUnder(logsDir).filter((f) => /output_logging_/.test(f)).map((f) => `${f.slice(logsDir.length)} (${statSync(f).size} B)`).join(', ') || 'none'}`,
      );

      // The Sessions view diagnoses every transcript again once its stanzas stop: all fifty, memory bounded meanwhile.
      const t1 = performance.now();
      await until('a fresh diagnosis of every session in the Sessions view', () => [...diagnoses()].every(([id, inc]) => inc && inc !== before.get(id)), 60_000);
      const diagnoseSeconds = (performance.now() - t1) / 1000;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      assert.ok(mb(rssPeak - rssBefore) < GROWTH_MB, `the host grew ${mb(rssPeak - rssBefore)} MB (${mb(rssBefore)} → ${mb(rssPeak)} MB)`);

      const maxTrip = Math.max(...roundTrips);
      assert.ok(roundTrips.length >= 3, `${roundTrips.length} hover round trips while the load ran`);
      assert.ok(maxTrip < RESPONSIVE_MS, `a hover took ${maxTrip.toFixed(0)} ms while the sessions ran`);
      const maxDelayMs = delay.max / 1e6;
      assert.ok(maxDelayMs < RESPONSIVE_MS, `the host's event loop stalled ${maxDelayMs.toFixed(0)} ms`);
      const sorted = [...roundTrips].sort((a, b) => a - b);
      console.log(
        `      figures: connect ${connectSeconds.toFixed(1)} s; ${SESSIONS * NOTIFICATIONS} notifications delivered in ${deliverSeconds.toFixed(1)} s;` +
          ` hover round trip p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${maxTrip.toFixed(0)} ms (${roundTrips.length});` +
          ` event loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${maxDelayMs.toFixed(0)} ms;` +
          ` fifty diagnoses in ${diagnoseSeconds.toFixed(1)} s after; host RSS ${mb(rssBefore)} MB before, ${mb(rssPeak)} MB peak;` +
          ` host CPU ${pct(deliveryShare)} of a core while delivering (the hover prober included), ${pct(idleShare)} idle before`,
      );
    } finally {
      clearInterval(sampler);
      delay.disable();
    }
    for (const s of opened.splice(0)) await vscode.commands.executeCommand('xmppBosh.disconnect', s.id);
    await until('the Sessions view to let the fifty go', () => listed() === 0);
    // What the host still holds once the sessions are gone: the V8 heap tells kept objects from pages not yet returned.
    await new Promise((r) => setTimeout(r, 1000));
    fullGc();
    const heap = v8.getHeapStatistics();
    console.log(`      host RSS ${mb(process.memoryUsage().rss)} MB after disconnecting; V8 heap used after a full collection ${mb(heap.used_heap_size)} MB of ${mb(heap.total_heap_size)} MB (${mb(heapBefore)} MB before the sessions)`);
  });
});
