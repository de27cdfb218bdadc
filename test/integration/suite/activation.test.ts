// The manifest as VS Code sees it: the extension loads, activates, and everything it contributes is really there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, theExtension } from './extension-under-test';

describe('extension in a real VS Code', () => {
  it('is found under its manifest id and activates without error', async () => {
    const ext = theExtension();
    assert.equal(ext.id.toLowerCase(), extensionId().toLowerCase());
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command its manifest contributes', async () => {
    const ext = theExtension();
    await ext.activate();
    const contributed: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  it('knows every language its manifest contributes', async () => {
    const ext = theExtension();
    const contributed: string[] = (ext.packageJSON.contributes?.languages ?? []).map((l: { id: string }) => l.id);
    const known = new Set(await vscode.languages.getLanguages());
    const missing = contributed.filter((l) => !known.has(l));
    assert.deepEqual(missing, [], `contributed languages VS Code does not know: ${missing.join(', ')}`);
  });

  it('runs in the workspace of samples that npm start opens', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder expected');
    assert.match(folders[0].uri.path, /\/samples$/);
  });
});
