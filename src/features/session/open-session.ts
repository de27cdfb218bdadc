// A live session for a profile whose password is known: what "XMPP: Connect" does once it has the
// password, and what the extension's API offers its callers (the extension-host suite opens fifty
// this way), so both go through the same output channel, status bar item, transcript and registry.
import { LiveSession } from './live-session';
import { addSession } from './live-sessions';
import { offeredProfiles, withheldProfiles, type ConnectionProfile, type Credentials } from './profiles';

/** Opens the session (not yet connected) in the registry, its channel shown; `fingerprint` overrides the trusted one. */
export function openSession(credentials: Credentials, profile: ConnectionProfile, password: string, fingerprint = profile.fingerprint ?? credentials.trustedFingerprint(profile.url)): LiveSession {
  const live = new LiveSession(
    {
      url: profile.url,
      jid: profile.jid,
      resource: profile.resource,
      password,
      trust: { caFile: profile.caFile, fingerprint },
      allowPlainOverHttp: profile.allowPlainOverHttp,
      reconnect: profile.reconnect ?? true,
      bosh: profile.route ? { route: profile.route } : undefined,
    },
    profile.name,
  );
  addSession(live);
  live.channel.show(true);
  return live;
}

/** Live sessions as the extension's API hands them out. */
export interface LiveSessionsApi {
  /** Opens and logs in a session; on failure it stays listed, closed with the reason, as after Connect, and the error is thrown. */
  open(profile: ConnectionProfile, password: string): Promise<LiveSession>;
  /** The saved profiles Connect's picker offers, and how many of the folder's it withholds in an untrusted folder. */
  offeredProfiles(): Promise<{ profiles: ConnectionProfile[]; withheld: number }>;
}

export function liveSessionsApi(credentials: Credentials): LiveSessionsApi {
  return {
    async open(profile, password) {
      const live = openSession(credentials, profile, password);
      await live.session.connect();
      return live;
    },
    async offeredProfiles() {
      return { profiles: offeredProfiles().profiles, withheld: await withheldProfiles() };
    },
  };
}
