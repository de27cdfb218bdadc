import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { decodeFragment, decodedXml } from '../../../src/core/decode';
import { findInText } from '../../../src/core/find/finder';
import { XmlElement } from '../../../src/core/xml/element';
import { escapeXml } from '../../../src/core/xml/escape';
import { compactXml } from '../../../src/core/xml/pretty';

const name = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,5}(:[a-z]{1,4})?$/).filter((n) => !/(^|:)stream$/.test(n));
// Printable text with the characters escaping is about; no line breaks (a log line), and no
// text that reads as markup once unescaped, which the decoder is meant to turn into elements.
const text = fc
  .string({ unit: fc.constantFrom(...'ab Z09<>&;"\'=/#!?[]-_.:é中'), minLength: 1, maxLength: 12 })
  .filter((t) => !/^\s*[<&]/.test(t));

const tree: fc.Arbitrary<XmlElement> = fc.letrec<{ el: XmlElement }>((tie) => ({
  el: fc
    .record({
      name,
      attrs: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), text, { maxKeys: 3 }),
      children: fc.oneof({ depthSize: 'small' }, fc.constant([]), fc.array(fc.oneof(text, tie('el')), { maxLength: 4 })),
    })
    .map(({ name, attrs, children }) => {
      const el = new XmlElement(name, attrs);
      for (const c of children) typeof c === 'string' ? el.t(c) : el.cnode(c);
      return el;
    }),
})).el;

function escapeTimes(s: string, k: number): string {
  for (let i = 0; i < k; i++) s = escapeXml(s);
  return s;
}

describe('decoder properties', () => {
  it('never throws, whatever the text', () => {
    const piece = fc.constantFrom('<', '>', '&', ';', 'lt;', 'amp;', 'gt;', '</', '/>', '<a', '<body ', '"', "'", '=', '\n', ' ', 'x', '<![CDATA[', ']]>', '<!--', '-->', '<?xml', '?>', '<stream:stream>', '2020.05.12 10:11:12.345 DEBUG [t]: x - ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
        for (const f of findInText(parts.join(''))) decodeFragment(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('any element tree escaped k times (k = 0..3) inside a log line decodes to the same tree', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 3 }), (el, k) => {
        const original = compactXml(el);
        const line = `2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-1]: HttpBindServlet - HTTP SENT(f382a015): ${escapeTimes(original, k)}  trailing text`;
        const found = findInText(line);
        assert.equal(found.length, 1, `one fragment in ${line}`);
        assert.equal(found[0].escaped, k);
        const decoded = decodeFragment(found[0]);
        assert.equal(decoded.error, undefined);
        assert.equal(decodedXml(decoded), original);
      }),
      { numRuns: 1000 },
    );
  });
});
