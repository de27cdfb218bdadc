// What redaction took out of a text, said in words: whose credentials were hidden, never the credentials.
import { l10n } from '../l10n';

/** The words that stand in for a secret in every output, transcript and export. */
export const REDACTED = '[redacted]';

export type HiddenKind =
  /** SASL PLAIN's initial response: the password itself. */
  | 'sasl-plain'
  /** A SCRAM client message: the user name and a proof that can be attacked offline. */
  | 'sasl-scram'
  /** Any other SASL payload (challenges, server signatures, other mechanisms). */
  | 'sasl'
  /** XEP-0078 non-SASL authentication: <password> or <digest>. */
  | 'iq-auth'
  /** An HTTP Authorization header (Basic carries the password). */
  | 'http-authorization'
  /** A cookie value: a session cookie lets anyone holding it act as the user. */
  | 'cookie';

export interface HiddenSecret {
  kind: HiddenKind;
  /** Whose: PLAIN's authcid, SCRAM's n=, XEP-0078's <username>, Basic's user; a cookie's name. */
  who?: string;
}

/** The kinds that hide a password (as opposed to a proof, a token or a cookie). */
export const PASSWORD_KINDS: ReadonlySet<HiddenKind> = new Set(['sasl-plain', 'iq-auth', 'http-authorization']);

/** Adds a secret to a list unless the same one is there already. */
export function noteHidden(list: HiddenSecret[], s: HiddenSecret): void {
  if (!list.some((h) => h.kind === s.kind && h.who === s.who)) list.push(s);
}

/** What one hidden secret was, in words: "password of agent2", "session cookie JSESSIONID". */
export function hiddenWord(s: HiddenSecret): string {
  const who = s.who;
  switch (s.kind) {
    case 'sasl-plain':
      return who ? l10n.t('password of {0}', who) : l10n.t('password');
    case 'sasl-scram':
      return who ? l10n.t('SCRAM proof of {0}', who) : l10n.t('SCRAM proof');
    case 'sasl':
      return l10n.t('SASL data');
    case 'iq-auth':
      return who ? l10n.t('password of {0} (jabber:iq:auth)', who) : l10n.t('password (jabber:iq:auth)');
    case 'http-authorization':
      return who ? l10n.t('password of {0} (HTTP Basic)', who) : l10n.t('HTTP authorization');
    case 'cookie':
      return who ? l10n.t('cookie {0}', who) : l10n.t('cookie');
  }
}

/** "password of agent2, cookie JSESSIONID hidden", or '' when nothing was. */
export function hiddenWords(list: readonly HiddenSecret[]): string {
  if (!list.length) return '';
  return l10n.t('{0} hidden', [...new Set(list.map(hiddenWord))].join(', '));
}

/** Whose credentials a SASL payload holds, read from the payload itself where the mechanism puts it. */
export function saslSecret(element: string, mechanism: string | undefined, base64: string): HiddenSecret {
  const decoded = Buffer.from(base64, 'base64').toString('utf8');
  if (element === 'auth' && mechanism === 'PLAIN') {
    // authzid NUL authcid NUL password (RFC 4616)
    const parts = decoded.split('\0');
    return { kind: 'sasl-plain', ...who(parts.length === 3 ? parts[1] || parts[0] : undefined) };
  }
  if (element === 'auth' && mechanism?.startsWith('SCRAM-')) {
    const user = /^[nyp][^,]*,[^,]*,n=([^,]*)/.exec(decoded)?.[1];
    return { kind: 'sasl-scram', ...who(user?.replace(/=2C/g, ',').replace(/=3D/g, '=')) };
  }
  if (element === 'response' && /^c=[^,]*,r=[^,]*,.*p=/.test(decoded)) return { kind: 'sasl-scram' };
  return { kind: 'sasl' };
}

export function who(name: string | undefined): { who?: string } {
  const n = name?.trim();
  // A name that is not printable text is not shown: it may be a password in the wrong place.
  return n && n.length <= 200 && !/[\0-\x1f]/.test(n) ? { who: n } : {};
}
