/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
// The built Inspector page in headless Debian Chromium, with a stand-in for VS Code's webview API
// whose host side is the real FragmentIndex: rows and details are what the extension would send.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findInText } from '../../src/core/find/finder';
import { FragmentIndex, ROWS_PER_BATCH } from '../../src/features/inspector/fragment-index';
import { inspectorHtml } from '../../src/features/inspector/inspector-html';
import { readWebviewMessage, type HostMessage, type Row, type WebviewMessage } from '../../src/protocol';

export const ROOT = resolve(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUNDLE = join(ROOT, 'dist', 'webview', 'inspector.js');

/** Builds the page bundle from the current sources, as `npm run build` does. */
export function buildBundle(): void {
  buildSync({ absWorkingDir: ROOT, entryPoints: ['src/webview/main.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', tsconfig: 'src/webview/tsconfig.json', outfile: BUNDLE, sourcemap: true, logLevel: 'warning' });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is missing (${CHROMIUM}): apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface InspectorPage {
  page: Page;
  index: FragmentIndex;
  rows: Row[];
  /** Every message the page posted, checked by the protocol reader (undefined when malformed). */
  posted: Array<WebviewMessage | undefined>;
  send(m: HostMessage): Promise<void>;
}

/** Opens the Inspector page on a log text; the stand-in host answers 'ready' and 'detail' like the extension. */
export async function openInspector(browser: Browser, logText: string, opts: { title?: string; savedState?: unknown; width?: number; height?: number } = {}): Promise<InspectorPage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const htmlPath = join(ARTIFACTS, 'inspector.html');
  writeFileSync(htmlPath, inspectorHtml({ cspSource: 'file:', scriptUri: pathToFileURL(BUNDLE).href, styleUri: pathToFileURL(join(ROOT, 'media', 'inspector.css')).href }));

  const index = new FragmentIndex();
  const rows = findInText(logText).map((f) => index.add(f));
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 800 } });
  const posted: Array<WebviewMessage | undefined> = [];
  const send = (m: HostMessage) => page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);

  await page.exposeFunction('__toHost', async (raw: unknown) => {
    const m = readWebviewMessage(raw);
    posted.push(m);
    if (!m) return;
    if (m.type === 'ready') {
      await send({ type: 'reset', title: opts.title ?? 'fixture.log', source: { kind: 'file', path: '/logs/fixture.log' } });
      for (let i = 0; i < rows.length; i += ROWS_PER_BATCH) await send({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_BATCH) });
      await send({ type: 'progress', rows: rows.length, done: true });
    } else if (m.type === 'detail') {
      const detail = await index.detail(m.index);
      if (detail) await send({ type: 'detail', detail });
    }
  });
  // A string, not a function: the test runner's compiler would add helpers the page does not have.
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    let state = ${JSON.stringify(opts.savedState ?? null)} ?? undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__toHost(m),
      getState: () => state,
      setState: (s) => { state = s; window.__savedState = s; },
    });
  `);
  await page.goto(pathToFileURL(htmlPath).href);
  return { page, index, rows, posted, send };
}
