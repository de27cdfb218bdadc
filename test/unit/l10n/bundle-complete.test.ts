// The first translation is whole: every message the code passes to l10n.t has its French, with the same slots, and
// every manifest string of package.nls.json has its French in package.nls.fr.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractMessages, slotsOf } from '../../../scripts/l10n-strings.mjs';
import { bundleTranslator, isolatingTranslator, l10n, setTranslator } from '../../../src/core/l10n';

const ROOT = join(__dirname, '..', '..', '..');
const json = (name: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));

describe('French translation', () => {
  const messages = extractMessages();
  const french = json('l10n/bundle.l10n.fr.json');

  it('finds the messages of host and core code alike', () => {
    // One of vscode.l10n.t in a feature, one of the core hook.
    assert.ok(messages.has('Diagnose Sessions: {0}'));
    assert.ok(messages.has('{0} was closed by the server for inactivity at {1}.'));
    assert.ok(messages.size > 400, `${messages.size} messages`);
  });

  it('translates every message, keeping its {n} slots', () => {
    const missing = [...messages].filter(([m]) => !Object.hasOwn(french, m)).map(([m, where]) => `${JSON.stringify(m)} (${where})`);
    assert.deepEqual(missing, [], 'run `npm run l10n:check` to list them');
    for (const [m, t] of Object.entries(french)) assert.deepEqual(slotsOf(t), slotsOf(m), `slots of ${JSON.stringify(m)}`);
  });

  it('keeps the protocol words engineers search for', () => {
    assert.match(french["the server no longer knows this session: the 'sid' is unknown (often closed after the inactivity timeout), the 'rid' is outside the expected window, a lost response cannot be resent, or the 'key' sequence is wrong"], /'sid'.*'rid'.*'key'/);
    assert.match(french['BOSH terminate{0}: {1} — {2}'], /^BOSH terminate\{0\}/);
    assert.match(french['Not well-formed XML: {0}'], /XML/);
  });

  it('translates every manifest string', () => {
    const english = json('package.nls.json');
    const fr = json('package.nls.fr.json');
    assert.deepEqual(Object.keys(english).filter((k) => !Object.hasOwn(fr, k)), []);
    for (const k of Object.keys(fr)) assert.ok(Object.hasOwn(english, k), `${k} is no longer in package.nls.json`);
    const manifest = json('package.json') as unknown as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  it('says a core explanation in French through the bundle, isolating an Arabic value', () => {
    try {
      setTranslator(isolatingTranslator(bundleTranslator(french)));
      assert.equal(l10n.t('{0}, reason {1} “{2}”', 'User 1 → NOT_READY', '12', 'استراحة'), 'User 1 → NOT_READY, motif 12 «\u00a0\u2068استراحة\u2069\u00a0»');
    } finally {
      setTranslator(undefined);
    }
  });
});
