import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { firstLine, PromptAborted, promptHidden } from '../../../src/cli/password-input';

function terminal() {
  const input = new PassThrough() as PassThrough & { setRawMode(mode: boolean): void; modes: boolean[] };
  input.modes = [];
  input.setRawMode = (mode) => void input.modes.push(mode);
  const output = new PassThrough();
  let written = '';
  output.on('data', (c) => (written += c));
  return { input, output, written: () => written };
}

describe('password input', () => {
  it('firstLine: the first line, without its line break', async () => {
    const s = new PassThrough();
    s.end('pass word\r\nsecond\n');
    assert.equal(await firstLine(s), 'pass word');
    const t = new PassThrough();
    t.end('no break');
    assert.equal(await firstLine(t), 'no break');
  });

  it('the prompt echoes nothing, takes back with Backspace, ends on Enter and leaves raw mode', async () => {
    const t = terminal();
    const answer = promptHidden(t.input, t.output, 'Password: ');
    t.input.write('sec');
    t.input.write('x\u007fret\r');
    assert.equal(await answer, 'secret');
    assert.deepEqual(t.input.modes, [true, false]);
    assert.equal(t.written(), 'Password: \n');
  });

  it('Ctrl-U clears the line; Ctrl-C aborts, raw mode off', async () => {
    const t = terminal();
    const answer = promptHidden(t.input, t.output, 'Password: ');
    t.input.write('abc\u0015d\u0003');
    await assert.rejects(answer, PromptAborted);
    assert.deepEqual(t.input.modes, [true, false]);
    assert.equal(t.written(), 'Password: \n', 'nothing typed is echoed');
  });
});
