// A person's path through the extension as installed from its .vsix, in the real VS Code web workbench.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import manifest from '../../package.json';
import { repoRoot } from '../../scripts/code-server.mjs';
import { dismiss, editorText, goTo, openFromExplorer, openWorkbenchWithVsix, scopesAtCursor, snapshot, tokenColours, type Workbench } from './workbench';

const FINESSE_LOG = ['finesse', 'openfire', 'debug.log'];

/** 1-based line and column of the `nth` occurrence of `needle` in a sample, plus `offset` characters. */
function positionIn(segments: string[], needle: string, offset = 0, nth = 0): { line: number; column: number } {
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

describe('XMPP BOSH Inspector in the VS Code workbench', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(240_000);
    wb = await openWorkbenchWithVsix();
  });

  afterEach(async function () {
    // A failing step leaves a picture of the workbench as it was.
    if (this.currentTest?.state === 'failed' && wb) {
      await snapshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  after(async () => {
    await wb?.close();
  });

  it('packs a .vsix of bundles, README and licence only, under 1 MB', () => {
    assert.ok(wb.vsix.size < 1024 * 1024, `${wb.vsix.size} bytes`);
    assert.ok(!wb.vsix.entries.some((e) => /^extension\/(src|test|node_modules)\//.test(e)), wb.vsix.entries.join('\n'));
  });

  it('installs that .vsix into the server the way a user would', () => {
    const id = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
    const dirs = readdirSync(wb.server.extensionsDir).map((d) => d.toLowerCase());
    assert.ok(dirs.includes(id), `expected ${id} in ${wb.server.extensionsDir}, found: ${dirs.join(', ')}`);
    assert.ok(existsSync(`${wb.server.extensionsDir}/${dirs.find((d) => d === id)}/${manifest.main}`));
  });

  it('opens a Finesse debug.log from the Explorer', async () => {
    await openFromExplorer(wb.page, ['finesse', 'openfire', 'debug.log']);
    const text = await editorText(wb.page);
    assert.match(text, /Jetty-QTP-BOSH-12/);
    assert.match(text, /<body/);
    await snapshot(wb.page, '01-finesse-debug-log');
  });

  it('highlights the stanzas and, inside <notification>, the escaped Finesse payload as XML', async () => {
    const page = wb.page;
    const escaped = positionIn(FINESSE_LOG, '&lt;Update&gt;', 5);
    await goTo(page, escaped.line, escaped.column);
    const escapedScopes = await scopesAtCursor(page);
    await snapshot(page, '02-escaped-payload-scopes');
    await dismiss(page);
    assert.match(escapedScopes, /meta\.tag\.escaped\.xml/, escapedScopes);
    assert.match(escapedScopes, /entity\.name\.tag/, escapedScopes);

    const stanza = positionIn(FINESSE_LOG, '<message ', 2);
    await goTo(page, stanza.line, stanza.column);
    const stanzaScopes = await scopesAtCursor(page);
    await dismiss(page);
    assert.match(stanzaScopes, /entity\.name\.tag/, stanzaScopes);
    assert.doesNotMatch(stanzaScopes, /escaped/, stanzaScopes);

    // What a person sees: the escaped tag name drawn in the same colour as a real tag, not as plain text.
    const plain = await page.locator('.editor-instance .view-lines').first().evaluate((e) => (globalThis as any).getComputedStyle(e).color as string);
    const updateColours = await tokenColours(page, '&lt;Update');
    const messageColours = await tokenColours(page, '<message');
    assert.ok(updateColours.length > 0 && messageColours.length > 0, 'tokens for Update and message rendered');
    assert.equal(updateColours[0], messageColours[0]);
    assert.notEqual(updateColours[0], plain);
    await snapshot(page, '03-finesse-log-highlighted');
  });
});

