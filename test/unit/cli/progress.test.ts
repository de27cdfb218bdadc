// The CLI's progress line: on a terminal's stderr for large inputs only, cleared at the end.
import { strict as assert } from 'node:assert';
import { PROGRESS_MIN_BYTES, Progress } from '../../../src/cli/progress';

function fakeStderr(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write: (t: string) => ((s.text += t), true) };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('bosh-inspect progress on stderr', () => {
  it('a large input on a terminal: how much is read, of how much, then the line is cleared', async () => {
    const err = fakeStderr(true);
    const p = new Progress('bosh-inspect decode big.log', 2 * PROGRESS_MIN_BYTES, err);
    const chunks = (async function* () {
      yield { length: PROGRESS_MIN_BYTES };
      yield { length: PROGRESS_MIN_BYTES };
    })();
    let n = 0;
    for await (const c of p.count(chunks)) n += c.length;
    assert.equal(n, 2 * PROGRESS_MIN_BYTES, 'every chunk passes through');
    assert.match(err.text, /\r\x1b\[Kbosh-inspect decode big\.log: 64 MB of 128 MB \(50 %\) read, \d+ MB\/s/);
    p.done();
    assert.ok(err.text.endsWith('\r\x1b[K'));
  });

  it('nothing when stderr is a file or a pipe, or the input is small', () => {
    const pipe = fakeStderr(false);
    const p = new Progress('x', 4 * PROGRESS_MIN_BYTES, pipe);
    p.add(4 * PROGRESS_MIN_BYTES);
    p.done();
    assert.equal(pipe.text, '');
    const tty = fakeStderr(true);
    const small = new Progress('x', 1024, tty);
    small.add(1024);
    small.done();
    assert.equal(tty.text, '');
  });

  it('stdin of unknown size: shown once past the threshold', () => {
    const tty = fakeStderr(true);
    const p = new Progress('bosh-inspect scan', undefined, tty);
    p.add(PROGRESS_MIN_BYTES - 1);
    assert.equal(tty.text, '');
    p.add(2);
    assert.match(tty.text, /bosh-inspect scan: 64 MB read/);
  });
});
