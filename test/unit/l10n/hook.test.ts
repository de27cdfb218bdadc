import assert from 'node:assert/strict';
import { FSI, PDI, bundleTranslator, formatMessage, isolateRightToLeft, isolatingTranslator, l10n, setTranslator } from '../../../src/core/l10n';

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

  it('isolates right-to-left values in the slots of an isolating translator, and nothing else', () => {
    setTranslator(isolatingTranslator(bundleTranslator({ 'reason {0} of {1}': 'motif {0} de {1}' })));
    assert.equal(l10n.t('reason {0} of {1}', 'استراحة', 'agent2@fin1'), `motif ${FSI}استراحة${PDI} de agent2@fin1`);
    assert.equal(l10n.t('{0} s', 12), '12 s', 'numbers stay as they are');
    // A summary set into a longer one keeps its own isolates and is not wrapped again.
    const inner = l10n.t('reason {0} of {1}', 'استراحة', 'x');
    assert.equal(l10n.t('{0}; more', inner), `${inner}; more`);
    assert.equal(isolateRightToLeft(`a ${FSI}ب${PDI} c ج`), `${FSI}a ${FSI}ب${PDI} c ج${PDI}`, 'right-to-left text outside the inner isolate');
  });
});
