/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
// The built session timeline page in headless Chromium, with a stand-in for VS Code's webview API,
// fed the Incident that diagnose() makes of the Finesse samples.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { diagnose } from '../../src/core/diagnose';
import { expandInputs } from '../../src/core/input';
import type { Incident, Session } from '../../src/core/sessions/model';
import { timelineHtml } from '../../src/features/timeline/timeline-html';
import { readTimelineWebviewMessage, type TimelineData, type TimelineWebviewMessage } from '../../src/protocol';
import { ARTIFACTS, ROOT, launch } from './inspector-page';

const BUNDLE = join(ROOT, 'dist', 'webview', 'timeline.js');
const SAMPLES = ['finesse/openfire/debug.log', 'finesse/webservices/Desktop-webservices.2017-06-17T00-00-00.000.log', 'finesse/finesse-desktop.har'].map((p) => join(ROOT, 'samples', p));

/** VS Code's Dark Modern and Light Modern colours for the variables the page reads. */
const DARK = { '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-lineHighlightBackground': '#282828', '--vscode-editorIndentGuide-background1': '#404040', '--vscode-font-family': "system-ui, 'Ubuntu', 'Droid Sans', sans-serif", '--vscode-font-size': '13px' };
const LIGHT = { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-editor-lineHighlightBackground': '#f4f4f4', '--vscode-editorIndentGuide-background1': '#d3d3d3', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#e51400' };

type SvgExport = Extract<TimelineWebviewMessage, { format: 'svg' }>;
type PngExport = Extract<TimelineWebviewMessage, { format: 'png' }>;
const isSvg = (m: TimelineWebviewMessage | undefined): m is SvgExport => m?.type === 'export' && m.format === 'svg';
const isPng = (m: TimelineWebviewMessage | undefined): m is PngExport => m?.type === 'export' && m.format === 'png';

interface TimelinePage {
  page: Page;
  posted: Array<TimelineWebviewMessage | undefined>;
}

async function openTimeline(browser: Browser, data: TimelineData, opts: { width?: number; height?: number; theme?: Record<string, string>; light?: boolean } = {}): Promise<TimelinePage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const htmlPath = join(ARTIFACTS, 'timeline.html');
  writeFileSync(htmlPath, timelineHtml({ cspSource: 'file:', scriptUri: pathToFileURL(BUNDLE).href, styleUri: pathToFileURL(join(ROOT, 'media', 'timeline.css')).href }));
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 700 } });
  const posted: Array<TimelineWebviewMessage | undefined> = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.exposeFunction('__toHost', async (raw: unknown) => {
    const m = readTimelineWebviewMessage(raw);
    posted.push(m);
    if (m?.type === 'ready') await page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'show', data } as unknown as Record<string, unknown>);
  });
  // As VS Code does: the theme's variables on <html>, its kind as a class of <body>.
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => undefined, setState: () => undefined });
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(${JSON.stringify(opts.theme ?? DARK)})) document.documentElement.style.setProperty(k, v);
      document.body.classList.add(${JSON.stringify(opts.light ? 'vscode-light' : 'vscode-dark')});
    });
  `);
  await page.goto(pathToFileURL(htmlPath).href);
  await page.waitForSelector('svg rect.bar', { timeout: 10_000 }).catch((e: Error) => {
    throw new Error(`${e.message}; page errors: ${pageErrors.join('; ') || 'none'}`);
  });
  return { page, posted };
}

async function waitFor<T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('session timeline page in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let incident: Incident;
  let finesse: Session;
  let data: TimelineData;

  before(async () => {
    buildSync({ absWorkingDir: ROOT, entryPoints: ['src/webview/timeline/main.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', tsconfig: 'src/webview/tsconfig.json', outfile: BUNDLE, sourcemap: true, logLevel: 'warning' });
    const expanded = await expandInputs(SAMPLES);
    incident = await diagnose(expanded.files.map((f) => ({ name: f.path ?? f.name, open: () => f.open() })));
    await expanded.dispose();
    finesse = incident.sessions.find((s) => s.endCause === 'inactivity-timeout')!;
    assert.ok(finesse, `a Finesse inactivity session in the samples: ${incident.sessions.map((s) => s.endCause).join(', ')}`);
    data = { title: 'Picked: debug.log, Desktop-webservices…, finesse-desktop.har', session: finesse, findings: incident.findings.filter((f) => f.sid === finesse.sid) };
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the lanes, one bar per request, the held requests long, the end cause and the Finesse lane', async () => {
    const { page, posted } = await openTimeline(browser, data, { width: 1000, height: 560 });
    const labels = await page.$$eval('.lane-label', (els) => els.map((e) => e.textContent));
    assert.deepEqual(labels, ['Client', 'Server', 'Finesse']);
    const bars = await page.$$eval('svg rect.bar', (els) => els.map((e) => ({ rid: Number(e.getAttribute('data-rid')), w: Number(e.getAttribute('width')) })));
    assert.equal(bars.length, finesse.spans.length);
    const widths = bars.map((b) => b.w).sort((a, b) => a - b);
    assert.ok(widths[widths.length - 1] > 100 && widths[widths.length - 1] > 20 * widths[0], `held requests stand out: ${widths.join(', ')}`);
    assert.equal(await page.$eval('.end-cause', (e) => e.textContent), 'END: inactivity timeout');
    assert.match(await page.$eval('.header .explanation', (e) => e.textContent ?? ''), /closed by the server for inactivity/);
    const finesseEvents = finesse.events.filter((e) => e.lane === 'finesse').length;
    assert.ok(finesseEvents >= 2);
    assert.equal(await page.$$eval('.finesse-event', (els) => els.length), finesseEvents);
    assert.ok((await page.$$eval('.finesse-label', (els) => els.map((e) => e.textContent))).some((t) => t?.includes('NOT_READY')));
    assert.equal(await page.$$eval('.scale-wait, .scale-inactivity', (els) => els.length), 2);
    assert.ok((await page.$$eval('.finding-mark', (els) => els.length)) >= 1, 'the findings are on the picture');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    const bottom = await page.$eval('.scroll', (e) => Math.ceil(e.getBoundingClientRect().bottom));
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-finesse-dark.png'), clip: { x: 0, y: 0, width: 1000, height: bottom + 4 } });
    // The README's picture is renewed only when asked (UPDATE_DOCS=1), so a test run leaves the checkout as it was.
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'timeline-finesse-dark.png'), join(ROOT, 'docs', 'timeline.png'));
    }
    assert.ok(posted.every((m) => m !== undefined));
    await page.close();
  });

  it('shows the rid and what a request carried on hover, and asks the host to reveal its line on click', async () => {
    const { page, posted } = await openTimeline(browser, data);
    const longest = finesse.spans.reduce((a, b) => ((b.answered?.time ?? 0) - (b.sent.time ?? 0) > (a.answered?.time ?? 0) - (a.sent.time ?? 0) ? b : a));
    const bar = page.locator(`svg rect.bar[data-rid="${longest.rid}"]`);
    await bar.hover();
    const tip = await page.$eval('.tooltip', (e) => ({ text: e.textContent ?? '', hidden: e.hasAttribute('hidden') }));
    assert.equal(tip.hidden, false);
    assert.match(tip.text, new RegExp(`rid ${longest.rid}`));
    assert.match(tip.text, /answered after \d+/);
    await bar.click();
    const reveal = await waitFor('a reveal message', () => posted.find((m) => m?.type === 'reveal'));
    assert.deepEqual(reveal, { type: 'reveal', file: longest.sent.file, line: longest.sent.line });
    // Zoom in: the picture grows wider than the page and scrolls.
    const before = await page.$eval('svg', (e) => Number(e.getAttribute('width')));
    await page.click('.zoom-in');
    await page.click('.zoom-in');
    const after = await page.$eval('svg', (e) => Number(e.getAttribute('width')));
    assert.ok(after > before * 2, `${before} → ${after}`);
    assert.ok(await page.$eval('.scroll', (e) => e.scrollWidth > e.clientWidth));
    await page.click('.fit');
    assert.equal(await page.$eval('svg', (e) => Number(e.getAttribute('width'))), before);
    await page.close();
  });

  it('exports a standalone SVG with its colours inlined, and a PNG', async () => {
    const { page, posted } = await openTimeline(browser, data);
    await page.click('.export-svg');
    const svg = await waitFor('the SVG export', () => posted.find(isSvg));
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(svg.text, 'image/svg+xml');
    assert.deepEqual(errors, []);
    assert.equal(doc.documentElement?.nodeName, 'svg');
    assert.equal(doc.documentElement?.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
    assert.doesNotMatch(svg.text, /var\(--/);
    const rects = Array.from({ length: doc.getElementsByTagName('rect').length }, (_, i) => doc.getElementsByTagName('rect').item(i)!);
    assert.equal(rects.filter((r) => /\bbar\b/.test(r.getAttribute('class') ?? '')).length, finesse.spans.length);
    const fills = new Set(rects.map((r) => r.getAttribute('fill')));
    assert.ok([...fills].every((f) => f && /^(#[0-9a-f]{3,8}|rgba?\([\d., ]+\))$/i.test(f)), [...fills].join(' '));
    writeFileSync(join(ARTIFACTS, 'timeline-export.svg'), svg.text);

    await page.click('.export-png');
    const png = await waitFor('the PNG export', () => posted.find(isPng));
    const bytes = Buffer.from(png.base64, 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(join(ARTIFACTS, 'timeline-export.png'), bytes);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    await page.close();
  });

  it('follows the theme: a light theme redraws the picture in its colours', async () => {
    const { page } = await openTimeline(browser, data, { theme: LIGHT, light: true, width: 1200 });
    assert.equal(await page.$eval('svg > rect', (e) => e.getAttribute('fill')), '#ffffff');
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-finesse-light.png'), fullPage: true });
    // The theme changes while the page is open.
    await page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.replace('vscode-light', 'vscode-dark');
    }, DARK);
    await page.waitForFunction(() => document.querySelector('svg > rect')?.getAttribute('fill') === '#1f1f1f');
    await page.close();
  });

  it('draws every session of the samples, a bar per request', async () => {
    for (const s of incident.sessions) {
      const { page } = await openTimeline(browser, { title: 'samples', session: s, findings: incident.findings.filter((f) => f.sid === s.sid) });
      assert.equal(await page.$$eval('svg rect.bar', (els) => els.length), s.spans.filter((x) => x.sent.time !== undefined || x.sent.stamp).length, s.sid);
      await page.screenshot({ path: join(ARTIFACTS, `timeline-${s.sid}.png`), fullPage: true });
      await page.close();
    }
  });

  it('keeps hostile text inert: a jid, events and findings holding markup appear as text', async () => {
    const evil = '<img src=x onerror="window.__xss=1">';
    const breakout = '</text><script>window.__xss=2</script>';
    const session: Session = structuredClone(finesse);
    session.jid = evil;
    session.explanation = `${breakout} ${evil}`;
    session.events = session.events.map((e, i) => (i % 2 ? { ...e, text: breakout } : { ...e, text: evil }));
    session.spans = session.spans.map((x) => ({ ...x, summary: breakout, answer: evil }));
    session.evidence = session.evidence.map((e) => ({ ...e, text: breakout }));
    const findings = data.findings.map((f) => ({ ...f, message: `${evil}${breakout}` }));
    const { page, posted } = await openTimeline(browser, { title: evil, session, findings });
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    for (const el of await page.$$('svg .clickable')) await el.hover({ force: true }).catch(() => undefined);
    await page.locator('svg rect.bar').last().hover({ force: true });
    await page.click('.export-svg');
    const svg = await waitFor('the SVG export', () => posted.find(isSvg));
    const probe = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      scripts: document.querySelectorAll('script').length,
      live: document.querySelectorAll('body img, svg script, svg foreignObject, .header script, .tooltip *').length,
      who: document.querySelector('.header .who')?.textContent,
      tip: document.querySelector('.tooltip')?.textContent,
      csp: (window as unknown as { __cspViolations: string[] }).__cspViolations,
    }));
    assert.equal(probe.xss, undefined);
    assert.equal(probe.scripts, 1, 'only the page script itself');
    assert.equal(probe.live, 0);
    assert.equal(probe.who, evil, 'the jid is shown as text');
    assert.match(probe.tip ?? '', /<\/text><script>/);
    assert.deepEqual(probe.csp, []);
    assert.equal(dialogs, 0);
    const doc = new DOMParser().parseFromString(svg.text, 'image/svg+xml');
    assert.equal(doc.getElementsByTagName('script').length, 0, 'the export holds no script element');
    assert.equal(doc.getElementsByTagName('img').length, 0);
    assert.ok(svg.text.includes('&lt;/text&gt;&lt;script&gt;'), 'the text is escaped in the export');
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-xss.png'), fullPage: true });
    await page.close();
  });
});
