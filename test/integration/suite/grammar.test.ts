// Which language VS Code gives each sample: plain .log files keep the Log language (the XMPP grammar is injected
// into it, checked in the UI scenario), transcripts get the xmpp-log language of this extension.
import * as assert from 'node:assert/strict';
import { openSample, theExtension } from './extension-under-test';

describe('languages of the samples', () => {
  before(async () => {
    await theExtension().activate();
  });

  it('opens a session transcript (*.xmpp.log) as the xmpp-log language', async () => {
    const editor = await openSample('transcript/bosh-session-2026-11-23.xmpp.log');
    assert.equal(editor.document.languageId, 'xmpp-log');
  });

  it('leaves an Openfire debug.log in the Log language, where the XMPP grammar is injected', async () => {
    const editor = await openSample('finesse/openfire/debug.log');
    assert.equal(editor.document.languageId, 'log');
  });

  it('contributes a grammar injected into text.log whose file ships with the extension', async () => {
    const ext = theExtension();
    const grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> = ext.packageJSON.contributes?.grammars ?? [];
    const injection = grammars.find((g) => g.injectTo?.includes('text.log'));
    assert.ok(injection, 'a grammar with injectTo text.log');
    const { workspace, Uri } = await import('vscode');
    const bytes = await workspace.fs.readFile(Uri.joinPath(ext.extensionUri, injection.path));
    assert.equal(JSON.parse(new TextDecoder().decode(bytes)).scopeName, injection.scopeName);
  });
});
