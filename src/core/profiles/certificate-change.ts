// What is asked when a server presents a certificate other than the one trusted for its host and port.
import { l10n } from '../l10n';

export interface TrustedCertificate {
  /** host:port, as certificateScope names it. */
  scope: string;
  /** SHA-256, colon-separated upper-case hex. */
  fingerprint: string;
  /** ISO time the user trusted it; unknown for certificates trusted before it was kept. */
  since?: string;
}

/** Fingerprints written with or without colons, in either case, compare equal. */
export function sameFingerprint(a: string, b: string): boolean {
  const hex = (f: string) => f.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex(a) === hex(b);
}

/** The question of a changed certificate: both fingerprints in the message itself, so no one trusts it unseen. */
export function changedCertificateQuestion(trusted: TrustedCertificate, presented: string): { message: string; detail: string } {
  const since = trusted.since ? trusted.since.slice(0, 16).replace('T', ' ') + ' UTC' : l10n.t('an earlier version');
  return {
    message: l10n.t('The certificate of {0} has CHANGED since you trusted it. Trusted: SHA-256 {1}. Now presented: SHA-256 {2}.', trusted.scope, trusted.fingerprint, presented),
    detail: l10n.t(
      'You trusted the old certificate on {0}. A server that renewed its self-signed certificate presents a new one; so does someone between you and the server. Check the new fingerprint with the server\'s administrator before trusting it. Nothing is sent to the server until you do.',
      since,
    ),
  };
}
