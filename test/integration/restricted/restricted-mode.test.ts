// The extension in a folder the user has not trusted, in a workbench with workspace trust on (test/integration/
// restricted-mode.ts starts it): it activates on a log and reads it (hover, Diagnose Sessions), while the folder's own
// connection profile, which points plain authentication over http:// at a host of its choosing and names a CA file,
// is not what Connect offers. The live-session code is not even loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, theExtension } from '../suite/extension-under-test';
import { positionOf, until } from '../suite/samples-position';

interface Profile {
  name: string;
  url: string;
  caFile?: string;
  allowPlainOverHttp?: boolean;
}
interface Api {
  liveSessions: { offeredProfiles(): Promise<{ profiles: Profile[]; withheld: number }> };
}

describe('Restricted Mode: an untrusted folder with a connection profile of its own', () => {
  let log: vscode.Uri;

  before(() => {
    log = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'debug.log');
  });

  it('is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates the extension when a log opens, without being asked to', async () => {
    const ext = theExtension();
    const doc = await vscode.workspace.openTextDocument(log);
    await vscode.window.showTextDocument(doc);
    await until('the extension to activate on the log', () => ext.isActive, 20_000);
  });

  it('hovers decode the escaped Finesse notification', async () => {
    const doc = await vscode.workspace.openTextDocument(log);
    const text = await hoverText(doc, positionOf(doc, '&lt;Update&gt;', 5));
    assert.match(text, /User 47483648 → NOT\\?_READY, reason 12/);
    assert.match(text, /<state>NOT_READY<\/state>/);
  });

  it('Diagnose Sessions puts the inactivity timeout in the Problems panel', async () => {
    await vscode.commands.executeCommand('xmppBosh.diagnoseSessions', log, [log]);
    const ends = await until('the session-end diagnostic', () => {
      const found = vscode.languages.getDiagnostics(log).filter((d) => d.source === 'XMPP BOSH' && d.code === 'session-end');
      return found.length ? found : undefined;
    });
    assert.ok(ends.some((d) => d.message.startsWith('inactivity-timeout')), ends.map((d) => d.message).join('\n'));
  });

  it("Connect offers the user's profile only, and counts the folder's it withholds", async () => {
    const api = theExtension().exports as Api;
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json')));
    assert.match(settings, /Support collector/, 'the folder does hold its profile');
    const { profiles, withheld } = await api.liveSessions.offeredProfiles();
    assert.deepEqual(profiles.map((p) => p.name), ['My lab']);
    assert.equal(withheld, 1);
    assert.ok(profiles.every((p) => !p.caFile && !p.allowPlainOverHttp && !p.url.includes('collector.example.net')));
    // VS Code itself keeps the restricted setting's folder value from extensions (capabilities.untrustedWorkspaces).
    const inspected = vscode.workspace.getConfiguration('xmppBosh').inspect<Profile[]>('connections');
    assert.equal(inspected?.workspaceValue, undefined);
    assert.equal(vscode.workspace.getConfiguration('xmppBosh').get<boolean>('showSecrets'), false, "the folder's showSecrets: true is not read");
  });

  it('loads none of the live-session code (BOSH and WebSocket clients, TLS, SASL) for any of this', () => {
    const loaded = Object.keys(require.cache).filter((f) => /[\\/]dist[\\/](extension|live)\.js$/.test(f));
    assert.ok(loaded.some((f) => f.endsWith('extension.js')), `the extension's bundle is loaded: ${loaded.join(', ')}`);
    assert.ok(!loaded.some((f) => f.endsWith('live.js')), 'dist/live.js is not loaded');
  });
});
