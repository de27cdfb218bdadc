import { REDACTED, noteHidden, type HiddenSecret } from '../sasl/hidden';
import { basicUser, mayHoldSecrets, redactCookies, redactSecretText } from '../sasl/redact-text';

// One HAR entry with its credentials hidden: Authorization and cookie headers, the cookies
// lists, form fields that carry a password, and every body and WebSocket frame (SASL payloads).

interface Header {
  name?: unknown;
  value?: unknown;
}

const PASSWORD_FIELD = /^(?:pass(?:word)?|pwd|passwd|secret|j_password)$/i;

/** Rewrites the entry in place; true when anything was hidden. */
export function sanitizeHarEntry(entry: Record<string, unknown>, hidden: HiddenSecret[]): boolean {
  const before = hidden.length;
  let changed = false;
  const request = object(entry.request);
  const response = object(entry.response);
  for (const headers of [request?.headers, response?.headers]) {
    if (!Array.isArray(headers)) continue;
    for (const h of headers as Header[]) {
      if (!h || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
      const value = headerValue(h.name, h.value, hidden);
      if (value !== h.value) [h.value, changed] = [value, true];
    }
  }
  for (const cookies of [request?.cookies, response?.cookies]) {
    if (!Array.isArray(cookies)) continue;
    for (const c of cookies as Header[]) {
      if (!c || typeof c.value !== 'string' || c.value === '' || c.value === REDACTED) continue;
      c.value = REDACTED;
      changed = true;
      noteHidden(hidden, { kind: 'cookie', ...(typeof c.name === 'string' && c.name ? { who: c.name } : {}) });
    }
  }
  const post = object(request?.postData);
  if (post) {
    if (typeof post.text === 'string') changed = rewrite(post, 'text', hidden) || changed;
    if (Array.isArray(post.params)) {
      for (const p of post.params as Header[]) {
        if (p && typeof p.name === 'string' && PASSWORD_FIELD.test(p.name) && typeof p.value === 'string' && p.value !== '' && p.value !== REDACTED) {
          p.value = REDACTED;
          changed = true;
          noteHidden(hidden, { kind: 'http-authorization' });
        }
      }
    }
  }
  const content = object(response?.content);
  if (content && typeof content.text === 'string') {
    if (content.encoding === 'base64') {
      const text = Buffer.from(content.text, 'base64').toString('utf8');
      const out = mayHoldSecrets(text) ? redactSecretText(text, hidden) : text;
      if (out !== text) [content.text, changed] = [Buffer.from(out, 'utf8').toString('base64'), true];
    } else changed = rewrite(content, 'text', hidden) || changed;
  }
  if (Array.isArray(entry._webSocketMessages)) {
    for (const m of entry._webSocketMessages as Array<Record<string, unknown>>) {
      if (m && typeof m.data === 'string') changed = rewrite(m, 'data', hidden) || changed;
    }
  }
  return changed || hidden.length > before;
}

/** A header's value with its credential hidden: Authorization's token, every cookie's value. */
export function headerValue(name: string, value: string, hidden: HiddenSecret[]): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const m = /^(\s*(?:(Basic|Bearer|Negotiate|NTLM|Digest)\s+)?)(.*)$/is.exec(value)!;
    if (m[3].trim() === '' || m[3] === REDACTED) return value;
    noteHidden(hidden, { kind: 'http-authorization', ...basicUser(m[2], m[3]) });
    return `${m[1]}${REDACTED}`;
  }
  if (lower === 'cookie' || lower === 'set-cookie') {
    // Chromium joins several Set-Cookie headers with line breaks in one value.
    return value
      .split('\n')
      .map((v) => redactCookies(v, lower === 'set-cookie', hidden))
      .join('\n');
  }
  return value;
}

function rewrite(o: Record<string, unknown>, key: string, hidden: HiddenSecret[]): boolean {
  const text = o[key] as string;
  if (!mayHoldSecrets(text)) return false;
  const out = redactSecretText(text, hidden);
  if (out === text) return false;
  o[key] = out;
  return true;
}

function object(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

// In a HAR's raw text: a header object as browsers write it, name before value.
const HEADER_JSON = /("name"\s*:\s*"((?:Proxy-)?Authorization|Cookie|Set-Cookie)"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)"/gi;

/**
 * Credentials in the headers of a HAR's raw text, without parsing it (diagnosis reads the
 * bodies on its own; this only says whose credentials the capture holds, and on which line).
 */
export function harHeaderSecrets(raw: string): Array<{ line: number; hidden: HiddenSecret[] }> {
  const out: Array<{ line: number; hidden: HiddenSecret[] }> = [];
  let line = 1;
  let pos = 0;
  for (const m of raw.matchAll(HEADER_JSON)) {
    const hidden: HiddenSecret[] = [];
    let value: string;
    try {
      value = JSON.parse(`"${m[3]}"`);
    } catch {
      continue;
    }
    if (headerValue(m[2], value, hidden) === value) continue;
    for (let k = raw.indexOf('\n', pos); k >= 0 && k < m.index; k = raw.indexOf('\n', k + 1)) line++;
    pos = m.index;
    out.push({ line, hidden });
  }
  return out;
}

const COOKIE_LIST = /("cookies"\s*:\s*\[)([^\]]*)/g;
const COOKIE_PAIR = /("name"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)+)"/g;

/** The same headers and cookie lists hidden in raw HAR text that is not whole JSON (a capture cut off while saving). */
export function redactHarHeaderText(raw: string, hidden: HiddenSecret[]): string {
  const cookiesHidden = raw.replace(COOKIE_LIST, (_m, head: string, list: string) =>
    head +
    list.replace(COOKIE_PAIR, (pair, start: string, name: string, value: string) => {
      if (value === REDACTED) return pair;
      noteHidden(hidden, { kind: 'cookie', ...(name ? { who: name } : {}) });
      return `${start}${REDACTED}"`;
    }),
  );
  return cookiesHidden.replace(HEADER_JSON, (m, head: string, name: string, value: string) => {
    let decoded: string;
    try {
      decoded = JSON.parse(`"${value}"`);
    } catch {
      return `${head}${REDACTED}"`;
    }
    const out = headerValue(name, decoded, hidden);
    return out === decoded ? m : `${head}${JSON.stringify(out).slice(1, -1)}"`;
  });
}
