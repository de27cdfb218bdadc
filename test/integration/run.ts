// Runs the extension-host suite (test/integration/suite) inside the real Node extension host of the VS Code server:
// the workbench URL carries extensionDevelopmentPath + extensionTestsPath, and the page reports the test output and
// exit code back through codeAutomationLog / codeAutomationExit. Prints mocha's own "N passing / N failing".
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { repoRoot, startServer, type RunningServer } from '../../scripts/code-server.mjs';
import { launchChromium, waitForWorkbench } from './browser';
import { buildExtensionAndSuite } from './bundle-suite';
import { startSuiteProsody, type SuiteProsody } from './live-server';

const SUITE_TIMEOUT_MS = 300_000;
// The workbench's own start-up chatter, which the automation log also carries; everything else is printed.
const WORKBENCH_CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\] registration|Ignoring fetching additional builtin|Updating additional builtin|ChatSessionStore)/;

async function main(): Promise<number> {
  const started = Date.now();
  // A folder of its own per run, for the server's state and the compiled suite: several people (or terminals) may
  // run the suite at once.
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  const stateDir = mkdtempSync(join(repoRoot, '.cache', 'integration-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let prosody: SuiteProsody | undefined;
  try {
    const testsIndex = await buildExtensionAndSuite(join(stateDir, 'suite'));
    // Before the server, whose environment its extension host inherits.
    prosody = await startSuiteProsody(stateDir);
    server = await startServer({ stateDir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      // Mocha's reporter logs printf-style ('%d passing (%s)', 4, '49ms'): format it as node's console would.
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (WORKBENCH_CHATTER.test(line)) return;
      process.stdout.write(line.endsWith('\n') ? line : line + '\n');
    });
    page.on('pageerror', (e) => console.error(`workbench page error: ${e.message}`));
    const url = server.workbenchUrl(join(repoRoot, 'samples'), [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(testsIndex)],
    ]);
    await page.goto(url);
    await waitForWorkbench(page);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`the extension-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
        resolve(124);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    console.log(`extension-host suite exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await browser?.close();
    await server?.stop();
    await prosody?.dispose();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

// Ending on a signal goes through process.exit, so the server started above is ended with this process.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
process.stdout.on('error', () => process.exit(1));

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`integration: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
