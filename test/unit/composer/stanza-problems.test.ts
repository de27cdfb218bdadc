import assert from 'node:assert/strict';
import { isBlankXml, lineColumnAt, problemWords, stanzaProblem } from '../../../src/core/composer/stanza-problems';
import { stanzaPresets } from '../../../src/core/xmpp/presets';
import { prettyPrint } from '../../../src/core/xml/pretty';
import { parseXml } from '../../../src/core/xml/parse';

/** Line and column (1-based) of a problem, as the editor shows it. */
function at(text: string): [number, number, string] {
  const p = stanzaProblem(text);
  assert.ok(p, `expected a problem in ${JSON.stringify(text)}`);
  const { line, column } = lineColumnAt(text, p.offset);
  return [line + 1, column + 1, p.message];
}

describe('composer: stanza problems placed by line and column', () => {
  it('accepts every preset, on one line and pretty-printed as the composer inserts them', () => {
    for (const p of stanzaPresets('1001@finesse.example.com')) {
      assert.equal(stanzaProblem(p.xml), undefined, p.label);
      assert.equal(stanzaProblem(prettyPrint(parseXml(p.xml))), undefined, p.label);
    }
  });

  it('an empty composer, or one with only comments, is not an error yet', () => {
    assert.equal(stanzaProblem(''), undefined);
    assert.equal(stanzaProblem('  \n<!-- ping -->\n'), undefined);
    assert.ok(isBlankXml('\n\n'));
    assert.ok(!isBlankXml('<iq/>'));
  });

  it('a mismatched end tag is placed on its own line', () => {
    const text = '<iq type="get" to="localhost">\n  <ping xmlns="urn:xmpp:ping">\n</iq>';
    const [line, , message] = at(text);
    assert.equal(line, 3);
    assert.match(message, /<\/iq> found where <\/ping> was expected/);
  });

  it('an unquoted attribute is placed at its value', () => {
    const text = '<presence>\n<priority>0</priority>\n<show x=1/>\n</presence>';
    assert.deepEqual(at(text).slice(0, 2), [3, 9]);
  });

  it('an unknown entity is placed at its ampersand', () => {
    const text = '<message to="a@b">\n  <body>fish &chips;</body>\n</message>';
    const [line, column, message] = at(text);
    assert.deepEqual([line, column], [2, 14]);
    assert.match(message, /&chips;' is not a known entity/);
  });

  it('an element that is not a stanza, or an iq without a type, is placed at the root', () => {
    const [line, column, message] = at('\n\n  <query xmlns="jabber:iq:roster"/>');
    assert.deepEqual([line, column], [3, 3]);
    assert.match(message, /<query> is not a stanza/);
    assert.match(at('<!-- x -->\n<iq to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>')[2], /needs type='get' or 'set'/);
    assert.deepEqual(at('<!-- x -->\n<iq to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>').slice(0, 2), [2, 1]);
  });

  it('a stanza cut off is reported at the end', () => {
    const text = '<iq type="get">\n<ping';
    const [line, column, message] = at(text);
    assert.deepEqual([line, column], [2, 6]);
    assert.match(message, /cut off/);
  });

  it('two stanzas in one composer: the second root is named', () => {
    assert.match(at('<presence/>\n<presence/>')[2], /second root element/);
  });

  it('says line and column 1-based for messages outside the editor', () => {
    const text = '<iq type="get">\n</ix>';
    assert.match(problemWords(text, stanzaProblem(text)!), /^line 2, column \d+: /);
  });

  it('lineColumnAt counts lines by \\n and clamps offsets', () => {
    assert.deepEqual(lineColumnAt('ab\ncd\nef', 4), { line: 1, column: 1 });
    assert.deepEqual(lineColumnAt('ab\ncd', 3), { line: 1, column: 0 });
    assert.deepEqual(lineColumnAt('ab', 99), { line: 0, column: 2 });
  });
});
