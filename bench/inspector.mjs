// npm run bench:inspector [-- MEGABYTES] [--hover-only]
// 1. Stanza Inspector on a generated Openfire debug.log (200 MB by default, shared with bench:decode):
//    time until the first batch of rows is ready to post to the page, and until every fragment is
//    indexed, read the way the extension reads a file (readFileFragments → FragmentIndex rows,
//    batched as the panel batches them). Baselines: streaming the file alone, and the core finder alone.
//    Then the search the page's filters ask for, over every stanza read back from the file in runs:
//    a word only the decoded XML holds, an element path, a word found nowhere (each stanza decoded
//    and printed whole); time, stanzas per second and the JS heap it adds at its peak.
// 2. Hover latency on a 1 MB log line (a Finesse Team update listing thousands of users),
//    against the 50 ms target, with the default hover size limit and with no limit.
import { createReadStream, statSync } from 'node:fs';
import { ensureLog } from './generate-log.mjs';
import { fragmentsOfFile } from '../src/core/find/source.ts';
import { FragmentIndex, batchIsDue } from '../src/features/inspector/fragment-index.ts';
import { FileLines } from '../src/features/inspector/file-lines.ts';
import { readFileFragments } from '../src/features/inspector/file-source.ts';
import { readQuery, searchStanzas } from '../src/features/inspector/stanza-search.ts';
import { hoverAt, DEFAULT_HOVER_MAX_CHARS } from '../src/features/hover/hover-content.ts';

const hoverOnly = process.argv.includes('--hover-only');
const megabytes = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);


async function indexBench() {
  const file = await ensureLog(megabytes);
  const mb = statSync(file).size / (1024 * 1024);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  // Baseline 1: the bytes alone.
  let t0 = now();
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) bytes += chunk.length;
  const readMs = now() - t0;

  // Baseline 2: the core finder alone (no decoding, no description).
  t0 = now();
  let found = 0;
  for await (const _ of fragmentsOfFile(file)) found++;
  const findMs = now() - t0;

  // The Inspector: rows for every fragment, posted in batches.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  t0 = now();
  const index = new FragmentIndex(new FileLines(file));
  let firstRowsMs;
  let batch = 0;
  let last = now();
  let batches = 0;
  for await (const f of (await readFileFragments(file)).fragments) {
    index.add(f);
    batch++;
    // The panel's own rule for when rows are posted to the page.
    if (batchIsDue(batch, index.size - batch, now() - last)) {
      firstRowsMs ??= now() - t0;
      batches++;
      batch = 0;
      last = now();
    }
  }
  const fullMs = now() - t0;
  firstRowsMs ??= fullMs;
  global.gc?.();
  const heldMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
  clearInterval(sampler);

  console.log(`\nStanza Inspector on ${mb.toFixed(0)} MB Openfire debug.log (${found.toLocaleString('en-US')} fragments), node ${process.version}`);
  console.log(`  baseline: stream the file                 ${fmt(readMs).padStart(10)}   ${(mb / (readMs / 1000)).toFixed(0)} MB/s`);
  console.log(`  baseline: core finder only                ${fmt(findMs).padStart(10)}   ${(mb / (findMs / 1000)).toFixed(0)} MB/s`);
  console.log(`  first rows ready to show                  ${fmt(firstRowsMs).padStart(10)}`);
  console.log(`  full index (${index.size.toLocaleString('en-US')} rows, ${batches} batches)  ${fmt(fullMs).padStart(10)}   ${(mb / (fullMs / 1000)).toFixed(0)} MB/s, ${(fullMs / findMs).toFixed(1)}× the finder alone`);
  // First detail: where every line starts is recorded on the first request, then any fragment is read back.
  t0 = now();
  const middle = await index.detail(Math.floor(index.size / 2));
  const firstDetailMs = now() - t0;
  t0 = now();
  await index.detail(index.size - 1);
  const detailMs = now() - t0;
  console.log(`  first detail (records line starts)        ${fmt(firstDetailMs).padStart(10)}   then ${fmt(detailMs)} per detail (“${middle.summary.slice(0, 40)}…”)`);
  console.log(`  memory: peak RSS ${(peakRss / 1048576).toFixed(0)} MB; JS heap held by the index after GC ${heldMb.toFixed(0)} MB (positions only, text read back from the file)${global.gc ? '' : ' — run with node --expose-gc for an exact figure'}`);
  await searchBench(index, fullMs);
}

/** The host's search over every stanza, as the page's text and element filters run it. */
async function searchBench(index, indexMs) {
  console.log(`  search of every stanza (baseline: the full index above, ${fmt(indexMs)}):`);
  for (const [label, text, match] of [
    ['text only in the decoded XML "agent499"', 'agent499', ''],
    ['element path Update/user/state=NOT_READY', '', 'Update/user/state=NOT_READY'],
    ['text found nowhere (worst case)', 'no-such-word', ''],
  ]) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const t0 = now();
    let hits = 0;
    for await (const r of searchStanzas(index, readQuery(text, match), () => false)) hits += r.indices.length;
    const ms = now() - t0;
    clearInterval(sampler);
    console.log(`    ${label.padEnd(44)} ${fmt(ms).padStart(10)}   ${Math.round(index.size / (ms / 1000)).toLocaleString('en-US')} stanzas/s, ${hits.toLocaleString('en-US')} found, heap +${((peak - heapBefore) / 1048576).toFixed(0)} MB at its peak`);
  }
}

if (!hoverOnly) await indexBench();

// Hover on a 1 MB line.
const users = [];
// Escaping grows the text by about a third: 0.75 MB of users make a line just over 1 MB.
for (let i = 0, size = 0; size < 1024 * 1024 * 0.75; i++) {
  users.push(`<User><loginId>${47483648 + i}</loginId><firstName>Agent</firstName><lastName>Number ${i}</lastName><extension>${1000 + i}</extension></User>`);
  size += users[i].length;
}
const update = `<Update><data><team><id>5000</id><name>Maths</name><users>${users.join('')}</users></team></data><event>PUT</event><source>/finesse/api/Team/5000</source></Update>`;
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const line = `2020.05.12 10:11:12.402 DEBUG [Jetty-QTP-BOSH-7]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><message xmlns="jabber:client" from="pubsub.fin1.ucce.local" to="47483648@fin1.ucce.local" id="n1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/Team/5000"><item id="i1"><notification xmlns="http://jabber.org/protocol/pubsub">${esc(update)}</notification></item></items></event></message></body>`;
const doc = { lineCount: 1, lineAt: () => line };
const column = line.indexOf('loginId') + 3;

function timeHover(maxChars, runs) {
  const times = [];
  let md = '';
  for (let i = 0; i < runs; i++) {
    const t = now();
    md = hoverAt(doc, 0, column, { maxChars, inspectorLink: 'command:xmppBosh.openInspector' }).markdown;
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p95: times[Math.floor(runs * 0.95)], max: times[runs - 1], chars: md.length };
}
timeHover(DEFAULT_HOVER_MAX_CHARS, 3); // warm-up
const capped = timeHover(DEFAULT_HOVER_MAX_CHARS, 30);
const whole = timeHover(Number.MAX_SAFE_INTEGER, 10);
console.log(`\nHover on a ${(line.length / 1048576).toFixed(2)} MB line (${users.length.toLocaleString('en-US')} users in one escaped Team update); target < 50 ms`);
console.log(`  hover.maxChars ${DEFAULT_HOVER_MAX_CHARS} (default)   median ${fmt(capped.median)}, p95 ${fmt(capped.p95)}, max ${fmt(capped.max)}; ${capped.chars.toLocaleString('en-US')} characters of Markdown`);
console.log(`  no size limit                  median ${fmt(whole.median)}, p95 ${fmt(whole.p95)}, max ${fmt(whole.max)}; ${whole.chars.toLocaleString('en-US')} characters of Markdown`);
