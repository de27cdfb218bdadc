// The Stanza Inspector in the real extension host: one tab per source, following a log that
// grows and a live session (the private Prosody the runner started), and the host's search of
// every stanza's whole decoded XML, as the page's filters run it.
import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { decodeFragment } from '../../../src/core/decode';
import { describeDecoded } from '../../../src/core/describe';
import { findInText } from '../../../src/core/find/finder';
import { AGENT, DOMAIN } from '../../live/prosody';
import { theExtension } from './extension-under-test';
import { until } from './samples-position';

interface Panel {
  title: string;
  source: { kind: 'file'; path: string } | { kind: 'document'; uri: string };
  rows: number;
  selectedLine?: number;
  following: boolean;
}
interface Api {
  inspector: { panels(): Promise<Panel[]>; find(uri: vscode.Uri, text: string, match?: string): Promise<number[] | string> };
  liveSessions: { open(profile: { name: string; url: string; jid: string; resource?: string; reconnect?: boolean }, password: string): Promise<{ id: string; state: string; session: { send(stanza: string): unknown } }> };
}

const SAMPLE = 'finesse/openfire/debug.log';

function inspectorTabs(label: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xmppBosh.inspector') && t.label === label);
}

describe('Stanza Inspector: one tab per source, following, searching every stanza', function () {
  this.timeout(60_000);
  let api: Api;
  let dir: string;
  let path: string;
  let uri: vscode.Uri;

  before(async () => {
    api = (await theExtension().activate()) as Api;
    dir = mkdtempSync(join(tmpdir(), 'inspector-follow-'));
    path = join(dir, 'debug.log');
    copyFileSync(join(vscode.workspace.workspaceFolders![0].uri.fsPath, SAMPLE), path);
    uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  const thePanel = async () => (await api.inspector.panels()).filter((p) => p.source.kind === 'file' && p.source.path === path);

  it('opening the same log twice reveals its one tab at the second stanza asked for', async () => {
    const stanzas = findInText(readFileSync(path, 'utf8'));
    assert.ok(stanzas.length >= 3);
    await vscode.commands.executeCommand('xmppBosh.openInspector', { uri: uri.toString(), line: stanzas[0].line });
    await until('the first stanza selected', async () => (await thePanel())[0]?.selectedLine === stanzas[0].line);
    // Another editor in front, then the same source again at another stanza.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'x' }));
    await vscode.commands.executeCommand('xmppBosh.openInspector', { uri: uri.toString(), line: stanzas[2].line });
    const [panel] = await until('the third stanza selected', async () => {
      const p = await thePanel();
      return p[0]?.selectedLine === stanzas[2].line ? p : undefined;
    });
    assert.equal((await thePanel()).length, 1);
    assert.equal(inspectorTabs('Stanza Inspector: debug.log').length, 1, 'one tab, not one per click');
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(active?.input instanceof vscode.TabInputWebview && active.label === 'Stanza Inspector: debug.log', `active tab: ${active?.label}`);
    assert.equal(panel.rows, stanzas.length);
    assert.equal(panel.following, true);
  });

  it('follows the log as lines are appended to it: the rows arrive, read back and searchable like the others', async () => {
    const before = (await thePanel())[0].rows;
    const line = (n: number) => `2020.05.12 10:30:0${n}.000 DEBUG [Jetty-QTP-BOSH-7]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><message from="pubsub.fin1.ucce.local" to="47483648@fin1.ucce.local" id="follow-${n}"><body>appended-${n}</body></message></body>`;
    const lines = readFileSync(path, 'utf8').split('\n').length;
    appendFileSync(path, `${line(1)}\n`);
    await until('the first appended row', async () => (await thePanel())[0].rows === before + 1);
    appendFileSync(path, `${line(2)}\n${line(3)}\n`);
    await until('two more rows', async () => (await thePanel())[0].rows === before + 3);
    const found = await api.inspector.find(uri, 'appended-3');
    assert.deepEqual(found, [lines + 2]);
  });

  it('the text filter finds a stanza by text that is in none of its columns; the element filter by path', async () => {
    const text = readFileSync(path, 'utf8');
    const lines = await api.inspector.find(uri, 'Newton');
    assert.ok(Array.isArray(lines) && lines.length >= 1, String(lines));
    for (const l of lines) {
      const d = decodeFragment(findInText(text).find((f) => f.line === l)!);
      const desc = describeDecoded(d);
      const columns = [desc.kind, desc.summary, desc.from, desc.to, desc.node, d.time].join(' ').toLowerCase();
      assert.ok(!columns.includes('newton'), columns);
    }
    const byPath = await api.inspector.find(uri, '', 'Update/user/lastName=Newton');
    assert.deepEqual(byPath, lines);
    assert.match(String(await api.inspector.find(uri, '', 'Update//user')), /empty step/);
  });

  it('reads the log again from the start when it was cut, and follows it on from there', async () => {
    const sample = readFileSync(join(vscode.workspace.workspaceFolders![0].uri.fsPath, SAMPLE), 'utf8');
    const cut = sample.split('\n').slice(0, 6).join('\n') + '\n';
    writeFileSync(path, cut);
    const count = findInText(cut).length;
    assert.ok(count > 0 && count < findInText(sample).length);
    await until('the rows of the cut log', async () => (await thePanel())[0]?.rows === count);
    appendFileSync(path, sample.split('\n').slice(6, 12).join('\n') + '\n');
    const grown = findInText(sample.split('\n').slice(0, 12).join('\n') + '\n').length;
    await until('the rows appended after it', async () => (await thePanel())[0]?.rows === grown);
    assert.equal((await thePanel()).length, 1);
  });

  it('follows a live session opened in the Inspector: stanzas appear as they are sent and received', async function () {
    const wsUrl = process.env.XMPP_SUITE_WS_URL;
    if (!wsUrl) assert.fail(`no Prosody for the live session: ${process.env.XMPP_SUITE_PROSODY_MISSING ?? 'run the suite through test/integration/run.ts'}`);
    const live = await api.liveSessions.open({ name: 'inspector follow', url: wsUrl, jid: `${AGENT.user}@${DOMAIN}`, resource: 'inspector-follow', reconnect: false }, AGENT.password);
    try {
      assert.equal(live.state, 'online');
      await vscode.commands.executeCommand('xmppBosh.openSessionInInspector', live.id);
      const sessionPanel = async () => (await api.inspector.panels()).find((p) => p.source.kind === 'document' && p.source.uri.startsWith('xmpp-bosh-session:') && p.source.uri.includes(`/${live.id}/`));
      // Following once the page is up and the transcript so far is read.
      const opened = await until('the session tab, following', async () => {
        const p = await sessionPanel();
        return p?.following ? p : undefined;
      });
      const before = opened.rows;
      live.session.send(`<message to="${AGENT.user}@${DOMAIN}/inspector-follow" type="chat" id="follow-live"><body>live-follow-marker</body></message>`);
      // Sent, and received back from the server.
      await until('the sent and the received message', async () => ((await sessionPanel())?.rows ?? 0) >= before + 2);
      const found = await api.inspector.find(vscode.Uri.parse(opened.source.kind === 'document' ? opened.source.uri : ''), 'live-follow-marker');
      assert.ok(Array.isArray(found) && found.length === 2, String(found));
    } finally {
      await vscode.commands.executeCommand('xmppBosh.disconnect', live.id);
    }
  });
});
