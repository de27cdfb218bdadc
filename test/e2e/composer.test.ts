// The stanza composer as a person meets it in the VS Code web workbench, installed from the .vsix: New Stanza is not
// in the palette until a session is open, the presets come as completions, a broken stanza is underlined and not
// sent, Ctrl+Enter sends from a composer and nowhere else keeps anything but the editor's own meaning.
import * as assert from 'node:assert/strict';
import { DemoFinesseServer, DEMO_AGENT_JID, DEMO_AGENT_PASSWORD, DEMO_WS_PROFILE_NAME } from '../../scripts/demo-server';
import { editorText, openWorkbenchWithVsix, runCommand, snapshot, type Workbench, connectProfile, outputLinesWith } from './workbench';

/** The palette's rows for a typed title, after it had time to list them. */
async function paletteRows(page: Workbench['page'], title: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.waitForTimeout(1000);
  const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  return rows;
}

/** Replaces the active editor's text by pasting it, as a person pastes a stanza: nothing is auto-closed or indented. */
async function pasteOver(page: Workbench['page'], text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => (globalThis as any).navigator.clipboard.writeText(t), text);
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.locator('.editor-instance .view-lines', { hasText: text.split('\n')[1].trim() }).first().waitFor({ state: 'visible' });
}

describe('the stanza composer in the VS Code workbench', function () {
  this.timeout(120_000);
  let wb: Workbench;
  const demo = new DemoFinesseServer();
  const tag = `composer-e2e-${Math.random().toString(36).slice(2, 8)}`;

  before(async function () {
    this.timeout(240_000);
    await demo.start();
    wb = await openWorkbenchWithVsix({ 'xmppBosh.connections': [{ ...demo.wsProfile(), reconnect: false }] });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await snapshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  after(async () => {
    await wb?.close();
    await demo.stop();
  });

  it('New Stanza is not in the command palette while no session is open', async () => {
    const rows = await paletteRows(wb.page, 'XMPP: New Stanza');
    assert.ok(!rows.some((r) => /New Stanza/.test(r)), rows.join(', '));
    assert.ok((await paletteRows(wb.page, 'XMPP: Add Connection Profile')).some((r) => r.includes('Add Connection Profile')), 'profile commands are always offered');
  });

  it('with a session online, New Stanza opens a composer whose completions are the presets and whose CodeLens names the account', async () => {
    const page = wb.page;
    await connectProfile(page, DEMO_WS_PROFILE_NAME, DEMO_AGENT_PASSWORD, `${DEMO_AGENT_JID}/desktop-ws`);
    // "Remember the password?" is a notification; it is left unanswered.

    await runCommand(page, 'XMPP: New Stanza…');
    await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor({ state: 'visible' });
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('chat');
    await page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'Chat message' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines', { hasText: 'someone@localhost' }).first().waitFor({ state: 'visible' });
    assert.match(await editorText(page), /<message type="chat" to="someone@localhost">\s*<body>hello<\/body>\s*<\/message>/);
    await page.locator('.codelens-decoration', { hasText: `Send to ${DEMO_AGENT_JID}/desktop-ws` }).first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('a broken stanza is underlined where it breaks, and Ctrl+Enter does not send it', async () => {
    const page = wb.page;
    await pasteOver(page, `<message type="chat" to="${DEMO_AGENT_JID}">\n  <body>${tag} broken\n</message>`);
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Control+Enter');
    await page.locator('.notifications-toasts', { hasText: /Not sent: line 3, column \d+: <\/message> found where <\/body> was expected/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await snapshot(page, 'composer-diagnostic');
  });

  it('fixed, Ctrl+Enter sends it: the message goes out and comes back to the account, in the session\'s output channel', async () => {
    const page = wb.page;
    await pasteOver(page, `<message type="chat" to="${DEMO_AGENT_JID}">\n  <body>${tag}</body>\n</message>`);
    assert.equal((await editorText(page)).trim(), `<message type="chat" to="${DEMO_AGENT_JID}">\n  <body>${tag}</body>\n</message>`);
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.keyboard.press('Control+Enter');
    // Sent, then delivered back to the account's online resource: both bodies in its channel (filtered to them).
    const box = page.locator('.part.panel .viewpane-filter input, .part.panel input[placeholder="Filter"]').first();
    await box.fill(tag);
    await page.waitForFunction(
      (t) => [...(globalThis as any).document.querySelectorAll('.part.panel .view-lines')].some((v: any) => (v.innerText as string).split(`<body>${t}</body>`).length - 1 >= 2),
      tag,
      { timeout: 30_000 },
    );
    await box.fill('');
    await outputLinesWith(page, 'Z RECV ws=1', 'RECV ws=1');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.waitForTimeout(500);
    await snapshot(page, 'composer-sent');
  });

  it('Ctrl+Enter in any other editor keeps its own meaning (insert a line below) and sends nothing', async () => {
    const page = wb.page;
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.type('plain text');
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    const lines = await page.locator('.editor-instance .view-lines .view-line').count();
    assert.equal(lines, 2, 'Ctrl+Enter inserted a line below, as the editor does');
    assert.equal(await page.locator('.notifications-toasts', { hasText: 'not a stanza composer' }).count(), 0);
  });
});
