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
import { isEmptyQuery, newStanzaMatches, readQuery, searchStanzas, type StanzaQuery } from '../../src/features/inspector/stanza-search';
import { readWebviewMessage, type HostMessage, type PageStrings, type Row, type WebviewMessage } from '../../src/protocol';

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

/** For the tests of the enclosing `describe`: the page bundle built and Chromium launched before them, closed after. */
export function useInspectorBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    buildBundle();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium did not start (see the before hook)');
    return browser;
  };
}

export interface InspectorPage {
  page: Page;
  index: FragmentIndex;
  rows: Row[];
  /** Every message the page posted, checked by the protocol reader (undefined when malformed). */
  posted: Array<WebviewMessage | undefined>;
  send(m: HostMessage): Promise<void>;
  /** The source grew: its new lines (numbered on after the text so far) found, added to the index and sent as the host sends them. */
  append(text: string): Promise<Row[]>;
}

/** Opens the Inspector page on a log text; the stand-in host answers 'ready' and 'detail' like the extension. */
export async function openInspector(browser: Browser, logText: string, opts: { title?: string; savedState?: unknown; width?: number; height?: number; follows?: boolean; strings?: PageStrings } = {}): Promise<InspectorPage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const htmlPath = join(ARTIFACTS, 'inspector.html');
  writeFileSync(htmlPath, inspectorHtml({ cspSource: 'file:', scriptUri: pathToFileURL(BUNDLE).href, styleUri: pathToFileURL(join(ROOT, 'media', 'inspector.css')).href }, opts.strings));

  const index = new FragmentIndex();
  const rows = findInText(logText).map((f) => index.add(f));
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 800 } });
  const posted: Array<WebviewMessage | undefined> = [];
  let search: { id: number; query: StanzaQuery } | undefined;
  const send = (m: HostMessage) => page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);

  await page.exposeFunction('__toHost', async (raw: unknown) => {
    const m = readWebviewMessage(raw);
    posted.push(m);
    if (!m) return;
    if (m.type === 'ready') {
      await send({ type: 'reset', title: opts.title ?? 'fixture.log', source: { kind: 'file', path: '/logs/fixture.log' }, ...(opts.follows ? { follows: true } : {}) });
      for (let i = 0; i < rows.length; i += ROWS_PER_BATCH) await send({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_BATCH) });
      await send({ type: 'progress', rows: rows.length, done: true });
    } else if (m.type === 'detail') {
      const detail = await index.detail(m.index);
      if (detail) await send({ type: 'detail', detail });
    } else if (m.type === 'search') {
      // The host's own search code over the same index.
      const q = readQuery(m.text, m.match);
      search = undefined;
      if (!('words' in q)) return void (await send({ type: 'searchError', search: m.search, message: q.reason, column: q.column }));
      if (isEmptyQuery(q)) return;
      search = { id: m.search, query: q };
      for await (const r of searchStanzas(index, q, () => false)) await send({ type: 'matches', search: m.search, indices: r.indices, searched: r.searched, total: r.total, done: false });
      await send({ type: 'matches', search: m.search, indices: [], searched: index.size, total: index.size, done: true });
    }
  });
  let lines = logText.split('\n').length;
  const append = async (text: string) => {
    const found = findInText(text).map((f) => ({ ...f, line: f.line + lines, endLine: f.endLine + lines }));
    const added = found.map((f) => index.add(f));
    lines += text.split('\n').length;
    rows.push(...added);
    await send({ type: 'rows', rows: added });
    const s = search;
    if (s) await send({ type: 'matches', search: s.id, indices: added.filter((r, i) => newStanzaMatches(index, found[i], r.index, s.query)).map((r) => r.index), searched: index.size, total: index.size, done: true });
    await send({ type: 'progress', rows: rows.length, done: true });
    return added;
  };
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
  return { page, index, rows, posted, send, append };
}
