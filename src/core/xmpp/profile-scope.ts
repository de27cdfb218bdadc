// Which saved connection profiles Connect may offer. A folder's own settings can name any host, allow SASL PLAIN over
// plain http:// or ws://, name a CA file or pin a certificate; a folder the user has not trusted (a customer's log
// bundle, a cloned repository) must not be able to point Connect at a host of its choosing that way.

/** The scopes of `xmppBosh.connections` as VS Code's `inspect()` reports them. */
export interface ConnectionsByScope {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface OfferedConnections {
  /** The setting's value Connect reads profiles from. */
  value: unknown[];
  /** Profiles the workspace or folder settings hold that are not offered because the folder is not trusted. */
  withheld: number;
}

/**
 * In a trusted workspace the value as VS Code resolves it (the folder's over the workspace's over the user's); in an
 * untrusted one the user's own value only, so every field of a profile (URL, caFile, fingerprint, allowPlainOverHttp,
 * route) comes from user settings, and the folder's profiles are counted so the picker can say so.
 */
export function offeredConnections(scopes: ConnectionsByScope | undefined, trusted: boolean): OfferedConnections {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  if (trusted) {
    const resolved = scopes?.workspaceFolderValue ?? scopes?.workspaceValue ?? scopes?.globalValue;
    return { value: list(resolved), withheld: 0 };
  }
  // The folder's value replaces the workspace's as a whole (arrays are not merged), so that is what is withheld.
  const withheld = list(scopes?.workspaceFolderValue ?? scopes?.workspaceValue).length;
  return { value: list(scopes?.globalValue), withheld };
}
