import { strict as assert } from 'node:assert';
import { decodeFragment, decodedXml } from '../../../src/core/decode';
import { findInHar } from '../../../src/core/find/har';
import { findInText, FragmentFinder } from '../../../src/core/find/finder';
import { decodeLog, find, fixture } from '../fixtures';

describe('hard cases users paste', () => {
  it('a fragment escaped twice, and a notification whose payload is escaped twice', () => {
    const [body, poll, notification] = decodeLog('double-escaped.log');
    assert.equal(body.escaped, 1);
    assert.equal(find(body.root, 'Update', 'state')?.text(), 'READY', 'the payload inside an escaped body is decoded too');
    assert.equal(poll.escaped, 2);
    assert.equal(poll.root?.attrs.rid, '2779414709');
    assert.equal(poll.direction, 'received');
    const update = find(notification.root, 'Update');
    assert.equal(update?.layer, 2, 'one more layer for the second escaping');
    assert.equal(notification.layers, 2);
    assert.equal(find(update, 'state')?.text(), 'TALKING');
  });

  it('the <VIP> trap: an escaped call variable stays text, never becomes an element', () => {
    const [d] = decodeLog('vip-trap.log');
    const value = find(d.root, 'CallVariable', 'value');
    assert.ok(value);
    assert.deepEqual(value.children, ['Smith & Sons <VIP>']);
    assert.equal(find(d.root, 'VIP'), undefined);
    assert.equal(find(d.root, 'dialog', 'state')?.text(), 'ALERTING');
    assert.match(decodedXml(d), /<value>Smith &amp; Sons &lt;VIP&gt;<\/value>/);
  });

  it('CDATA sections holding whole HTTP messages: the bodies inside, with the HTTP direction', () => {
    const found = decodeLog('cdata-http.log');
    assert.deepEqual(found.map((f) => [f.line, f.direction, f.root?.name]), [
      [6, 'sent', 'body'],
      [10, 'received', 'body'],
    ]);
    assert.equal(find(found[1].root, 'message', 'body')?.text(), 'x < y');
  });

  it('split stanzas, several on one line, an XML declaration and an unclosed stream header', () => {
    const found = decodeLog('split-stanzas.log');
    assert.deepEqual(found.map((f) => [f.line, f.endLine, f.root?.name ?? f.unescaped]), [
      [1, 6, 'body'],
      [7, 7, 'presence'],
      [7, 7, 'presence'],
      [7, 7, 'iq'],
      [8, 9, 'stream:stream'],
      [10, 10, 'stream:features'],
      [11, 11, '</stream:stream>'],
    ]);
    assert.equal(found[0].root?.attrs.sid, '3445afbe', 'attributes continued on the next line');
    assert.equal(find(found[0].root, 'c')?.attrs.node, 'http://jabber.cisco.com/caxl');
    assert.equal(found[4].partial, false, 'a stream header is open by design, not truncated');
    assert.equal(found[4].root?.attrs.version, '1.0');
    assert.equal(find(found[5].root, 'mechanism')?.text(), 'SCRAM-SHA-1');
  });

  it('Erlang pids, arrows and generics are not XML', () => {
    const found = decodeLog('erlang-pids.log');
    assert.equal(found.length, 1);
    assert.equal(found[0].line, 2);
    assert.equal(found[0].root?.attrs.rid, '5');
  });

  it('truncated fragments are reported as partial with what did arrive, and the next records still decode', () => {
    const found = decodeLog('truncated.log');
    assert.deepEqual(found.map((f) => [f.line, f.partial]), [
      [1, true],
      [2, false],
      [3, true],
    ]);
    assert.equal(find(found[0].root, 'items')?.attrs.node, '/finesse/api/User/47483648');
    assert.equal(found[0].error, undefined, 'closed where it broke off, so it parses');
    assert.equal(found[1].root?.attrs.rid, '2779414710');
    assert.equal(found[2].root?.name, 'body');
  });

  it('a 20,000-character line of hostile input ends, with nothing thrown', () => {
    const hostile = '2020.05.12 10:11:12.345 DEBUG [x]: a - <a b="' + '&lt;&lt;&amp;lt;'.repeat(1000) + ' <c d="' + '<e '.repeat(2000) + '&lt;f&gt;'.repeat(500);
    assert.ok(hostile.length > 20000);
    const found = findInText(hostile + '\n' + hostile);
    for (const f of found) decodeFragment(f);
    assert.ok(found.length >= 1);
    assert.ok(found.every((f) => f.partial));
  });

  // No timing assertion: a scan that restarts for every candidate takes minutes on these lines
  // and runs into the test timeout, while a linear one takes milliseconds.
  for (const [shape, unit, eachIsAStanza] of [
    ['escaped non-tags', '&lt;x@y&gt; ', false],
    ['small escaped elements', '&lt;a/&gt; ', true],
    ['doubly escaped elements', '&amp;lt;a x=&amp;quot;1&amp;quot;/&amp;gt; ', true],
    ['entities and no markup', '&quot;&amp;', false],
    ['Erlang pids', '<0.600.0> ', false],
  ] as const) {
    it(`a 400,000-character line of ${shape} is read in one pass`, () => {
      const repeats = Math.ceil(400000 / unit.length);
      const found = findInText(unit.repeat(repeats));
      assert.equal(found.length, eachIsAStanza ? repeats : 0);
    });
  }

  for (const [shape, unit, tail] of [
    ['XML declarations closed only at its end', '<?xml ', '?>x'],
    ['escaped XML declarations closed only at its end', '&lt;?xml ', '?&gt;x'],
    ['escaped comments after declarations', '&lt;?xml?&gt;&lt;!-- ', '--&gt;x'],
  ] as const) {
    it(`a 400,000-character line of ${shape} is read in one pass`, () => {
      assert.deepEqual(findInText(unit.repeat(Math.ceil(400000 / unit.length)) + tail), []);
    });
  }

  it('a 400,000-character line that starts like logcat and never reaches its tag\'s colon is read in one pass', () => {
    assert.deepEqual(findInText('11-23 21:07:47.123  1234  5678 D ' + ' '.repeat(400000) + 'x'), []);
  });

  it('a line of 200,000 open elements and 200,000 stray end tags is read in one pass', () => {
    const found = findInText('<a>'.repeat(200000) + '</b>'.repeat(200000));
    assert.deepEqual(found.map((f) => f.partial), [false]);
  });

  it('an 800,000-character line escaping one element 100,000 times over is read in one pass', () => {
    const amps = 'amp;'.repeat(100000);
    assert.deepEqual(findInText(`&${amps}lt;a/&${amps}gt;`), []);
  });

  it('a stanza after an XML declaration that never closes is still found', () => {
    const found = findInText('<?xml version="1.0" <message to="a@b"><body>hi</body></message>');
    assert.deepEqual(found.map((f) => f.text), ['<message to="a@b"><body>hi</body></message>']);
  });

  it('a long Finesse notification on one line decodes whole', () => {
    const users = Array.from({ length: 300 }, (_, i) => `&lt;user&gt;&lt;loginId&gt;${1000 + i}&lt;/loginId&gt;&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;`).join('');
    const line = `2020.05.12 10:11:12.345 DEBUG [x]: a - HTTP SENT(1): <message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/Team/5000/Users"><item id="1"><notification xmlns="http://jabber.org/protocol/pubsub">&lt;Update&gt;&lt;data&gt;&lt;users&gt;${users}&lt;/users&gt;&lt;/data&gt;&lt;/Update&gt;</notification></item></items></event></message>`;
    assert.ok(line.length > 20000);
    const [d] = findInText(line).map(decodeFragment);
    assert.equal(find(d.root, 'users')?.children.length, 300);
  });

  it('HAR: request and response bodies of BOSH entries, found by content; other entries skipped', () => {
    const found = findInHar(fixture('finesse-desktop.har')).map(decodeFragment);
    assert.deepEqual(found.map((f) => [f.direction, f.source, f.time]), [
      ['sent', 'POST https://fin1.ucce.local:7443/http-bind/', '2019-01-11T23:56:54.000Z'],
      ['received', 'POST https://fin1.ucce.local:7443/http-bind/', '2019-01-11T23:56:54.783Z'],
      ['sent', 'POST https://fin1.ucce.local:7443/tunnel/', '2019-01-11T23:56:55.000Z'],
      ['received', 'POST https://fin1.ucce.local:7443/tunnel/', '2019-01-11T23:56:55.005Z'],
    ]);
    assert.equal(find(found[1].root, 'Update', 'state')?.text(), 'READY');
    assert.equal(found[3].root?.attrs.condition, 'item-not-found', 'a base64 response body');
    const lines = fixture('finesse-desktop.har').split('\n');
    assert.match(lines[found[0].line - 1], /"startedDateTime": "2019-01-11T23:56:54.000Z"/);
  });

  it('a HAR cut off while saving: the bodies before the cut are recovered, and the cut is named', () => {
    const whole = fixture('finesse-desktop.har');
    const cut = whole.slice(0, whole.indexOf('"startedDateTime": "2019-01-11T23:56:55.000Z"') + 200);
    const problems: string[] = [];
    const found = findInHar(cut, (m) => problems.push(m)).map(decodeFragment);
    assert.deepEqual(found.map((f) => [f.direction, f.source, f.time]), [
      ['sent', 'POST https://fin1.ucce.local:7443/http-bind/', '2019-01-11T23:56:54.000Z'],
      ['received', 'POST https://fin1.ucce.local:7443/http-bind/', '2019-01-11T23:56:54.000Z'],
    ]);
    assert.equal(find(found[1].root, 'Update', 'state')?.text(), 'READY');
    assert.equal(found[0].line, findInHar(whole)[0].line, 'the same entry line as in the whole capture');
    assert.equal(problems.length, 1);
    assert.match(problems[0], /not a complete HAR file .*2 BOSH fragments recovered/);
  });

  it('a HAR whose bodies are base64 is recovered too, and JSON without entries is named', () => {
    const whole = fixture('finesse-desktop.har');
    const cut = whole.slice(0, whole.lastIndexOf('}', whole.lastIndexOf('"cache"')));
    const found = findInHar(cut, () => {}).map(decodeFragment);
    assert.equal(found.at(-1)?.root?.attrs.condition, 'item-not-found');
    const problems: string[] = [];
    assert.deepEqual(findInHar('{"log": {}}', (m) => problems.push(m)), []);
    assert.match(problems[0], /no log.entries list/);
  });

  it('fed line by line, the finder gives the same fragments as on the whole text', () => {
    const text = fixture('logs/openfire.log');
    const finder = new FragmentFinder();
    const streamed = text.split('\n').flatMap((l) => finder.push(l)).concat(finder.end());
    assert.deepEqual(streamed, findInText(text));
  });
});

describe('raw HTTP captures', () => {
  it('Fiddler sessions as text: the request line and status line give the direction, the Date header the time', () => {
    const found = decodeLog('fiddler-sessions.txt');
    assert.deepEqual(found.map((f) => [f.line, f.endLine, f.direction]), [
      [11, 11, 'sent'],
      [18, 26, 'received'],
    ]);
    assert.equal(found[1].time, '2019-01-11T23:56:54.000Z');
    assert.equal(find(found[1].root, 'Update', 'state')?.text(), 'READY');
  });
});
