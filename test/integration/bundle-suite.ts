// Builds the extension and compiles the extension-host tests to a folder (out/integration/ unless told), one CommonJS file per test
// (mocha loads them one by one; 'vscode' and 'mocha' stay external: the host provides the first, node_modules the second).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../scripts/code-server.mjs';

/**
 * `outDir` of its own per run keeps a run beside it from deleting the suite while this one's extension host loads it.
 * `suiteDir`: the folder of tests and their index.ts (the Restricted Mode run has its own).
 */
export async function buildExtensionAndSuite(outDir = join(repoRoot, 'out', 'integration'), suiteDir = join(repoRoot, 'test', 'integration', 'suite')): Promise<string> {
  execFileSync(process.execPath, [join(repoRoot, 'build.mjs')], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const entries = readdirSync(suiteDir)
    .filter((n) => n === 'index.ts' || n.endsWith('.test.ts'))
    .map((n) => join(suiteDir, n));
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}
