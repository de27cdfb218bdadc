import { createHash, randomBytes } from 'node:crypto';

/** How many keys one sequence holds before a new one is announced (XEP-0124 §15). */
export const KEY_SEQUENCE_LENGTH = 64;

/**
 * XEP-0124 §15 key sequencing: K(n) = hex(SHA-1(K(n-1))); the client announces K(n) as
 * `newkey` and then reveals K(n-1), K(n-2)… one per request, so someone who saw a request
 * cannot forge the next one. When a sequence is about to run out, the last key goes out
 * with the `newkey` of a fresh sequence.
 */
export class KeySequence {
  private keys: string[] = [];

  constructor(private readonly length = KEY_SEQUENCE_LENGTH) {
    if (length < 2) throw new Error('a key sequence needs at least 2 keys');
  }

  /** For the session creation request: the first newkey. */
  start(): { newkey: string } {
    this.keys = chain(this.length);
    return { newkey: this.keys.pop()! };
  }

  /** For every later request: the next key, and a newkey when this sequence runs out. */
  next(): { key: string; newkey?: string } {
    const key = this.keys.pop();
    if (key === undefined) throw new Error('key sequence used before start()');
    if (this.keys.length > 0) return { key };
    this.keys = chain(this.length);
    return { key, newkey: this.keys.pop()! };
  }
}

function chain(n: number): string[] {
  const out = [randomBytes(20).toString('hex')];
  for (let i = 1; i < n; i++) out.push(sha1Hex(out[i - 1]));
  return out;
}

export function sha1Hex(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex');
}
