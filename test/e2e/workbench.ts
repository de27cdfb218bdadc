// The UI scenario's workbench: the packed .vsix installed into a fresh VS Code server, opened on samples/ in chromium.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot, startServer, type RunningServer } from '../../scripts/code-server.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { launchChromium, waitForWorkbench } from '../integration/browser';

export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');
let artifactsCleared = false;

export interface Workbench {
  server: RunningServer;
  browser: Browser;
  page: Page;
  vsix: { vsix: string; size: number; entries: string[] };
  close(): Promise<void>;
}

// Packed once per test process, every scenario file installs the same bytes; into a folder of this run's own, so a
// run beside it never installs a .vsix this one is still writing.
let packed: Workbench['vsix'] | undefined;

function packOnce(): Workbench['vsix'] {
  if (packed) return packed;
  const dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-vsix-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (packed = packageVsix({ quiet: true, out: join(dir, 'xmpp-bosh-inspector.vsix') }));
}

export async function openWorkbenchWithVsix(settings: Record<string, unknown> = {}): Promise<Workbench> {
  const vsix = packOnce();
  // A folder of its own per run: several people (or terminals) may run the scenario at once.
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  const stateDir = mkdtempSync(join(repoRoot, '.cache', 'e2e-'));
  // Last run's pictures go once per test process; several scenario files share one process.
  if (!artifactsCleared) rmSync(artifactsDir, { recursive: true, force: true });
  artifactsCleared = true;
  mkdirSync(artifactsDir, { recursive: true });
  // Wrapped lines keep a whole Finesse notification on screen, for the probes and the screenshots.
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer({ stateDir, settings: { 'editor.wordWrap': 'on', 'editor.minimap.enabled': false, ...settings } });
    server.installVsix(vsix.vsix);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl(join(repoRoot, 'samples')));
    await waitForWorkbench(page);
    const b = browser;
    const s = server;
    return {
      server: s,
      browser: b,
      page,
      vsix,
      async close() {
        await b.close();
        await s.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A workbench for the tests of the enclosing `describe`: opened before them (with these user settings), a
 * screenshot of each failure under `shots`, closed after them. Returns how the tests reach it.
 */
export function useWorkbench(shots = artifactsDir, settings: Record<string, unknown> = {}, opened?: (wb: Workbench) => Promise<void>): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(240_000);
    wb = await openWorkbenchWithVsix(settings);
    await opened?.(wb);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await snapshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`, shots).catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
  });
  return () => {
    if (!wb) throw new Error('the workbench did not open (see the before hook)');
    return wb;
  };
}

/** Answers VS Code's own save dialog in the browser (a path input): once it suggests a name ending in `suggested`, saves to `target`. */
export async function saveAs(page: Page, suggested: string, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.waitForFunction((end) => ((globalThis as any).document.querySelector('.quick-input-widget input')?.value ?? '').endsWith(end), suggested);
  await input.fill(target);
  await page.waitForFunction((t) => (globalThis as any).document.querySelector('.quick-input-widget input')?.value === t, target);
  await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
}

/** A screenshot under test-artifacts/e2e/ (or `dir`), taken with animations stopped so it shows a settled frame. */
export async function snapshot(page: Page, name: string, dir = artifactsDir): Promise<string> {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** 1-based line and column of the `nth` occurrence of `needle` in a sample, plus `offset` characters. */
export function positionIn(segments: string[], needle: string, offset = 0, nth = 0): { line: number; column: number } {
  const lines = readFileSync(join(repoRoot, 'samples', ...segments), 'utf8').split('\n');
  let seen = 0;
  for (const [i, l] of lines.entries()) {
    let at = l.indexOf(needle);
    while (at >= 0) {
      if (seen++ === nth) return { line: i + 1, column: at + offset + 1 };
      at = l.indexOf(needle, at + 1);
    }
  }
  throw new Error(`${needle} not found in samples/${segments.join('/')}`);
}

/** Runs a command from the command palette (F1), by its title as users see it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Click the row whose label is exactly the title: "Connect BOSH" also matches "Disconnect BOSH Session".
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  const input = page.locator('.quick-input-widget input');
  // The palette lists the commands known when it opens: just after start-up, an extension's may not be yet.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : 30_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await row.click();
}

/** XMPP: Connect as a person runs it: the profile picked, the password typed, until the session's output channel shows `boundJid`. */
export async function connectProfile(page: Page, profile: string, password: string, boundJid: string): Promise<void> {
  await runCommand(page, 'XMPP: Connect');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: profile }).first().click();
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(password);
  await page.keyboard.press('Enter');
  // Online: the server's answer to the bind appears in the session's output channel.
  await page.locator('.part.panel .view-lines', { hasText: boundJid }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Opens a file of the samples workspace by clicking through the Explorer, folder by folder. */
export async function openFromExplorer(page: Page, segments: string[]): Promise<void> {
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await page.keyboard.press('Control+Shift+E');
  await explorer.waitFor({ state: 'visible' });
  for (const [i, name] of segments.entries()) {
    const row = explorer.locator(`.monaco-list-row[aria-level="${i + 1}"][aria-label="${name}"]`);
    await row.first().waitFor({ state: 'visible' });
    const last = i === segments.length - 1;
    const expanded = await row.first().getAttribute('aria-expanded');
    if (last || expanded !== 'true') await row.first().click();
  }
  const file = segments[segments.length - 1];
  await page.locator(`.tabs-container .tab.active`, { hasText: file }).waitFor({ state: 'visible' });
  await page.locator('.editor-instance .view-lines').first().waitFor({ state: 'visible' });
}

/** The visible text of the active editor; the editor renders spaces as no-break spaces. */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Puts the cursor at a 1-based line and column of the active editor through "Go to Line/Column". */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The TextMate scopes at the cursor, read from "Developer: Inspect Editor Tokens and Scopes". */
export async function scopesAtCursor(page: Page): Promise<string> {
  await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.waitFor({ state: 'visible' });
  await page.waitForFunction(() => /textmate scopes/i.test((globalThis as any).document.querySelector('.token-inspect-widget')?.textContent ?? ''));
  const text = (await widget.innerText()).replace(/\u00a0/g, ' ');
  return text;
}

/** Closes whatever widget or quick input is open. */
export async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

/**
 * Foreground colours of the rendered tokens (span.mtkN in .view-lines) whose text contains `text`; the editor
 * merges neighbouring tokens of one colour into a span, so '<body' and '><iq' are single spans.
 */
export async function tokenColours(page: Page, text: string): Promise<string[]> {
  return page.locator('.editor-instance .view-lines span[class^="mtk"]').evaluateAll(
    (spans, t) => spans.filter((s) => s.textContent?.includes(t)).map((s) => (globalThis as any).getComputedStyle(s).color as string),
    text,
  );
}

/** Rests the mouse on the editor's cursor, where a hover then opens; returns the hover's text once it shows `ready`. */
export async function hoverAtCursor(page: Page, ready: RegExp): Promise<string> {
  const box = await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox();
  if (!box) throw new Error('no cursor in the active editor');
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  // Right after a file opens the extension may still be activating and no hover comes: move away and back,
  // as a person would, until it does.
  const until = Date.now() + 30_000;
  for (;;) {
    await page.mouse.move(box.x + 3, box.y - 40);
    await page.mouse.move(box.x + 3, box.y + box.height / 2, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (e) {
      if (Date.now() > until) throw new Error(`no hover appeared at the cursor within 30 s: ${(e as Error).message}`);
    }
  }
  // The hover fills in after it appears (code blocks are coloured later). If `ready` never shows, the
  // caller's assertion reports the text there is.
  await page.locator('.monaco-hover:not(.hidden)', { hasText: ready }).first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
  return (await hover.innerText()).replace(/\u00a0/g, ' ');
}

/** The Stanza Inspector's page inside its webview (VS Code nests the page in two iframes). */
export function inspectorFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * The visible text of the panel's output view, read in the same frame in which it first shows `needle`: the view
 * keeps scrolling and re-rendering as output arrives, so a later read may show other lines.
 */
export async function outputTextShowing(page: Page, needle: string, timeoutMs = 30_000): Promise<string> {
  const text = await page.waitForFunction(
    (n) => {
      for (const view of (globalThis as any).document.querySelectorAll('.part.panel .view-lines')) {
        const t = (view.innerText as string).replace(/\u00a0/g, ' ');
        if (t.includes(n)) return t;
      }
      return false;
    },
    needle,
    { timeout: timeoutMs },
  );
  return (await text.jsonValue()) as string;
}

/**
 * The output channel renders only the lines in view, so a check filters the channel to the lines
 * it is about (the Output view's own filter) and waits for the one it needs.
 */
export async function outputLinesWith(page: Page, filter: string, needle: string): Promise<string> {
  const box = page.locator('.part.panel .viewpane-filter input, .part.panel input[placeholder="Filter"]').first();
  await box.fill(filter);
  try {
    return await outputTextShowing(page, needle);
  } finally {
    await box.fill('');
  }
}
