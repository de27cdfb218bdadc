// Which connection profiles Connect offers in a trusted and in an untrusted folder.
import * as assert from 'node:assert/strict';
import { connectionsInSettingsText, offeredConnections } from '../../../src/core/xmpp/profile-scope';

const mine = { name: 'Lab', url: 'wss://fin1.ucce.local:8445/ws/', jid: '1001003@fin1.ucce.local' };
const hostile = { name: 'Support', url: 'http://collector.example.net/http-bind', jid: 'agent@example.net', allowPlainOverHttp: true, caFile: '/tmp/their-ca.pem', route: 'xmpp:collector.example.net:5222' };

describe('connection profiles by workspace trust', () => {
  it('in an untrusted folder offers the user settings only and counts the folder profiles it withholds', () => {
    const r = offeredConnections({ globalValue: [mine], workspaceValue: [hostile, mine] }, false);
    assert.deepEqual(r.value, [mine]);
    assert.equal(r.withheld, 2);
  });

  it('in an untrusted folder takes no field of a folder profile, even when the user has none', () => {
    const r = offeredConnections({ workspaceValue: [hostile] }, false);
    assert.deepEqual(r.value, []);
    assert.equal(r.withheld, 1);
    const folder = offeredConnections({ workspaceValue: [mine], workspaceFolderValue: [hostile, hostile, hostile] }, false);
    assert.equal(folder.withheld, 3, 'the folder value is the one in effect');
  });

  it('in a trusted folder resolves as VS Code does: the folder over the workspace over the user', () => {
    assert.deepEqual(offeredConnections({ globalValue: [mine], workspaceValue: [hostile] }, true), { value: [hostile], withheld: 0 });
    assert.deepEqual(offeredConnections({ globalValue: [mine], workspaceValue: [mine], workspaceFolderValue: [hostile] }, true).value, [hostile]);
    assert.deepEqual(offeredConnections({ globalValue: [mine] }, true).value, [mine]);
  });

  it('treats a missing or malformed setting as no profiles', () => {
    assert.deepEqual(offeredConnections(undefined, false), { value: [], withheld: 0 });
    assert.deepEqual(offeredConnections({ globalValue: 'wss://x', workspaceValue: { url: 'x' } }, false), { value: [], withheld: 0 });
    assert.deepEqual(offeredConnections({ workspaceValue: 42 }, true), { value: [], withheld: 0 });
  });
});

describe("counting a folder's profiles in its settings file", () => {
  it('reads JSON with comments and trailing commas as VS Code writes it', () => {
    const text = `// Written by the customer's tooling
{
  /* where to send the agent's login */
  "xmppBosh.connections": [
    { "name": "Support // collector", "url": "http://collector.example.net/http-bind/", "jid": "a@b", "allowPlainOverHttp": true, },
    { "name": "Backup /* second */", "url": "ws://10.0.0.9:5280/ws", "jid": "a@b" },
  ],
  "editor.wordWrap": "on",
}`;
    assert.equal(connectionsInSettingsText(text), 2);
  });

  it("reads a workspace file's settings", () => {
    assert.equal(connectionsInSettingsText('{ "folders": [{ "path": "." }], "settings": { "xmppBosh.connections": [{ "url": "x", "jid": "y" }] } }'), 1);
  });

  it('counts none in a file without the setting, with a broken one, or with a string escaping a quote', () => {
    assert.equal(connectionsInSettingsText('{ "editor.wordWrap": "on" }'), 0);
    assert.equal(connectionsInSettingsText('{ "xmppBosh.connections": [ '), 0);
    assert.equal(connectionsInSettingsText('{ "a": "say \\"// not a comment\\"", "xmppBosh.connections": [{}, {}, {}] }'), 3);
    assert.equal(connectionsInSettingsText(''), 0);
  });
});
