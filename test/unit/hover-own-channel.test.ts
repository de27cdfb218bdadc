// The hover answers in logs, XML and our own output channels, not in other extensions' output channels.
import * as assert from 'node:assert/strict';
import { hoverableDocument } from '../../src/features/hover/own-channel';

const ID = 'xmpp-bosh-inspector.xmpp-bosh-inspector';

describe('hover in output channels', () => {
  it('answers in files, untitled and virtual documents', () => {
    for (const scheme of ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'xmpp-session']) assert.ok(hoverableDocument(scheme, '/logs/debug.log', ID), scheme);
  });

  it('answers in the session channels this extension made, as VS Code names them', () => {
    assert.ok(hoverableDocument('output', `extension-output-${ID}-#1-XMPP BOSH: 1001003@fin1.ucce.local`, ID));
    assert.ok(hoverableDocument('output', `/extension-output-${ID}-#12-XMPP WebSocket: agent@localhost`, ID));
  });

  it("does not answer in another extension's channel, nor in VS Code's own", () => {
    assert.ok(!hoverableDocument('output', 'extension-output-vscode.git-#1-Git', ID));
    assert.ok(!hoverableDocument('output', `extension-output-${ID}x.other-#1-XMPP BOSH: a@b`, ID), 'an id that only starts like ours');
    assert.ok(!hoverableDocument('output', 'exthost', ID));
    assert.ok(!hoverableDocument('output', 'rendererLog', ID));
  });
});
