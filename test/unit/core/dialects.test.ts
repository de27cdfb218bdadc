import { strict as assert } from 'node:assert';
import { decodedXml } from '../../../src/core/decode';
import { findInText } from '../../../src/core/find/finder';
import { decodeLog, find } from '../fixtures';

// One fixture per log layout: each asserts the stanzas found, their time, direction and dialect.
describe('finding stanzas in each log dialect', () => {
  it('Openfire before 4.3: HTTP RECV/SENT bodies, the escaped Finesse notification decoded', () => {
    const found = decodeLog('openfire-legacy.log');
    assert.deepEqual(found.map((f) => [f.line, f.direction, f.dialect]), [
      [2, 'received', 'openfire-legacy'],
      [4, 'sent', 'openfire-legacy'],
      [6, 'sent', 'openfire-legacy'],
    ]);
    assert.deepEqual(found.map((f) => f.directionInferred ?? false), [false, false, true], 'the routed message\'s direction is read from its addresses');
    assert.equal(found[0].time, '2017-04-14T21:34:21');
    assert.equal(found[0].root?.attrs.rid, '164853266');
    const update = find(found[1].root, 'notification', 'Update');
    assert.ok(update, 'the notification text became an <Update> element');
    assert.equal(update.layer, 1);
    assert.equal(found[1].layers, 1);
    assert.equal(find(update, 'user', 'state')?.text(), 'NOT_READY');
    assert.equal(find(update, 'event')?.text(), 'PUT');
    assert.equal(found[2].root?.name, 'message', 'the stanza after "Unable to route packet"');
  });

  it('Openfire 4.3+: level and thread prefix, a pretty-printed body over nine lines, a terminate', () => {
    const found = decodeLog('openfire.log');
    assert.equal(found.length, 3);
    assert.deepEqual([found[1].line, found[1].endLine], [2, 10]);
    assert.equal(found[1].direction, 'sent');
    assert.equal(found[1].time, '2020-05-12T10:11:12.402');
    assert.equal(find(found[1].root, 'Update', 'state')?.text(), 'NOT_READY');
    assert.equal(found[2].root?.attrs.condition, 'item-not-found');
    assert.equal(found[2].line, 12);
  });

  it('Finesse webservices: %CCBU lines with a stanza in %[…] and an escaped Update payload', () => {
    const found = decodeLog('finesse-webservices.log');
    assert.equal(found.length, 2);
    assert.equal(found[0].dialect, 'finesse');
    assert.equal(found[0].time, '2017-06-17T00:16:04.630+05:30');
    assert.equal(found[0].root?.attrs.type, 'unavailable');
    assert.equal(found[1].escaped, 1);
    assert.equal(found[1].root?.name, 'Update');
    assert.equal(find(found[1].root, 'state')?.text(), 'LOGOUT');
    assert.equal(find(found[1].root, 'reasonCodeId')?.text(), '255');
  });

  it('Prosody: a year-less clock, Received/Sending markers, a top tag logged alone', () => {
    const found = decodeLog('prosody.log');
    assert.deepEqual(found.map((f) => [f.line, f.direction, f.partial]), [
      [3, 'received', true],
      [4, 'sent', false],
      [5, 'received', false],
    ]);
    assert.deepEqual(found.map((f) => f.directionInferred ?? false), [false, false, true], '"Request data:" names none: a body with a rid is a request');
    assert.equal(found[0].time, undefined, 'no year, so no ISO time');
    assert.equal(found[0].stamp, '11-23 21:07:47');
    assert.equal(found[0].root?.attrs.id, 'bind_1', 'the partial top tag still decodes');
    assert.equal(find(found[1].root, 'jid')?.text(), 'agent@localhost/inspector');
  });

  it('ejabberd: Erlang pids are not XML; the stanza inside <<"…">> is', () => {
    const found = decodeLog('ejabberd.log');
    assert.deepEqual(found.map((f) => [f.line, f.direction, f.root?.name]), [
      [2, 'received', 'iq'],
      [3, 'sent', 'body'],
    ]);
    assert.equal(found[1].time, '2023-06-01T10:00:00.123+00:00');
    assert.equal(found[1].root?.attrs.condition, 'policy-violation');
  });

  it('Smack: logcat threadtime and the console debugger, SENT (0) / RECV (0)', () => {
    const found = decodeLog('smack-logcat.log');
    assert.deepEqual(found.map((f) => [f.direction, f.dialect, f.root?.attrs.id]), [
      ['sent', 'smack', '7k3Lq-1'],
      ['received', 'smack', '7k3Lq-1'],
      ['sent', 'smack', 'p1'],
    ]);
  });

  it('browser consoles: RECV:/SENT: and bare > / < markers, trailing source positions ignored', () => {
    const found = decodeLog('console.log');
    assert.deepEqual(found.map((f) => f.direction), ['sent', 'received', 'sent', 'received']);
    assert.equal(decodedXml(found[0]), '<body rid="2779414707" xmlns="http://jabber.org/protocol/httpbind" sid="3117c5ef"/>');
    assert.equal(find(found[1].root, 'message', 'body')?.text(), 'Hi Bob & team');
    assert.equal(found[3].root?.attrs.condition, 'remote-connection-failed');
  });

  it('Tigase, MongooseIM and node-xmpp-bosh', () => {
    const tigase = decodeLog('tigase.log');
    assert.deepEqual(tigase.map((f) => [f.dialect, f.direction, f.root?.name]), [
      ['tigase', 'received', 'iq'],
      ['tigase', 'sent', 'body'],
    ]);
    const mim = decodeLog('mongooseim.log');
    assert.equal(mim.length, 1);
    assert.equal(mim[0].dialect, 'mongooseim');
    assert.equal(find(mim[0].root, 'body')?.text(), 'hello');
    const nxb = decodeLog('node-xmpp-bosh.log');
    assert.deepEqual(nxb.map((f) => [f.dialect, f.direction]), [
      ['node-xmpp-bosh', 'sent'],
      ['node-xmpp-bosh', 'received'],
    ]);
    assert.equal(find(nxb[0].root, 'mechanism')?.text(), 'PLAIN');
  });
});

describe('mixed layouts in one text', () => {
  it('a line that only starts with a date does not make later lines of a known layout plain', () => {
    const text = [
      '2026-11-23 21:07:46 note without a known layout',
      '2026-11-23T21:07:47.123Z SENT rid=4242 <presence/>',
      '2021-03-05 10:11:12.346 [debug] <0.608.0>@ejabberd_c2s:x Received XML on stream = <<"<iq id=\'p\'/>">>',
    ].join('\n');
    assert.deepEqual(findInText(text).map((f) => f.dialect), ['transcript', 'ejabberd']);
  });
});
