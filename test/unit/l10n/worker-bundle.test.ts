// The diagnosis worker thread words its findings from the bundle the host sends with the request.
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

import type { DiagnoseRequest, DiagnoseResult } from '../../../src/features/diagnostics/diagnose-request';

const WORKER = fileURLToPath(new URL('../../../src/features/diagnostics/diagnose-worker.ts', import.meta.url));

// An Openfire log of a session the client ends itself.
const LOG = [
  '2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body xmlns="http://jabber.org/protocol/httpbind" rid="1" sid="f382a015"/>',
  '2020.05.12 10:11:13.345 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body xmlns="http://jabber.org/protocol/httpbind" rid="2" sid="f382a015" type="terminate"/>',
  '',
].join('\n');

function runWorker(bundled: string, req: DiagnoseRequest): Promise<DiagnoseResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(bundled, { workerData: req });
    w.on('message', (m: DiagnoseResult | { progress: unknown }) => {
      if ('progress' in m) return;
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('diagnosis worker and the host bundle', () => {
  // The worker bundled as build.mjs bundles dist/diagnose-worker.js, so the thread runs what the extension starts.
  let dir: string;
  let bundled: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'l10n-worker-'));
    bundled = join(dir, 'diagnose-worker.js');
    buildSync({ entryPoints: [WORKER], outfile: bundled, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('explains in English without a bundle, and in the bundle language when the request carries one', async () => {
    const english = await runWorker(bundled, { paths: [], texts: [{ name: 'debug.log', text: LOG }] });
    assert.ok(english.ok);
    const said = english.incident.sessions[0].explanation;
    assert.match(said, /^Session f382a015 ended normally: /);

    const bundle = { 'Session {0}': 'La session {0}', '{0} ended normally: {1} at {2}.': '{0} a pris fin normalement : {1} à {2}.' };
    const french = await runWorker(bundled, { paths: [], texts: [{ name: 'debug.log', text: LOG }], bundle });
    assert.ok(french.ok);
    assert.match(french.incident.sessions[0].explanation, /^La session f382a015 a pris fin normalement : .* à 10:11:13\.$/);
  });
});
