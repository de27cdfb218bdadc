import assert from 'node:assert/strict';
import { createMechanism } from '../../../src/core/sasl/mechanisms';
import { MAX_SCRAM_ITERATIONS, SaslError, ScramClient } from '../../../src/core/sasl/scram';

const RFC_SERVER_FIRST = 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096';
const RFC_PROOF = 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('SCRAM: SASLprep and a PBKDF2 that never blocks', () => {
  describe('SASLprep (RFC 4013) of the password and user name', () => {
    it('maps a soft hyphen to nothing, so "pen\\u00ADcil" proves the same as "pencil"', async () => {
      const client = new ScramClient('sha1', 'user', 'pen\u00ADcil', 'fyko+d2lbbFgONRv9qkxdawL');
      assert.equal(await client.final(RFC_SERVER_FIRST), RFC_PROOF);
    });

    it('maps a no-break space to a space and applies NFKC (ª is a)', async () => {
      const spaced = new ScramClient('sha1', 'user', 'a\u00A0b', 'N0');
      const plain = new ScramClient('sha1', 'user', 'a b', 'N0');
      const first = 'r=N0server,s=QSXCR+Q6sek8bf92,i=4096';
      assert.equal(await spaced.final(first), await plain.final(first));
      assert.equal(new ScramClient('sha1', '\u00AAgent', 'p', 'N').first(), 'n,,n=agent,r=N');
      assert.equal(new ScramClient('sha1', 'us\u00ADer', 'p', 'N').first(), 'n,,n=user,r=N');
    });

    it('refuses a prohibited character in words that do not repeat the password', async () => {
      const client = new ScramClient('sha256', 'user', 'bell\u0007secret', 'N');
      await assert.rejects(client.final('r=Nserver,s=QSXCR+Q6sek8bf92,i=4096'), (e: Error) => {
        assert.ok(e instanceof SaslError);
        assert.match(e.message, /password cannot be used with SCRAM: Prohibited character/);
        assert.ok(!e.message.includes('secret'));
        return true;
      });
    });
  });

  it(`keeps the event loop responding while a server asks for ${MAX_SCRAM_ITERATIONS.toLocaleString('en-US')} iterations`, async function () {
    this.timeout(60_000);
    const mech = createMechanism('SCRAM-SHA-256', 'agent2', 'agent2-password');
    const clientNonce = /r=([^,]+)/.exec(unb64(mech.initial()))![1];
    // The scripted server-first-message: our nonce extended, a salt, the most iterations we accept.
    const challenge = b64(`r=${clientNonce}scripted,s=${b64('salt-of-agent2')},i=${MAX_SCRAM_ITERATIONS}`);

    let worstLag = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 10);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    let answer: string;
    try {
      answer = unb64(await mech.challenge(challenge));
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - started;

    assert.ok(answer.startsWith(`c=biws,r=${clientNonce}scripted,p=`), answer);
    assert.match(answer, /,p=[A-Za-z0-9+/]{43}=$/);
    // The step took long enough for a blocking PBKDF2 to have stalled the timer many times over.
    assert.ok(ticks >= 5, `the timer fired ${ticks} times in ${Math.round(took)} ms`);
    assert.ok(worstLag < 200, `the event loop stalled ${Math.round(worstLag)} ms while PBKDF2 ran for ${Math.round(took)} ms`);
  });

  it('refuses more iterations than it will compute, before computing any', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'N');
    await assert.rejects(client.final(`r=Nx,s=QSXCR+Q6sek8bf92,i=${MAX_SCRAM_ITERATIONS + 1}`), /more than this client will compute/);
  });
});
