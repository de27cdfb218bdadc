// npm run bench:symbols [-- MEGABYTES]
// The Outline of a generated BOSH-heavy Openfire debug.log (20 MB by default: escaped Finesse notifications, polls,
// idle-session lines, stack traces), built as the extension builds it for the Outline, breadcrumbs, Go to Symbol and
// folding: the document's whole text through the finder, then buildOutline (decode, describe, group by session and
// kind, folding regions) under the editor's default caps. Baselines over the same bytes: reading the text alone, and
// the finder alone. Each stage runs in a process of its own (best time of 3 runs; peak resident memory of the process,
// and above the text read; CPU time beside the wall-clock time, for a machine busy with other work).
// Target: the Outline in under 1 s.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureLog } from './generate-log.mjs';
import { findInText } from '../src/core/find/finder.ts';
import { buildOutline, DEFAULT_OUTLINE_LIMITS } from '../src/core/outline/index.ts';

const TARGET_MS = 1000;
const RUNS = 3;
const STAGES = {
  read: 'reading the text alone (baseline)',
  find: 'the finder alone (baseline)',
  outline: 'the Outline: finder + buildOutline',
};

const stageArg = process.argv.indexOf('--stage');
if (stageArg > 0) runStage(process.argv[stageArg + 1], process.argv[stageArg + 2]);
else await main();

/** One stage in this process, printed as one JSON line for the parent. */
function runStage(stage, file) {
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const t0 = now();
  const text = readFileSync(file, 'utf8');
  const readMs = now() - t0;
  const rssAfterRead = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t1 = now();
  const out = { stage, readMs };
  if (stage === 'find') out.fragments = findInText(text).length;
  if (stage === 'outline') {
    const outline = buildOutline(findInText(text), DEFAULT_OUTLINE_LIMITS);
    Object.assign(out, { stanzas: outline.stanzas, listed: outline.stanzas - outline.stanzasOmitted, sessions: outline.symbols.length, folds: outline.folds.length, foldsOmitted: outline.foldsOmitted });
  }
  out.ms = stage === 'read' ? readMs : now() - t1;
  const cpu = process.cpuUsage(cpu0);
  out.cpuMs = stage === 'read' ? readMs : (cpu.user + cpu.system) / 1000;
  out.maxRssKb = process.resourceUsage().maxRSS;
  out.aboveTextKb = Math.max(0, out.maxRssKb - rssAfterRead / 1024);
  console.log(JSON.stringify(out));
}

async function main() {
  const megabytes = Number(process.argv.slice(2).find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 20);
  if (!(megabytes > 0)) {
    console.error(`usage: npm run bench:symbols -- MEGABYTES (got ${process.argv[2]})`);
    process.exit(2);
  }
  const file = await ensureLog(megabytes);
  const mb = statSync(file).size / (1024 * 1024);
  const self = fileURLToPath(import.meta.url);
  console.log(`Outline of a ${mb.toFixed(1)} MB Openfire log; node ${process.version}, best of ${RUNS} runs, each in a process of its own`);
  console.log(`caps: ${DEFAULT_OUTLINE_LIMITS.maxStanzaSymbols.toLocaleString('en-US')} stanza symbols, ${DEFAULT_OUTLINE_LIMITS.maxFolds.toLocaleString('en-US')} folding regions (editor.foldingMaximumRegions)\n`);
  const results = {};
  for (const stage of Object.keys(STAGES)) {
    for (let run = 0; run < RUNS; run++) {
      const line = execFileSync(process.execPath, [...process.execArgv, self, '--stage', stage, file], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop();
      const r = JSON.parse(line);
      if (!results[stage] || r.ms < results[stage].ms) results[stage] = r;
    }
  }
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const mib = (kb) => `${(kb / 1024).toFixed(0)} MB`;
  const find = results.find.ms;
  for (const [stage, title] of Object.entries(STAGES)) {
    const r = results[stage];
    const vsFind = stage === 'outline' ? `  (${(r.ms / find).toFixed(1)}× the finder)` : '';
    console.log(`${title.padEnd(38)} ${fmt(r.ms).padStart(8)} (CPU ${fmt(r.cpuMs).padStart(7)})   peak RSS ${mib(r.maxRssKb).padStart(7)}, ${mib(r.aboveTextKb).padStart(6)} above the text${vsFind}`);
  }
  const o = results.outline;
  console.log(`\n${results.find.fragments.toLocaleString('en-US')} fragments found; Outline: ${o.stanzas.toLocaleString('en-US')} stanzas in ${o.sessions} sessions, ${o.listed.toLocaleString('en-US')} listed, ${o.folds.toLocaleString('en-US')} folding regions (${o.foldsOmitted.toLocaleString('en-US')} past the cap)`);
  const ok = o.ms < TARGET_MS;
  console.log(`target: the Outline under ${fmt(TARGET_MS)}: ${ok ? 'met' : 'MISSED'} (${fmt(o.ms)})`);
  process.exitCode = ok ? 0 : 1;
}
