// The end cause of every session in logs, HARs and consoles that real servers (Prosody 0.12,
// ejabberd 23.01) and a real browser client (Strophe.js 5 in Chromium) wrote in the failure
// scenarios of test/real/ (regenerated with `npm run fixtures:sessions`).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../src/core/diagnose';
import { expandInputs } from '../../../src/core/input';
import { FIXTURES } from '../fixtures';

const ROOT = join(FIXTURES, 'sessions');

interface Expected {
  title: string;
  sessions: Array<{ description: string; jid?: string; endCause: string; condition?: string }>;
}

describe('diagnosis of what real servers and a real browser client wrote', () => {
  const scenarios = readdirSync(ROOT).filter((d) => !d.startsWith('.')).sort();

  it('has a capture of every scenario against both servers', () => {
    for (const server of ['prosody', 'ejabberd']) {
      for (const s of ['clean', 'vanish', 'restart', 'auth-failure', 'rid-jump', 'conflict', 'too-many-requests']) assert.ok(scenarios.includes(`${server}-${s}`), `${server}-${s} missing`);
      for (const s of ['clean', 'killed', 'auth-failure', 'conflict']) assert.ok(scenarios.includes(`${server}-ws-${s}`), `${server}-ws-${s} missing`);
    }
    assert.ok(scenarios.includes('prosody-ws-finesse'));
  });

  for (const name of scenarios) {
    it(`${name}: every session gets the end cause the real server caused`, async () => {
      const dir = join(ROOT, name);
      const expected: Expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const { files, dispose } = await expandInputs([dir]);
      const incident = await diagnose(files.filter((f) => !f.name.endsWith('expected.json')));
      await dispose();
      const got = incident.sessions.map((s) => ({ jid: s.jid, endCause: s.endCause, explanation: s.explanation }));
      assert.deepEqual(
        got.map((g) => g.endCause),
        expected.sessions.map((e) => e.endCause),
        `${expected.title}:\n${got.map((g) => `  ${g.jid}: ${g.endCause} — ${g.explanation}`).join('\n')}`,
      );
      expected.sessions.forEach((e, i) => {
        if (e.jid && got[i].jid) assert.equal(got[i].jid!.split('/')[0], e.jid.split('/')[0]);
        // Over WebSocket the deciding condition is the session's (as the real suite checks it).
        if (e.condition && name.includes('-ws-')) assert.equal(incident.sessions[i].condition, e.condition, `${e.description}: the condition`);
        assert.ok(got[i].explanation.length > 20);
      });
      // Over WebSocket every session is one connection, said so.
      if (name.includes('-ws-')) {
        for (const x of incident.sessions) {
          assert.equal(x.transport, 'websocket');
          assert.match(x.sid, /^client(-\w+)?\.har#\d+$/);
          assert.ok((x.frames ?? 0) > 0 && x.ticks && x.ticks.length === x.frames, 'each frame is a tick');
          assert.ok(x.streams && x.streams.length >= 1, 'the stream ids the server gave');
          if (x.bound) assert.equal(x.streams!.length, 2, 'a restart after SASL: a second stream id on the same connection');
        }
      }
      // A clean session has no finding of severity error.
      if (expected.sessions.every((e) => e.endCause === 'client-logout')) {
        assert.deepEqual(incident.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
      }
    });
  }
});
