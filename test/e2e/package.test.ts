// The .vsix as the Marketplace and a user's VS Code read it: size, icon, the README's images, changelog, manifest
// texts, categories; then the "Get started" walkthrough followed in the workbench, button by button.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import manifest from '../../package.json';
import { repoRoot } from '../../scripts/code-server.mjs';
import { shownFiles, VSIX_LIMIT_BYTES } from '../../scripts/package.mjs';
import { inspectorFrame, openWorkbenchWithVsix, runCommand, snapshot, type Workbench } from './workbench';

const shots = join(repoRoot, 'test-artifacts', 'walkthrough-e2e');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; markdown?: string; altText?: string };
  completionEvents: string[];
}

describe('the Marketplace package and its Get started walkthrough', function () {
  let wb: Workbench;
  /** One packaged file's bytes, read out of the .vsix. */
  const entry = (name: string) => execFileSync('unzip', ['-p', wb.vsix.vsix, name], { maxBuffer: 16 * 1024 * 1024 });
  /** vsce renames README.md and CHANGELOG.md to lower case, hence the lookup by any case. */
  const packed = (path: string) => entry(wb.vsix.entries.find((e) => e.toLowerCase() === `extension/${path}`.toLowerCase()) ?? `extension/${path}`);
  const has = (path: string) => wb.vsix.entries.some((e) => e.toLowerCase() === `extension/${path}`.toLowerCase());
  const nls = () => JSON.parse(packed('package.nls.json').toString('utf8')) as Record<string, string>;
  const text = (ref: string) => nls()[/^%(.+)%$/.exec(ref)?.[1] ?? ''] ?? ref;
  const walkthrough = () => (manifest.contributes as { walkthroughs?: Array<{ id: string; title: string; steps: Step[] }> }).walkthroughs?.[0];

  before(async function () {
    this.timeout(240_000);
    wb = await openWorkbenchWithVsix();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await snapshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`, shots).catch(() => undefined);
  });

  after(async () => {
    await wb?.close();
  });

  it('stays under 1 MB with its images', () => {
    assert.equal(VSIX_LIMIT_BYTES, 1024 * 1024);
    assert.ok(wb.vsix.size < VSIX_LIMIT_BYTES, `${wb.vsix.size} bytes`);
    assert.ok(packed('README.md').includes('data:image/png;base64,'), 'the screenshots are in the package');
  });

  it('carries an icon of at least 128×128 pixels, named in the Marketplace manifest', () => {
    assert.ok(manifest.icon, 'package.json names an icon');
    const png = packed(manifest.icon);
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128 && width === height, `${width}×${height}`);
    const vsixManifest = entry('extension.vsixmanifest').toString('utf8');
    assert.match(vsixManifest, new RegExp(`Type="Microsoft\\.VisualStudio\\.Services\\.Icons\\.Default" Path="extension/${manifest.icon}"`));
  });

  it('carries the README with every screenshot of the sources inline, as the extension page can only show those', () => {
    const source = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const sourceImages = [...source.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(sourceImages.length >= 4, sourceImages.join(', '));
    const readme = packed('README.md').toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.equal(images.length, sourceImages.length);
    images.forEach((src, i) => {
      const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(src);
      assert.ok(m, `${sourceImages[i]} is inline in the packaged README`);
      const png = Buffer.from(m[1], 'base64');
      assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
      assert.ok(png.equals(readFileSync(join(repoRoot, sourceImages[i]))), `${sourceImages[i]}: the same bytes`);
    });
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm ci && npm test/);
    assert.match(readme, /No telemetry is collected/);
  });

  it('has a changelog, and the manifest texts in English in the package', () => {
    assert.match(packed('CHANGELOG.md').toString('utf8'), /^## \[0\.1\.0\] - \d{4}-\d\d-\d\d$/m);
    assert.equal(text(manifest.displayName), 'XMPP BOSH Inspector');
    assert.match(entry('extension.vsixmanifest').toString('utf8'), /<DisplayName>XMPP BOSH Inspector<\/DisplayName>/);
  });

  it('is filed under categories that fit: no Debuggers, which is for debug adapters', () => {
    assert.ok(!manifest.categories.includes('Debuggers'), manifest.categories.join(', '));
    assert.ok(manifest.categories.includes('Programming Languages') && manifest.categories.includes('Visualization'));
    assert.ok(manifest.keywords.includes('finesse') && manifest.keywords.length <= 30);
  });

  it('declares a walkthrough whose media are in the package and whose steps complete on declared commands', () => {
    const wt = walkthrough();
    assert.ok(wt, 'contributes.walkthroughs');
    assert.deepEqual(wt.steps.map((s) => s.id), ['openSample', 'hover', 'inspector', 'diagnose', 'connect']);
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of wt.steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media && has(media), `${step.id}: ${media} is in the package`);
      if (step.media.image) assert.ok(text(step.media.altText ?? '').length > 10, `${step.id} has alt text`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on something`);
      for (const ev of step.completionEvents) {
        const cmd = /^onCommand:(.+)$/.exec(ev)?.[1];
        assert.ok(cmd && declared.has(cmd), `${step.id}: ${ev} names a declared command`);
      }
      for (const [, cmd] of text(step.description).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(declared.has(cmd), `${step.id}: button ${cmd}`);
    }
    assert.deepEqual(shownFiles(manifest).filter((p) => !has(p)), []);
  });

  it("shows the README on the extension's page with its icon and screenshots loaded from the package", async () => {
    const page = wb.page;
    await runCommand(page, 'Extensions: Show Enabled Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: text(manifest.displayName) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    const header = page.locator('.extension-editor .header');
    await header.locator('.name', { hasText: text(manifest.displayName) }).waitFor({ state: 'visible' });
    // The README is the page's only webview at this point (VS Code nests its document in two iframes).
    const readme = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await readme.locator('h2', { hasText: 'Two commands on a fresh machine' }).waitFor({ state: 'visible', timeout: 30_000 });
    type Shown = { src: string; loaded: boolean };
    let images: Shown[] = [];
    for (let i = 0; i < 50; i++) {
      images = await readme.locator('img').evaluateAll((els) => els.map((e: any) => ({ src: String(e.getAttribute('src')), loaded: Boolean(e.complete && e.naturalWidth > 0) })));
      if (images.length && images.every((im) => im.loaded)) break;
      // Images below the fold load once scrolled to.
      await readme.locator('img').last().scrollIntoViewIfNeeded().catch(() => undefined);
      await page.waitForTimeout(200);
    }
    assert.ok(images.length >= 4, JSON.stringify(images));
    assert.deepEqual(images.filter((im) => !im.loaded), [], 'every screenshot loaded');
    const icon = await header.locator('img.icon').first().evaluate((e: any) => Boolean(e.complete && e.naturalWidth >= 128));
    assert.ok(icon, 'the icon is drawn from the package at 128 pixels or more');
    await readme.locator('h2').first().scrollIntoViewIfNeeded();
    await snapshot(page, '00-extension-page', shots);
    await page.locator('.tabs-container .tab.active .codicon-close').click();
  });

  describe('followed in the workbench', () => {
    const page = () => wb.page;
    // VS Code draws each step as button.getting-started-step (aria-expanded, aria-checked once done) and a link alone on
    // its line of the description as a button in .button-container.
    const step = (title: string) => page().locator('button.getting-started-step', { hasText: title }).first();
    /** Expands a step by its title (the first is open already) and clicks one of its buttons. */
    async function press(stepTitle: string, label: string) {
      const s = step(stepTitle);
      await s.waitFor({ state: 'visible' });
      if ((await s.getAttribute('aria-expanded')) !== 'true') await s.click();
      const button = s.locator('.button-container .monaco-button', { hasText: label }).first();
      await button.waitFor({ state: 'visible' });
      await button.click();
    }
    async function completes(stepTitle: string) {
      await page().waitForFunction(
        (t) => [...(globalThis as any).document.querySelectorAll('button.getting-started-step')].some((e: any) => e.textContent.includes(t) && e.getAttribute('aria-checked') === 'true'),
        stepTitle,
        { timeout: 30_000 },
      );
    }
    async function backToWalkthrough() {
      await page().locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
      await page().locator('.gettingStartedContainer').waitFor({ state: 'visible' });
    }

    it('opens from Welcome: Open Walkthrough… by its title', async () => {
      const wt = walkthrough()!;
      await page().keyboard.press('F1');
      const input = page().locator('.quick-input-widget input');
      await input.fill('>Welcome: Open Walkthrough');
      await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().click();
      await input.fill(text(wt.title));
      await page().locator('.quick-input-list .monaco-list-row', { hasText: text(wt.title) }).first().click();
      await page().locator('.gettingStartedContainer', { hasText: text(wt.title) }).waitFor({ state: 'visible' });
      for (const s of wt.steps) await step(text(s.title)).waitFor({ state: 'visible' });
      await snapshot(page(), '01-walkthrough', shots);
    });

    it('Open Sample Log opens the Finesse log, highlighted, and ticks the step', async () => {
      await press('Open a sample log', 'Open Sample Log');
      await page().locator('.tabs-container .tab', { hasText: 'finesse-debug.log' }).waitFor({ state: 'visible' });
      await page().locator('.editor-instance .view-lines', { hasText: 'Jetty-QTP-BOSH' }).first().waitFor({ state: 'visible' });
      await backToWalkthrough();
      await completes('Open a sample log');
    });

    it('Show a Hover shows the escaped agent state decoded', async () => {
      await press('Hover a stanza', 'Show a Hover');
      const hover = page().locator('.monaco-hover:not(.hidden)', { hasText: 'NOT_READY' }).first();
      await hover.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await hover.innerText(), /User 47483648 → NOT_READY/);
      await snapshot(page(), '02-walkthrough-hover', shots);
      await page().keyboard.press('Escape');
      await backToWalkthrough();
      await completes('Hover a stanza');
    });

    it('Open the Inspector lists the sample stanzas', async () => {
      await press('Open the Stanza Inspector', 'Open the Inspector');
      await inspectorFrame(page()).locator('.table-body .row').first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.ok((await inspectorFrame(page()).locator('.table-body .row').count()) > 5);
      await backToWalkthrough();
      await completes('Open the Stanza Inspector');
    });

    it('Diagnose the Sample shows the session closed for inactivity in the BOSH Sessions view', async () => {
      await press('Find out why a session died', 'Diagnose the Sample');
      const row = page().locator('.pane-body .monaco-list-row', { hasText: /inactivity/i }).first();
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      await snapshot(page(), '03-walkthrough-diagnosed', shots);
      await completes('Find out why a session died');
    });
  });
});
