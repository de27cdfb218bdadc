// Runs `bosh-inspect ARGS > /dev/null` as users do, through the executable's own shebang, and
// measures its wall time and peak RSS (bench/max-rss.cjs reports it on stderr).
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function runCli(args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(join(root, 'dist', 'cli.js'), args, {
      stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'],
      env: { ...process.env, NODE_OPTIONS: `--require ${join(root, 'bench', 'max-rss.cjs')}` },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = Number(/MAX_RSS_KB=(\d+)/.exec(err)?.[1] ?? NaN) / 1024;
      if (code !== 0) reject(new Error(`bosh-inspect ${args[0]} exited ${code}: ${err}`));
      else resolve({ seconds, rss });
    });
  });
}
