// Opening a log activates the extension: its bundle holds what highlighting, hover, the Outline, the Inspector and
// diagnostics need, and not the live-session code (BOSH and WebSocket clients, the ws package, TLS trust, SASL,
// host-meta), which build.mjs bundles apart as dist/live.js for the first Connect. Bundled here as build.mjs does.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..', '..');
const LIVE_ONLY = [
  /^node_modules\/ws\//,
  /^node_modules\/@mongodb-js\/saslprep\//,
  /^src\/core\/sasl\/(scram|mechanisms)\.ts$/,
  /^src\/core\/bosh\/(client|tls-trust)\.ts$/,
  /^src\/core\/websocket\/client\.ts$/,
  /^src\/core\/xmpp\/(session|discover)\.ts$/,
];

async function inputsOf(entry: string, external: string[]): Promise<string[]> {
  const r = await esbuild.build({ absWorkingDir: root, entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', external, write: false, metafile: true, outfile: 'out.js', logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

describe('activation bundle', function () {
  this.timeout(60_000);

  it('dist/extension.js holds none of the live-session code', async () => {
    const inputs = await inputsOf('src/extension.ts', ['vscode']);
    assert.ok(inputs.includes('src/features/hover/index.ts') && inputs.some((i) => i.startsWith('src/core/find/')), 'the bundle was read');
    const live = inputs.filter((i) => LIVE_ONLY.some((re) => re.test(i)));
    assert.deepEqual(live, [], `in the activation bundle: ${live.join(', ')}`);
  });

  it('dist/live.js holds it: both transports, ws, SASL and discovery', async () => {
    const inputs = await inputsOf('src/core/live.ts', []);
    for (const re of LIVE_ONLY) assert.ok(inputs.some((i) => re.test(i)), `${re} is in the live bundle`);
    assert.ok(!inputs.some((i) => i.startsWith('src/features/')), 'the live bundle is core only, without VS Code');
  });
});
