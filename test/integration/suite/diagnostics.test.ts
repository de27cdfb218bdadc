// Session diagnostics in the real extension host: "XMPP: Diagnose Sessions…" on the Finesse
// samples, the Problems panel, the BOSH Sessions view and the timeline panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, theExtension } from './extension-under-test';
import { until } from './samples-position';

interface Api {
  sessionsTree: vscode.TreeDataProvider<{ kind: string; session?: { sid: string; endCause: string } }> & { sessionNodes(): Array<{ kind: 'session'; session: { sid: string; endCause: string } }> };
}

describe('session diagnostics in a real VS Code', () => {
  let api: Api;
  let debugLog: vscode.Uri;

  before(async () => {
    api = (await theExtension().activate()) as Api;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    debugLog = vscode.Uri.joinPath(folder, 'finesse', 'openfire', 'debug.log');
  });

  it('XMPP: Diagnose Sessions puts the inactivity timeout in the Problems panel on its line, with related lines', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const picked = [debugLog, vscode.Uri.joinPath(folder, 'finesse', 'webservices', 'Desktop-webservices.2017-06-17T00-00-00.000.log'), vscode.Uri.joinPath(folder, 'finesse', 'finesse-desktop.har')];
    const { document } = await openSample('finesse/openfire/debug.log');
    await vscode.commands.executeCommand('xmppBosh.diagnoseSessions', picked[0], picked);
    const ends = await until('the session-end diagnostic', () => {
      const found = vscode.languages.getDiagnostics(debugLog).filter((d) => d.source === 'XMPP BOSH' && d.code === 'session-end');
      return found.length ? found : undefined;
    });
    const end = ends.find((d) => d.message.startsWith('inactivity-timeout'));
    assert.ok(end, ends.map((d) => d.message).join('\n'));
    assert.equal(end.severity, vscode.DiagnosticSeverity.Error);
    const idleLine = document.getText().split('\n').findIndex((l) => l.includes('Closing idle session'));
    assert.equal(end.range.start.line, idleLine, 'on the line that closes the idle session');
    assert.ok(end.relatedInformation && end.relatedInformation.length > 0, 'related information points to the session evidence');
    assert.ok(end.relatedInformation.every((r) => r.location.uri.scheme === 'file'));
    // The other findings: polling stopped (an error), the undelivered stanza (a warning).
    const all = vscode.languages.getDiagnostics(debugLog).filter((d) => d.source === 'XMPP BOSH');
    assert.ok(all.some((d) => d.code === 'polling-stopped' && d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(all.some((d) => d.code === 'undelivered' && d.severity === vscode.DiagnosticSeverity.Warning));
    // Findings of the Finesse webservices log sit on its own lines.
    assert.ok(vscode.languages.getDiagnostics(picked[1]).some((d) => d.source === 'XMPP BOSH' && d.code === 'forced-logout'));
  });

  it('lists the session in the BOSH Sessions view with its end cause, its events as children', async () => {
    const nodes = await until('the session in the view', () => {
      const n = api.sessionsTree.sessionNodes().filter((x) => x.session.endCause === 'inactivity-timeout');
      return n.length ? n : undefined;
    });
    const item = await api.sessionsTree.getTreeItem(nodes[0]);
    assert.match(String(item.description), /inactivity timeout/);
    assert.match(String(item.description), /\d+ requests/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item.contextValue, 'xmppBosh.session');
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /closed by the server for inactivity/);
    assert.equal(tooltip.isTrusted, false);
    const events = (await api.sessionsTree.getChildren(nodes[0])) ?? [];
    assert.ok(events.length > 5);
    const first = await api.sessionsTree.getTreeItem(events[0]);
    assert.equal(first.command?.command, 'xmppBosh.revealPlace');
    const roots = (await api.sessionsTree.getChildren()) ?? [];
    const labels = await Promise.all(roots.map(async (r) => String((await api.sessionsTree.getTreeItem(r)).label)));
    assert.ok(labels.includes('Clocks'), labels.join(', '));
    assert.ok(labels.includes('Findings not tied to a session'), labels.join(', '));
  });

  it('Show Timeline opens the session in a webview panel of its own', async () => {
    const [node] = api.sessionsTree.sessionNodes().filter((x) => x.session.endCause === 'inactivity-timeout');
    await vscode.commands.executeCommand('xmppBosh.sessionTimeline', node);
    const tab = await until('the timeline tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xmppBosh.sessionTimeline')));
    assert.match(tab.label, /^Timeline: /);
  });

  it('without a pick, diagnoses the open log editors, and follows an edit', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const doc = await vscode.workspace.openTextDocument({ language: 'log', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('xmppBosh.diagnoseOpenEditors');
    const log = (await vscode.workspace.openTextDocument(debugLog)).getText();
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), log));
    const ends = await until('a diagnostic on the edited document', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'XMPP BOSH' && x.code === 'session-end');
      return d.length ? d : undefined;
    });
    assert.match(ends[0].message, /^inactivity-timeout/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
