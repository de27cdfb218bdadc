/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, openInspector, useInspectorBrowser } from './inspector-page';

const logs = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'logs', name), 'utf8');
const FINESSE_LOG = [logs('openfire.log'), logs('openfire-legacy.log'), logs('double-escaped.log'), logs('vip-trap.log'), logs('finesse-webservices.log')].join('\n');

describe('Stanza Inspector page in Chromium', function () {
  this.timeout(120_000);
  const browser = useInspectorBrowser();

  it('shows a row for every fragment of a Finesse capture, with counts per kind', async () => {
    const { page, rows } = await openInspector(browser(), FINESSE_LOG, { title: 'openfire debug.log + webservices' });
    await page.waitForFunction((n) => document.querySelector('.status')?.textContent === `${n} fragments`, rows.length);
    const shown = await page.$$eval('.table-body .row', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
    assert.equal(shown, rows.length);
    const summaries = await page.$$eval('.table-body .row .c6', (els) => els.map((e) => e.textContent));
    assert.ok(summaries.includes('User 47483648 → NOT_READY, reason 12 (PUT)'), summaries.join('\n'));
    const counts = await page.$$eval('.kinds .kind', (els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.kind, Number(e.querySelector('.count')!.textContent)])));
    const expected: Record<string, number> = {};
    for (const r of rows) expected[r.kind] = (expected[r.kind] ?? 0) + 1;
    assert.deepEqual(counts, expected);
    await page.close();
  });

  it('filters by text, kind, direction, JID and node, and saves the filters for a reload', async () => {
    const { page, rows } = await openInspector(browser(), FINESSE_LOG);
    await page.waitForFunction(() => /fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    // What a person sees: rows the page draws, not merely rows without the hidden attribute.
    const visible = () => page.$$eval('.table-body .row .c6', (els) => els.filter((e) => getComputedStyle(e.parentElement!).display !== 'none').map((e) => e.textContent ?? ''));
    // Filters apply after a short pause in typing and the table redraws on the next frame.
    const shown = (n: number) => page.waitForFunction((k) => [...document.querySelectorAll('.table-body .row')].filter((r) => getComputedStyle(r).display !== 'none').length === k, n);

    await page.fill('.filter-text', 'not_ready');
    await page.waitForFunction(() => /^\d+ of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    const byText = await visible();
    assert.ok(byText.length >= 1 && byText.every((s) => s.includes('NOT_READY')), byText.join('\n'));

    await page.fill('.filter-text', '');
    await shown(rows.length);
    await page.click('.kinds .kind[data-kind="body"]');
    await shown(rows.filter((r) => r.kind === 'body').length);
    const bodies = await visible();
    assert.ok(bodies.every((s) => s.startsWith('BOSH')), bodies.join('\n'));
    await page.click('.kinds .kind[data-kind="body"]');

    await page.selectOption('.filter-dir', 'received');
    await shown(rows.filter((r) => r.direction === 'received').length);
    await page.selectOption('.filter-dir', '');

    await page.fill('.filter-jid', '1001003@');
    await shown(rows.filter((r) => `${r.from} ${r.to}`.includes('1001003@')).length);
    await page.fill('.filter-jid', '');

    await page.fill('.filter-node', '/Dialogs');
    await shown(1);
    assert.match((await visible())[0], /^Dialog 16777229 ALERTING/);
    const saved = await page.evaluate(() => (window as unknown as { __savedState: { filters: { node: string } } }).__savedState);
    assert.equal(saved.filters.node, '/Dialogs');
    await page.close();
  });

  it('shows the decoded XML with each escaped layer marked, and restores the selection after a reload', async () => {
    const { page, rows } = await openInspector(browser(), FINESSE_LOG);
    const twoLayers = rows.find((r) => r.layers === 2)!;
    assert.ok(twoLayers, 'the fixture has a notification escaped twice');
    await page.waitForSelector(`.table-body .row[data-index="${twoLayers.index}"]`);
    await page.click(`.table-body .row[data-index="${twoLayers.index}"]`);
    await page.waitForSelector('.detail .layer-mark');
    const marks = await page.$$eval('.detail .layer-mark', (els) => els.map((e) => e.textContent));
    assert.deepEqual(marks, ['decoded from escaped text, layer 2']);
    const framed = await page.$$eval('.detail .layer .tag', (els) => els.map((e) => e.textContent));
    assert.ok(framed.includes('Update') && framed.includes('state'), framed.join(','));

    const finesse = rows.find((r) => r.summary === 'User 47483648 → NOT_READY, reason 12 (PUT)')!;
    await page.click(`.table-body .row[data-index="${finesse.index}"]`);
    await page.waitForFunction(() => document.querySelector('.detail-summary')?.textContent === 'User 47483648 → NOT_READY, reason 12 (PUT)');
    assert.deepEqual(await page.$$eval('.detail .layer-mark', (els) => els.map((e) => e.textContent)), ['decoded from escaped text, layer 1']);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-finesse.png') });

    // Folding hides the children and shows an ellipsis.
    await page.click('.detail .xml > .el > .line > .fold');
    assert.equal(await page.$eval('.detail .xml > .el', (e) => e.classList.contains('folded')), true);
    await page.click('.detail .xml > .el > .line > .fold');

    // Keyboard: the arrow keys move the selection and fetch the next detail.
    await page.focus('.table-body');
    await page.keyboard.press('ArrowDown');
    const next = rows[rows.findIndex((r) => r.index === finesse.index) + 1];
    await page.waitForFunction((s) => document.querySelector('.detail-summary')?.textContent === s, next.summary);

    // A reload hands the saved state back: the same row comes back selected.
    const saved = await page.evaluate(() => (window as unknown as { __savedState: unknown }).__savedState);
    await page.close();
    const again = await openInspector(browser(), FINESSE_LOG, { savedState: saved });
    await again.page.waitForFunction((s) => document.querySelector('.detail-summary')?.textContent === s, next.summary);
    assert.equal(await again.page.$eval('.table-body .row.selected', (e) => (e as HTMLElement).dataset.index), String(next.index));
    await again.page.close();
  });

  it('keeps stanza text inert: <script>, <img onerror> and javascript: links never run', async () => {
    const hostile = readFileSync(join(ROOT, 'test', 'fixtures', 'inspector', 'hostile.log'), 'utf8');
    const { page, rows, posted } = await openInspector(browser(), hostile + FINESSE_LOG);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.waitForSelector('.table-body .row[data-index="1"]');
    for (const i of [0, 1]) {
      await page.click(`.table-body .row[data-index="${i}"]`);
      await page.waitForFunction((s) => document.querySelector('.detail-summary')?.textContent === s, rows[i].summary);
      await page.click('.detail details.original summary');
      // Click every value and text, as a curious user would.
      for (const el of await page.$$('.detail .value, .detail .text, .detail .tag')) await el.click({ force: true }).catch(() => undefined);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-xss.png') });
    const probe = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      scripts: document.querySelectorAll('script').length,
      live: document.querySelectorAll('.detail img, .detail script, .detail a, .detail iframe, .table-body img, .table-body script, .table-body a, .header img').length,
      csp: (window as unknown as { __cspViolations: string[] }).__cspViolations,
      url: location.href,
      tags: [...document.querySelectorAll('.detail .tag')].map((e) => e.textContent),
    }));
    assert.equal(probe.xss, undefined, 'no payload ran');
    assert.equal(probe.scripts, 1, 'only the page script itself');
    assert.equal(probe.live, 0, 'no element from stanza text reached the DOM as an element');
    assert.deepEqual(probe.csp, [], 'the page itself breaks no rule of its Content-Security-Policy');
    assert.match(probe.url, /inspector\.html$/);
    assert.ok(probe.tags.includes('script') && probe.tags.includes('iframe'), 'the decoded hostile elements are shown as text');
    assert.equal(dialogs, 0);
    assert.ok(posted.every((m) => m !== undefined), 'every message the page posted is well-formed');
    await page.close();
  });

  it('keeps 100,000 rows virtual: a few dozen in the DOM, the last one reachable', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const s = String(i % 60).padStart(2, '0');
      lines.push(i % 2 === 0
        ? `2020.05.12 10:${String(Math.floor(i / 3600) % 60).padStart(2, '0')}:${s}.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body xmlns="http://jabber.org/protocol/httpbind" rid="${2779414706 + i}" sid="f382a015"/>`
        : `2020.05.12 10:${String(Math.floor(i / 3600) % 60).padStart(2, '0')}:${s}.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><message from="agent${i}@fin1.ucce.local" to="b@fin1.ucce.local" type="chat" id="m${i}"><body>row ${i}</body></message></body>`);
    }
    const { page } = await openInspector(browser(), lines.join('\n'));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '100,000 fragments', undefined, { timeout: 60_000 });
    const inDom = await page.$$eval('.table-body .row', (els) => els.length);
    assert.ok(inDom < 100, `${inDom} row elements for 100,000 rows`);
    await page.focus('.table-body');
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('.detail-summary')?.textContent?.includes('agent99999@'), undefined, { timeout: 10_000 }).catch(async (e) => {
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-100k-failed.png') });
      throw new Error(`${(e as Error).message}; detail shows: ${await page.$eval('.detail', (d) => d.textContent?.slice(0, 200))}`);
    });
    assert.equal(await page.$eval('.table-body .row.selected .c0', (e) => e.textContent), '100000');
    await page.fill('.filter-text', 'agent4243@');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '1 of 100,000 fragments');
    await page.waitForFunction(() => [...document.querySelectorAll('.table-body .row')].filter((r) => getComputedStyle(r).display !== 'none').length === 1);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-100k.png') });
    await page.close();
  });
});
