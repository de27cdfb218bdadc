// A diagnosis run says how far it has read, of how much, as it reads.
import { strict as assert } from 'node:assert';
import { runRequest, type DiagnoseProgress } from '../../../src/features/diagnostics/diagnose-request';

describe('diagnosis progress', () => {
  it('reports bytes read of the total while it reads, and still gives the incident', async () => {
    const line = '2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body xmlns="http://jabber.org/protocol/httpbind" rid="1" sid="f382a015"/>\n';
    const text = line.repeat(20_000);
    const seen: DiagnoseProgress[] = [];
    const r = await runRequest({ paths: [], texts: [{ name: 'debug.log', text }] }, (p) => seen.push(p));
    assert.ok(r.ok);
    assert.ok(seen.length >= 1);
    for (const p of seen) {
      assert.equal(p.total, text.length);
      assert.ok(p.read > 0 && p.read <= text.length);
    }
    assert.deepEqual(seen.map((p) => p.read), [...seen.map((p) => p.read)].sort((a, b) => a - b), 'only forward');
  });
});
