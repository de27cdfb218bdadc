// HAR captures of tens of MB stream through every reader with memory that does not follow their
// size: findInHarStream on a generated stream, and a gzipped and a zipped capture through the input
// layer and diagnosis, each measured in a fresh process. A whole parse would hold the text, its
// chunks and its object tree: over 250 MB for 50 MB.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** What RSS may grow by while a capture is read: its largest entry, the reader's batches and young garbage, not its size. */
const MAX_GROWTH_MB = 150;
const CHILD = join(__dirname, 'huge-har-child.ts');

async function child(...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout);
}

describe('HAR captures of tens of MB, streamed', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'bosh-huge-har-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('findInHarStream on 50 MB: every entry read, in order, RSS growth bounded', async () => {
    const r = await child('stream');
    assert.equal(r.fragments, 2 * r.entries, 'a request and its answer for each entry');
    assert.ok(r.entries > 50_000, `${r.entries} entries`);
    assert.ok(r.ordered, 'fragments in the order of their lines');
    // The first line, one line an entry, the last, and the empty one after the final newline.
    assert.equal(r.lines, r.entries + 3);
    assert.ok(r.peak - r.start < MAX_GROWTH_MB, `RSS grew ${(r.peak - r.start).toFixed(0)} MB`);
  });

  it('gzipped (20 MB) and zipped (10 MB): through the input layer and diagnosis, every request, RSS growth bounded', async () => {
    const r = await child('inputs', dir);
    assert.deepEqual(r.problems, []);
    assert.equal(r.inputs, 2);
    assert.deepEqual(r.requests, r.expected, 'every request of both captures');
    assert.ok(r.peak - r.start < MAX_GROWTH_MB, `RSS grew ${(r.peak - r.start).toFixed(0)} MB`);
  });
});
