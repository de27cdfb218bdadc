import assert from 'node:assert/strict';
import { bundleTranslator, formatMessage, l10n, setTranslator } from '../../../src/core/l10n';

describe('core translation hook', () => {
  afterEach(() => setTranslator(undefined));

  it('leaves text English with its slots filled when nothing is installed (the CLI)', () => {
    assert.equal(l10n.t('session {0} ended after {1} s', 'abc', 12), 'session abc ended after 12 s');
    assert.equal(formatMessage('{0} and {2}', ['a']), 'a and {2}');
  });

  it('goes through an installed translator, and a bundle falls back to English for what it lacks', () => {
    setTranslator(bundleTranslator({ 'session {0} ended': 'la session {0} a pris fin' }));
    assert.equal(l10n.t('session {0} ended', 'abc'), 'la session abc a pris fin');
    assert.equal(l10n.t('not in the bundle {0}', 1), 'not in the bundle 1');
    setTranslator(bundleTranslator(JSON.parse('{"__proto__": "x"}')));
    assert.equal(l10n.t('__proto__'), 'x');
    assert.equal(l10n.t('toString'), 'toString');
  });
});
