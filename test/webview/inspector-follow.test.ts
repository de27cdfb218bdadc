/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
// The Inspector page following a source that grows (the follow/pause toggle) and its filters that
// the host answers: words anywhere in the decoded XML, and the element path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, ROOT, openInspector, useInspectorBrowser } from './inspector-page';

const logs = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'logs', name), 'utf8');
const FINESSE_LOG = [logs('openfire.log'), logs('openfire-legacy.log'), logs('double-escaped.log'), logs('vip-trap.log')].join('\n');

/** A line of an Openfire log: one chat message from agent n. */
const chat = (n: number) => `2020.05.12 11:00:${String(n % 60).padStart(2, '0')}.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><message from="agent${n}@fin1.ucce.local" to="b@fin1.ucce.local" type="chat" id="m${n}"><body>row ${n}</body></message></body>`;

const status = (page: Page) => page.$eval('.status', (e) => e.textContent ?? '');
const shownRows = (page: Page) => page.$$eval('.table-body .row', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => Number((e as HTMLElement).dataset.index)));
const atBottom = (page: Page) => page.$eval('.table-body', (t) => t.scrollTop + t.clientHeight >= t.scrollHeight - 2);

describe('Stanza Inspector page: following and searching the stanzas', function () {
  this.timeout(120_000);
  const browser = useInspectorBrowser();

  it('appends rows as the source grows and scrolls to the newest; paused, it counts them and shows them on resuming', async () => {
    const first = Array.from({ length: 60 }, (_, i) => chat(i)).join('\n');
    const { page, append, rows } = await openInspector(browser(), first, { follows: true, height: 500 });
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '60 fragments');
    const button = page.locator('button.follow');
    assert.equal(await button.isVisible(), true, 'a followed source shows the toggle');
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await atBottom(page), false, 'the first reading leaves the table at its top');

    await append([chat(60), chat(61)].join('\n'));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '62 fragments');
    await page.waitForFunction(() => { const t = document.querySelector('.table-body')!; return t.scrollTop + t.clientHeight >= t.scrollHeight - 2; });
    assert.ok((await shownRows(page)).includes(rows[61].index), 'the newest row is in view');

    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await page.$eval('.table-body', (t) => (t.scrollTop = 0));
    await append([chat(62), chat(63), chat(64)].join('\n'));
    await page.waitForFunction(() => document.querySelector('button.follow')?.textContent === 'Paused (3 new)');
    assert.equal(await status(page), '62 fragments, 3 new while paused');
    assert.equal(await page.$eval('.table-body', (t) => t.scrollTop), 0, 'paused, the table stays where it was');
    assert.equal((await page.evaluate(() => (window as unknown as { __savedState: { paused?: boolean } }).__savedState)).paused, true);

    await button.click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '65 fragments');
    await page.waitForFunction(() => { const t = document.querySelector('.table-body')!; return t.scrollTop + t.clientHeight >= t.scrollHeight - 2; });
    assert.ok((await shownRows(page)).includes(rows[64].index));
    assert.equal(await button.textContent(), 'Following');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-follow.png') });
    await page.close();
  });

  it('shows no toggle for a source that does not grow', async () => {
    const { page } = await openInspector(browser(), FINESSE_LOG);
    await page.waitForFunction(() => /fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    assert.equal(await page.locator('button.follow').isVisible(), false);
    await page.close();
  });

  it('the text filter finds a stanza by text in no column, from the host that reads the whole decoded XML', async () => {
    const { page, rows } = await openInspector(browser(), FINESSE_LOG);
    await page.waitForFunction(() => /fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    // Isaac Newton is the agent's name inside the escaped <Update>: no column shows it.
    assert.ok(rows.every((r) => !JSON.stringify(r).toLowerCase().includes('newton')));
    await page.fill('.filter-text', 'Newton wrapUpOnIncoming');
    await page.waitForFunction(() => /^\d+ of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    const shown = await shownRows(page);
    assert.equal(shown.length, 2, `rows ${shown.join(', ')}`);
    assert.ok(shown.every((i) => rows[i].summary === 'User 47483648 → NOT_READY, reason 12 (PUT)'), shown.map((i) => rows[i].summary).join('\n'));
    await page.close();
  });

  it('the element filter shows the stanzas that hold the path, decoded layers included, and a bad path says its column', async () => {
    const { page, rows, posted } = await openInspector(browser(), FINESSE_LOG);
    await page.waitForFunction(() => /fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    await page.fill('.filter-match', 'Update/user/state=NOT_READY');
    await page.waitForFunction(() => /^2 of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    assert.ok((await shownRows(page)).every((i) => rows[i].summary.includes('NOT_READY')));
    await page.fill('.filter-match', 'Update/state="TALKING"');
    await page.waitForFunction(() => /^1 of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));

    await page.fill('.filter-match', 'Update/user[state');
    await page.waitForFunction(() => document.querySelector('.match-error')?.textContent !== '');
    assert.equal(await page.$eval('.match-error', (e) => e.textContent), 'Element filter, column 12: the "[" opened here is never closed with "]"');
    assert.equal(await page.getAttribute('.filter-match', 'aria-invalid'), 'true');
    assert.equal((await shownRows(page)).length, 0, 'a path that cannot be read matches nothing');

    await page.fill('.filter-match', '');
    await page.waitForFunction((n) => document.querySelector('.status')?.textContent === `${n} fragments`, rows.length);
    assert.equal(await page.$eval('.match-error', (e) => (e as HTMLElement).hidden), true);
    const searches = posted.filter((m) => m?.type === 'search');
    assert.ok(searches.length >= 4, 'each change of the filter asks the host anew');
    assert.deepEqual(searches.at(-1), { type: 'search', search: (searches.at(-1) as { search: number }).search, text: '', match: '' });
    await page.close();
  });

  it('a followed row that holds the path appears under the element filter as it arrives', async () => {
    const { page, append } = await openInspector(browser(), FINESSE_LOG, { follows: true });
    await page.waitForFunction(() => /fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    await page.fill('.filter-match', 'message[type=chat]/body=row 7');
    await page.waitForFunction(() => /^0 of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    // The stand-in host, like the extension's, tests the rows it adds against the running search.
    const added = await append([chat(6), chat(7)].join('\n'));
    await page.waitForFunction(() => /^1 of \d+ fragments$/.test(document.querySelector('.status')?.textContent ?? ''));
    assert.deepEqual(await shownRows(page), [added[1].index]);
    await page.close();
  });
});
