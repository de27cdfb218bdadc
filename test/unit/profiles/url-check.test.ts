import assert from 'node:assert/strict';
import { connectionUrlAdvice } from '../../../src/core/profiles/url-check';
import { hostProblem, serverTemplates } from '../../../src/core/profiles/templates';

describe('Add Connection Profile: URL checks', () => {
  it('errors for what cannot be used: another scheme, no URL at all, a bare host:port', () => {
    assert.match(connectionUrlAdvice('ftp://fin.example.com/ws/').error!, /starts with wss:\/\/ or ws:\/\/.*not ftp:\/\//);
    assert.match(connectionUrlAdvice('fin.example.com').error!, /not a URL/);
    assert.match(connectionUrlAdvice('fin.example.com:8445').error!, /not a URL/);
    assert.match(connectionUrlAdvice('https://').error!, /not a URL|names no host/);
  });

  it('the Finesse defaults pass with no warning', () => {
    assert.deepEqual(connectionUrlAdvice('wss://fin.example.com:8445/ws/', 'finesse'), { warnings: [] });
    assert.deepEqual(connectionUrlAdvice('https://fin.example.com:7443/http-bind/', 'finesse'), { warnings: [] });
  });

  it('hints at the path when the scheme and the path disagree', () => {
    assert.match(connectionUrlAdvice('wss://fin.example.com:8445/http-bind/').warnings[0], /\/http-bind\/ is a BOSH path, but wss:\/\/ opens a WebSocket/);
    assert.match(connectionUrlAdvice('https://fin.example.com:7443/ws/').warnings[0], /\/ws\/ is a WebSocket path, but https:\/\/ speaks BOSH/);
  });

  it('hints at the usual paths when the path is neither', () => {
    assert.match(connectionUrlAdvice('https://fin.example.com:7443/').warnings[0], /BOSH endpoints are usually at \/http-bind\//);
    assert.match(connectionUrlAdvice('wss://fin.example.com:8445/').warnings[0], /WebSocket endpoints are usually at \/ws\//);
    assert.deepEqual(connectionUrlAdvice('wss://prosody.example.com:5281/xmpp-websocket', 'prosody').warnings, []);
    assert.deepEqual(connectionUrlAdvice('https://ejabberd.example.com:5443/bosh', 'ejabberd').warnings, []);
  });

  it('warns about a Finesse port other than 8445 (WebSocket) or 7443 (BOSH), and about plain ws:// or http://', () => {
    assert.match(connectionUrlAdvice('wss://fin.example.com/ws/', 'finesse').warnings.join(), /port 8445.*port 443 is unusual/);
    assert.match(connectionUrlAdvice('https://fin.example.com:8445/http-bind/', 'finesse').warnings.join(), /BOSH on port 7443.*port 8445 is unusual/);
    assert.match(connectionUrlAdvice('http://fin.example.com:7071/http-bind/', 'finesse').warnings.join(), /TLS only.*plain http:\/\//);
    // Not a Finesse server: its port is its own business.
    assert.deepEqual(connectionUrlAdvice('wss://fin.example.com/ws/', 'openfire').warnings, []);
  });

  it('warns about credentials and queries in the URL', () => {
    const w = connectionUrlAdvice('https://agent:secret@fin.example.com:7443/http-bind/?x=1').warnings.join(' | ');
    assert.match(w, /query or fragment \(\?x=1\)/);
    assert.match(w, /belong in the JID and the password prompt/);
  });

  it('every template makes URLs its own checks accept without an error or warning', () => {
    for (const t of serverTemplates()) {
      if (!t.url) continue;
      for (const b of ['websocket', 'bosh'] as const) {
        const url = t.url('host.example.com', b);
        assert.deepEqual(connectionUrlAdvice(url, t.kind), { warnings: [] }, `${t.kind} ${b}: ${url}`);
      }
    }
    const finesse = serverTemplates().find((t) => t.kind === 'finesse')!;
    assert.equal(finesse.url!('fin1.example.com', 'websocket'), 'wss://fin1.example.com:8445/ws/');
    assert.equal(finesse.url!('fin1.example.com', 'bosh'), 'https://fin1.example.com:7443/http-bind/');
    assert.ok(serverTemplates().some((t) => t.kind === 'generic' && !t.url));
  });

  it('a host typed for a template is a host name only', () => {
    assert.equal(hostProblem('fin1.example.com'), undefined);
    assert.equal(hostProblem('10.0.0.5'), undefined);
    assert.match(hostProblem('https://fin1.example.com')!, /without https:\/\//);
    assert.match(hostProblem('fin1.example.com:8445')!, /the template sets the port/);
    assert.match(hostProblem('fin1/ws')!, /no spaces, slashes/);
    assert.match(hostProblem('  ')!, /a host name/);
  });
});
