// How a connection is named and checked before it is made.
import * as assert from 'node:assert/strict';
import { certificateScope, connectionUrlProblem, isUnencrypted, statusShort, transportName } from '../../../src/core/xmpp/connection-words';

describe('connection words', () => {
  it('accepts the four schemes of the two bindings and says what else is wrong', () => {
    for (const ok of ['wss://fin1.ucce.local:8445/ws/', 'ws://127.0.0.1:5280/xmpp-websocket', 'https://fin1.ucce.local:7443/http-bind/', 'http://127.0.0.1:5280/http-bind']) {
      assert.equal(connectionUrlProblem(ok), undefined, ok);
    }
    assert.match(connectionUrlProblem('xmpp:fin1.ucce.local') ?? '', /starts with wss:\/\/ or ws:\/\/ \(WebSocket\) or https:\/\/ or http:\/\/ \(BOSH\), not xmpp:/);
    assert.match(connectionUrlProblem('fin1.ucce.local:8445') ?? '', /not a URL; for Finesse: wss:\/\/<finesse host>:8445\/ws\//);
  });

  it('names the binding and the short status of each', () => {
    assert.equal(transportName('websocket'), 'WebSocket');
    assert.equal(transportName('bosh'), 'BOSH');
    assert.equal(statusShort({ transportKind: 'bosh', sid: 'f382a015bd9e' }), 'sid f382a015');
    assert.equal(statusShort({ transportKind: 'websocket', streamId: '9f8e7d6c-5b4a' }), 'WebSocket, stream 9f8e7d6c');
    assert.equal(statusShort({ transportKind: 'websocket' }), 'WebSocket');
  });

  it('scopes a trusted certificate to host and port, the same for wss: and https:', () => {
    assert.equal(certificateScope('wss://fin1.ucce.local/ws/'), 'fin1.ucce.local:443');
    assert.equal(certificateScope('https://fin1.ucce.local/.well-known/host-meta'), 'fin1.ucce.local:443');
    assert.equal(certificateScope('wss://fin1.ucce.local:8445/ws/'), certificateScope('https://fin1.ucce.local:8445/'));
    assert.notEqual(certificateScope('wss://fin1.ucce.local:8445/ws/'), certificateScope('https://fin1.ucce.local:7443/http-bind/'));
  });

  it('knows which URLs carry the password in the clear', () => {
    assert.ok(isUnencrypted('ws://127.0.0.1/xmpp-websocket'));
    assert.ok(isUnencrypted('http://127.0.0.1/http-bind'));
    assert.ok(!isUnencrypted('wss://fin/ws/'));
    assert.ok(!isUnencrypted('https://fin/http-bind'));
  });
});
