// The Stanza Inspector's own actions in the VS Code workbench: the hover's link, Reveal in editor,
// Copy decoded, and coming back after a window reload (the webview serializer).
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/code-server.mjs';
import { findInText } from '../../src/core/find/finder';
import { waitForWorkbench } from '../integration/browser';
import { dismiss, goTo, hoverAtCursor, inspectorFrame, openFromExplorer, positionIn, runCommand, saveAs, snapshot, useWorkbench } from './workbench';

const LOG = ['finesse', 'openfire', 'debug.log'];
const shots = join(repoRoot, 'test-artifacts', 'inspector-e2e');

/** 1-based line and column five characters into the first `needle` in the Finesse log. */
const lineOf = (needle: string) => positionIn(LOG, needle, 5);

describe('Stanza Inspector actions in the VS Code workbench', function () {
  const workbench = useWorkbench(shots, {}, (wb) => wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']));

  it("the hover's “Open in Stanza Inspector” opens the Inspector on that stanza", async () => {
    const page = workbench().page;
    await openFromExplorer(page, LOG);
    const at = lineOf('&lt;Update&gt;');
    await goTo(page, at.line, at.column);
    await hoverAtCursor(page, /Open in Stanza Inspector/);
    await page.locator('.monaco-hover:not(.hidden) a', { hasText: 'Open in Stanza Inspector' }).first().click();
    const inspector = inspectorFrame(page);
    await inspector.locator('.table-body .row.selected').waitFor({ state: 'visible' });
    assert.equal(await inspector.locator('.table-body .row.selected .c0').innerText(), String(selectedLineExpected(at.line)));
    await inspector.locator('.detail-summary').waitFor({ state: 'visible' });
    assert.match(await inspector.locator('.detail-summary').innerText(), /^User 47483648 → /);
    await snapshot(page, '01-opened-from-hover', shots);
  });

  it('Copy decoded puts the pretty-printed, decoded stanza on the clipboard', async () => {
    const page = workbench().page;
    await inspectorFrame(page).locator('.actions button', { hasText: 'Copy decoded' }).click();
    let text = '';
    for (let i = 0; i < 50 && !text.includes('<Update>'); i++) {
      await page.waitForTimeout(200);
      text = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    }
    assert.match(text, /<!-- decoded from escaped text, layer 1 -->\n\s+<Update>/);
    assert.match(text, /<state>NOT_READY<\/state>/);
  });

  it('Reveal in editor selects the stanza in its log', async () => {
    const page = workbench().page;
    await inspectorFrame(page).locator('.actions button', { hasText: 'Reveal in editor' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'debug.log' }).waitFor({ state: 'visible' });
    const status = page.locator('.statusbar-item[id="status.editor.selection"]');
    await page.waitForFunction(() => /selected/.test((globalThis as any).document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''));
    const where = await status.innerText();
    const start = selectedLineExpected(lineOf('&lt;Update&gt;').line);
    assert.match(where, new RegExp(`^Ln (\\d+), Col \\d+ \\(\\d+ selected\\)`), where);
    const line = Number(/^Ln (\d+)/.exec(where)![1]);
    assert.ok(line >= start, `cursor on line ${line}, the stanza starts on ${start}`);
    await snapshot(page, '02-revealed-in-editor', shots);
    await dismiss(page);
  });

  it('Export decoded… saves the rows shown as a transcript the Inspector reads back', async () => {
    const page = workbench().page;
    await page.locator('.tabs-container .tab', { hasText: 'Stanza Inspector' }).first().click();
    const inspector = inspectorFrame(page);
    await inspector.locator('.filter-node').fill('/finesse/api/User/47483648');
    await inspector.locator('.status', { hasText: /^\d+ of \d+ fragments$/ }).waitFor({ state: 'visible' });
    const shown = await inspector.locator('.table-body .row:not([hidden])').count();
    await inspector.locator('button.export').click();
    mkdirSync(shots, { recursive: true });
    const target = join(shots, 'exported.decoded.log');
    rmSync(target, { force: true });
    await saveAs(page, 'debug.decoded.log', target);
    await page.locator('.tabs-container .tab', { hasText: 'exported.decoded.log' }).waitFor({ state: 'visible', timeout: 15_000 });
    const lines = readFileSync(target, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], `# ${shown} fragments decoded from debug.log`);
    assert.equal(lines.length, shown + 1);
    // Time (or the log's own stamp when it has no date), direction when the log names it, the decoded stanza.
    assert.ok(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2}T[\d:.]+ ((SENT|RECV) )?<(body|message) /.test(l)), lines.join('\n'));
    assert.ok(lines.slice(1).filter((l) => / SENT <body /.test(l)).length >= 4);
    assert.ok(lines.some((l) => l.includes('<notification xmlns="http://jabber.org/protocol/pubsub"><Update>')), 'the Finesse payload is decoded, not escaped');
    const again = findInText(readFileSync(target, 'utf8'));
    assert.equal(again.length, shown);
    assert.ok(again.every((f) => f.escaped === 0 && f.time !== undefined), 'read back unescaped, each with its time');
    assert.equal(again.filter((f) => f.direction === 'sent').length, lines.filter((l) => / SENT </.test(l)).length);
    await snapshot(page, '03-exported', shots);
    await inspector.locator('.filter-node').fill('');
  });

  it('after a window reload the Inspector comes back on the same source and row', async () => {
    const page = workbench().page;
    await page.locator('.tabs-container .tab', { hasText: 'Stanza Inspector' }).first().click();
    const before = await inspectorFrame(page).locator('.detail-summary').innerText();
    // Wait for the new page: the old one would pass every check below without a reload.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    const inspector = inspectorFrame(page);
    await inspector.locator('.detail-summary').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await inspector.locator('.detail-summary').innerText(), before);
    assert.match(await inspector.locator('.title').innerText(), /debug\.log/);
    await snapshot(page, '04-restored-after-reload', shots);
  });
});

/** The line where the stanza holding `line` starts: the Openfire record line at or above it. */
function selectedLineExpected(line: number): number {
  const lines = readFileSync(join(repoRoot, 'samples', ...LOG), 'utf8').split('\n');
  let i = line - 1;
  while (i > 0 && !/^\d{4}\.\d{2}\.\d{2} /.test(lines[i])) i--;
  return i + 1;
}
