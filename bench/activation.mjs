// npm run bench:activation [-- ROUNDS]
// How long activating the extension takes when a .log opens, against named baselines:
//  - in the real extension host: a VS Code server and its web workbench in headless Chromium, a folder with a
//    Finesse debug.log opened from Quick Open, then the time VS Code itself records for each extension's activation
//    (code loading + the activate() call, as "Developer: Show Running Extensions" shows it), for this extension and for
//    an empty extension activated by the same event beside it; a fresh server per round; then the same with the
//    extension as it was before the live code went to a bundle of its own (commit BEFORE_SPLIT, built from git: one
//    bundle of everything, the vscode module wrapped per file);
//  - outside VS Code, a cold `node` requiring the bundle with a stand-in `vscode` module and calling activate():
//    dist/extension.js, the bundle before the split, and an empty extension.
// Prints the median of the rounds and the range.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { startServer } from '../scripts/code-server.mjs';
import { launchChromium, waitForWorkbench } from '../test/integration/browser.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 5);
const TARGET_MS = 50;
// The last commit with one bundle for everything.
const BEFORE_SPLIT = '4d1f275eb367db9e73977b4231acbff334fa02b5';

execFileSync(process.execPath, [join(root, 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const work = mkdtempSync(join(tmpdir(), 'bench-activation-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// An extension that does nothing, activated by the same event: what any extension costs the host.
const empty = join(work, 'empty-extension');
mkdirSync(empty, { recursive: true });
writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'empty-log-extension', displayName: 'Empty log extension', publisher: 'bench', version: '0.0.1', license: 'MIT', repository: { type: 'git', url: 'https://example.invalid/empty' }, engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: ['onLanguage:log'] }));
writeFileSync(join(empty, 'extension.js'), 'exports.activate = () => {};\n');
writeFileSync(join(empty, 'README.md'), 'An extension that does nothing.\n');
writeFileSync(join(empty, 'LICENSE'), 'MIT\n');
// Installed as a user installs one (the workbench takes one extension under development at a time).
const emptyVsix = join(work, 'empty-log-extension.vsix');
execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '-o', emptyVsix], { cwd: empty, stdio: 'ignore' });

// The extension before the split, as its build.mjs bundled it then.
const before = join(work, 'before-split');
mkdirSync(before, { recursive: true });
execFileSync('sh', ['-c', `git archive ${BEFORE_SPLIT} | tar -x -C '${before}'`], { cwd: root });
symlinkSync(join(root, 'node_modules'), join(before, 'node_modules'));
await esbuild.build({ absWorkingDir: before, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });

const folder = join(work, 'folder');
mkdirSync(folder, { recursive: true });
copyFileSync(join(root, 'samples', 'finesse', 'openfire', 'debug.log'), join(folder, 'debug.log'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (name, xs) => console.log(`  ${name.padEnd(58)} ${median(xs).toFixed(1).padStart(6)} ms   (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}, ${xs.length} rounds)`);

/** One round in the workbench: the activation times of ours and of the empty extension, in ms. */
async function workbenchRound(browser, extension) {
  const server = await startServer({ stateDir: join(work, `state-${Date.now()}`) });
  try {
    server.installVsix(emptyVsix);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl(folder, [['extensionDevelopmentPath', server.remoteUri(extension)]]));
    await waitForWorkbench(page);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('debug.log');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'debug.log' }).waitFor({ state: 'visible' });
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
    const timeOf = async (name) => {
      const row = page.locator('.runtime-extensions-editor .extension', { has: page.locator('.name', { hasText: name }) }).first();
      await row.waitFor({ timeout: 30_000 });
      const cell = row.locator('.activation-time');
      await cell.filter({ hasText: /Activation: \d+ms/ }).waitFor({ timeout: 30_000 });
      return Number(/(\d+)ms/.exec(await cell.innerText())[1]);
    };
    try {
      return { ours: await timeOf(/XMPP BOSH Inspector|xmpp-bosh-inspector/), empty: await timeOf(/Empty log extension|empty-log-extension/) };
    } catch (e) {
      await page.screenshot({ path: join(tmpdir(), 'bench-activation-failed.png') });
      const shown = await page.locator('.runtime-extensions-editor').innerText().catch(() => '(no Running Extensions editor)');
      throw new Error(`${e.message}\nThe editor showed:\n${shown}\n(screenshot: ${join(tmpdir(), 'bench-activation-failed.png')})`);
    }
  } finally {
    await server.stop();
  }
}

/** One cold activation outside VS Code (bench/activation-harness.cjs), in ms. */
function harness(...args) {
  const out = execFileSync(process.execPath, [join(root, 'bench', 'activation-harness.cjs'), ...args], { encoding: 'utf8' });
  return JSON.parse(out).total;
}

const inHost = { ours: [], before: [], empty: [] };
const browser = await launchChromium();
try {
  for (let i = 0; i < rounds; i++) {
    const r = await workbenchRound(browser, root);
    inHost.ours.push(r.ours);
    inHost.empty.push(r.empty);
    inHost.before.push((await workbenchRound(browser, before)).ours);
  }
} finally {
  await browser.close();
}
const outside = { empty: [], now: [], before: [] };
for (let i = 0; i < Math.max(rounds, 9); i++) {
  outside.empty.push(harness(join(empty, 'extension.js')));
  outside.now.push(harness(join(root, 'dist', 'extension.js')));
  outside.before.push(harness(join(before, 'dist', 'extension.js')));
}

console.log(`Activation on opening a .log (target < ${TARGET_MS} ms in the extension host):`);
console.log(' in the VS Code extension host (code loading + activate(), as VS Code records it):');
line('XMPP BOSH Inspector', inHost.ours);
line('baseline: before the split (one bundle of everything)', inHost.before);
line('baseline: an empty extension, same event', inHost.empty);
console.log(' cold node, stand-in vscode module (require + activate()):');
line('dist/extension.js (live code apart, in dist/live.js)', outside.now);
line('baseline: before the split (one bundle of everything)', outside.before);
line('baseline: an empty extension', outside.empty);
process.exit(median(inHost.ours) < TARGET_MS ? 0 : 1);
