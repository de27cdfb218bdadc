// Connection profiles from settings, passwords in SecretStorage, trusted certificates per host and port.
import * as vscode from 'vscode';
import { certificateScope } from '../../core/xmpp/connection-words';
import { offeredConnections } from '../../core/xmpp/profile-scope';

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

export class Credentials {
  constructor(private readonly context: vscode.ExtensionContext) {}

  password(p: ConnectionProfile): Thenable<string | undefined> {
    return this.context.secrets.get(secretKey(p));
  }

  remember(p: ConnectionProfile, password: string): Thenable<void> {
    return this.context.secrets.store(secretKey(p), password);
  }

  forget(p: ConnectionProfile): Thenable<void> {
    return this.context.secrets.delete(secretKey(p));
  }

  /** The fingerprint the user chose to trust for this host:port, if any. */
  trustedFingerprint(url: string): string | undefined {
    const map = this.context.globalState.get<Record<string, string>>(TRUSTED_KEY, {});
    return map[certificateScope(url)];
  }

  trust(url: string, fingerprint: string): Thenable<void> {
    const map = { ...this.context.globalState.get<Record<string, string>>(TRUSTED_KEY, {}) };
    map[certificateScope(url)] = fingerprint;
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
