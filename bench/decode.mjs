// npm run bench:decode [-- MEGABYTES]
// Decodes a generated BOSH-heavy Openfire log with `bosh-inspect decode --json > /dev/null` and,
// in the same run, parses the same bytes with ltx's SAX parser alone (the baseline: the cost of
// merely reading the XML). Prints MB/s of each, their ratio and the CLI's peak RSS.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureLog } from './generate-log.mjs';
import { runCli } from './run-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SaxLtx = require('ltx/lib/parsers/ltx.js').default ?? require('ltx/lib/parsers/ltx.js');
const megabytes = Number(process.argv[2] ?? 200);

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const file = await ensureLog(megabytes);
const mb = statSync(file).size / (1024 * 1024);

async function saxBaseline() {
  const t0 = process.hrtime.bigint();
  const sax = new SaxLtx();
  let elements = 0;
  sax.on('startElement', () => elements++);
  sax.on('error', () => {});
  // The decoder's read size, which also suits ltx best (measured: 32 KB ≥ 256 KB ≈ 1 MB).
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 32 * 1024 })) sax.write(chunk);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, elements };
}

function decodeCli() {
  return runCli(['decode', '--json', file]);
}

const sax = await saxBaseline();
const cli = await decodeCli();
const saxRate = mb / sax.seconds;
const cliRate = mb / cli.seconds;
console.log(`input                         ${mb.toFixed(1)} MB (${file})`);
console.log(`baseline: ltx SAX parse       ${saxRate.toFixed(1)} MB/s  (${sax.seconds.toFixed(2)} s, ${sax.elements} elements)`);
console.log(`bosh-inspect decode --json    ${cliRate.toFixed(1)} MB/s  (${cli.seconds.toFixed(2)} s)   target ≥ 50 MB/s`);
console.log(`ratio decode / ltx SAX        ${(cliRate / saxRate).toFixed(2)}×                  target ≥ 0.5×`);
console.log(`peak RSS of decode            ${cli.rss.toFixed(0)} MB                 target < 150 MB`);
