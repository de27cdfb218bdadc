import assert from 'node:assert/strict';
import { Prosody } from '../live/prosody';
import { FAULTS } from './fault-proxy';
import { FAULT_TIMING, runScenario } from './scenario';

// 1,000 notifications per scenario live in `npm run bench:faults`; here, enough to cross every fault.
const NOTIFICATIONS = 40;

describe('faults between our BOSH client and a real Prosody: nothing lost, nothing duplicated, order kept', function () {
  const prosody = new Prosody({ inactivity: FAULT_TIMING.inactivity });
  before(async function () {
    this.timeout(30_000);
    await prosody.start();
  });
  after(() => prosody.dispose());

  for (const fault of FAULTS) {
    it(`${fault}`, async () => {
      const r = await runScenario(prosody, fault, NOTIFICATIONS);
      assert.ok(r.injected > 0, `the fault was injected (${JSON.stringify(r)})`);
      assert.equal(r.lost, 0, `none lost: ${r.notices.join(' | ')}`);
      assert.equal(r.duplicated, 0, 'none duplicated');
      assert.ok(r.inOrder, 'in publishing order');
      assert.equal(r.ended, undefined, `the session lived on: ${r.ended}`);
      assert.equal(r.reconnected, false, 'no fresh session was needed');
    });
  }

  it(`a response delayed past wait (${FAULT_TIMING.wait} s) while the server's inactivity is ${FAULT_TIMING.inactivity} s: the stuck rid is asked again before the server could drop the session`, async () => {
    const r = await runScenario(prosody, 'delay-past-wait', NOTIFICATIONS);
    assert.equal(r.lost, 0);
    assert.ok(r.notices.some((n) => /did not arrive although the server has a newer request/.test(n)), r.notices.join('\n'));
    assert.ok(r.recoverMs < FAULT_TIMING.inactivity * 1000, `recovered in ${Math.round(r.recoverMs)} ms`);
  });

  it('Prosody restarted mid-session: the end names its cause and what the server confirmed; a fresh session takes over and misses nothing published after it', async () => {
    const r = await runScenario(prosody, 'restart-prosody', NOTIFICATIONS);
    assert.match(r.ended ?? '', /^session ended: .*the server confirmed this client's requests up to rid=\d+, answered last at \S+Z: what it sent after that, and the stanzas of later requests, may be missing/, r.notices.join('\n'));
    assert.ok(r.reconnected, r.notices.join('\n'));
    assert.ok(r.notices.some((n) => /^reconnected as 1001@localhost\/agent-restart-prosody \(BOSH sid \S+\) after \d+\.\d s without a connection/.test(n)), r.notices.join('\n'));
    assert.equal(r.lost, 0, 'the publisher waited for the fresh session, so nothing was published into the gap');
    assert.equal(r.duplicated, 0);
  });
});
