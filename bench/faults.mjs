// npm run bench:faults [-- NOTIFICATIONS] [--idle]
// The fault scenarios of test/faults/ at full size: for each fault, a private Prosody
// (inactivity 4 s, the client asking wait 2 s) and 1,000 sequenced Finesse-style
// notifications through the fault proxy; then, with --idle, what keeping a silent session
// alive costs in requests per minute at real settings (wait 60 s against inactivity 60 s
// and 30 s), measured over 65 s.
import { performance } from 'node:perf_hooks';
import { FAULTS } from '../test/faults/fault-proxy.ts';
import { FAULT_TIMING, runScenario } from '../test/faults/scenario.ts';
import { Prosody, AGENT, DOMAIN } from '../test/live/prosody.ts';
import { XmppSession } from '../src/core/xmpp/session.ts';

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);
const IDLE = process.argv.includes('--idle');

const prosody = new Prosody({ inactivity: FAULT_TIMING.inactivity });
await prosody.start();
const rows = [];
for (const scenario of ['none', ...FAULTS, 'restart-prosody']) {
  const r = await runScenario(prosody, scenario, COUNT, 5);
  rows.push(r);
  process.stderr.write(`${scenario}: ${r.received}/${r.published}\n`);
}
await prosody.dispose();

console.log(`\nProsody 0.12 on loopback, inactivity ${FAULT_TIMING.inactivity} s, client wait ${FAULT_TIMING.wait} s, ${COUNT} notifications per scenario (node ${process.version})\n`);
console.log('scenario             injected  received  lost  dup  order  longest gap ms  session');
for (const r of rows) {
  const session = r.ended ? `lost by the server; fresh session${r.reconnected ? '' : ' NOT'} started` : 'kept';
  console.log(`${r.scenario.padEnd(20)} ${String(r.injected).padStart(8)}  ${String(r.received).padStart(8)}  ${String(r.lost).padStart(4)} ${String(r.duplicated).padStart(4)}  ${r.inOrder ? '  yes' : '   NO'}  ${r.recoverMs.toFixed(0).padStart(14)}  ${session}`);
}
console.log('\nBaseline: scenario "none" (the same run without faults). Target: 0 lost, 0 duplicated, order kept in every scenario.');

if (IDLE) {
  console.log('\nIdle session at real settings: requests per minute over 65 s (BOSH: the held request comes back at wait; a fresh one goes out before inactivity could run out)\n');
  const measure = async (inactivity) => {
    const p = new Prosody({ inactivity });
    await p.start();
    const s = new XmppSession({ url: p.httpUrl, jid: `${AGENT.user}@${DOMAIN}`, resource: `idle-${inactivity}`, password: AGENT.password, bosh: { wait: 60 } });
    let requests = 0;
    await s.connect();
    s.on('wrapper', (w) => w.direction === 'sent' && requests++);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 65_000));
    const perMin = (requests / (performance.now() - t0)) * 60_000;
    await s.disconnect();
    await p.dispose();
    return perMin;
  };
  const [a, b] = await Promise.all([measure(60), measure(30)]);
  console.log(`wait 60 s, inactivity 60 s (Prosody's default): ${a.toFixed(1)} requests/min (baseline without the guard: 1.0)`);
  console.log(`wait 60 s, inactivity 30 s (Openfire's default idle): ${b.toFixed(1)} requests/min (baseline without the guard: 1.0, and the session at risk)`);
}
