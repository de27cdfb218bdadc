// Credentials of logs and captures in a real VS Code: hidden in the hover unless the user's own settings
// say otherwise; a workspace (a downloaded incident folder) can never turn them on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, theExtension } from './extension-under-test';
import { positionOf } from './samples-position';

// base64 of "\0agent2\0secret2": the SASL PLAIN payload the Prosody log carries.
const PAYLOAD = 'AGFnZW50MgBzZWNyZXQy';

describe('credentials in logs, with xmppBosh.showSecrets', () => {
  let document: vscode.TextDocument;
  const settings = () => vscode.workspace.getConfiguration('xmppBosh');

  before(async () => {
    await theExtension().activate();
    const folder = vscode.workspace.workspaceFolders![0];
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, '..', 'test', 'fixtures', 'secrets', 'prosody-debug.log'));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await settings().update('showSecrets', undefined, vscode.ConfigurationTarget.Global);
  });

  const hoverOnAuth = () => hoverText(document, positionOf(document, 'mechanism="PLAIN"', 3));

  it('hides the SASL PLAIN payload by default and says whose it was', async () => {
    const text = await hoverOnAuth();
    assert.match(text, /\[redacted\]/);
    assert.match(text, /agent2/, 'says whose credentials were hidden');
    assert.ok(!text.includes(PAYLOAD), text);
    assert.ok(!text.includes('secret2'), text);
  });

  it('shows it once the user turns showSecrets on in their own settings', async () => {
    await settings().update('showSecrets', true, vscode.ConfigurationTarget.Global);
    const text = await hoverOnAuth();
    assert.ok(text.includes(PAYLOAD), text);
    await settings().update('showSecrets', undefined, vscode.ConfigurationTarget.Global);
    assert.ok(!(await hoverOnAuth()).includes(PAYLOAD), 'hidden again once the setting is gone');
  });

  it('a workspace cannot turn it on: the setting is machine-scoped and only the user value is read', async () => {
    const inspected = settings().inspect<boolean>('showSecrets');
    assert.equal(inspected?.workspaceValue, undefined);
    // VS Code refuses to write a machine-scoped setting into a workspace; whatever it does, the hover stays hidden.
    await settings().update('showSecrets', true, vscode.ConfigurationTarget.Workspace).then(
      () => undefined,
      () => undefined,
    );
    try {
      assert.ok(!(await hoverOnAuth()).includes(PAYLOAD));
    } finally {
      await settings().update('showSecrets', undefined, vscode.ConfigurationTarget.Workspace).then(
        () => undefined,
        () => undefined,
      );
    }
  });
});
