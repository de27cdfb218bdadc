// The one question asked before a certificate the system does not trust is trusted: for its
// host and port only, by SHA-256 fingerprint, whichever request (BOSH, WebSocket, host-meta) met it.
import * as vscode from 'vscode';
import { changedCertificateQuestion, sameFingerprint, type TrustedCertificate } from '../../core/profiles/certificate-change';
import type { Credentials } from './profiles';

export const TRUST_CHOICE = 'Trust This Certificate';

export async function askToTrust(url: string, why: string, fingerprint: string): Promise<boolean> {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // the URL as given
  }
  const trust = vscode.l10n.t('Trust This Certificate');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The certificate of {0} is not trusted.', host),
    { modal: true, detail: `${why}\n\n${vscode.l10n.t("Trust this certificate (SHA-256 {0}) for this host? Only do so if you recognise it, e.g. a Finesse server's self-signed certificate.", fingerprint)}` },
    trust,
  );
  return choice === trust;
}

/**
 * A host whose certificate is not the one trusted for it: both fingerprints in the modal's message, and the new
 * one trusted only on the explicit choice (Escape or closing the dialog keeps the old one and does not connect).
 */
export async function askToTrustChanged(trusted: TrustedCertificate, presented: string): Promise<boolean> {
  const q = changedCertificateQuestion(trusted, presented);
  const trust = vscode.l10n.t('Trust the New Certificate');
  const choice = await vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, trust);
  return choice === trust;
}

/**
 * After a certificate was refused: the first-time question, or the changed-certificate one when another was trusted
 * for this host and port; the answer is kept. True when the caller may try again with the certificate now trusted,
 * false when the user declined, undefined when there was nothing to ask (the caller reports the error as it is).
 */
export async function confirmCertificate(credentials: Credentials, url: string, why: string, presented: string): Promise<boolean | undefined> {
  const trusted = credentials.trustedFor(url);
  // The trusted certificate itself was refused for another reason (a name or a date): trusting it again changes nothing.
  if (trusted && sameFingerprint(trusted.fingerprint, presented)) return undefined;
  const yes = trusted ? await askToTrustChanged(trusted, presented) : await askToTrust(url, why, presented);
  if (yes) await credentials.trust(url, presented);
  return yes;
}
