import { REDACTED, noteHidden, saslSecret, type HiddenSecret } from './hidden';

// The same secrets as redact.ts, found in text as it stands in a log or capture: a log line,
// a fragment's original (still escaped) text, an HTTP message inside CDATA. Tags may be
// escaped any number of times (`&lt;auth`, `&amp;lt;auth`) and quotes Erlang- or JSON-escaped.

const LT = '(?:<|&(?:amp;)*lt;)';
const GT = '(?:>|&(?:amp;)*gt;)';
const SECRET_ELEMENT = new RegExp(
  `(${LT})((?:[\\w.-]+:)?(auth|response|challenge|success|password|digest))(\\s(?:(?!${GT})[^<>]){0,400})?(${GT})([\\s\\S]{1,8192}?)(${LT}/\\2${GT})`,
  'g',
);
const USERNAME = new RegExp(`${LT}(?:[\\w.-]+:)?username${GT}([^<&]{1,200})${LT}/`);
const MECHANISM = /mechanism\s*=\s*(?:\\?["']|&(?:amp;)*(?:quot|apos);)([\w-]+)/;
const AUTHORIZATION = /\b((?:Proxy-)?Authorization)(\s*:[ \t]*)(?:(Basic|Bearer|Negotiate|NTLM|Digest)([ \t]+))?([^\s"'<>\\][^\r\n"'<>\\]*)/gi;
const COOKIE = /\b(Set-Cookie|Cookie)(\s*:[ \t]*)([^\r\n"'<>\\]+)/gi;

/** Cheap test run before the others: most text holds none of these words. */
const MAY_HOLD = /xmpp-sasl|mechanism|iq:auth|authorization|cookie/i;

export function mayHoldSecrets(text: string): boolean {
  return MAY_HOLD.test(text);
}

/** The text with every credential replaced by REDACTED; `hidden` hears whose they were. */
export function redactSecretText(text: string, hidden: HiddenSecret[] = []): string {
  if (!MAY_HOLD.test(text)) return text;
  const iqAuth = text.includes('jabber:iq:auth');
  let out = text.replace(SECRET_ELEMENT, (m, lt: string, name: string, local: string, attrs: string | undefined, gt: string, content: string, close: string) => {
    const sasl = local === 'auth' || local === 'response' || local === 'challenge' || local === 'success';
    if (sasl ? !/xmpp-sasl|mechanism/.test(attrs ?? '') : !iqAuth) return m;
    if (attrs?.trimEnd().endsWith('/')) return m;
    const data = content.trim();
    if (data === '' || data === '=' || data === REDACTED) return m;
    if (sasl) noteHidden(hidden, saslSecret(local, MECHANISM.exec(attrs ?? '')?.[1], data.replace(/\s+/g, '')));
    else {
      const user = USERNAME.exec(text)?.[1]?.trim();
      noteHidden(hidden, { kind: 'iq-auth', ...(user ? { who: user } : {}) });
    }
    return `${lt}${name}${attrs ?? ''}${gt}${REDACTED}${close}`;
  });
  out = out.replace(AUTHORIZATION, (m, header: string, sep: string, scheme: string | undefined, space: string | undefined, value: string) => {
    if (value.startsWith(REDACTED)) return m;
    noteHidden(hidden, { kind: 'http-authorization', ...basicUser(scheme, value) });
    return `${header}${sep}${scheme ? scheme + space : ''}${REDACTED}`;
  });
  out = out.replace(COOKIE, (m, header: string, sep: string, value: string) => {
    const set = header.toLowerCase() === 'set-cookie';
    return `${header}${sep}${redactCookies(value, set, hidden)}`;
  });
  return out;
}

/**
 * A Cookie header's pairs, or a Set-Cookie's first pair (its attributes stay), with their
 * values hidden and their names kept.
 */
export function redactCookies(value: string, setCookie: boolean, hidden: HiddenSecret[]): string {
  const pairs = value.split(';');
  for (let i = 0; i < pairs.length; i++) {
    if (setCookie && i > 0) break;
    const eq = pairs[i].indexOf('=');
    if (eq < 0) continue;
    const name = pairs[i].slice(0, eq).trim();
    const v = pairs[i].slice(eq + 1).trim();
    if (v === '' || v === REDACTED) continue;
    pairs[i] = `${pairs[i].slice(0, eq + 1)}${REDACTED}`;
    noteHidden(hidden, { kind: 'cookie', ...(name ? { who: name } : {}) });
  }
  return pairs.join(';');
}

/** The user of an HTTP Basic credential (base64 of user:password), when it decodes as one. */
export function basicUser(scheme: string | undefined, value: string): { who?: string } {
  if (scheme?.toLowerCase() !== 'basic') return {};
  const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon > 0 ? decoded.slice(0, colon) : '';
  return user && !/[\0-\x1f]/.test(user) && user.length <= 200 ? { who: user } : {};
}
