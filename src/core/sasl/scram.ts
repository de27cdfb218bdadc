import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import saslprep from '@mongodb-js/saslprep';

// SCRAM (RFC 5802, RFC 7677) without channel binding: BOSH runs over HTTP, so the TLS
// channel is not the XMPP stream's and 'n,,' (no binding) is the only honest GS2 header.

export type ScramHash = 'sha1' | 'sha256';

export class SaslError extends Error {
  override name = 'SaslError';
  constructor(
    message: string,
    /** The RFC 6120 §6.5 condition when the server sent one, e.g. 'not-authorized'. */
    readonly condition?: string,
  ) {
    super(message);
  }
}

const GS2_HEADER = 'n,,';

/** The most PBKDF2 iterations a server may ask for: beyond this the login is refused, not computed. */
export const MAX_SCRAM_ITERATIONS = 1_000_000;

export class ScramClient {
  private readonly clientFirstBare: string;
  private expectedServerSignature?: Buffer;

  constructor(
    private readonly hash: ScramHash,
    username: string,
    private readonly password: string,
    /** Fixed only by tests that replay the RFC vectors. */
    readonly nonce: string = randomBytes(18).toString('base64'),
  ) {
    this.clientFirstBare = `n=${saslName(username)},r=${nonce}`;
  }

  /** client-first-message, sent with <auth>. */
  first(): string {
    return GS2_HEADER + this.clientFirstBare;
  }

  /**
   * client-final-message for the server-first-message of the challenge. PBKDF2 runs on libuv's
   * thread pool: a server asking for a million iterations must not freeze the editor.
   */
  async final(serverFirst: string): Promise<string> {
    const attrs = parseAttributes(serverFirst);
    if (attrs.m) throw new SaslError('the server requires a SCRAM extension this client does not know');
    const nonce = attrs.r;
    const salt = attrs.s;
    const iterations = Number(attrs.i);
    if (!nonce || !salt || !Number.isInteger(iterations) || iterations < 1) {
      throw new SaslError(`the server's SCRAM challenge is malformed: "${serverFirst.slice(0, 80)}"`);
    }
    if (!nonce.startsWith(this.nonce) || nonce.length === this.nonce.length) {
      throw new SaslError("the server's SCRAM nonce does not extend ours: refusing to continue (possible tampering)");
    }
    if (iterations > MAX_SCRAM_ITERATIONS) throw new SaslError(`the server asks for ${iterations} SCRAM iterations, more than this client will compute`);
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const size = this.hash === 'sha1' ? 20 : 32;
    const salted = await saltedPassword(prepare(this.password, 'password'), Buffer.from(salt, 'base64'), iterations, size, this.hash);
    const clientKey = hmac(this.hash, salted, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const clientSignature = hmac(this.hash, storedKey, authMessage);
    const proof = Buffer.alloc(size);
    for (let i = 0; i < size; i++) proof[i] = clientKey[i] ^ clientSignature[i];
    const serverKey = hmac(this.hash, salted, 'Server Key');
    this.expectedServerSignature = hmac(this.hash, serverKey, authMessage);
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** Checks the server-final-message; a server that cannot prove it knows the password is not trusted. */
  verify(serverFinal: string): void {
    const attrs = parseAttributes(serverFinal);
    if (attrs.e) throw new SaslError(`the server rejected the SCRAM proof: ${attrs.e}`, 'not-authorized');
    const v = attrs.v ? Buffer.from(attrs.v, 'base64') : undefined;
    const expected = this.expectedServerSignature;
    if (!v || !expected || v.length !== expected.length || !timingSafeEqual(v, expected)) {
      throw new SaslError("the server's SCRAM signature is wrong: it does not know this password, so the session is not trusted");
    }
  }
}

function hmac(hash: ScramHash, key: Buffer, data: string): Buffer {
  return createHmac(hash, key).update(data, 'utf8').digest();
}

/** RFC 5802 saslname: SASLprep'd, then '=' and ',' escaped. */
function saslName(name: string): string {
  return prepare(name, 'user name').replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/**
 * RFC 5802 Normalize(): SASLprep (RFC 4013) as a query string, unassigned code points allowed.
 * The error names what was refused, never the string itself.
 */
export function prepare(s: string, what: 'user name' | 'password'): string {
  try {
    return saslprep(s, { allowUnassigned: true });
  } catch (e) {
    throw new SaslError(`the ${what} cannot be used with SCRAM: ${(e as Error).message.replace(/,.*$/, '')} (RFC 4013 SASLprep)`);
  }
}

function saltedPassword(password: string, salt: Buffer, iterations: number, size: number, hash: ScramHash): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, size, hash, (err, key) => (err ? reject(err) : resolve(key))));
}

function parseAttributes(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out[part[0]] = part.slice(2);
  }
  return out;
}
