import { SaslError, ScramClient, type ScramHash } from './scram';

/** Strongest first: the order in which offered mechanisms are tried. */
export const SUPPORTED_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;
export type MechanismName = (typeof SUPPORTED_MECHANISMS)[number];

/**
 * One SASL exchange: the initial response, then one answer per challenge (asynchronous: SCRAM's
 * PBKDF2 runs off the event loop), then the success check.
 */
export interface SaslMechanism {
  readonly name: MechanismName;
  initial(): string;
  challenge(data: string): Promise<string>;
  success(data: string): void;
}

export interface MechanismChoice {
  /** What the server offered in <mechanisms>. */
  offered: readonly string[];
  /** True when the connection is https (the password never travels in clear). */
  secure: boolean;
  /** The user allowed PLAIN over plain http for this profile. */
  allowPlainOverHttp?: boolean;
  /** Restrict to these mechanisms (tests, or a user who wants one in particular). */
  only?: readonly MechanismName[];
}

/** Picks the strongest mechanism both sides have; explains why none fits. */
export function chooseMechanism(choice: MechanismChoice): MechanismName {
  const usable = SUPPORTED_MECHANISMS.filter((m) => choice.offered.includes(m) && (!choice.only || choice.only.includes(m)));
  for (const m of usable) {
    if (m === 'PLAIN' && !choice.secure && !choice.allowPlainOverHttp) continue;
    return m;
  }
  if (usable.includes('PLAIN')) {
    throw new SaslError(
      'the server offers only PLAIN, which would send the password readable over plain http: use an https URL, or allow PLAIN over http for this connection if it is a trusted loopback or lab link',
    );
  }
  throw new SaslError(`no common SASL mechanism: the server offers ${choice.offered.join(', ') || 'none'}; this client supports ${SUPPORTED_MECHANISMS.join(', ')}`);
}

export function createMechanism(name: MechanismName, username: string, password: string): SaslMechanism {
  if (name === 'PLAIN') return new PlainMechanism(username, password);
  const hash: ScramHash = name === 'SCRAM-SHA-256' ? 'sha256' : 'sha1';
  const scram = new ScramClient(hash, username, password);
  return {
    name,
    initial: () => b64(scram.first()),
    challenge: async (data) => b64(await scram.final(unb64(data))),
    success: (data) => scram.verify(unb64(data)),
  };
}

class PlainMechanism implements SaslMechanism {
  readonly name = 'PLAIN' as const;
  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}
  initial(): string {
    return b64(`\0${this.username}\0${this.password}`);
  }
  challenge(): Promise<string> {
    return Promise.reject(new SaslError('the server sent a challenge during PLAIN, which has none'));
  }
  success(): void {}
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

function unb64(s: string): string {
  return Buffer.from(s.trim(), 'base64').toString('utf8');
}
