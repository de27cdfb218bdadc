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

/**
 * How many profiles `xmppBosh.connections` holds in a settings file's text (JSON with comments and trailing commas, as
 * VS Code writes and reads it; a workspace file's under its "settings"). VS Code hides a restricted setting's workspace
 * value from an untrusted folder's extensions altogether, so the picker counts what it withholds from the file itself.
 */
export function connectionsInSettingsText(text: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutComments(text));
  } catch {
    return 0;
  }
  if (!parsed || typeof parsed !== 'object') return 0;
  const settings = parsed as Record<string, unknown>;
  const inner = settings.settings && typeof settings.settings === 'object' ? (settings.settings as Record<string, unknown>) : undefined;
  const value = settings['xmppBosh.connections'] ?? inner?.['xmppBosh.connections'];
  return Array.isArray(value) ? value.length : 0;
}

/** JSONC to JSON: comments and trailing commas out, strings kept as they are. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
