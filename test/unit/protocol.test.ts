import assert from 'node:assert/strict';
import { EMPTY_FILTERS, MAX_TREE_DEPTH, readHostMessage, readState, readWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/protocol';
import { FragmentIndex } from '../../src/features/inspector/fragment-index';
import { findInText } from '../../src/core/find/finder';
import { fixture } from './fixtures';

describe('protocol between the host and the Inspector webview', () => {
  it('accepts every well-formed webview message as it is', () => {
    const ok: WebviewMessage[] = [
      { type: 'ready', state: { filters: EMPTY_FILTERS, source: { kind: 'file', path: '/var/log/debug.log' }, selected: 3, scrollTop: 120 } },
      { type: 'ready', state: undefined },
      { type: 'detail', index: 0 },
      { type: 'reveal', index: 12 },
      { type: 'copy', index: 1, what: 'original' },
      { type: 'export', indices: [0, 1, 5] },
    ];
    for (const m of ok) assert.deepEqual(readWebviewMessage(JSON.parse(JSON.stringify(m))), JSON.parse(JSON.stringify(m)));
  });

  it('refuses malformed webview messages instead of acting on them', () => {
    const bad: unknown[] = [
      null,
      'detail',
      { type: 'detail' },
      { type: 'detail', index: -1 },
      { type: 'detail', index: 1.5 },
      { type: 'copy', index: 1, what: 'password' },
      { type: 'export', indices: [1, '2'] },
      { type: 'ready', state: { filters: { text: 1 } } },
      { type: 'run', command: 'rm -rf /' },
    ];
    for (const m of bad) assert.equal(readWebviewMessage(m), undefined, JSON.stringify(m));
  });

  it('checks host messages on the webview side too', () => {
    const ok: HostMessage = { type: 'rows', rows: [{ index: 0, line: 1, endLine: 1, kind: 'message', summary: 's', layers: 0, direction: 'sent' }] };
    assert.deepEqual(readHostMessage(ok), ok);
    assert.equal(readHostMessage({ type: 'rows', rows: [{ index: 0, line: 1, endLine: 1, kind: 'message', summary: 's', layers: 0, direction: 'sideways' }] }), undefined);
    assert.equal(readHostMessage({ type: 'detail', detail: { index: 0, summary: '', decoded: '', original: '', layers: 0, cut: false, facts: [], tree: { name: 'a', attrs: [['x', 1]], children: [], layer: 0 } } }), undefined);
    assert.equal(readHostMessage({ type: 'reset', title: 't', source: { kind: 'ftp', path: 'x' } }), undefined);
  });

  it('restores a saved state and drops a damaged one', () => {
    const state = { filters: { ...EMPTY_FILTERS, kinds: ['message'] }, source: { kind: 'document', uri: 'file:///a.log', selection: { start: 2, end: 9 } }, selected: 4 };
    assert.deepEqual(readState(state), state);
    assert.equal(readState({ filters: { ...EMPTY_FILTERS, direction: 'up' } }), undefined);
    assert.equal(readState(undefined), undefined);
  });

  it('carries real rows and details of the index through the readers', async () => {
    const index = new FragmentIndex();
    const rows = findInText(fixture('logs/openfire.log')).map((f) => index.add(f));
    assert.deepEqual(readHostMessage({ type: 'rows', rows }), { type: 'rows', rows });
    const detail = (await index.detail(1))!;
    assert.ok(readHostMessage({ type: 'detail', detail }), 'a real detail passes the reader');
    assert.equal(detail.layers, 1);
    assert.ok(detail.decoded.includes('<!-- decoded from escaped text, layer 1 -->'));
  });
});

describe('Inspector index: limits and export', () => {
  it('cuts the detail of a huge stanza at the size limit and says so', async () => {
    const big = `<message to="a@b"><body>${'x'.repeat(50_000)}</body></message>`;
    const index = new FragmentIndex();
    index.add(findInText(big)[0]);
    const d = (await index.detail(0, 1000))!;
    assert.equal(d.cut, true);
    assert.ok(d.original.length <= 1000);
    const text = (d.tree!.children[0] as { children: string[] }).children[0];
    assert.ok(text.length < 1000, `tree text is ${text.length} characters`);
    assert.equal((await index.detail(0, 1_000_000))!.cut, false);
  });

  it('shows a stanza nested deeper than the page draws as decoded text the page accepts, without exhausting the stack', async () => {
    for (const depth of [MAX_TREE_DEPTH + 100, 20_000]) {
      const deep = `<message to="a@b">${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</message>`;
      const index = new FragmentIndex();
      index.add(findInText(deep)[0]);
      const d = (await index.detail(0, 100_000))!;
      assert.equal(d.tree, undefined, `depth ${depth}`);
      assert.ok(d.decoded.startsWith('<message to="a@b">\n  <a>'), d.decoded.slice(0, 40));
      assert.deepEqual(readHostMessage({ type: 'detail', detail: d }), { type: 'detail', detail: d });
    }
    const shallow = `<message to="a@b">${'<a>'.repeat(MAX_TREE_DEPTH - 1)}x${'</a>'.repeat(MAX_TREE_DEPTH - 1)}</message>`;
    const index = new FragmentIndex();
    index.add(findInText(shallow)[0]);
    const d = (await index.detail(0))!;
    assert.ok(d.tree);
    assert.ok(readHostMessage({ type: 'detail', detail: d }), 'the deepest tree sent is one the page accepts');
  });

  it('exports decoded fragments one per line, with time and direction, readable again by the finder', async () => {
    const index = new FragmentIndex();
    const frags = findInText(fixture('logs/openfire.log'));
    frags.forEach((f) => index.add(f));
    const log = await index.exportLog([1, 2], 'openfire.log');
    const lines = log.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^2020-05-12T10:11:12\.402 SENT <body .*<notification xmlns="http:\/\/jabber.org\/protocol\/pubsub"><Update><data><user>/);
    assert.match(lines[2], /SENT <body [^>]*type="terminate" condition="item-not-found"\/>$/);
    const again = findInText(log);
    assert.equal(again.length, 2);
    assert.equal(again[0].escaped, 0);
  });
});
