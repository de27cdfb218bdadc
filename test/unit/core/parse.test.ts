import { strict as assert } from 'node:assert';
import { parseXml, tryParseXml } from '../../../src/core/xml/parse';
import { compactXml } from '../../../src/core/xml/pretty';

describe('strict XML parsing', () => {
  it('keeps attribute order, namespaces, CDATA as text and unescapes entities once', () => {
    const el = parseXml(`<?xml version='1.0'?><a:b xmlns:a="urn:x" z='1' y="&lt;&#233;&amp;lt;"><a:c/><![CDATA[<raw>]]>t &amp; u<!-- note --></a:b>`);
    assert.deepEqual(Object.keys(el.attrs), ['xmlns:a', 'z', 'y']);
    assert.equal(el.attrs.y, '<é&lt;');
    assert.deepEqual(el.children.slice(1), ['<raw>', 't & u']);
    assert.equal(compactXml(el), '<a:b xmlns:a="urn:x" z="1" y="&lt;é&amp;lt;"><a:c/>&lt;raw&gt;t &amp; u</a:b>');
  });

  it('keeps an attribute named __proto__ as an attribute, without touching any prototype', () => {
    const el = parseXml(`<a __proto__="x" b="1"/>`);
    assert.deepEqual(Object.keys(el.attrs), ['__proto__', 'b']);
    assert.equal(compactXml(el), '<a __proto__="x" b="1"/>');
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  const broken: Array<[string, RegExp]> = [
    ['<VIP>', /<VIP> is not closed/],
    ['Smith & Sons <VIP>', /text before the root element/],
    ['<a></ab>', /<\/ab> found where <\/a> was expected/],
    ['<a/><b/>', /a second root element/],
    ['<a b=c/>', /not quoted/],
    ['<a x="1"y="2"/>', /need space between them/],
    ['<a x="<"/>', /contains '<'/],
    ['<a>&bogus;</a>', /'&bogus;' is not a known entity/],
    ['<a>&#0;</a>', /'&#0;' is not a known entity/],
    ['<a>x</a>trailing', /text follows the root element/],
    ['<0.600.0>', /starts no element/],
    ['<a><![CDATA[x</a>', /CDATA section is not closed/],
    ['', /no element found/],
  ];
  for (const [text, message] of broken) {
    it(`rejects ${JSON.stringify(text)} in words`, () => {
      assert.throws(() => parseXml(text), message);
      assert.equal(tryParseXml(text), undefined);
    });
  }
});
