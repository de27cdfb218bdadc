import assert from 'node:assert/strict';
import { chooseMechanism, createMechanism } from '../../src/core/sasl/mechanisms';
import { REDACTED, redactSasl } from '../../src/core/sasl/redact';
import { SaslError, ScramClient } from '../../src/core/sasl/scram';
import { compactXml } from '../../src/core/xml/pretty';
import { parseXml } from '../../src/core/xml/parse';

describe('SASL', () => {
  describe('SCRAM-SHA-1 replays RFC 5802 §5', () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    it('sends the RFC client-first-message', () => {
      assert.equal(client.first(), 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    });
    it('computes the RFC proof', async () => {
      assert.equal(
        await client.final('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'),
        'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
      );
    });
    it('accepts the RFC server signature and rejects another', () => {
      client.verify('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=');
      assert.throws(() => client.verify('v=AAF9pqV8S7suAoZWja4dJRkFsKQ='), SaslError);
    });
  });

  describe('SCRAM-SHA-256 replays RFC 7677 §3', () => {
    const client = new ScramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    it('computes the RFC proof and accepts the RFC server signature', async () => {
      assert.equal(client.first(), 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
      assert.equal(
        await client.final('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'),
        'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      );
      client.verify('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    });
  });

  it('refuses a server nonce that does not extend the client nonce', async () => {
    const client = new ScramClient('sha256', 'user', 'pencil', 'abc');
    await assert.rejects(client.final('r=xyz123,s=QSXCR+Q6sek8bf92,i=4096'), /nonce/);
  });

  it('escapes = and , in the user name', () => {
    assert.equal(new ScramClient('sha1', 'a=b,c', 'p', 'N').first(), 'n,,n=a=3Db=2Cc,r=N');
  });

  it('reports a server error attribute as not-authorized', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    await client.final('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
    assert.throws(() => client.verify('e=invalid-proof'), (e: SaslError) => e.condition === 'not-authorized');
  });

  describe('choosing a mechanism', () => {
    const all = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'X-OAUTH2'];
    it('takes the strongest offered', () => {
      assert.equal(chooseMechanism({ offered: all, secure: true }), 'SCRAM-SHA-256');
      assert.equal(chooseMechanism({ offered: ['PLAIN', 'SCRAM-SHA-1'], secure: true }), 'SCRAM-SHA-1');
      assert.equal(chooseMechanism({ offered: ['PLAIN'], secure: true }), 'PLAIN');
    });
    it('refuses PLAIN over plain http unless allowed for the profile', () => {
      assert.throws(() => chooseMechanism({ offered: ['PLAIN'], secure: false }), /readable over plain http/);
      assert.equal(chooseMechanism({ offered: ['PLAIN'], secure: false, allowPlainOverHttp: true }), 'PLAIN');
      assert.equal(chooseMechanism({ offered: ['PLAIN', 'SCRAM-SHA-1'], secure: false }), 'SCRAM-SHA-1');
    });
    it('names both sides when nothing is common', () => {
      assert.throws(() => chooseMechanism({ offered: ['GSSAPI'], secure: true }), /offers GSSAPI; this client supports SCRAM-SHA-256/);
    });
  });

  it('PLAIN sends authzid-less credentials', () => {
    const m = createMechanism('PLAIN', 'agent1', 'secret');
    assert.equal(Buffer.from(m.initial(), 'base64').toString(), '\0agent1\0secret');
  });

  it('redacts every SASL payload and leaves other stanzas untouched', () => {
    const body = parseXml(
      `<body xmlns='http://jabber.org/protocol/httpbind'><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFnZW50MQBzZWNyZXQ=</auth></body>`,
    );
    const out = compactXml(redactSasl(body));
    assert.ok(!out.includes('AGFnZW50MQBzZWNyZXQ='));
    assert.ok(out.includes(REDACTED));
    assert.ok(out.includes("mechanism=") );
    assert.ok(compactXml(body).includes('AGFnZW50MQBzZWNyZXQ='), 'the original is not modified');
    const msg = parseXml(`<message><body>auth</body></message>`);
    assert.equal(redactSasl(msg), msg);
    const failure = parseXml(`<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>`);
    assert.ok(compactXml(redactSasl(failure)).includes('not-authorized'));
  });
});
