// Runs every suite in order and closes with one line: "N passed, N failed".
// Each suite is a mocha run; its "N passing" / "N failing" lines are added up.
// A suite that cannot start (missing server, browser, build) counts as one failure with its message.
import { spawn } from 'node:child_process';

const suites = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', '.', '--noEmit'], plain: true },
  { name: 'build', cmd: 'node', args: ['build.mjs'], plain: true },
  { name: 'unit', cmd: 'npx', args: ['mocha'] },
  // Log highlighting: our grammars in VS Code's own tokenizer (vscode-textmate + Oniguruma), every dialect.
  { name: 'grammar', cmd: 'npx', args: ['mocha', '--config', 'test/grammar/.mocharc.json'] },
  // The Stanza Inspector page: its own DOM typecheck, then the built page in headless Chromium.
  { name: 'typecheck-webview', cmd: 'npx', args: ['tsc', '-p', 'src/webview', '--noEmit'], plain: true },
  { name: 'webview', cmd: 'npx', args: ['mocha', '--config', 'test/webview/.mocharc.json'] },
  // Live BOSH sessions against a private Prosody (installed by scripts/prerequisites.sh before npm test).
  { name: 'live', cmd: 'npx', args: ['mocha', '--config', 'test/live/.mocharc.json'] },
  // Faults injected by a proxy of ours between our BOSH client and a real Prosody: nothing lost, duplicated or reordered.
  { name: 'faults', cmd: 'npx', args: ['mocha', '--config', 'test/faults/.mocharc.json'] },
  // Failure scenarios caused against a real Prosody and ejabberd with Strophe.js in Chromium, then diagnosed.
  { name: 'real', cmd: 'npx', args: ['mocha', '--config', 'test/real/.mocharc.json'] },
  { name: 'integration', cmd: 'node', args: ['--import', 'tsx', 'test/integration/run.ts'] },
  // Restricted Mode: a workbench of its own with workspace trust on, on a folder never trusted that holds a hostile profile.
  { name: 'restricted', cmd: 'node', args: ['--import', 'tsx', 'test/integration/restricted-mode.ts'] },
  { name: 'e2e', cmd: 'npx', args: ['mocha', '--config', 'test/e2e/.mocharc.json'] },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;

for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const { code, out } = await run(suite.cmd, suite.args);
  if (suite.plain) {
    if (code === 0) passed++;
    else {
      failed++;
      console.log(`${suite.name}: failed with exit code ${code}`);
    }
    continue;
  }
  const p = lastNumber(out, /(\d+) passing/g);
  const f = lastNumber(out, /(\d+) failing/g);
  passed += p;
  failed += f;
  if (code !== 0 && f === 0) {
    failed++;
    console.log(`${suite.name}: exited with code ${code} without reporting a failing test`);
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    const onData = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', (e) => resolve({ code: 127, out: out + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function lastNumber(text, re) {
  let n = 0;
  for (const m of text.matchAll(re)) n = Number(m[1]);
  return n;
}
