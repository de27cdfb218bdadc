// Connection profiles, saved passwords and trusted certificates as a user manages them.
import * as vscode from 'vscode';
import type { TrustedCertificate } from '../../core/profiles/certificate-change';
import { Credentials, type ConnectionProfile } from '../session/profiles';
import { addConnectionProfile } from './add-profile';
import { forgetSavedPassword } from './forget-password';
import { manageTrustedCertificates } from './trusted-certificates';

export const PROFILE_COMMANDS = {
  add: 'xmppBosh.addConnectionProfile',
  forgetPassword: 'xmppBosh.forgetSavedPassword',
  trustedCertificates: 'xmppBosh.manageTrustedCertificates',
} as const;

/** What the extension's API offers of the stored credentials, as Connect's prompts would leave them. */
export interface ProfilesApi {
  /** Keeps a password as Connect's "Remember" does. */
  rememberPassword(profile: ConnectionProfile, password: string): Promise<void>;
  hasSavedPassword(profile: Pick<ConnectionProfile, 'jid' | 'url'>): Promise<boolean>;
  /** Trusts a certificate for the URL's host and port as the trust question's "Trust" does. */
  trustCertificate(url: string, fingerprint: string): Promise<void>;
  trustedCertificates(): TrustedCertificate[];
}

export function registerProfiles(context: vscode.ExtensionContext): ProfilesApi {
  const credentials = new Credentials(context);
  context.subscriptions.push(
    vscode.commands.registerCommand(PROFILE_COMMANDS.add, () => addConnectionProfile()),
    vscode.commands.registerCommand(PROFILE_COMMANDS.forgetPassword, (name?: string) => forgetSavedPassword(credentials, name)),
    vscode.commands.registerCommand(PROFILE_COMMANDS.trustedCertificates, (scope?: string) => manageTrustedCertificates(credentials, scope)),
  );
  return {
    rememberPassword: (p, password) => credentials.remember(p, password),
    hasSavedPassword: async (p) => (await credentials.password(p)) !== undefined,
    trustCertificate: async (url, fp) => credentials.trust(url, fp),
    trustedCertificates: () => credentials.trustedCertificates(),
  };
}
