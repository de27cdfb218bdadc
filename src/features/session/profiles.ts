// Connection profiles from settings, passwords in SecretStorage, trusted certificates per host and port.
import * as vscode from 'vscode';
import type { TrustedCertificate } from '../../core/profiles/certificate-change';
import { certificateScope } from '../../core/xmpp/connection-words';
import { connectionsInSettingsText, offeredConnections } from '../../core/xmpp/profile-scope';

export interface ConnectionProfile {
  name: string;
  url: string;
  jid: string;
  resource?: string;
  /** PEM file with the CA or the certificate to trust for this connection. */
  caFile?: string;
  /** SHA-256 fingerprint of the one certificate to trust for this connection. */
  fingerprint?: string;
  allowPlainOverHttp?: boolean;
  reconnect?: boolean;
  /** XEP-0124 'route' (xmpp:host:port), for connection managers that ask for it. */
  route?: string;
}

const TRUSTED_KEY = 'xmppBosh.trustedCertificates';

export function savedProfiles(): ConnectionProfile[] {
  return offeredProfiles().profiles;
}

/** The profiles Connect offers, and how many of the folder's it withholds while the folder is not trusted. */
export function offeredProfiles(): { profiles: ConnectionProfile[]; withheld: number } {
  const scopes = vscode.workspace.getConfiguration('xmppBosh').inspect<unknown[]>('connections');
  const { value, withheld } = offeredConnections(scopes, vscode.workspace.isTrusted);
  return { profiles: profilesIn(value), withheld };
}

/**
 * How many profiles of the folder an untrusted folder keeps from Connect. VS Code hides a restricted setting's
 * workspace value from extensions there, so the count comes from the workspace's settings files themselves.
 */
export async function withheldProfiles(): Promise<number> {
  if (vscode.workspace.isTrusted) return 0;
  const files = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'));
  if (vscode.workspace.workspaceFile) files.push(vscode.workspace.workspaceFile);
  let count = 0;
  for (const uri of files) {
    try {
      count += connectionsInSettingsText(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      // no settings file there
    }
  }
  return Math.max(count, offeredProfiles().withheld);
}

function profilesIn(raw: unknown[]): ConnectionProfile[] {
  const out: ConnectionProfile[] = [];
  for (const p of raw) {
    if (p && typeof p === 'object' && typeof (p as ConnectionProfile).url === 'string' && typeof (p as ConnectionProfile).jid === 'string') {
      const c = p as ConnectionProfile;
      out.push({ ...c, name: c.name || c.jid });
    }
  }
  return out;
}

function secretKey(p: Pick<ConnectionProfile, 'jid' | 'url'>): string {
  return `xmppBosh.password:${p.jid}@${p.url}`;
}

/** The accounts whose password was remembered: SecretStorage cannot list its keys. */
const SAVED_PASSWORDS_KEY = 'xmppBosh.savedPasswords';

export type SavedAccount = Pick<ConnectionProfile, 'jid' | 'url'> & { name?: string };

/** Stored trust: a fingerprint alone (as first kept) or with the time it was trusted. */
type StoredTrust = string | { fingerprint: string; since?: string };

export class Credentials {
  constructor(private readonly context: vscode.ExtensionContext) {}

  password(p: Pick<ConnectionProfile, 'jid' | 'url'>): Thenable<string | undefined> {
    return this.context.secrets.get(secretKey(p));
  }

  async remember(p: ConnectionProfile, password: string): Promise<void> {
    await this.context.secrets.store(secretKey(p), password);
    const index = this.rememberedIndex().filter((a) => secretKey(a) !== secretKey(p));
    await this.context.globalState.update(SAVED_PASSWORDS_KEY, [...index, { jid: p.jid, url: p.url, name: p.name }]);
  }

  async forget(p: Pick<ConnectionProfile, 'jid' | 'url'>): Promise<void> {
    await this.context.secrets.delete(secretKey(p));
    await this.context.globalState.update(SAVED_PASSWORDS_KEY, this.rememberedIndex().filter((a) => secretKey(a) !== secretKey(p)));
  }

  /** Every account with a password in SecretStorage: those remembered here, and the settings' profiles that have one. */
  async savedPasswords(): Promise<SavedAccount[]> {
    const seen = new Map<string, SavedAccount>();
    for (const a of [...savedProfiles(), ...this.rememberedIndex()]) {
      if (!seen.has(secretKey(a))) seen.set(secretKey(a), { jid: a.jid, url: a.url, name: a.name });
    }
    const out: SavedAccount[] = [];
    for (const a of seen.values()) if ((await this.password(a)) !== undefined) out.push(a);
    return out;
  }

  private rememberedIndex(): SavedAccount[] {
    const raw = this.context.globalState.get<unknown[]>(SAVED_PASSWORDS_KEY, []);
    return (Array.isArray(raw) ? raw : []).filter((a): a is SavedAccount => !!a && typeof (a as SavedAccount).jid === 'string' && typeof (a as SavedAccount).url === 'string');
  }

  /** The fingerprint the user chose to trust for this host:port, if any. */
  trustedFingerprint(url: string): string | undefined {
    return this.trustedFor(url)?.fingerprint;
  }

  /** What is trusted for this URL's host:port, with when. */
  trustedFor(url: string): TrustedCertificate | undefined {
    const scope = certificateScope(url);
    return this.trustedCertificates().find((t) => t.scope === scope);
  }

  trustedCertificates(): TrustedCertificate[] {
    const map = this.context.globalState.get<Record<string, StoredTrust>>(TRUSTED_KEY, {});
    return Object.entries(map).map(([scope, v]) => (typeof v === 'string' ? { scope, fingerprint: v } : { scope, fingerprint: v.fingerprint, since: v.since }));
  }

  trust(url: string, fingerprint: string): Thenable<void> {
    const map = { ...this.context.globalState.get<Record<string, StoredTrust>>(TRUSTED_KEY, {}) };
    map[certificateScope(url)] = { fingerprint, since: new Date().toISOString() };
    return this.context.globalState.update(TRUSTED_KEY, map);
  }

  /** Stops trusting the certificate of a host:port; the next Connect there asks again. */
  untrust(scope: string): Thenable<void> {
    const map = { ...this.context.globalState.get<Record<string, StoredTrust>>(TRUSTED_KEY, {}) };
    delete map[scope];
    return this.context.globalState.update(TRUSTED_KEY, map);
  }
}

/**
 * Adds a profile to the user's own settings (never the workspace's); a profile of the same URL and JID is replaced.
 */
export async function saveProfile(profile: ConnectionProfile): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('xmppBosh');
  const current = cfg.inspect<unknown[]>('connections')?.globalValue;
  const list = Array.isArray(current) ? current.filter((p) => !(p && typeof p === 'object' && (p as ConnectionProfile).url === profile.url && (p as ConnectionProfile).jid === profile.jid)) : [];
  const entry: Record<string, unknown> = { name: profile.name, url: profile.url, jid: profile.jid };
  if (profile.resource) entry.resource = profile.resource;
  if (profile.allowPlainOverHttp) entry.allowPlainOverHttp = true;
  await cfg.update('connections', [...list, entry], vscode.ConfigurationTarget.Global);
}
