// The translation hook as the extension installs it at activation, in a real VS Code: the workbench speaks English
// (no bundle is loaded), yet the core text of hovers goes through vscode.l10n.t with right-to-left values isolated,
// which the CLI never does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, theExtension } from './extension-under-test';

const FSI = '\u2068';
const PDI = '\u2069';

describe('languages in a real VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await theExtension().activate();
    const folder = vscode.workspace.workspaceFolders![0];
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, '..', 'test', 'fixtures', 'rtl', 'openfire-arabic.log'));
    await vscode.window.showTextDocument(document);
  });

  it('speaks English where VS Code loads no bundle', () => {
    assert.equal(vscode.env.language, 'en');
    assert.equal(vscode.l10n.bundle, undefined);
  });

  it('isolates the Arabic reason label of a Finesse update in the hover summary', async () => {
    const text = await hoverText(document, new vscode.Position(0, document.lineAt(0).text.indexOf('&lt;Update&gt;') + 5));
    assert.ok(text.includes(`reason 12 “${FSI}استراحة الغداء${PDI}”`), text.slice(0, 200));
  });

  it('isolates an Arabic chat body inside its quotes, the Latin ids outside', async () => {
    const text = await hoverText(document, new vscode.Position(1, document.lineAt(1).text.indexOf('<body>') + 2));
    const open = text.indexOf(`“${FSI}مرحبا، الطلب رقم 4711`);
    const close = text.indexOf(`منذ 09:10${PDI}”`);
    assert.ok(open > 0 && open < close, text.slice(0, 300));
    assert.ok(text.indexOf('BOSH rid 1867301452') > close, 'the BOSH ids after the isolated body');
  });
});
