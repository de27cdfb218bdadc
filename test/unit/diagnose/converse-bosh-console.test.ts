// A real Converse.js 14 console over BOSH (scripts/make-websocket-log-fixtures.ts converse-bosh-console):
// login with SCRAM, presence, a message, logout. Its DISCONNECTING and DISCONNECTED are the client
// closing on purpose, not a lost connection.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { diagnose } from '../../../src/core/diagnose';
import { expandInputs } from '../../../src/core/input';
import { findInText } from '../../../src/core/find/finder';
import { readFileSync } from 'node:fs';
import { FIXTURES } from '../fixtures';

const CONSOLE = join(FIXTURES, 'logs', 'converse-bosh-console.log');

describe('a Converse.js 14 console over BOSH', () => {
  it('finds every <body> it logged, requests and answers', () => {
    const fragments = findInText(readFileSync(CONSOLE, 'utf8'));
    const bodies = fragments.filter((f) => /^<body\b/.test(f.text));
    assert.equal(bodies.length, 22, "eleven requests and their eleven answers");
    assert.equal(bodies.filter((f) => /\brid="/.test(f.text)).length, 11, 'eleven requests, each with its rid');
  });

  it('one session, logged in with SCRAM-SHA-256 and bound, ended by the client: no warning on its way out', async () => {
    const { files, dispose } = await expandInputs([CONSOLE]);
    try {
      const incident = await diagnose(files);
      assert.equal(incident.sessions.length, 1);
      const s = incident.sessions[0];
      assert.equal(s.sid, '0ceb7477-c991-4347-b079-70256f259bf5');
      assert.equal(s.endCause, 'client-logout');
      assert.equal(s.sasl?.mechanism, 'SCRAM-SHA-256');
      assert.equal(s.bound, '1001@localhost/converse');
      assert.deepEqual(s.params, { wait: 59, inactivity: 60, polling: 5, hold: 1, requests: 2 });
      const closing = s.events.filter((e) => e.kind === 'client-closing');
      assert.ok(closing.length >= 3, 'DISCONNECTING and DISCONNECTED are read');
      assert.ok(closing.every((e) => e.severity === undefined));
      assert.deepEqual(s.events.filter((e) => e.kind === 'disconnected'), [], 'nothing says the connection was lost');
    } finally {
      await dispose();
    }
  });
});
