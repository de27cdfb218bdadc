// Bundles the extension (CommonJS, 'vscode' external) and the CLI (a node script with a shebang).
import { chmodSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { vscodeApiOnce } from './scripts/esbuild-vscode-api.mjs';

const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'info' };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], plugins: [vscodeApiOnce] },
  // Live sessions (BOSH and WebSocket clients, ws, TLS, SASL, host-meta), loaded at the first Connect or Discover
  // (src/features/session/live-code.ts), so activation on a log does not parse them.
  { ...common, entryPoints: ['src/core/live.ts'], outfile: 'dist/live.js', format: 'cjs' },
  // Session diagnosis on a worker thread of the extension host (see src/features/diagnostics/run-diagnosis.ts).
  { ...common, entryPoints: ['src/features/diagnostics/diagnose-worker.ts'], outfile: 'dist/diagnose-worker.js', format: 'cjs' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', define: { BOSH_INSPECT_VERSION: JSON.stringify(version) }, banner: { js: '#!/usr/bin/env node' } },
  // The Stanza Inspector page, run inside the webview.
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/inspector.js', platform: 'browser', format: 'iife', target: 'chrome120', tsconfig: 'src/webview/tsconfig.json' },
  // The session timeline page, run inside its own webview.
  { ...common, entryPoints: ['src/webview/timeline/main.ts'], outfile: 'dist/webview/timeline.js', platform: 'browser', format: 'iife', target: 'chrome120', tsconfig: 'src/webview/tsconfig.json' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
