// Outline and folding as VS Code's own machinery returns them (vscode.executeDocumentSymbolProvider,
// vscode.executeFoldingRangeProvider), on the samples.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, theExtension } from './extension-under-test';
import { positionOf, until } from './samples-position';

/** Summaries may isolate the values they quote (bidirectional text); the assertions read the words. */
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

async function symbolsOf(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  // Other extensions (or none) may answer first while ours is activating: wait for our sessions.
  return until('the Outline of ' + doc.uri.path, async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    return symbols?.some((s) => s.name.startsWith('BOSH session')) ? symbols : undefined;
  });
}

describe('Outline and folding of logs in a real VS Code', () => {
  before(async () => {
    await theExtension().activate();
  });

  it('lists an Openfire log by BOSH session, then kind, then stanza with its summary as detail', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    const symbols = await symbolsOf(document);
    const session = symbols.find((s) => s.name === 'BOSH session f382a015');
    assert.ok(session, symbols.map((s) => s.name).join(', '));
    assert.equal(session.kind, vscode.SymbolKind.Namespace);
    assert.equal(session.detail, '18 stanzas');
    const messages = session.children.find((k) => k.name === 'message');
    assert.ok(messages, session.children.map((k) => k.name).join(', '));
    assert.equal(messages.kind, vscode.SymbolKind.Class);
    assert.deepEqual(
      messages.children.map((s) => plain(s.detail)),
      ['User 47483648 → NOT_READY, reason 12 (PUT)', 'User 47483648 → READY (PUT)', 'Dialogs: 16777321 ALERTING, 1 participant, 1000581 → 3001 (POST)', 'Dialogs: 16777321 ACTIVE, 1 participant, 1000581 → 3001 (POST)'],
    );
    const notReady = messages.children[0];
    assert.equal(notReady.kind, vscode.SymbolKind.Event);
    assert.match(notReady.name, /^sent message · line \d+$/);
    // The symbol covers the stanza: it starts where the <body> carrying the notification starts, on its record's line.
    const record = document.lineAt(notReady.range.start.line).text;
    assert.equal(`line ${notReady.range.start.line + 1}`, /line \d+$/.exec(notReady.name)![0]);
    assert.match(record, /&lt;state&gt;NOT_READY&lt;\/state&gt;/);
    assert.equal(notReady.range.start.character, record.indexOf('<body'));
    assert.ok(symbols.some((s) => s.name === 'no session'), 'stanzas without a sid are listed apart');
  });

  it('lists a Prosody log whose sid is a UUID, with its terminate condition explained', async () => {
    const { document } = await openSample('prosody/prosody.log');
    const symbols = await symbolsOf(document);
    const session = symbols.find((s) => s.name === 'BOSH session 0b4e1b0c-2c5d-4f5a-9a55-1c6c4d2b8e11');
    assert.ok(session, symbols.map((s) => s.name).join(', '));
    const bodies = session.children.find((k) => k.name === 'body')!;
    assert.ok(bodies.children.some((s) => /^BOSH terminate: item-not-found/.test(plain(s.detail))), bodies.children.map((s) => s.detail).join('\n'));
  });

  it('folds a stanza spread over several lines, and a session’s run of records', async () => {
    const { document } = await openSample('finesse/openfire/debug.log');
    await symbolsOf(document);
    const ranges = await until('folding ranges', async () => {
      const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
      return r?.length ? r : undefined;
    });
    // The READY notification's <body> opens on its record's line and closes on a line of its own.
    const open = positionOf(document, 'K7hYG').line;
    const close = document.getText().split('\n').findIndex((l, n) => n > open && l === '</body>');
    assert.ok(close > open);
    const stanza = ranges.find((r) => r.start === lineOfRecord(document, open) && r.end === close);
    assert.ok(stanza, JSON.stringify(ranges));
    const sessionRun = ranges.find((r) => r.start < stanza.start && r.end > stanza.end);
    assert.ok(sessionRun, 'the session f382a015 folds around it: ' + JSON.stringify(ranges));
    assert.match(document.lineAt(sessionRun.start).text, /HTTP SENT\(f382a015\)|HTTP RECV\(f382a015\)/);
  });
});

/** The line of the record a stanza's line belongs to (its first line). */
function lineOfRecord(doc: vscode.TextDocument, line: number): number {
  let n = line;
  while (n > 0 && !/^\d{4}\.\d{2}\.\d{2} /.test(doc.lineAt(n).text)) n--;
  return n;
}
