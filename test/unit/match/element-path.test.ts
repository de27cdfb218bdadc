import { strict as assert } from 'node:assert';
import { decodeFragment } from '../../../src/core/decode';
import { ElementPathError, MAX_PATH_CHARS, matchesPath, parseElementPath } from '../../../src/core/match';
import { parseXml } from '../../../src/core/xml/parse';
import { decodeLog } from '../fixtures';

/** Lines of the fixture log whose stanzas hold the path. */
function linesMatching(log: string, path: string): number[] {
  const p = parseElementPath(path);
  return decodeLog(log).filter((d) => d.root && matchesPath(d.root, p)).map((d) => d.line);
}

function errorOf(path: string): ElementPathError {
  try {
    parseElementPath(path);
  } catch (e) {
    assert.ok(e instanceof ElementPathError, String(e));
    return e;
  }
  assert.fail(`${JSON.stringify(path)} was accepted`);
}

describe('element paths: the grammar', () => {
  it('reads names, predicates and a text on the last step', () => {
    assert.deepEqual(parseElementPath('Update/user/state=NOT_READY').steps, [
      { name: 'Update', attributes: [] },
      { name: 'user', attributes: [] },
      { name: 'state', attributes: [], text: 'NOT_READY' },
    ]);
    assert.deepEqual(parseElementPath('iq[type=error][id]/stream:error').steps, [
      { name: 'iq', attributes: [{ name: 'type', value: 'error' }, { name: 'id' }] },
      { name: 'error', attributes: [] },
    ]);
  });

  it('takes quoted values holding "/", "]", "=" and spaces, and a bare text holding "/"', () => {
    assert.deepEqual(parseElementPath('items[node="/finesse/api/User/1001"]').steps[0].attributes, [{ name: 'node', value: '/finesse/api/User/1001' }]);
    assert.deepEqual(parseElementPath("x[a='b]=c d']").steps[0].attributes, [{ name: 'a', value: 'b]=c d' }]);
    assert.equal(parseElementPath('uri=/finesse/api/User/47483648').steps[0].text, '/finesse/api/User/47483648');
    assert.equal(parseElementPath('pendingState=""').steps[0].text, '');
  });

  const bad: Array<[string, number, RegExp]> = [
    ['', 1, /empty/],
    ['   ', 1, /empty/],
    ['/Update', 1, /starts with "\/"/],
    ['Update//state', 8, /empty step/],
    ['Update/', 7, /ends with "\/"/],
    ['iq[type=error', 3, /never closed with "\]"/],
    ['iq[type="error]', 9, /quote .* never closed/],
    ['iq[=error]', 4, /attribute name/],
    ['iq[type=]', 8, /missing after "="/],
    ['iq]', 3, /without a "\["/],
    ['state="READY"/user', 14, /ends the path/],
    ['state=', 6, /missing after "="/],
    ['iq type', 3, /expected "\/", "\[" or "="/],
    ['iq[type error]', 8, /expected "\]" to close the "\[" at column 3/],
    ['[type=error]', 1, /element name/],
  ];
  for (const [path, column, reason] of bad) {
    it(`says where ${JSON.stringify(path)} goes wrong: column ${column}`, () => {
      const e = errorOf(path);
      assert.equal(e.column, column, e.message);
      assert.match(e.reason, reason);
      assert.match(e.message, new RegExp(`^column ${column}: `));
    });
  }

  it('refuses hostile sizes: a path of 1 MB, a thousand steps', () => {
    assert.match(errorOf('a'.repeat(1 << 20)).message, new RegExp(`longer than ${MAX_PATH_CHARS}`));
    assert.match(errorOf(Array(300).fill('a').join('/')).message, /more than 32 steps/);
  });
});

describe('element paths over decoded Finesse notifications', () => {
  it('Update/user/state=NOT_READY finds the notification whose <Update> is escaped inside <notification>', () => {
    const hits = linesMatching('openfire.log', 'Update/user/state=NOT_READY');
    assert.equal(hits.length, 1);
    // The same stanza through its outer layers: BOSH body, message, pubsub event, escaped layer.
    assert.deepEqual(linesMatching('openfire.log', 'body/message/items[node=/finesse/api/User/47483648]/notification/Update/state=NOT_READY'), hits);
    assert.deepEqual(linesMatching('openfire.log', 'Update/user/state=READY'), []);
  });

  it('reaches a payload escaped twice, and tells its text from a text that merely contains it', () => {
    assert.equal(linesMatching('double-escaped.log', 'Update/state=READY').length, 1);
    assert.equal(linesMatching('double-escaped.log', 'Update/state=READ').length, 0);
    assert.equal(linesMatching('double-escaped.log', 'Update/state=TALKING').length, 1);
  });

  it('matches names by local name, with any prefix, and "*" for any element', () => {
    const root = parseXml('<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms></stream:features>');
    assert.ok(matchesPath(root, parseElementPath('features/mechanism=PLAIN')));
    assert.ok(matchesPath(root, parseElementPath('stream:features/mechanism=PLAIN')));
    assert.ok(matchesPath(root, parseElementPath('x:features/*/mechanism')));
    assert.ok(matchesPath(root, parseElementPath('mechanisms[xmlns=urn:ietf:params:xml:ns:xmpp-sasl]')));
    assert.ok(!matchesPath(root, parseElementPath('mechanism/features')), 'steps go outer to inner');
    assert.ok(!matchesPath(root, parseElementPath('features/features')), 'a step is below the one before, never the same element');
  });

  it('iq[type=error] finds the error answers of a Converse console log, attributes by local name', () => {
    const hits = decodeLog('websocket/converse-console.log').filter((d) => d.root && matchesPath(d.root, parseElementPath('iq[type=error]/service-unavailable')));
    assert.ok(hits.length >= 1);
    assert.ok(hits.every((d) => d.root!.attrs.type === 'error'));
    const lang = parseXml('<message xml:lang="ar"><body>مرحبا</body></message>');
    assert.ok(matchesPath(lang, parseElementPath('message[lang=ar]/body=مرحبا')));
    assert.ok(!matchesPath(lang, parseElementPath('message[lang=en]')));
  });

  it('costs steps × elements on a tree 20,000 deep of one name (no backtracking, no recursion)', () => {
    const depth = 20_000;
    const d = decodeFragment({ line: 1, endLine: 1, column: 0, text: '<a>'.repeat(depth) + '</a>'.repeat(depth), escaped: 0, partial: false });
    assert.ok(d.root, d.error);
    const started = Date.now();
    assert.ok(!matchesPath(d.root!, parseElementPath(Array(30).fill('a').join('/') + '/b')));
    assert.ok(matchesPath(d.root!, parseElementPath(Array(30).fill('a').join('/'))));
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });
});
