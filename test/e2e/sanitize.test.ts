// "XMPP: Export Sanitised Capture…" as a user runs it in the workbench: the command palette, VS Code's own
// save dialog, the notification, and a copy of the agent's HAR without the password it carried.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/code-server.mjs';
import { openFromExplorer, runCommand, saveAs, snapshot, useWorkbench } from './workbench';

const HAR = ['finesse', 'finesse-agent-login.har'];
const shots = join(repoRoot, 'test-artifacts', 'sanitize-e2e');
// The made-up agent password as the capture carries it (SASL PLAIN, HTTP Basic) and the session cookie.
const SECRETS = ['ADEwMDEwMDMAQWczbnQtUGFzcy0xMDAxMDAz', 'MTAwMTAwMzpBZzNudC1QYXNzLTEwMDEwMDM=', '6F92740079722068015E0AGHDIFC260F'];

describe('Export Sanitised Capture in the VS Code workbench', function () {
  const workbench = useWorkbench(shots);

  it('writes a copy of the open HAR without the agent password, says what it hid, and opens it', async () => {
    const original = readFileSync(join(repoRoot, 'samples', ...HAR), 'utf8');
    for (const s of SECRETS) assert.ok(original.includes(s), `the sample carries ${s}`);
    const page = workbench().page;
    await openFromExplorer(page, HAR);
    mkdirSync(shots, { recursive: true });
    const target = join(shots, 'finesse-agent-login.sanitized.har');
    rmSync(target, { force: true });
    await runCommand(page, 'XMPP: Export Sanitised Capture…');
    await saveAs(page, 'finesse-agent-login.sanitized.har', target);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Sanitised copy written to finesse-agent-login.sanitized.har' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const said = await toast.innerText();
    assert.match(said, /password of 1001003/, said);
    assert.ok(existsSync(target));
    const copy = readFileSync(target, 'utf8');
    for (const s of SECRETS) assert.ok(!copy.includes(s), `the copy still carries ${s}`);
    const har = JSON.parse(copy);
    assert.equal(har.log.entries.length, JSON.parse(original).log.entries.length, 'every entry is kept');
    assert.ok(copy.includes('[redacted]'));
    await toast.locator('.monaco-button', { hasText: 'Open' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'finesse-agent-login.sanitized.har' }).waitFor({ state: 'visible' });
    await snapshot(page, '01-sanitised-copy-open', shots);
  });
});
