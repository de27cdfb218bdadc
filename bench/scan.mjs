// npm run bench:scan [-- MEGABYTES]
// Scans an incident of three generated inputs together with `bosh-inspect scan --json`: the
// BOSH-heavy Openfire log of bench:decode, a Finesse Desktop-webservices log a quarter of its
// size and an agent's HAR capture. In the same run, `bosh-inspect decode --json` over the same
// bytes is the baseline (finding and decoding every stanza, nothing more). Prints MB/s of each and peak RSS.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLog } from './generate-log.mjs';
import { generateHar } from './generate-har.mjs';
import { runCli } from './run-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', '.data');
const megabytes = Number(process.argv[2] ?? 200);

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}

async function ensureWebservices(mb) {
  const file = join(dataDir, `Desktop-webservices-${mb}mb.log`);
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true });
  const out = createWriteStream(file);
  let written = 0;
  for (let i = 0; written < mb * 1048576; i++) {
    const agent = 1001000 + (i % 500);
    const t = `Jun 17 2017 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} +0530`;
    let s = `00000${i}: 10.10.10.21: ${t}: %CCBU_pool-8-thread-1-7-UNKNOWN_MNEMONIC: %[DESCRIPTION=Heartbeat][agentId=${agent}]: Sending heartbeat to the CTI server\n`;
    if (i % 40 === 0) s += `00000${i}: 10.10.10.21: ${t}: %CCBU_Smack Listener Processor (1)-6-PRESENCE_NOTIFICATION: %[presence=<presence from="${agent}@fin1.ucce.local/desktop" to="finesse@fin1.ucce.local" type="unavailable"/>]: Received presence for user\n`;
    if (i % 40 === 1) s += `00000${i}: 10.10.10.21: ${t}: %CCBU_CoreImpl-worker12-6-PRESENCE_DRIVEN_LOGOUT: %[agentId=${agent}]: Presence driven logout for agent\n00000${i}: 10.10.10.21: ${t}: %CCBU_CoreImpl-worker12-6-MESSAGE_TO_CTI_SERVER: %[cti_message=CTISetAgentStateReq]: agentstate : 1, workmode : 0, reason code: 255, forceflag :1, agentcapacity: 1, agentext: ${agent}, agentid: ${agent}\n`;
    written += s.length;
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

async function ensureHar(mb) {
  const file = join(dataDir, `agent-${mb}mb.har`);
  if (!existsSync(file)) await generateHar(file, mb);
  return file;
}

const log = await ensureLog(megabytes);
const ws = await ensureWebservices(Math.max(1, Math.round(megabytes / 4)));
const har = await ensureHar(Math.max(1, Math.round(megabytes / 10)));
const files = [log, ws, har];
const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1048576;

const decode = { seconds: 0, rss: 0 };
for (const f of files) {
  const r = await runCli(['decode', '--json', f]);
  decode.seconds += r.seconds;
  decode.rss = Math.max(decode.rss, r.rss);
}
const scan = await runCli(['scan', '--json', ...files]);
console.log(`inputs                           ${mb.toFixed(1)} MB: Openfire debug.log, Desktop-webservices, HAR`);
console.log(`baseline: decode --json, each    ${(mb / decode.seconds).toFixed(1)} MB/s  (${decode.seconds.toFixed(2)} s, peak RSS ${decode.rss.toFixed(0)} MB)`);
console.log(`bosh-inspect scan --json, all    ${(mb / scan.seconds).toFixed(1)} MB/s  (${scan.seconds.toFixed(2)} s)   target ≥ 50 MB/s`);
console.log(`peak RSS of scan                 ${scan.rss.toFixed(0)} MB                  target < 200 MB on 1 GB`);
