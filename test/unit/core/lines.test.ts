import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { FragmentFinder } from '../../../src/core/find/finder';
import { splitLines } from '../../../src/core/find/lines';

async function collect(chunks: (string | Buffer)[], maxLine?: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of splitLines(Readable.from(chunks), maxLine)) lines.push(...batch);
  return lines;
}

describe('reading lines from a stream', () => {
  it('splits on \\n and \\r\\n across chunk boundaries, keeping a last line without newline', async () => {
    assert.deepEqual(await collect(['a\r', '\nb\nc', 'd\r\ne']), ['a', 'b', 'cd', 'e']);
  });

  it('keeps a UTF-8 character split between two chunks whole', async () => {
    const bytes = Buffer.from('é中\n');
    assert.deepEqual(await collect([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]), ['é中']);
  });

  it('cuts an endless line into pieces, and a stanza across the cut is still found whole', async () => {
    const line = 'x'.repeat(30) + '<message id="m1"><body>' + 'y'.repeat(40) + '</body></message>';
    const pieces = await collect([line], 25);
    assert.ok(pieces.length > 3);
    assert.equal(pieces.join(''), line);
    const finder = new FragmentFinder();
    const found = pieces.flatMap((p) => finder.push(p)).concat(finder.end());
    assert.equal(found.length, 1);
    assert.equal(found[0].partial, false);
    assert.equal(found[0].text.replace(/\n/g, ''), line.slice(30));
  });

  // No timing assertion: copying the line again with every chunk takes minutes here, joining it once milliseconds.
  it('a 16 MB line arriving 1 KB at a time is read in one pass', async () => {
    const chunk = Buffer.from('x'.repeat(1024));
    const lines = await collect([...Array.from({ length: 16 * 1024 }, () => chunk), Buffer.from('\r\n<a/>')]);
    assert.deepEqual(lines.map((l) => l.length), [16 * 1024 * 1024, 4]);
  });
});
