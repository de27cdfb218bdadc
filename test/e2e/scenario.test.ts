// A person's path through the extension as installed from its .vsix, in the real VS Code web workbench.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import manifest from '../../package.json';
import { editorText, openFromExplorer, openWorkbenchWithVsix, snapshot, type Workbench } from './workbench';

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
    assert.match(text, /HTTP RECV\(null\): <body/);
    await snapshot(wb.page, '01-finesse-debug-log');
  });
});
