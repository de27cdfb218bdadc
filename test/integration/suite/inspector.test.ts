// "XMPP: Open Stanza Inspector" opening its webview panel on the active editor and on an Explorer file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, theExtension } from './extension-under-test';
import { until } from './samples-position';

function inspectorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xmppBosh.inspector'));
}

describe('Stanza Inspector in a real VS Code', () => {
  before(async () => {
    await theExtension().activate();
  });

  afterEach(async () => {
    await vscode.window.tabGroups.close(inspectorTabs());
  });

  it('opens on the active Finesse log as a webview panel', async () => {
    await openSample('finesse/openfire/debug.log');
    await vscode.commands.executeCommand('xmppBosh.openInspector');
    const tabs = await until('an Inspector tab', () => (inspectorTabs().length ? inspectorTabs() : undefined));
    assert.equal(tabs.length, 1);
    assert.match(tabs[0].label, /debug\.log/);
  });

  it('opens on a file given as from the Explorer context menu, without opening it in an editor', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const har = vscode.Uri.joinPath(folder, 'finesse', 'finesse-desktop.har');
    await vscode.commands.executeCommand('xmppBosh.openInspector', har);
    const tabs = await until('an Inspector tab', () => (inspectorTabs().length ? inspectorTabs() : undefined));
    assert.match(tabs[0].label, /finesse-desktop\.har/);
  });
});
