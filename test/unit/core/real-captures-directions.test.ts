// Every record of what real Prosody 0.12, ejabberd 23.01, Strophe.js and Converse.js 14 wrote
// (test/fixtures/sessions/*, test/fixtures/logs/websocket/*): nothing whole fails to parse and
// nearly every record has a direction, the log's own or one read from the traffic.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFragment } from '../../../src/core/decode';
import { fragmentsOfFile } from '../../../src/core/find/source';
import { flowOf, flowOfDirection } from '../../../src/core/flow';
import { FIXTURES } from '../fixtures';

const SESSIONS = join(FIXTURES, 'sessions');
const CAPTURES = [
  ...readdirSync(SESSIONS).flatMap((d) => readdirSync(join(SESSIONS, d)).filter((f) => /\.(?:log|har)$/.test(f)).map((f) => join(SESSIONS, d, f))),
  ...readdirSync(join(FIXTURES, 'logs', 'websocket')).map((f) => join(FIXTURES, 'logs', 'websocket', f)),
];

interface Count {
  records: number;
  failures: string[];
  directed: number;
  inferred: number;
}

async function count(file: string): Promise<Count> {
  const c: Count = { records: 0, failures: [], directed: 0, inferred: 0 };
  for await (const f of fragmentsOfFile(file)) {
    const d = decodeFragment(f);
    c.records++;
    if (d.error && !d.partial) c.failures.push(`line ${d.line}: ${d.error}`);
    const flow = flowOf(d, d.root);
    if (flow) c.directed++;
    if (d.directionInferred) {
      c.inferred++;
      // One model: the inferred word and the flow the diagnosis reads say the same.
      assert.equal(flowOfDirection(d.direction!, d.dialect), flow, `${file} line ${d.line}`);
    }
  }
  return c;
}

describe('directions on real captures', () => {
  const totals: Count = { records: 0, failures: [], directed: 0, inferred: 0 };
  for (const file of CAPTURES) {
    const name = file.slice(FIXTURES.length + 1);
    it(`${name}: every whole record parses, ≥ 95 % have a direction`, async () => {
      const c = await count(file);
      assert.ok(c.records > 0);
      assert.deepEqual(c.failures, []);
      assert.ok(c.directed / c.records >= 0.95, `${c.directed} of ${c.records} records have a direction`);
      totals.records += c.records;
      totals.directed += c.directed;
      totals.inferred += c.inferred;
    });
  }
  it('in all, across the real software', () => {
    assert.ok(totals.records > 1500, `${totals.records} records`);
    assert.ok(totals.directed / totals.records >= 0.99, `${totals.directed} of ${totals.records}`);
    // Converse's console and Prosody's "Request data" lines depend on inference: it is in use, and marked.
    assert.ok(totals.inferred >= 40, `${totals.inferred} inferred`);
  });
});
