import assert from 'node:assert/strict';
import { decodeFragment } from '../../src/core/decode';
import { BOSH_CONDITIONS, describe as describeEl, describeDecoded, explainBoshCondition } from '../../src/core/describe';
import { findInText } from '../../src/core/find/finder';
import { decodeLayers } from '../../src/core/xml/escape-layers';
import { parseXml } from '../../src/core/xml/parse';
import { decodeLog } from './fixtures';

function describeXml(xml: string) {
  const root = parseXml(xml);
  decodeLayers(root);
  return describeEl(root);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const notification = (update: string, node = '/finesse/api/User/47483648') =>
  `<body xmlns="http://jabber.org/protocol/httpbind"><message from="pubsub.fin1.ucce.local" to="47483648@fin1.ucce.local" id="n1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}"><item id="i1"><notification xmlns="http://jabber.org/protocol/pubsub">${esc(update)}</notification></item></items></event></message></body>`;

describe('describe: Finesse notifications', () => {
  it('says who changed to what state, with the reason code and the event', () => {
    const d = describeXml(notification('<Update><data><user><loginId>47483648</loginId><state>NOT_READY</state><reasonCodeId>12</reasonCodeId></user></data><event>PUT</event></Update>'));
    assert.equal(d.summary, 'User 47483648 → NOT_READY, reason 12 (PUT)');
    assert.equal(d.kind, 'message');
    assert.equal(d.node, '/finesse/api/User/47483648');
    assert.equal(d.from, 'pubsub.fin1.ucce.local');
    assert.equal(d.to, '47483648@fin1.ucce.local');
    assert.equal(d.finesse?.entity, 'User');
  });

  it('counts the participants of a dialog', () => {
    const dialog = '<Update><data><dialog><id>16777229</id><state>ALERTING</state><participants><Participant><mediaAddress>1001</mediaAddress></Participant><Participant><mediaAddress>1002</mediaAddress></Participant></participants></dialog></data><event>POST</event></Update>';
    const d = describeXml(notification(dialog, '/finesse/api/User/47483648/Dialogs'));
    assert.match(d.summary, /^Dialog 16777229 ALERTING, 2 participants/);
  });

  it('takes the agent id from the pubsub node when the update does not carry it (the double-escaped fixture)', () => {
    const [first] = decodeLog('double-escaped.log');
    assert.equal(describeDecoded(first).summary, 'User 47483648 → READY (PUT)');
  });

  it('reads a bare Update from Finesse webservices logs', () => {
    const rows = decodeLog('finesse-webservices.log').map(describeDecoded);
    const update = rows.find((r) => r.kind === 'finesse');
    assert.equal(update?.summary, 'Finesse User 1001003 → LOGOUT, reason 255 (PUT)');
  });

  it('summarises queue, team, system and error updates', () => {
    const queue = describeXml(notification('<Update><data><queue><name>Sales</name><statistics><callsInQueue>3</callsInQueue><agentsReady>2</agentsReady></statistics></queue></data><event>PUT</event></Update>', '/finesse/api/Queue/5'));
    assert.equal(queue.summary, 'Queue Sales (5): 3 in queue, 2 agents ready (PUT)');
    const team = describeXml(notification('<Update><data><team><id>5000</id><name>Maths</name><users><User/><User/><User/></users></team></data><event>PUT</event></Update>'));
    assert.equal(team.summary, 'Team 5000 “Maths”, 3 users (PUT)');
    const sys = describeXml(notification('<Update><data><SystemInfo><status>OUT_OF_SERVICE</status><xmppDomain>fin1.ucce.local</xmppDomain></SystemInfo></data><event>PUT</event></Update>'));
    assert.equal(sys.summary, 'SystemInfo OUT_OF_SERVICE, XMPP domain fin1.ucce.local (PUT)');
    const err = describeXml(notification('<Update><data><apiErrors><apiError><errorType>Invalid State</errorType><errorMessage>CF_INVALID_LOGON_DEVICE_SPECIFIED</errorMessage></apiError></apiErrors></data><event>PUT</event></Update>'));
    assert.equal(err.summary, 'API error Invalid State: CF_INVALID_LOGON_DEVICE_SPECIFIED (PUT)');
  });

  it('keeps escaped prose as text: Smith & Sons <VIP> is not an element', () => {
    const [f] = decodeLog('vip-trap.log');
    assert.match(describeDecoded(f).summary, /^Dialog 16777229 ALERTING, 0 participants \(POST\)$/);
  });
});

describe('describe: XMPP stanzas', () => {
  it('names kind, type, from → to, id and the message body', () => {
    const d = describeXml(`<message from='alice@example.org/phone' to='bob@example.org' type='chat' id='m1'><body>Hi Bob &amp; team</body></message>`);
    assert.equal(d.summary, 'message chat alice@example.org/phone → bob@example.org id m1: “Hi Bob & team”');
    assert.equal(d.kind, 'message');
    assert.equal(d.id, 'm1');
    assert.equal(d.type, 'chat');
  });

  it('names the iq payload by its namespace and the bound JID', () => {
    assert.equal(describeXml(`<iq type='get' id='ping1'><ping xmlns='urn:xmpp:ping'/></iq>`).summary, 'iq get id ping1: ping');
    assert.equal(describeXml(`<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>agent@localhost/inspector</jid></bind></iq>`).summary, 'iq result id b1: bind → agent@localhost/inspector');
  });

  it('says presence is available when there is no type, and shows show/status', () => {
    const d = describeXml(`<presence from='a@b/c'><show>away</show><status>lunch</status></presence>`);
    assert.equal(d.summary, 'presence available a@b/c → (no to): show away, status “lunch”');
  });

  it('reports stanza errors with their condition', () => {
    const d = describeXml(`<iq type='error' id='x'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    assert.equal(d.summary, 'iq error id x: error cancel service-unavailable');
  });

  it('never quotes a SASL payload, only the mechanism', () => {
    const d = describeXml(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>`);
    assert.equal(d.kind, 'sasl');
    assert.equal(d.summary, 'SASL auth PLAIN');
  });

  it('classifies stream headers, features, stream errors and stream management', () => {
    assert.equal(describeXml(`<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`).summary, 'stream features: mechanisms (PLAIN), bind');
    assert.equal(describeXml(`<stream:error xmlns:stream='http://etherx.jabber.org/streams'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`).kind, 'stream-error');
    assert.equal(describeXml(`<r xmlns='urn:xmpp:sm:3'/>`).kind, 'sm');
    assert.equal(describeXml(`<a xmlns='urn:xmpp:sm:3' h='5'/>`).summary, 'stream management a h=5');
  });
});

describe('describe: BOSH bodies', () => {
  it('explains every XEP-0124 terminal condition in words', () => {
    const conditions = ['bad-request', 'host-gone', 'host-unknown', 'improper-addressing', 'internal-server-error', 'item-not-found', 'other-request', 'policy-violation', 'remote-connection-failed', 'remote-stream-error', 'see-other-uri', 'system-shutdown', 'undefined-condition'];
    assert.deepEqual(Object.keys(BOSH_CONDITIONS).sort(), conditions.sort());
    for (const c of conditions) {
      const d = describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='${c}'/>`);
      assert.equal(d.kind, 'body');
      assert.equal(d.bosh?.condition, c);
      assert.ok(d.summary.startsWith(`BOSH terminate: ${c} — `), d.summary);
      assert.ok(explainBoshCondition(c).length > 30);
    }
    assert.match(explainBoshCondition('made-up'), /not a condition XEP-0124 defines/);
  });

  it('says the server forgot the session for item-not-found', () => {
    const d = describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='item-not-found'/>`);
    assert.match(d.summary, /no longer knows this session/);
  });

  it('tells empty polls, session requests and session creation apart', () => {
    assert.equal(describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' rid='2779414706' sid='f382a015'/>`).summary, 'BOSH request rid 2779414706 sid f382a015, empty (poll)');
    assert.equal(describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' hold='1' rid='1' to='fin1.ucce.local' wait='60' xmpp:version='1.0'/>`).summary, 'BOSH session request to fin1.ucce.local, rid 1, wait 60 s, hold 1');
    assert.equal(describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' sid='b0f9e2' wait='60' inactivity='70' requests='2' hold='1'/>`).summary, 'BOSH session created sid b0f9e2, wait 60 s, inactivity 70 s, hold 1, requests 2');
    assert.equal(describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' rid='9' sid='s' xmpp:restart='true'/>`).summary, 'BOSH stream restart rid 9 sid s');
  });

  it('describes a body by the stanza it carries and keeps the BOSH facts', () => {
    const d = describeXml(`<body xmlns='http://jabber.org/protocol/httpbind' rid='164853266' sid='3445afbe'><presence xmlns='jabber:client' id='presence_1'/></body>`);
    assert.equal(d.kind, 'presence');
    assert.equal(d.summary, 'presence available id presence_1 · BOSH rid 164853266 sid 3445afbe');
    assert.equal(d.bosh?.rid, '164853266');
  });

  it('is a body when it carries stanzas of different kinds, and lists the first ones', () => {
    const d = describeXml(`<body xmlns='http://jabber.org/protocol/httpbind'><presence/><iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq><message><body>x</body></message></body>`);
    assert.equal(d.kind, 'body');
    assert.equal(d.summary, 'presence available; iq get id 1: ping; +1 more');
  });
});

describe('describe: what could not be parsed', () => {
  it('says why, and marks fragments cut off in the log', () => {
    const [f] = findInText('2020.05.12 10:11:12.345 DEBUG [x]: y - HTTP SENT(a): <message to="a@b"><body>never closed');
    const d = describeDecoded(decodeFragment(f));
    assert.match(d.summary, /\(cut off in the log\)$/);
  });

  it('names an end tag of the stream', () => {
    const frags = decodeLog('split-stanzas.log').map(describeDecoded);
    assert.ok(frags.some((d) => d.summary === 'end of stream' && d.kind === 'stream'));
  });
});
