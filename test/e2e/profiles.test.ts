// Add Connection Profile as a person walks through it in the VS Code web workbench, installed from the .vsix: the
// Finesse template fills in the URL, a port Finesse does not use is warned about as it is typed, a URL that cannot
// be used is refused, and the profile saved to the user's settings is what Connect then offers.
import * as assert from 'node:assert/strict';
import { runCommand, snapshot, useWorkbench } from './workbench';

describe('Add Connection Profile in the VS Code workbench', function () {
  this.timeout(120_000);
  const workbench = useWorkbench();

  it('Finesse over WebSocket: the URL from the template, a port warning, a refused scheme, then the profile Connect offers', async () => {
    const page = workbench().page;
    const input = page.locator('.quick-input-widget input.input').first();
    const message = page.locator('.quick-input-widget .quick-input-message');
    const pick = async (label: string | RegExp) => {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ state: 'visible' });
      await row.click();
    };
    await runCommand(page, 'XMPP: Add Connection Profile…');
    await pick('Cisco Finesse');
    await pick('WebSocket');
    await page.locator('.quick-input-widget', { hasText: 'Finesse server' }).waitFor({ state: 'visible' });
    await input.fill('https://fin1.example.com');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'only the host name, without https://' }).waitFor({ state: 'visible' });
    await input.fill('fin1.example.com');
    await page.keyboard.press('Enter');

    // The URL step, filled in from the template.
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('.quick-input-widget input.input')?.value ?? '') === 'wss://fin1.example.com:8445/ws/');
    await input.fill('wss://fin1.example.com:443/ws/');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'Finesse serves its WebSocket on port 8445' }).waitFor({ state: 'visible' });
    await snapshot(page, 'add-profile-port-warning');
    await input.fill('ftp://fin1.example.com/ws/');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'not ftp://' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await input.inputValue(), 'ftp://fin1.example.com/ws/', 'a URL with an error is not taken');
    await input.fill('wss://fin1.example.com:8445/ws/');
    await page.waitForFunction(() => !((globalThis as any).document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? '').includes('ftp'));
    assert.doesNotMatch((await message.first().textContent()) ?? '', /unusual|usually/, 'the default URL draws no warning');
    await page.keyboard.press('Enter');

    // The JID step starts at "@<finesse>", the cursor before it for the agent id.
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('.quick-input-widget input.input')?.value ?? '') === '@fin1.example.com');
    await page.keyboard.type('47483648');
    assert.equal(await input.inputValue(), '47483648@fin1.example.com');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Resource' }).waitFor({ state: 'visible' });
    await input.fill('inspector');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^47483648@fin1\.example\.com \(/.test((globalThis as any).document.querySelector('.quick-input-widget input.input')?.value ?? ''));
    await input.fill('fin1 agent');
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'Saved "fin1 agent" in your user settings' }).first().waitFor({ state: 'visible', timeout: 15_000 });

    await runCommand(page, 'XMPP: Connect');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'fin1 agent' }).first();
    await row.waitFor({ state: 'visible' });
    const text = await row.innerText();
    assert.match(text, /47483648@fin1\.example\.com/);
    assert.match(text, /wss:\/\/fin1\.example\.com:8445\/ws\//);
    await page.keyboard.press('Escape');
  });
});
