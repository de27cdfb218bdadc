/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, hence the DOM types.
// The Inspector page speaks the words the host placed in it (here the French bundle, as vscode.l10n would give them),
// and English where it was given none.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_MESSAGES, readPageStrings } from '../../src/protocol';
import { ROOT, openInspector, useInspectorBrowser } from './inspector-page';

const LOG = readFileSync(join(ROOT, 'test', 'fixtures', 'rtl', 'openfire-arabic.log'), 'utf8');
const FRENCH: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8'));

describe('Inspector page words from the host', function () {
  this.timeout(120_000);
  const browser = useInspectorBrowser();

  it('shows the translations the host placed, slots filled in the page', async () => {
    const strings = readPageStrings(Object.fromEntries(PAGE_MESSAGES.map((m) => [m, FRENCH[m]])));
    assert.equal(Object.keys(strings).length, PAGE_MESSAGES.length, 'the French bundle has every page message');
    const { page, rows } = await openInspector(browser(), LOG, { strings });
    await page.waitForFunction((n) => document.querySelector('.status')?.textContent === `${n} fragments`, rows.length);
    const heads = await page.$$eval('.row.head .cell', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads, ['ligne', 'heure', 'sens', 'nature', 'de → vers', 'nœud', 'résumé']);
    assert.equal(await page.$eval('.export', (e) => e.textContent), 'Exporter décodé…');
    assert.equal(await page.$eval('.filter-text', (e) => (e as HTMLInputElement).placeholder), 'Filtre\u00a0: texte n’importe où dans la stanza (/ pour y aller)');
    await page.click('.table-body .row[data-index="0"]');
    await page.waitForSelector('.detail .layer-mark');
    assert.equal(await page.$eval('.detail .layer-mark', (e) => e.textContent), 'décodé d’un texte échappé, couche 1');
    await page.close();
  });

  it('stays English without strings, and ignores what is not a page message', async () => {
    const { page, rows } = await openInspector(browser(), LOG, { strings: readPageStrings({ 'not a page message': 'x', line: 42 }) });
    await page.waitForFunction((n) => document.querySelector('.status')?.textContent === `${n} fragments`, rows.length);
    const heads = await page.$$eval('.row.head .cell', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads, ['line', 'time', 'dir', 'kind', 'from → to', 'node', 'summary']);
    await page.close();
  });
});
