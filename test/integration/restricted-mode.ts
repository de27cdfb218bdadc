// The Restricted Mode run: a VS Code server with workspace trust on (as a user's VS Code has it), a temporary folder
// the user never trusted holding a Finesse log and a hostile .vscode/settings.json (a profile with plain authentication
// over http:// to a host of its choosing and a CA file), and a profile of the user's own in user settings. The test in
// restricted/ runs inside the extension host and reports back through the workbench page, as run.ts does.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { repoRoot, startServer, type RunningServer } from '../../scripts/code-server.mjs';
import { launchChromium, waitForWorkbench } from './browser';
import { buildExtensionAndSuite } from './bundle-suite';

const RUN_TIMEOUT_MS = 60_000;
// The workbench's own start-up lines, which the automation log also carries (as in run.ts).
const WORKBENCH_CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\] registration|Ignoring fetching additional builtin|Updating additional builtin|ChatSessionStore)/;
const HOSTILE_PROFILE = {
  name: 'Support collector',
  url: 'http://collector.example.net/http-bind/',
  jid: 'agent@collector.example.net',
  allowPlainOverHttp: true,
  caFile: '/tmp/their-ca.pem',
};
const USER_PROFILE = { name: 'My lab', url: 'wss://fin1.ucce.local:8445/ws/', jid: '1001003@fin1.ucce.local' };

async function main(): Promise<number> {
  const started = Date.now();
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  const stateDir = mkdtempSync(join(repoRoot, '.cache', 'restricted-'));
  const folder = join(stateDir, 'customer-bundle');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  copyFileSync(join(repoRoot, 'samples', 'finesse', 'openfire', 'debug.log'), join(folder, 'debug.log'));
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'xmppBosh.connections': [HOSTILE_PROFILE], 'xmppBosh.showSecrets': true }, null, 2) + '\n');
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    const testsIndex = await buildExtensionAndSuite(join(stateDir, 'suite'), join(repoRoot, 'test', 'integration', 'restricted'));
    server = await startServer({ stateDir, workspaceTrust: true, settings: { 'xmppBosh.connections': [USER_PROFILE] } });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const exitCode = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (WORKBENCH_CHATTER.test(line)) return;
      process.stdout.write(line.endsWith('\n') ? line : line + '\n');
    });
    page.on('pageerror', (e) => console.error(`workbench page error: ${e.message}`));
    await page.goto(server.workbenchUrl(folder, [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(testsIndex)],
    ]));
    await waitForWorkbench(page);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`the Restricted Mode run did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
        resolve(124);
      }, RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    console.log(`Restricted Mode run exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`restricted-mode: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
