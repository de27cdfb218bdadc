// The Outline's plain data from real logs: sessions, kinds, stanzas with their summaries, folding regions and caps.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { findInText } from '../../../src/core/find/finder';
import { buildOutline, type OutlineSymbol } from '../../../src/core/outline';
import { fixture } from '../fixtures';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const outlineOfFile = (text: string, limits?: Parameters<typeof buildOutline>[1]) => buildOutline(findInText(text), limits);
const names = (symbols: OutlineSymbol[]) => symbols.map((s) => s.name);
const stanzas = (session: OutlineSymbol) => session.children.flatMap((k) => k.children);
/** In the order the Outline view shows them (by position), whatever order the breadcrumbs need. */
const byPosition = (symbols: OutlineSymbol[]) => [...symbols].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
/** What VS Code's breadcrumbs do: the first symbol at each level whose range holds the line, never going back. */
function enclosing(symbols: OutlineSymbol[], line: number): OutlineSymbol | undefined {
  for (const s of symbols) if (s.range.startLine <= line && line <= s.range.endLine) return enclosing(s.children, line) ?? s;
  return undefined;
}

describe('Outline of a log', () => {
  const finesse = readFileSync(join(SAMPLES, 'finesse/openfire/debug.log'), 'utf8');

  it('groups the stanzas of a BOSH log by sid, then by kind, with their summaries as details', () => {
    const outline = outlineOfFile(finesse);
    const session = outline.symbols.find((s) => s.name === 'BOSH session f382a015');
    assert.ok(session, names(outline.symbols).join(', '));
    assert.equal(session.role, 'session');
    assert.match(session.detail, /^18 stanzas$/);
    assert.deepEqual(names(byPosition(session.children)).slice(0, 3), ['features', 'sasl', 'body']);
    const messages = session.children.find((k) => k.name === 'message')!;
    assert.ok(messages.children.some((s) => s.detail === 'User 47483648 → NOT_READY, reason 12 (PUT)'));
    assert.equal(outline.stanzas, session.children.reduce((n, k) => n + k.children.length, 0) + stanzas(outline.symbols.find((s) => s.name === 'no session')!).length);
  });

  it('puts a BOSH answer without a sid in the session named last, and stanzas with neither under "no session"', () => {
    const outline = outlineOfFile(finesse);
    const session = outline.symbols.find((s) => s.name === 'BOSH session f382a015')!;
    assert.ok(stanzas(session).some((s) => s.name.startsWith('sent') && !/sid/.test(s.detail)), 'answers carry no sid');
    const none = outline.symbols.find((s) => s.name === 'no session')!;
    assert.deepEqual(stanzas(none).map((s) => s.range.startLine), [0, 33]);
  });

  it('gives each stanza the range the fragment covers, and each group the range of its stanzas', () => {
    const outline = outlineOfFile(finesse);
    const session = outline.symbols.find((s) => s.name === 'BOSH session f382a015')!;
    const ready = stanzas(session).find((s) => s.detail.startsWith('User 47483648 → READY'))!;
    assert.equal(ready.name, 'sent message · line 14');
    assert.deepEqual(ready.range, { startLine: 13, startColumn: 121, endLine: 21, endColumn: 7 });
    assert.deepEqual(ready.selection, { startLine: 13, startColumn: 121, endLine: 13, endColumn: 121 });
    for (const kind of session.children) {
      for (const s of kind.children) {
        assert.ok(s.range.startLine >= kind.range.startLine && s.range.endLine <= kind.range.endLine, `${s.name} inside ${kind.name}`);
        assert.ok(kind.range.startLine >= session.range.startLine && kind.range.endLine <= session.range.endLine);
      }
    }
  });

  it('groups WebSocket stanzas by the connection the log names', () => {
    const outline = outlineOfFile(fixture('logs/websocket/prosody-debug.log'));
    assert.deepEqual(names(byPosition(outline.symbols)).slice(0, 2), ['WebSocket connection c2s564e74f2ac30', 'WebSocket connection c2s564e74f36fc0']);
    assert.equal(outline.stanzas, 41);
  });

  it('reads a session transcript and the logs of a recorded session', () => {
    const transcript = outlineOfFile(readFileSync(join(SAMPLES, 'transcript/bosh-session-2026-11-23.xmpp.log'), 'utf8'));
    const session = transcript.symbols.find((s) => s.name.startsWith('BOSH session 0b4e1b0c'))!;
    assert.ok(stanzas(session).some((s) => s.detail === 'User agent → TALKING (PUT)'));
    const ws = outlineOfFile(fixture('sessions/prosody-ws-clean/prosody.log'));
    assert.deepEqual(names(ws.symbols), ['WebSocket connection c2s559e6f9ee9b0']);
  });

  it('folds multi-line stanzas and runs of one session, never two regions from one line', () => {
    const outline = outlineOfFile(finesse);
    assert.deepEqual(outline.folds, [
      { start: 2, end: 27, role: 'session' },
      { start: 13, end: 21, role: 'stanza' },
    ]);
    const ws = outlineOfFile(fixture('logs/websocket/prosody-debug.log'));
    const starts = ws.folds.map((f) => f.start);
    assert.equal(new Set(starts).size, starts.length);
    assert.ok(ws.folds.every((f) => f.end > f.start));
  });

  it('caps stanza symbols and folding regions, and says how many were left out', () => {
    const outline = outlineOfFile(finesse, { maxStanzaSymbols: 5, maxFolds: 1 });
    assert.equal(outline.stanzasOmitted, outline.stanzas - 5);
    assert.equal(outline.symbols.flatMap(stanzas).length, 5);
    const session = outline.symbols.find((s) => s.name === 'BOSH session f382a015')!;
    assert.match(session.detail, /^18 stanzas, \d+ listed$/);
    assert.equal(outline.folds.length, 1);
    assert.equal(outline.foldsOmitted, 1);
  });

  it('puts the sibling spanning the fewest lines first, so the breadcrumbs find the stanza under the cursor through overlapping sessions', () => {
    for (const [text, atLeast] of [[finesse, 16], [fixture('logs/websocket/prosody-debug.log'), 36]] as const) {
      const outline = outlineOfFile(text);
      const all = outline.symbols.flatMap(stanzas);
      const found = all.filter((s) => enclosing(outline.symbols, s.range.startLine) === s).length;
      assert.ok(found >= atLeast, `${found} of ${all.length} stanzas found from their first line`);
      for (const level of [outline.symbols, ...outline.symbols.map((s) => s.children)]) {
        const spans = level.map((s) => s.range.endLine - s.range.startLine);
        assert.deepEqual(spans, [...spans].sort((a, b) => a - b));
      }
    }
    // The READY notification (lines 14-22) sits inside "no session" (lines 1-34) and the session's "body" (lines 6-28).
    const outline = outlineOfFile(finesse);
    assert.equal(enclosing(outline.symbols, 16)?.name, 'sent message · line 14');
  });

  it('counts the stanzas past the cap in the same sessions and kinds as if they were listed', () => {
    // Past the cap escaped payloads stay undecoded; a session's kinds and counts must not change for it.
    const counts = (o: ReturnType<typeof outlineOfFile>) => o.symbols.map((s) => [s.name, s.detail.replace(/, \d+ listed$/, ''), s.children.map((k) => `${k.name} ${k.detail.replace(/, \d+ listed$/, '')}`)]);
    for (const text of [finesse, readFileSync(join(SAMPLES, 'finesse/webservices/Desktop-webservices.2017-06-17T00-00-00.000.log'), 'utf8'), fixture('logs/websocket/prosody-debug.log')]) {
      assert.deepEqual(counts(outlineOfFile(text, { maxStanzaSymbols: 0, maxFolds: 5000 })), counts(outlineOfFile(text)));
    }
  });

  it('has nothing to show for text without stanzas', () => {
    assert.deepEqual(outlineOfFile('2024-01-01 nothing here\nnor here'), { symbols: [], folds: [], stanzas: 0, stanzasOmitted: 0, foldsOmitted: 0 });
  });
});
