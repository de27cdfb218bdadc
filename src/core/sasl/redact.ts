import { XmlElement, isElement } from '../xml/element';
import { REDACTED, noteHidden, saslSecret, who, type HiddenSecret } from './hidden';
import { mayHoldSecrets, redactSecretText } from './redact-text';

export { REDACTED } from './hidden';

export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
/** XEP-0078 non-SASL authentication, still spoken by old clients and servers. */
export const IQ_AUTH_NS = 'jabber:iq:auth';
const CARRIES_SECRETS = new Set(['auth', 'response', 'challenge', 'success']);
const IQ_AUTH_SECRETS = new Set(['password', 'digest']);

/**
 * A copy of the element with the data of every SASL <auth>, <response>, <challenge> and
 * <success> replaced: PLAIN carries the password itself and SCRAM proofs can be attacked
 * offline, so neither may reach an output channel, a transcript or a bug report. The live
 * session's records and every view of a log or capture go through here.
 */
export function redactSasl(el: XmlElement): XmlElement {
  return redactSecrets(el);
}

/**
 * Like redactSasl, also for XEP-0078's <password> and <digest>, at any depth (a decoded
 * layer too); `hidden` hears whose credentials were taken out. The element itself is
 * returned when it holds none.
 */
export function redactSecrets(el: XmlElement, hidden: HiddenSecret[] = []): XmlElement {
  if (!containsSecret(el, false)) return el;
  return copy(el, hidden, undefined);
}

function isSasl(el: XmlElement): boolean {
  const local = el.name.slice(el.name.indexOf(':') + 1);
  if (!CARRIES_SECRETS.has(local)) return false;
  // <auth mechanism=…> without its namespace is how some loggers shorten it.
  return el.attrs.xmlns === SASL_NS || (el.attrs.xmlns === undefined && local === 'auth' && el.attrs.mechanism !== undefined);
}

function isIqAuth(el: XmlElement): boolean {
  return el.attrs.xmlns === IQ_AUTH_NS;
}

/** `query` is the jabber:iq:auth element the copy is inside, if any. */
function copy(el: XmlElement, hidden: HiddenSecret[], query: XmlElement | undefined): XmlElement {
  const out = new XmlElement(el.name, { ...el.attrs });
  out.layer = el.layer;
  const local = el.name.slice(el.name.indexOf(':') + 1);
  if (isSasl(el) || (query && IQ_AUTH_SECRETS.has(local))) {
    const data = textOf(el).trim();
    if (data !== '' && data !== '=' && data !== REDACTED) {
      out.t(REDACTED);
      noteHidden(hidden, query ? { kind: 'iq-auth', ...who(usernameOf(query)) } : saslSecret(local, el.attrs.mechanism, data));
    } else if (data) out.t(data);
    return out;
  }
  const inside = query ?? (isIqAuth(el) ? el : undefined);
  for (const c of el.children) {
    if (isElement(c)) out.cnode(copy(c, hidden, inside));
    // Escaped text that did not decode into elements may still spell a SASL exchange.
    else out.t(mayHoldSecrets(c) ? redactSecretText(c, hidden) : c);
  }
  return out;
}

function usernameOf(query: XmlElement): string | undefined {
  const u = query.children.find((c) => isElement(c) && c.name.slice(c.name.indexOf(':') + 1) === 'username') as XmlElement | undefined;
  return u ? textOf(u) : undefined;
}

function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (!isElement(c)) s += c;
  return s;
}

function containsSecret(el: XmlElement, inIqAuth: boolean): boolean {
  if (isSasl(el)) return true;
  const local = el.name.slice(el.name.indexOf(':') + 1);
  if (inIqAuth && IQ_AUTH_SECRETS.has(local)) return true;
  const iqAuth = inIqAuth || isIqAuth(el);
  return el.children.some((c) => (isElement(c) ? containsSecret(c, iqAuth) : mayHoldSecrets(c) && redactSecretText(c) !== c));
}
