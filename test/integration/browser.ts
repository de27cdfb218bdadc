// Headless Debian chromium driving the VS Code web workbench, shared by the integration runner and the UI scenario.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is missing (${CHROMIUM}); install it with: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Waits until the workbench has painted with its theme, the point from which probes and screenshots make sense. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  // The theme class lands on the workbench element once colours are applied.
  await page.waitForSelector('.monaco-workbench.vs, .monaco-workbench.vs-dark, .monaco-workbench.hc-black, .monaco-workbench.hc-light', {
    timeout: timeoutMs,
  });
  await page.waitForSelector('.part.statusbar', { timeout: timeoutMs });
}
