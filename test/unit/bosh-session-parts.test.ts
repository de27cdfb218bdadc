import assert from 'node:assert/strict';
import { decodeFragment, decodedXml } from '../../src/core/decode';
import { findInText } from '../../src/core/find/finder';
import { parseJid } from '../../src/core/xmpp/jid';
import { stanzaPresets } from '../../src/core/xmpp/presets';
import { formatRecord, recordJson } from '../../src/core/xmpp/record-format';
import { RingBuffer } from '../../src/core/xmpp/ring-buffer';
import { parseStanza } from '../../src/core/xmpp/session';
import { transcriptLine, transcriptNotice, type StanzaRecord } from '../../src/core/xmpp/stanza-record';
import { decodeLayers } from '../../src/core/xml/escape-layers';
import { parseXml } from '../../src/core/xml/parse';

function record(wire: string, direction: 'sent' | 'received' = 'received'): StanzaRecord {
  const stanza = parseXml(wire);
  const layers = decodeLayers(stanza);
  return { seq: 1, time: '2026-11-23T21:07:47.123Z', direction, rid: 4242, wire, stanza, layers };
}

const NOTIFICATION = `<message from="pubsub.fin1" to="1001@fin1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/1001"><item id="1"><notification xmlns="http://jabber.org/protocol/pubsub">&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;</notification></item></items></event></message>`;

describe('BOSH session parts', () => {
  it('transcript lines read back through the finder as the transcript dialect, decoded', () => {
    const line = transcriptLine(record(NOTIFICATION));
    assert.match(line, /^2026-11-23T21:07:47\.123Z RECV rid=4242 <message /);
    const note = transcriptNotice({ time: '2026-11-23T21:07:46.000Z', level: 'warning', text: 'request rid=4241 lost (<ECONNRESET>); sending it again' });
    assert.equal(note, '# 2026-11-23T21:07:46.000Z WARNING request rid=4241 lost ( ECONNRESET ); sending it again');
    const found = findInText(`${note}\n${line}`);
    assert.equal(found.length, 1, 'notes hold no markup');
    const [f] = found;
    assert.equal(f.dialect, 'transcript');
    assert.equal(f.direction, 'received');
    assert.equal(f.time, '2026-11-23T21:07:47.123Z');
    assert.ok(decodedXml(decodeFragment(f)).includes('<Update><data><user><state>READY</state>'));
  });

  it('the output channel text is read back too: header line, then the pretty stanza', () => {
    const text = formatRecord(record(NOTIFICATION)) + '\n' + formatRecord(record('<presence xmlns="jabber:client"/>', 'sent'));
    assert.match(text, /^2026-11-23T21:07:47\.123Z RECV rid=4242 {2}\(1 escaped layer decoded\)\n<message/);
    const found = findInText(text).map(decodeFragment);
    assert.equal(found.length, 2);
    assert.equal(found[0].direction, 'received');
    assert.equal(found[1].direction, 'sent');
    assert.ok(found[0].root!.toString().includes('READY'));
  });

  it('NDJSON carries time, direction, rid and the decoded xml', () => {
    const o = JSON.parse(recordJson(record(NOTIFICATION)));
    assert.deepEqual(Object.keys(o).sort(), ['direction', 'layers', 'rid', 'time', 'xml']);
    assert.ok(o.xml.includes('<notification xmlns="http://jabber.org/protocol/pubsub"><Update>'));
  });

  it('every preset is a valid stanza for the session JID', () => {
    const presets = stanzaPresets('1001@fin1.ucce.local');
    for (const p of presets) parseStanza(p.xml);
    assert.ok(presets.some((p) => p.xml.includes('node="/finesse/api/User/1001" jid="1001@fin1.ucce.local"')));
    assert.throws(() => stanzaPresets('a&b@fin1'), /not a user JID/);
  });

  it('rejects text that is not one stanza, in words', () => {
    assert.throws(() => parseStanza('<iq><ping/></iq>'), /needs type='get' or 'set'/);
    assert.throws(() => parseStanza('<message>'), /not closed/);
    assert.throws(() => parseStanza('<a/><b/>'), /second root/);
  });

  it('JIDs: agent id and Finesse host, or a clear message', () => {
    assert.deepEqual(parseJid('47483648@fin1.ucce.local/test'), { local: '47483648', domain: 'fin1.ucce.local', resource: 'test' });
    assert.throws(() => parseJid('fin1.ucce.local'), /user@domain \(for Finesse: agentid@finesse-host\)/);
  });

  it('the ring buffer keeps the last N, oldest first, and counts what went through', () => {
    const b = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) b.push(i);
    assert.deepEqual(b.toArray(), [5, 6, 7]);
    assert.equal(b.total, 7);
    assert.throws(() => new RingBuffer(0));
  });
});
