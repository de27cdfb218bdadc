// A person's path through the extension as installed from its .vsix, in the real VS Code web workbench.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import manifest from '../../package.json';
import { VSIX_LIMIT_BYTES } from '../../scripts/package.mjs';
import { DemoFinesseServer, DEMO_AGENT_JID, DEMO_AGENT_PASSWORD, DEMO_PROFILE_NAME as DEMO_PROFILE, DEMO_WS_PROFILE_NAME as DEMO_WS_PROFILE } from '../../scripts/demo-server';
import {
  dismiss, editorText, goTo, hoverAtCursor, inspectorFrame, openFromExplorer, openWorkbenchWithVsix, positionIn, runCommand,
  scopesAtCursor, snapshot, tokenColours, type Workbench, connectProfile, outputLinesWith } from './workbench';


const FINESSE_LOG = ['finesse', 'openfire', 'debug.log'];

/** What the channel shows filtered by a text that must not be in it: nothing but what is unrelated. */
async function outputLinesAfterFilter(page: Workbench['page'], filter: string): Promise<string> {
  const box = page.locator('.part.panel .viewpane-filter input, .part.panel input[placeholder="Filter"]').first();
  await box.fill(filter);
  await page.waitForTimeout(700);
  const text = (await page.locator('.part.panel .view-lines').allInnerTexts()).join('\n');
  await box.fill('');
  return text;
}

describe('XMPP BOSH Inspector in the VS Code workbench', function () {
  let wb: Workbench;
  const demo = new DemoFinesseServer();
  let demoError: unknown;

  before(async function () {
    this.timeout(240_000);
    // The test Prosody the Connect steps talk to (BOSH and WebSocket); its failure fails them with Prosody's own message.
    await demo.start().catch((e) => (demoError = e));
    const connections = demoError ? [] : [{ ...demo.profile(), reconnect: false }, { ...demo.wsProfile(), reconnect: false }];
    wb = await openWorkbenchWithVsix({ 'xmppBosh.connections': connections });
  });

  afterEach(async function () {
    // A failing step leaves a picture of the workbench as it was.
    if (this.currentTest?.state === 'failed' && wb) {
      await snapshot(wb.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  after(async () => {
    await wb?.close();
    await demo.stop();
  });

  it('packs a .vsix of bundles, README with its images, changelog and licence only, under 1 MB', () => {
    assert.ok(wb.vsix.size < VSIX_LIMIT_BYTES, `${wb.vsix.size} bytes`);
    assert.ok(!wb.vsix.entries.some((e) => /^extension\/(src|test|node_modules)\//.test(e)), wb.vsix.entries.join('\n'));
    assert.ok(!wb.vsix.entries.includes('extension/dist/cli.js'), 'bosh-inspect is not packed: it runs from the sources or npm');
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

  it('hovering the escaped payload shows the decoded agent state', async () => {
    const page = wb.page;
    const escaped = positionIn(FINESSE_LOG, '&lt;Update&gt;', 5);
    await goTo(page, escaped.line, escaped.column);
    const text = await hoverAtCursor(page, /<state>NOT_READY<\/state>/);
    await snapshot(page, '04-hover-decoded-update');
    await dismiss(page);
    assert.match(text, /User 47483648 → NOT_READY, reason 12 \(PUT\)/, text);
    assert.match(text, /1 escaped layer decoded/, text);
    assert.match(text, /<state>NOT_READY<\/state>/, text);
  });

  it('the Stanza Inspector lists the log and shows a clicked row decoded', async () => {
    const page = wb.page;
    await runCommand(page, 'XMPP: Open Stanza Inspector');
    const inspector = inspectorFrame(page);
    await inspector.locator('.status', { hasText: /^\d+ fragments$/ }).waitFor({ state: 'visible' });
    const row = inspector.locator('.table-body .row', { hasText: 'NOT_READY, reason 12' }).first();
    await row.click();
    const summary = inspector.locator('.detail-summary');
    await summary.waitFor({ state: 'visible' });
    assert.equal(await summary.innerText(), 'User 47483648 → NOT_READY, reason 12 (PUT)');
    assert.deepEqual(await inspector.locator('.detail .layer-mark').allInnerTexts(), ['decoded from escaped text, layer 1']);
    await snapshot(page, '05-inspector-row-decoded');
  });

  it('XMPP: Connect logs in to the test Prosody over BOSH and shows an arriving Finesse notification decoded', async () => {
    if (demoError) throw demoError;
    const page = wb.page;
    await connectProfile(page, DEMO_PROFILE, DEMO_AGENT_PASSWORD, `${DEMO_AGENT_JID}/desktop`);
    const state = await demo.publishNextState();
    await outputLinesWith(page, '<state>', `<state>${state}</state>`);
    const heads = await outputLinesWith(page, 'escaped layer decoded', 'escaped layer decoded');
    assert.match(heads, /RECV rid=\d+ {2}\(1 escaped layer decoded\)/, heads);
    await outputLinesWith(page, 'decoded from escaped text', '<!-- decoded from escaped text, layer 1 -->');
    assert.ok(!(await outputLinesAfterFilter(page, DEMO_AGENT_PASSWORD)).includes(DEMO_AGENT_PASSWORD), 'the password never appears in the output');
    await snapshot(page, '06-connect-bosh-notification');
  });

  it('XMPP: Connect logs in over WebSocket too: ws= records, the notification decoded, the status bar naming the binding', async () => {
    if (demoError) throw demoError;
    const page = wb.page;
    await connectProfile(page, DEMO_WS_PROFILE, DEMO_AGENT_PASSWORD, `${DEMO_AGENT_JID}/desktop-ws`);
    const state = await demo.publishNextState();
    // The WebSocket session's channel is the one showing: its records name their connection, never a rid.
    await outputLinesWith(page, '<state>', `<state>${state}</state>`);
    const heads = await outputLinesWith(page, 'escaped layer decoded', 'escaped layer decoded');
    assert.match(heads, /RECV ws=1 {2}\(1 escaped layer decoded\)/, heads);
    const records = await outputLinesWith(page, 'Z RECV ', 'RECV ws=1');
    assert.doesNotMatch(records, /rid=\d/, records);
    assert.ok(!(await outputLinesAfterFilter(page, DEMO_AGENT_PASSWORD)).includes(DEMO_AGENT_PASSWORD), 'the password never appears in the output');
    const status = page.locator('.statusbar-item', { hasText: `${DEMO_AGENT_JID}: online, WebSocket` });
    await status.first().waitFor({ state: 'visible', timeout: 10_000 });
    await snapshot(page, '07-connect-websocket-notification');
  });
});
