// The stanza composer in the real extension host against the suite's Prosody: New Stanza opens an untitled XML
// document bound to a live session, the presets come as completions, Send puts the stanza on the wire and in the
// session's transcript and output channel, a malformed stanza gets a diagnostic where it breaks, and a session that
// ends turns the CodeLens into a question and sending into a pick of another session.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import { AGENT, DOMAIN } from '../../live/prosody';
import { theExtension } from './extension-under-test';
import { until } from './samples-position';

interface Live {
  id: string;
  jid: string;
  state: string;
  buffer: { toArray(): Array<{ direction: string; stanza: { name: string; attrs: Record<string, string>; getChild(n: string): unknown }; wire: string }> };
  transcript(): string;
}
interface Api {
  liveSessions: { open(profile: { name: string; url: string; jid: string; resource?: string; reconnect?: boolean }, password: string): Promise<Live> };
  composer: { sessionOf(uri: vscode.Uri): string | undefined };
  contextKeys(): Record<string, boolean>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The text of the session's output channel, from the file VS Code writes each extension channel to. */
function channelText(resource: string): string {
  const logs = process.env.XMPP_SUITE_LOGS!;
  return filesUnder(logs)
    .filter((f) => /output_logging_/.test(f) && /-XMPP (WebSocket|BOSH) .*\.log$/.test(f) && statSync(f).size > 0)
    .map((f) => readFileSync(f, 'utf8'))
    .filter((t) => t.includes(`/${resource}"`) || t.includes(`/${resource}<`))
    .join('\n');
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.map((l) => l.command?.title ?? '');
}

describe('stanza composer', function () {
  this.timeout(60_000);
  const wsUrl = process.env.XMPP_SUITE_WS_URL;
  const tag = Math.random().toString(36).slice(2, 8);
  let api: Api;
  const opened: Live[] = [];
  const profile = (n: string) => ({ name: `composer ${n}`, url: wsUrl!, jid: `${AGENT.user}@${DOMAIN}`, resource: `composer-${tag}-${n}`, reconnect: false });

  before(async () => {
    if (!wsUrl) assert.fail(`no Prosody for the composer: ${process.env.XMPP_SUITE_PROSODY_MISSING ?? 'run the suite through test/integration/run.ts, which starts one'}`);
    api = (await theExtension().activate()) as Api;
  });

  after(async () => {
    for (const s of opened) await vscode.commands.executeCommand('xmppBosh.disconnect', s.id);
    // The composer is an unsaved untitled document: reverted, so closing it asks nothing.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Ctrl+Enter (Cmd+Enter on a Mac) sends only in a composer, and the session commands are in the palette only while a session is open', () => {
    const keys = (manifest.contributes as { keybindings: Array<{ command: string; key: string; mac?: string; when: string }> }).keybindings;
    const send = keys.filter((k) => k.command === 'xmppBosh.sendComposedStanza');
    assert.deepEqual(send.map((k) => [k.key, k.mac]), [['ctrl+enter', 'cmd+enter']]);
    assert.match(send[0].when, /xmppBosh\.composerActive/);
    const palette = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    for (const c of ['disconnect', 'sendStanza', 'subscribeNode', 'saveTranscript', 'openSessionInInspector', 'newStanza']) {
      assert.equal(palette.get(`xmppBosh.${c}`), 'xmppBosh.hasLiveSession', c);
    }
  });

  it('the context key xmppBosh.hasLiveSession flips on with a session and off when the last one goes', async () => {
    assert.equal(api.contextKeys()['xmppBosh.hasLiveSession'], false, 'no session is open before this test');
    const live = await api.liveSessions.open(profile('flip'), AGENT.password);
    await until('the context key to be set', () => api.contextKeys()['xmppBosh.hasLiveSession'] === true);
    await vscode.commands.executeCommand('xmppBosh.disconnect', live.id);
    await until('the context key to be cleared', () => api.contextKeys()['xmppBosh.hasLiveSession'] === false);
  });

  it('New Stanza → the ping preset → Send: the ping goes out, its result comes back, both in the transcript and the output channel', async () => {
    const live = await api.liveSessions.open(profile('a'), AGENT.password);
    opened.push(live);
    await vscode.commands.executeCommand('xmppBosh.newStanza', live.id);
    const editor = await until('the composer editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && api.composer.sessionOf(e.document.uri) ? e : undefined;
    });
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.languageId, 'xml');
    assert.equal(api.composer.sessionOf(doc.uri), live.id);
    await until('xmppBosh.composerActive in the composer', () => api.contextKeys()['xmppBosh.composerActive'] === true);
    assert.deepEqual(await lensTitles(doc.uri), [`$(send) Send to ${live.jid} (${process.platform === 'darwin' ? '⌘Enter' : 'Ctrl+Enter'})`]);

    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const preset of ['Available presence', 'Ping the server', 'Server features (disco#info)', 'Subscribe to my Finesse user node']) assert.ok(labels.includes(preset), `${preset} in ${labels.join(', ')}`);
    const ping = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Ping the server')!;
    assert.ok(ping.insertText instanceof vscode.SnippetString);
    await editor.insertSnippet(ping.insertText);
    assert.match(doc.getText(), new RegExp(`<iq type="get" to="${DOMAIN}">\\s*<ping xmlns="urn:xmpp:ping"/>\\s*</iq>`));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), [], 'a preset is well-formed');

    const before = live.buffer.toArray().length;
    await vscode.commands.executeCommand('xmppBosh.sendComposedStanza');
    const sent = await until('the ping on the wire', () => live.buffer.toArray().slice(before).find((r) => r.direction === 'sent' && r.stanza.name === 'iq' && r.stanza.getChild('ping')));
    const id = sent.stanza.attrs.id;
    assert.ok(id, 'the session gave the iq an id');
    await until('the server\'s result', () => live.buffer.toArray().find((r) => r.direction === 'received' && r.stanza.name === 'iq' && r.stanza.attrs.id === id && r.stanza.attrs.type === 'result'));
    const transcript = live.transcript();
    assert.ok(transcript.includes(`id="${id}"`) || transcript.includes(`id='${id}'`), 'the transcript holds the ping and its result');
    assert.match(transcript, /urn:xmpp:ping/);
    await until('the ping in the session\'s output channel', () => channelText(`composer-${tag}-a`).includes('urn:xmpp:ping') && channelText(`composer-${tag}-a`).includes(id), 20_000);
  });

  it('a malformed stanza gets a diagnostic at its line and column and is not sent', async () => {
    const live = opened[0];
    const editor = vscode.window.activeTextEditor!;
    const doc = editor.document;
    assert.equal(api.composer.sessionOf(doc.uri), live.id);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '<iq type="get" to="localhost">\n  <ping xmlns="urn:xmpp:ping">\n</iq>\n'));
    const diags = await until('a diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diags[0].source, 'XMPP composer');
    assert.equal(diags[0].range.start.line, 2, 'on the line of the wrong end tag');
    assert.match(diags[0].message, /<\/iq> found where <\/ping> was expected/);
    const before = live.buffer.toArray().length;
    await vscode.commands.executeCommand('xmppBosh.sendComposedStanza');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(live.buffer.toArray().slice(before).filter((r) => r.direction === 'sent').length, 0, 'nothing was sent');

    // Fixed, the diagnostic goes.
    await editor.edit((b) => b.replace(new vscode.Range(1, 0, 1, 100), '  <ping xmlns="urn:xmpp:ping"/>'));
    await until('the diagnostic to go', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
  });

  it('its session ended: the CodeLens says so, and Send asks which open session to send from instead', async () => {
    const first = opened[0];
    const doc = vscode.window.activeTextEditor!.document;
    const second = await api.liveSessions.open(profile('b'), AGENT.password);
    opened.push(second);
    await vscode.commands.executeCommand('xmppBosh.disconnect', first.id);
    await until('the CodeLens of a closed session', async () => (await lensTitles(doc.uri)).some((t) => t.includes(`${first.jid} is no longer online`)));
    assert.equal(api.contextKeys()['xmppBosh.hasLiveSession'], true, 'the second session is still open');

    const before = second.buffer.toArray().length;
    let settled = false;
    const sending = Promise.resolve(vscode.commands.executeCommand('xmppBosh.sendComposedStanza')).finally(() => (settled = true));
    // The pick of sessions shows even with one candidate: accept it as a user pressing Enter would.
    await until('the pick of another session to be accepted', async () => {
      if (settled) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      return settled;
    });
    await sending;
    assert.equal(api.composer.sessionOf(doc.uri), second.id, 'the composer now sends from the second session');
    await until('the ping sent from the second session', () => second.buffer.toArray().slice(before).find((r) => r.direction === 'sent' && r.stanza.name === 'iq' && r.stanza.getChild('ping')));
    assert.deepEqual(await lensTitles(doc.uri), [`$(send) Send to ${second.jid} (${process.platform === 'darwin' ? '⌘Enter' : 'Ctrl+Enter'})`]);
  });
});
