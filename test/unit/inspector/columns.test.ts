// The Inspector index's columns grow by fixed chunks: every value reads back as pushed across
// the first chunk's doublings and many chunk boundaries, and values pushed after growth land
// where they should. Fragment positions keep time, stamp, dialect and flags through them.
import assert from 'node:assert/strict';
import type { DialectId, Fragment } from '../../../src/core/fragment';
import { CHUNK_BYTES, CHUNK_ENTRIES, FloatColumn, IntColumn, StringPairColumn } from '../../../src/features/inspector/columns';
import { FragmentPositions } from '../../../src/features/inspector/fragment-positions';

describe('Inspector index columns', () => {
  it('an int column reads back every value past several chunk boundaries, and outside its rows nothing', () => {
    const c = new IntColumn();
    const n = CHUNK_ENTRIES * 3 + 17;
    for (let i = 0; i < n; i++) assert.equal(c.push((i * 7919) | 0), i);
    assert.equal(c.size, n);
    for (let i = 0; i < n; i++) if (c.get(i) !== ((i * 7919) | 0)) assert.fail(`row ${i}: ${c.get(i)}`);
    assert.equal(c.get(n), undefined);
    assert.equal(c.get(-1), undefined);
    // Appended after the growth (a followed log): still in order, earlier rows untouched.
    c.push(-5);
    assert.equal(c.get(n), -5);
    assert.equal(c.get(CHUNK_ENTRIES - 1), ((CHUNK_ENTRIES - 1) * 7919) | 0);
    assert.equal(c.get(CHUNK_ENTRIES), (CHUNK_ENTRIES * 7919) | 0);
  });

  it('a float column keeps offsets past 4 GB and fractions exactly', () => {
    const c = new FloatColumn();
    const n = CHUNK_ENTRIES * 2 + 3;
    for (let i = 0; i < n; i++) c.push(2 ** 33 + i + (i % 2 ? 0.5 : 0));
    for (let i = 0; i < n; i++) if (c.get(i) !== 2 ** 33 + i + (i % 2 ? 0.5 : 0)) assert.fail(`row ${i}: ${c.get(i)}`);
  });

  it('a string pair column reads back both strings, none, one, the same twice, multibyte and long ones, across byte chunks', () => {
    const c = new StringPairColumn();
    const expected: Array<[string | undefined, string | undefined]> = [];
    const push = (a: string | undefined, b: string | undefined) => {
      c.push(a, b);
      expected.push([a, b]);
    };
    push(undefined, undefined);
    push('', '');
    push('', undefined);
    push(undefined, 'only the stamp');
    const long = 'é'.repeat(CHUNK_BYTES); // twice a chunk's bytes: a chunk of its own
    push(long, 'after the long one');
    // Enough distinct pairs to fill several chunks, with runs of equal rows sharing their bytes.
    for (let i = 0; i < 40_000; i++) {
      const time = `2020-05-12T10:${String(i % 60).padStart(2, '0')}:00.${i}Z`;
      const stamp = i % 3 === 0 ? time : `2020.05.12 10:${i} 日本`;
      push(time, stamp);
      if (i % 5 === 0) push(time, stamp);
      if (i % 7 === 0) push(undefined, undefined);
    }
    push('last', 'last');
    assert.equal(c.size, expected.length);
    for (let i = 0; i < expected.length; i++) {
      const got = c.get(i);
      const want = expected[i][0] === undefined && expected[i][1] === undefined ? undefined : expected[i];
      assert.deepEqual(got, want, `row ${i}`);
    }
    assert.equal(c.get(expected.length), undefined);
  });

  it('fragment positions keep every field but the text, through chunk growth and appends', () => {
    const dialects: Array<DialectId | undefined> = ['openfire', 'openfire-legacy', 'finesse', 'prosody', 'ejabberd', 'smack', 'console', 'tigase', 'mongooseim', 'node-xmpp-bosh', 'har', 'transcript', 'plain', undefined];
    const fragmentOf = (i: number): Fragment => {
      const f: Fragment = { line: i + 1, endLine: i + 1 + (i % 4), column: i % 300, text: 'x'.repeat(i % 50), escaped: i % 6, partial: i % 11 === 0 };
      if (i % 9 !== 0) f.stamp = `12:00:${Math.floor(i / 4)}`;
      if (i % 2 === 0 && f.stamp) f.time = `2020-05-12T${f.stamp}`;
      if (i % 3) f.direction = i % 3 === 1 ? 'sent' : 'received';
      if (i % 13 === 0 && f.direction) f.directionInferred = true;
      const dialect = dialects[i % dialects.length];
      if (dialect) f.dialect = dialect;
      return f;
    };
    const p = new FragmentPositions();
    const n = CHUNK_ENTRIES + 500;
    const check = (i: number) => {
      const f = fragmentOf(i);
      const length = f.text.length;
      f.text = '';
      assert.deepEqual(p.get(i), { fragment: f, length }, `fragment ${i}`);
    };
    for (let i = 0; i < n; i++) assert.equal(p.push(fragmentOf(i)), i);
    for (let i = 0; i < n; i++) check(i);
    for (let i = n; i < n + 10; i++) p.push(fragmentOf(i));
    for (let i = n - 10; i < n + 10; i++) check(i);
    assert.equal(p.get(n + 10), undefined);
  });
});
