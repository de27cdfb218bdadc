// npm run bench:host-load
// Fifty live sessions (half WebSocket, half BOSH) in one real extension host against a private Prosody,
// 10,000 Finesse notifications in all: the extension-host test test/integration/suite/live-load.test.ts,
// run alone through the suite's runner, with its figures printed as a table. Baseline: the same host
// idle before the sessions open (CPU), and its RSS before them (memory).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = loadavg()[0].toFixed(1);
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'integration', 'run.ts')], {
  cwd: root,
  env: { ...process.env, INTEGRATION_ONLY: 'live-load' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (d) => (out += d));
const code = await new Promise((resolve) => child.on('close', resolve));
const figures = /figures: (.*)/.exec(out)?.[1];
const [after, heapAfter, heapTotal, heapBefore] = /host RSS (\d+) MB after disconnecting; V8 heap used after a full collection (\d+) MB of (\d+) MB \((\d+) MB before/.exec(out)?.slice(1) ?? [];
if (code !== 0 || !figures) {
  console.error(out.split('\n').slice(-40).join('\n'));
  console.error(`the load test did not pass (exit ${code})`);
  process.exit(1);
}
const num = (re) => re.exec(figures)?.slice(1) ?? [];
const [connect] = num(/connect ([\d.]+) s/);
const [delivered, deliverS] = num(/(\d+) notifications delivered in ([\d.]+) s/);
const [hoverP50, hoverMax] = num(/hover round trip p50 (\d+) ms, max (\d+) ms/);
const [loopP99, loopMax] = num(/event loop delay p99 (\d+) ms, max (\d+) ms/);
const [rssBefore, rssPeak] = num(/host RSS (\d+) MB before, (\d+) MB peak/);
const [cpuLoad, cpuIdle] = num(/host CPU (\d+) % of a core while delivering .*?, (\d+) % idle before/);
console.log(`\n50 live sessions in one extension host (load average ${load} when it started)\n`);
console.log('| figure | idle host (baseline) | 50 sessions |');
console.log('|---|---|---|');
console.log(`| host CPU, share of one core | ${cpuIdle} % | ${cpuLoad} % while delivering |`);
console.log(`| host RSS | ${rssBefore} MB | ${rssPeak} MB peak, ${after ?? '?'} MB after disconnecting |`);
console.log(`| V8 heap used | ${heapBefore} MB | ${heapAfter} MB of ${heapTotal} MB after disconnecting and a full collection |`);
console.log(`| hover round trip | — | p50 ${hoverP50} ms, max ${hoverMax} ms |`);
console.log(`| event loop delay | — | p99 ${loopP99} ms, max ${loopMax} ms |`);
console.log(`| connect 50 | — | ${connect} s |`);
console.log(`| ${delivered} notifications delivered | — | ${deliverS} s |`);
