// Hover and Stanza Inspector in the real extension host: the providers and the command as VS Code calls them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openSample, theExtension } from './extension-under-test';
import { positionOf, until } from './samples-position';

async function inspectorTabs(): Promise<vscode.Tab[]> {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xmppBosh.inspector'));
}

describe('hover and Stanza Inspector in a real VS Code', () => {
  before(async () => {
    await theExtension().activate();
  });

  it('hovering an escaped Finesse notification shows it decoded, summarised, with the Inspector link', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    const text = await hoverText(document, positionOf(document, '&lt;Update&gt;', 4));
    assert.match(text, /\*\*User 47483648 → /, text.slice(0, 300));
    assert.match(text, /```xml\n/);
    assert.match(text, /<!-- decoded from escaped text, layer 1 -->/);
    assert.match(text, /\[Open in Stanza Inspector\]\(command:xmppBosh\.openInspector\?/);
  });

  it('gives no hover of ours on a line without XML', async () => {
    const editor = await openSample('finesse/openfire/debug.log');
    const line = editor.document.getText().split('\n').findIndex((l) => !l.includes('<') && !l.includes('&lt;') && l.trim() !== '');
    const text = await hoverText(editor.document, new vscode.Position(line, 2));
    assert.doesNotMatch(text, /Open in Stanza Inspector/);
  });

  it('XMPP: Open Stanza Inspector opens a tab for the active log', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openSample('finesse/openfire/debug.log');
    await vscode.commands.executeCommand('xmppBosh.openInspector');
    const [tab] = await until('the Inspector tab', async () => {
      const tabs = await inspectorTabs();
      return tabs.length ? tabs : undefined;
    });
    assert.equal(tab.label, 'Stanza Inspector: debug.log');
  });

  it('opens an Explorer file (a HAR capture) by its URI', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.commands.executeCommand('xmppBosh.openInspector', vscode.Uri.joinPath(folder.uri, 'finesse', 'finesse-desktop.har'));
    const tab = await until('the Inspector tab for the HAR', async () => (await inspectorTabs()).find((t) => t.label === 'Stanza Inspector: finesse-desktop.har'));
    assert.ok(tab);
  });

  it('says what is wrong for a file that does not exist, and opens nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.commands.executeCommand('xmppBosh.openInspector', vscode.Uri.joinPath(folder.uri, 'no-such.log'));
    assert.equal((await inspectorTabs()).length, 0);
  });
});
