// npm run bench:load [-- SESSIONS NOTIFICATIONS]
// Many live sessions in one Node process over the core (XmppSession), against a private Prosody
// on loopback: SESSIONS sessions (50 by default), half over WebSocket and half over BOSH, and
// NOTIFICATIONS sequenced Finesse notifications in all (10,000 by default) from a publisher on a
// WebSocket, round-robin, 32 publishes in flight. Prints received/lost/duplicated/out of order,
// peak RSS, CPU seconds of this process and of Prosody, and per-session latency percentiles.
// Baseline: one session alone receiving NOTIFICATIONS / SESSIONS the same way.
import { cpus, loadavg } from 'node:os';
import { privateProsody } from './private-prosody.mjs';
import { runLoad, percentile } from '../test/live/load-run.ts';

const sessions = Number(process.argv[2] ?? 50);
const total = Number(process.argv[3] ?? 10_000);
const perSession = Math.ceil(total / sessions);

const prosody = await privateProsody();

const load0 = loadavg()[0];
const alone = await runLoad(prosody, { sessions: 1, perSession, settleMs: 60_000 });
const many = await runLoad(prosody, { sessions, perSession, settleMs: 60_000 });
await prosody.dispose();

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
function report(name, r) {
  const sum = (k) => r.sessions.reduce((n, s) => n + s[k], 0);
  console.log(`\n${name}: ${r.sessions.length} session${r.sessions.length === 1 ? '' : 's'} (${r.sessions.filter((s) => s.binding === 'websocket').length} WebSocket, ${r.sessions.filter((s) => s.binding === 'bosh').length} BOSH), ${r.published.toLocaleString('en-US')} notifications`);
  console.log(`  received ${sum('received').toLocaleString('en-US')}, lost ${sum('lost')}, duplicated ${sum('duplicated')}, out of order ${sum('outOfOrder')}`);
  console.log(`  ${f(r.seconds, 2)} s from first publish to last arrival: ${f(sum('received') / r.seconds, 0)} notifications/s; logins ${f(r.connectSeconds, 2)} s`);
  console.log(`  peak RSS ${f(r.peakRssMb, 0)} MB (at start ${f(r.startRssMb, 0)} MB); CPU ${f(r.cpuSeconds, 2)} s this process, ${f(r.serverCpuSeconds ?? NaN, 2)} s Prosody`);
  for (const binding of ['websocket', 'bosh']) {
    const of = r.sessions.filter((s) => s.binding === binding);
    if (!of.length) continue;
    const p50s = of.map((s) => percentile(s.latencies, 50));
    const p99s = of.map((s) => percentile(s.latencies, 99));
    const all = of.flatMap((s) => s.latencies);
    console.log(`  ${binding.padEnd(9)} latency ms: all p50 ${f(percentile(all, 50))} p95 ${f(percentile(all, 95))} p99 ${f(percentile(all, 99))} max ${f(Math.max(...all))}; per session p50 ${f(Math.min(...p50s))}–${f(Math.max(...p50s))}, p99 ${f(Math.min(...p99s))}–${f(Math.max(...p99s))}`);
  }
}
console.log(`node ${process.version}, ${cpus().length} cores, load average ${f(load0, 2)} before, ${f(loadavg()[0], 2)} after`);
report('baseline: one session alone', alone);
report(`${sessions} sessions at once`, many);
console.log('\ntargets: none lost, duplicated or out of order; memory and CPU bounded (peak RSS < 200 MB)');
