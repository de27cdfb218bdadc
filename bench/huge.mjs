// npm run bench:huge [-- MEGABYTES]
// Huge inputs with flat memory: a generated Openfire debug.log and a generated agent HAR capture
// of MEGABYTES each (1024 by default), written to a temporary folder and deleted after, each
// through `bosh-inspect decode --json`, `bosh-inspect scan --json` and the Stanza Inspector's
// index. Baseline: the same inputs at 1 MB, so what grows with the input shows. Prints MB/s and
// peak RSS of each against the target (< 200 MB peak RSS on 1 GB).
import { spawn } from 'node:child_process';
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLog } from './generate-log.mjs';
import { generateHar } from './generate-har.mjs';
import { runCli } from './run-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const megabytes = Number(process.argv[2] ?? 1024);
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}

// The index runs bundled, as the extension host runs it (a TypeScript loader would add its own 30 MB).
function indexFile(script, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`index-file exited ${code}`))));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bosh-huge-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
try {
  const indexScript = join(dir, 'index-file.mjs');
  await esbuild.build({ entryPoints: [join(root, 'bench', 'index-file.mjs')], outfile: indexScript, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const rows = [];
  for (const [kind, make] of [
    ['Openfire debug.log', (f, mb) => generateLog(f, mb)],
    ['agent HAR capture', (f, mb) => generateHar(f, mb)],
  ]) {
    for (const mb of [1, megabytes]) {
      const file = join(dir, `${kind.includes('HAR') ? 'agent' : 'debug'}-${mb}mb.${kind.includes('HAR') ? 'har' : 'log'}`);
      process.stdout.write(`generating ${mb} MB ${kind} … `);
      await make(file, mb);
      const size = statSync(file).size / 1048576;
      console.log('done');
      const decode = await runCli(['decode', '--json', file]);
      const scan = await runCli(['scan', '--json', file]);
      const index = await indexFile(indexScript, file);
      rows.push({ kind, size, decode, scan, index });
      if (mb !== 1) rmSync(file);
    }
  }
  const rate = (r, s) => `${(r.size / s).toFixed(1)} MB/s`.padStart(11);
  const rss = (m) => `${m.toFixed(0)} MB`.padStart(8);
  console.log(`\nnode ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('input                               decode --json          scan --json            Inspector index');
  for (const r of rows) {
    const name = `${r.kind}, ${r.size.toFixed(r.size < 10 ? 1 : 0)} MB${r.size < 10 ? ' (baseline)' : ''}`.padEnd(34);
    console.log(`${name}  ${rate(r, r.decode.seconds)} ${rss(r.decode.rss)}   ${rate(r, r.scan.seconds)} ${rss(r.scan.rss)}   ${rate(r, r.index.seconds)} ${rss(r.index.rss)}  (${r.index.rows.toLocaleString('en-US')} rows)`);
  }
  console.log('target: peak RSS < 200 MB on 1 GB, whatever the input');
} finally {
  cleanup();
}
