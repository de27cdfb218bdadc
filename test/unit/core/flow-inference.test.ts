// Directions read from the traffic where a log gives none, in the one flow model the diagnosis uses.
import { strict as assert } from 'node:assert';
import { decodeFragment } from '../../../src/core/decode';
import { toJsonLine } from '../../../src/core/decoded-format';
import type { Fragment } from '../../../src/core/fragment';
import { findInText } from '../../../src/core/find/finder';
import { flowOf } from '../../../src/core/flow';
import { FlowInference, protocolFlow, startTagOf } from '../../../src/core/flow-inference';

const decodedToJson = (f: Fragment) => JSON.parse(toJsonLine(decodeFragment(f)));
const console = (lines: string[]) => findInText(lines.map((l) => `11:21:05.122 ${l}  converse-headless.js:3927`).join('\n'));

describe('directions inferred from the traffic', () => {
  it('the protocol alone: BOSH rid, the framing <open/> id, SASL and stream features', () => {
    const flow = (xml: string) => protocolFlow(startTagOf(xml)!);
    assert.equal(flow('<body rid="1" xmlns="http://jabber.org/protocol/httpbind"/>'), 'c2s');
    assert.equal(flow('<body sid="s" xmlns="http://jabber.org/protocol/httpbind"/>'), 's2c');
    assert.equal(flow('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>'), 'c2s');
    assert.equal(flow('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="5b05" version="1.0"/>'), 's2c');
    assert.equal(flow("<stream:stream to='localhost' xmlns:stream='http://etherx.jabber.org/streams'>"), 'c2s');
    assert.equal(flow('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">'), 'c2s');
    assert.equal(flow('<response xmlns="urn:ietf:params:xml:ns:xmpp-sasl">'), 'c2s');
    for (const s2c of ['<challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">', '<success/>', '<failure/>', '<stream:features>', '<enabled xmlns="urn:xmpp:sm:3"/>']) assert.equal(flow(s2c), 's2c', s2c);
    assert.equal(flow('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'), undefined, 'either side closes');
    assert.equal(flow('<message to="a@b"/>'), undefined, 'either side sends stanzas');
  });

  it('a console without directions: answers go against their requests, the bound JID tells deliveries', () => {
    const fs = console([
      '<iq type="set" id="_bind_auth_2" xmlns="jabber:client"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>converse</resource></bind></iq>',
      '<iq xmlns="jabber:client" id="_bind_auth_2" type="result"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>1001@localhost/converse</jid></bind></iq>',
      '<iq xmlns="jabber:client" from="1001@localhost/converse" to="localhost" type="get" id="d1"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>',
      '<iq xmlns="jabber:client" type="set" id="push1" to="1001@localhost/converse"><query xmlns="jabber:iq:roster"/></iq>',
      '<iq xmlns="jabber:client" type="result" id="push1"/>',
      '<iq xmlns="jabber:client" id="d1" from="localhost" to="1001@localhost/converse" type="result"/>',
      '<presence xmlns="jabber:client"><priority>0</priority></presence>',
      '<presence xmlns="jabber:client" xml:lang="en" from="1001@localhost/converse"><priority>0</priority></presence>',
      '<message to="1001@localhost" type="chat" id="c1" xmlns="jabber:client"><body>hi</body></message>',
      '<message xmlns="jabber:client" id="c1" from="1001@localhost/converse" type="chat"><body>hi</body></message>',
    ]);
    assert.deepEqual(
      fs.map((f) => flowOf(f, decodeFragment(f).root)),
      ['c2s', 's2c', 'c2s', 's2c', 'c2s', 's2c', 'c2s', 's2c', 'c2s', 's2c'],
    );
    assert.ok(fs.every((f) => f.directionInferred === true && f.direction === (flowOf(f) === 'c2s' ? 'sent' : 'received')));
  });

  it('a direction the log gives is kept and not marked, and teaches what follows', () => {
    const fs = findInText([
      "Dec 01 10:04:51 c2s5623a8479690\tdebug\tReceived[c2s]: <iq id='p1' type='get' xmlns='jabber:client'><ping xmlns='urn:xmpp:ping'/></iq>",
      // The answer logged without a word of direction still goes the other way.
      "Dec 01 10:04:51 c2s5623a8479690\tdebug\tstanza: <iq id='p1' type='result' xmlns='jabber:client'/>",
    ].join('\n'));
    assert.deepEqual(fs.map((f) => [f.direction, f.directionInferred ?? false]), [['received', false], ['sent', true]]);
  });

  it("Prosody's own words name the direction of its request and disconnect lines", () => {
    const fs = findInText([
      'Dec 01 10:04:51 mod_bosh\tdebug\tHandling new request table: 0x5635b28523c0: <body rid="1688618869" sid="s" xmlns="http://jabber.org/protocol/httpbind"/>',
      "Dec 01 11:08:54 c2s559ea59d5470\tdebug\tDisconnecting client, <stream:error> is: <stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
    ].join('\n'));
    assert.deepEqual(fs.map((f) => [f.direction, f.directionInferred ?? false]), [['received', false], ['sent', false]]);
  });

  it('decode --json says which directions were inferred', () => {
    const [row] = console(['<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">[redacted]</auth>']).map(decodedToJson);
    assert.deepEqual([row.direction, row.flow, row.directionInferred], ['sent', 'c2s', true]);
  });

  it('memory stays bounded: requests never answered are forgotten oldest first', () => {
    const inference = new FlowInference();
    for (let i = 0; i < 5000; i++) inference.observe(`<iq type="get" id="q${i}"/>`, 0, false, undefined, 'c2s');
    // The newest request is still known; the first was dropped, so its answer falls back to the addresses.
    assert.equal(inference.observe('<iq type="result" id="q4999"/>', 0, false, undefined, undefined), 's2c');
    assert.equal(inference.observe('<iq type="result" id="q0"/>', 0, false, undefined, undefined), 'c2s');
  });
});
