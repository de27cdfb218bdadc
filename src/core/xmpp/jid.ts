/** A JID split into its parts; enough for logging in, not a full RFC 7622 implementation. */
export interface Jid {
  local: string;
  domain: string;
  resource?: string;
}

export function parseJid(text: string): Jid {
  const s = text.trim();
  const slash = s.indexOf('/');
  const bare = slash >= 0 ? s.slice(0, slash) : s;
  const resource = slash >= 0 ? s.slice(slash + 1) : undefined;
  const at = bare.lastIndexOf('@');
  const local = at >= 0 ? bare.slice(0, at) : '';
  const domain = (at >= 0 ? bare.slice(at + 1) : bare).toLowerCase();
  if (!local || !domain || /[\s@/]/.test(domain) || /[\s"&'/:<>@]/.test(local)) {
    throw new Error(`"${text}" is not a user JID: write it as user@domain (for Finesse: agentid@finesse-host)`);
  }
  return { local, domain, resource: resource || undefined };
}

export function bareJid(j: Jid): string {
  return `${j.local}@${j.domain}`;
}
