// Fifty live sessions at once in one process, half over WebSocket and half over BOSH, each
// receiving its own sequenced Finesse notifications: none lost, none duplicated, each session's in order.
import assert from 'node:assert/strict';
import { Prosody } from './prosody';
import { runLoad } from './load-run';

describe('fifty live sessions at once against Prosody', function () {
  this.timeout(120_000);
  const prosody = new Prosody();
  before(async function () {
    this.timeout(30_000);
    await prosody.start();
  });
  after(async () => {
    await prosody.dispose();
  });

  it('50 sessions × 40 notifications: every one arrives once, in order, on the session it was sent to', async () => {
    const r = await runLoad(prosody, { sessions: 50, perSession: 40, settleMs: 30_000 });
    assert.equal(r.sessions.length, 50);
    assert.deepEqual(
      r.sessions.map((s, i) => [i, s.binding, s.received, s.lost, s.duplicated, s.outOfOrder]),
      r.sessions.map((s, i) => [i, i % 2 === 0 ? 'websocket' : 'bosh', 40, 0, 0, 0]),
    );
    // Memory stays bounded: 2,000 notifications decoded and formatted leave no heap of them behind.
    assert.ok(r.peakRssMb - r.startRssMb < 200, `RSS grew ${(r.peakRssMb - r.startRssMb).toFixed(0)} MB`);
  });
});
