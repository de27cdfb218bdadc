// The Outline and Open Decoded Beside in the VS Code workbench, as a person uses them: the Outline view's
// sessions and stanzas, the decoded document opened from the palette beside the log and following the cursor.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../../scripts/code-server.mjs';
import { goTo, openFromExplorer, positionIn, runCommand, snapshot, useWorkbench } from './workbench';

const LOG = ['finesse', 'openfire', 'debug.log'];
const shots = join(repoRoot, 'test-artifacts', 'outline-decoded-e2e');

/** An editor's visible text with the editor's wrapping undone (word wrap is on: each wrapped part is a line of its own, indented). */
async function viewText(lines: Locator): Promise<string> {
  return (await lines.innerText()).replace(/\u00a0/g, ' ').replace(/\n\s*/g, '');
}

describe('Outline and Open Decoded Beside in the VS Code workbench', function () {
  const workbench = useWorkbench(shots);

  it('the Outline view lists the log by BOSH session, then kind, then stanza with its summary', async () => {
    const page = workbench().page;
    await openFromExplorer(page, LOG);
    await runCommand(page, 'Explorer: Focus on Outline View');
    // The folders' section collapsed, the Outline has the side bar's height.
    const folders = page.locator('.pane-header[aria-expanded="true"]', { hasText: /^samples/i }).first();
    if (await folders.isVisible()) await folders.click();
    const outline = page.locator('.outline-pane');
    const session = outline.locator('.monaco-list-row', { hasText: 'BOSH session f382a015' }).first();
    await session.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await session.innerText(), /18 stanzas/);
    if ((await session.getAttribute('aria-expanded')) !== 'true') await session.locator('.monaco-tl-twistie').click();
    const messages = outline.locator('.monaco-list-row[aria-level="2"]', { hasText: /^message/ }).first();
    await messages.waitFor({ state: 'visible' });
    if ((await messages.getAttribute('aria-expanded')) !== 'true') await messages.locator('.monaco-tl-twistie').click();
    const stanza = outline.locator('.monaco-list-row[aria-level="3"]', { hasText: 'NOT_READY' }).first();
    await stanza.waitFor({ state: 'visible' });
    // Name and detail are two spans; a summary may isolate the values it quotes (bidirectional text).
    assert.match((await stanza.innerText()).replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' '), /^sent message · line 12 ?User 47483648 → NOT_READY, reason 12 \(PUT\)$/);
    await snapshot(page, '01-outline', shots);
    // Picking the stanza in the Outline moves the cursor to it.
    await stanza.click();
    await page.locator('.statusbar-item', { hasText: /Ln 12, Col \d+/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('XMPP: Open Decoded Beside opens the stanza decoded beside the log and follows the cursor', async () => {
    const page = workbench().page;
    const at = positionIn(LOG, '&lt;Update&gt;', 5);
    await goTo(page, at.line, at.column);
    await runCommand(page, 'XMPP: Open Decoded Beside');
    const tab = page.locator('.tabs-container .tab', { hasText: 'debug.log (decoded).xml' });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    const decoded = page.locator('.editor-group-container').nth(1).locator('.view-lines');
    await page.waitForFunction(() => /NOT_READY/.test((globalThis as any).document.querySelectorAll('.editor-group-container')[1]?.querySelector('.view-lines')?.textContent ?? ''));
    const text = await viewText(decoded);
    assert.match(text, /<!-- debug\.log, line 12 · 2019-01-11T23:56:54\.802 · sent · 1 nested layer decoded -->/);
    assert.match(text, /<!-- decoded from escaped text, layer 1 -->/);
    assert.match(text, /<state>NOT_READY<\/state>/);
    await snapshot(page, '02-decoded-beside', shots);

    // The cursor moves to the next notification in the log (the first editor group): the decoded view follows.
    const next = positionIn(LOG, 'K7hYG');
    await goTo(page, next.line, next.column);
    await page.waitForFunction(() => /<state>READY<\/state>/.test(((globalThis as any).document.querySelectorAll('.editor-group-container')[1]?.querySelector('.view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ')));
    assert.match(await viewText(decoded), /<!-- debug\.log, lines 14-22 · /);
    // The log's breadcrumbs name the stanza under the cursor, in its session and kind, though sessions interleave.
    const crumbs = page.locator('.editor-group-container').first().locator('.breadcrumbs-control');
    await crumbs.locator('.monaco-breadcrumb-item', { hasText: 'sent message · line 14' }).waitFor({ state: 'visible', timeout: 10_000 });
    const path = (await crumbs.locator('.monaco-breadcrumb-item').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(path.slice(-3), ['BOSH session f382a015', 'message', 'sent message · line 14'], path.join(' › '));
    await snapshot(page, '03-decoded-followed', shots);
  });
});
