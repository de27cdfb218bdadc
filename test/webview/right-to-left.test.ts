/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
// Arabic agent names, reason labels and chat bodies in the Inspector, in Chromium: the cells and the detail that carry
// stanza text are bidirectionally isolated, and the Latin columns and words around them keep their order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { formatMessage, isolatingTranslator, setTranslator } from '../../src/core/l10n';
import { ROOT, buildBundle, launch, openInspector } from './inspector-page';

const ARABIC_LOG = readFileSync(join(ROOT, 'test', 'fixtures', 'rtl', 'openfire-arabic.log'), 'utf8');

describe('right-to-left stanza text in the Inspector page', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async () => {
    buildBundle();
    browser = await launch();
    // As the extension does: right-to-left values of the host's summaries isolated.
    setTranslator(isolatingTranslator(formatMessage));
  });
  after(async () => {
    setTranslator(undefined);
    await browser?.close();
  });

  it('isolates the cells of stanza text and keeps the columns of each row left to right', async () => {
    const { page, rows } = await openInspector(browser, ARABIC_LOG);
    await page.waitForFunction((n) => document.querySelector('.status')?.textContent === `${n} fragments`, rows.length);
    const cells = await page.$$eval('.table-body .row:not([hidden])', (els) =>
      els.map((row) =>
        [...row.children].map((c) => ({ left: c.getBoundingClientRect().left, right: c.getBoundingClientRect().right, bidi: getComputedStyle(c).unicodeBidi, text: c.textContent })),
      ),
    );
    assert.equal(cells.length, 2);
    for (const row of cells) {
      for (let i = 1; i < row.length; i++) assert.ok(row[i].left >= row[i - 1].right - 1, `column ${i} starts after column ${i - 1}`);
      for (const i of [4, 5, 6]) assert.equal(row[i].bidi, 'isolate', `cell ${i}: ${row[i].text}`);
    }
    await page.close();
  });

  it('keeps the Latin words of a summary in order around an Arabic label and an Arabic chat body', async () => {
    const { page, rows } = await openInspector(browser, ARABIC_LOG);
    await page.waitForSelector('.table-body .row[data-index="1"] .c6');
    // Where each word starts on the screen, from a range over its characters in the summary cell.
    const at = (index: number, words: string[]) =>
      page.$eval(
        `.table-body .row[data-index="${index}"] .c6`,
        (cell, ws) => {
          const node = cell.firstChild as Text;
          return ws.map((w) => {
            const start = node.data.indexOf(w);
            if (start < 0) return NaN;
            const r = document.createRange();
            r.setStart(node, start);
            r.setEnd(node, start + w.length);
            return r.getBoundingClientRect().left;
          });
        },
        words,
      );
    assert.match(rows[0].summary, /\u2068استراحة الغداء\u2069/);
    const update = await at(0, ['User', '47483650', 'NOT_READY', 'reason 12', 'استراحة', '(PUT)']);
    assert.deepEqual([...update.slice(0, 4), update[5]], [...update.slice(0, 4), update[5]].sort((a, b) => a - b), `Latin words in order: ${update}`);
    assert.ok(update[4] > update[3] && update[4] < update[5], 'the label sits between "reason 12" and "(PUT)"');

    const chat = await at(1, ['message chat', 'supervisor7@', 'id chat-4711', 'مرحبا', 'BOSH rid']);
    assert.ok(chat[0] < chat[1] && chat[1] < chat[2] && chat[2] < chat[4], `Latin words in order: ${chat}`);
    assert.ok(chat[3] > chat[2] && chat[3] < chat[4], 'the body stays between its id and the BOSH ids');
    await page.close();
  });

  it('shows the Arabic text of the decoded XML in its own direction, isolated between its tags', async () => {
    const { page } = await openInspector(browser, ARABIC_LOG);
    await page.waitForSelector('.table-body .row[data-index="0"]');
    await page.click('.table-body .row[data-index="0"]');
    await page.waitForSelector('.detail .xml .text');
    const texts = await page.$$eval('.detail .xml .text', (els) =>
      els.map((e) => ({ text: e.textContent, dir: e.getAttribute('dir'), direction: getComputedStyle(e).direction, bidi: getComputedStyle(e).unicodeBidi })),
    );
    const label = texts.find((t) => t.text === 'استراحة الغداء')!;
    assert.deepEqual({ dir: label.dir, direction: label.direction, bidi: label.bidi }, { dir: 'auto', direction: 'rtl', bidi: 'isolate' });
    const login = texts.find((t) => t.text === '47483650')!;
    assert.equal(login.direction, 'ltr');
    assert.equal(await page.$eval('.detail-summary', (e) => getComputedStyle(e).unicodeBidi), 'isolate');
    await page.close();
  });
});
