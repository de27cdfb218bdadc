// XMPP: Open Decoded Beside and XMPP: Copy Decoded in a real VS Code: the virtual document, following the cursor,
// the clipboard, and the hover's two links.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openSample, theExtension } from './extension-under-test';
import { positionOf, until } from './samples-position';

const DECODED_SCHEME = 'xmpp-decoded';

function decodedEditor(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === DECODED_SCHEME);
}

/** The decoded document's text once `cond` holds for it. */
async function decodedText(what: string, cond: (text: string) => boolean): Promise<string> {
  return until(what, () => {
    const text = decodedEditor()?.document.getText();
    return text !== undefined && cond(text) ? text : undefined;
  });
}

function placeCursor(editor: vscode.TextEditor, pos: vscode.Position): void {
  editor.selection = new vscode.Selection(pos, pos);
}

describe('Open Decoded Beside and Copy Decoded in a real VS Code', () => {
  before(async () => {
    await theExtension().activate();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the Finesse notification under the cursor beside the log, decoded and its layer marked, and follows the cursor', async () => {
    const log = await openSample('finesse/openfire/debug.log');
    const notReady = positionOf(log.document, '&lt;Update&gt;', 5);
    placeCursor(log, notReady);
    await vscode.commands.executeCommand('xmppBosh.openDecodedBeside');
    let text = await decodedText('the decoded view', (t) => t.includes('NOT_READY'));
    const view = decodedEditor()!;
    assert.equal(view.document.languageId, 'xml');
    assert.ok(view.viewColumn !== undefined && view.viewColumn !== log.viewColumn, 'beside the log');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), log.document.uri.toString(), 'the focus stays in the log');
    const lines = text.split('\n');
    assert.match(lines[0], new RegExp(`^<!-- debug\\.log, line ${notReady.line + 1} · 2019-01-11T23:56:54\\.802 · sent · 1 nested layer decoded -->$`));
    const mark = lines.findIndex((l) => l.trim() === '<!-- decoded from escaped text, layer 1 -->');
    assert.ok(mark > 0, text);
    assert.match(lines[mark - 1], /^\s*<notification xmlns="http:\/\/jabber\.org\/protocol\/pubsub">$/);
    assert.match(lines[mark + 1], /^\s*<Update>$/);
    assert.match(text, /^\s*<state>NOT_READY<\/state>$/m);
    assert.doesNotMatch(text, /&lt;/);

    // Onto the next notification, a stanza spread over several lines: the view follows.
    placeCursor(log, positionOf(log.document, 'K7hYG'));
    text = await decodedText('the view to follow the cursor', (t) => /<state>READY<\/state>/.test(t));
    assert.match(text.split('\n')[0], /^<!-- debug\.log, lines 14-22 · /);
    assert.doesNotMatch(text, /NOT_READY/);

    // Off any stanza: the last one stays, and the first line says so.
    const idle = positionOf(log.document, 'was last active');
    placeCursor(log, idle);
    text = await decodedText('the view to say the cursor left the stanza', (t) => t.startsWith('<!-- No stanza'));
    assert.match(text.split('\n')[0], new RegExp(`^<!-- No stanza at line ${idle.line + 1}; still showing debug\\.log, lines 14-22 · `));
    assert.match(text, /<state>READY<\/state>/);
    assert.equal(vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === DECODED_SCHEME).length, 1, 'one view per log');
  });

  it('opens the body under the cursor of a HAR capture opened as text', async () => {
    const har = await openSample('finesse/finesse-desktop.har');
    placeCursor(har, positionOf(har.document, 'K7hYG'));
    await vscode.commands.executeCommand('xmppBosh.openDecodedBeside');
    const text = await decodedText('the decoded HAR body', (t) => t.includes('READY'));
    assert.match(text.split('\n')[0], new RegExp(`^<!-- finesse-desktop\\.har, line ${positionOf(har.document, 'K7hYG').line + 1} · .* received · 1 nested layer decoded -->$`));
    assert.match(text, /<!-- decoded from escaped text, layer 1 -->\n\s*<Update>/);
    assert.doesNotMatch(text, /\\"/, 'JSON string escapes undone');
  });

  it('copies the decoded stanza under the cursor to the clipboard', async () => {
    const log = await openSample('finesse/openfire/debug.log');
    placeCursor(log, positionOf(log.document, '&lt;Update&gt;', 5));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('xmppBosh.copyDecoded');
    const copied = await until('the clipboard', async () => (await vscode.env.clipboard.readText()) || undefined);
    assert.match(copied, /^<body xmlns="http:\/\/jabber\.org\/protocol\/httpbind"/);
    assert.match(copied, /<!-- decoded from escaped text, layer 1 -->\n\s*<Update>/);
    assert.match(copied, /<state>NOT_READY<\/state>/);
    assert.doesNotMatch(copied, /&lt;|<!-- debug\.log/);

    // An element selected inside the stanza's escaped payload copies the whole stanza, not that piece of it.
    const piece = '&lt;state&gt;NOT_READY&lt;/state&gt;';
    const start = positionOf(log.document, piece);
    log.selection = new vscode.Selection(start, start.translate(0, piece.length));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('xmppBosh.copyDecoded');
    const whole = await until('the clipboard', async () => (await vscode.env.clipboard.readText()) || undefined);
    assert.equal(whole, copied);
  });

  it('copies a selection’s SASL credentials redacted', async () => {
    const payload = 'AGlzYWFjAHNlY3JldA==';
    const content = `2019.01.11 23:56:40.305 DEBUG [Jetty-QTP-BOSH-7]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body rid="2779414702" xmlns="http://jabber.org/protocol/httpbind" sid="f382a015"><auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${payload}</auth></body>\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'log', content });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('xmppBosh.copyDecoded');
    const copied = await until('the clipboard', async () => (await vscode.env.clipboard.readText()) || undefined);
    assert.match(copied, /<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">\[redacted\]<\/auth>/);
    assert.ok(!copied.includes(payload));
  });

  it('decodes a stanza of an output channel from its hover, which offers no Inspector there', async () => {
    const channel = vscode.window.createOutputChannel('XMPP decoded view test', 'xmpp-log');
    try {
      channel.appendLine("2026-11-23T21:07:49.010Z RECV rid=1573741821 <body xmlns='http://jabber.org/protocol/httpbind'><message from='pubsub.localhost' to='agent@localhost' id='n42'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='/finesse/api/User/agent'><item id='i42'><notification xmlns='http://jabber.org/protocol/pubsub'>&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;agent&lt;/loginId&gt;&lt;state&gt;TALKING&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;</notification></item></items></event></message></body>");
      channel.show(true);
      const doc = await until('the output channel as a document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('TALKING')));
      const at = positionOf(doc, '&lt;Update', 4);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const value = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      const commands = [...value.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)];
      assert.deepEqual(commands.map((m) => m[1]), ['xmppBosh.openDecodedBeside'], value);
      await vscode.commands.executeCommand('xmppBosh.openDecodedBeside', ...(JSON.parse(decodeURIComponent(commands[0][2])) as unknown[]));
      const text = await decodedText('the decoded output line', (t) => t.includes('<state>TALKING</state>'));
      assert.match(text.split('\n')[0], /^<!-- .*line 1 · 2026-11-23T21:07:49\.010Z · received · 1 nested layer decoded -->$/);
      assert.match(text, /<!-- decoded from escaped text, layer 1 -->\n\s*<Update>/);
    } finally {
      channel.dispose();
    }
  });

  it('the hover offers exactly two commands, Open in Stanza Inspector and Open Decoded Beside, and its link opens the view', async () => {
    const log = await openSample('finesse/openfire/debug.log');
    const at = positionOf(log.document, '&lt;Update&gt;', 5, 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', log.document.uri, at);
    const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.includes('```xml'));
    assert.equal(ours.length, 1, await hoverText(log.document, at));
    const md = ours[0];
    const commands = [...md.value.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)];
    assert.deepEqual(commands.map((m) => m[1]).sort(), ['xmppBosh.openDecodedBeside', 'xmppBosh.openInspector']);
    if (typeof md.isTrusted === 'object') assert.deepEqual([...md.isTrusted.enabledCommands].sort(), ['xmppBosh.openDecodedBeside', 'xmppBosh.openInspector']);
    else assert.notEqual(md.isTrusted, true, 'never every command');

    // What clicking the link runs: the command with the arguments the link carries.
    const link = commands.find((m) => m[1] === 'xmppBosh.openDecodedBeside')!;
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    await vscode.commands.executeCommand('xmppBosh.openDecodedBeside', ...args);
    const text = await decodedText('the view opened from the hover', (t) => t.includes('<state>READY</state>'));
    assert.match(text.split('\n')[0], /^<!-- debug\.log, lines 14-22 · /);
  });
});
