// A live session's output channel gets its lines in batches, in order, none lost.
import { strict as assert } from 'node:assert';
import { LineBatcher } from '../../src/features/session/line-batcher';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('output channel appends in batches', () => {
  it('lines pushed together reach the channel as one append, in order, after the interval', async () => {
    const appends: string[] = [];
    const b = new LineBatcher((t) => void appends.push(t), 30);
    for (let i = 1; i <= 1000; i++) b.push(`line ${i}`);
    assert.equal(appends.length, 0, 'nothing is written at once');
    await pause(60);
    assert.equal(appends.length, 1);
    assert.deepEqual(appends[0].split('\n').slice(0, -1), Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`));
    b.push('later');
    await pause(60);
    assert.deepEqual(appends.slice(1), ['later\n']);
  });

  it('what is waiting is written when the session ends', () => {
    const appends: string[] = [];
    const b = new LineBatcher((t) => appends.push(t), 10_000);
    b.push('a');
    b.push('b');
    b.dispose();
    assert.deepEqual(appends, ['a\nb\n']);
    b.dispose();
    assert.equal(appends.length, 1, 'nothing twice');
  });
});
