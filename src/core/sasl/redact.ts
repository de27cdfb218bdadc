import { XmlElement, isElement } from '../xml/element';

export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
const CARRIES_SECRETS = new Set(['auth', 'response', 'challenge', 'success']);

/** The words that stand in for a SASL payload in every output and transcript. */
export const REDACTED = '[redacted]';

/**
 * A copy of the element with the data of every SASL <auth>, <response>, <challenge> and
 * <success> replaced: PLAIN carries the password itself and SCRAM proofs can be attacked
 * offline, so neither may reach an output channel, a transcript or a bug report.
 */
export function redactSasl(el: XmlElement): XmlElement {
  if (!containsSasl(el)) return el;
  return copy(el, false);
}

function copy(el: XmlElement, inSasl: boolean): XmlElement {
  const secret = inSasl || (CARRIES_SECRETS.has(el.name) && el.attrs.xmlns === SASL_NS);
  const out = new XmlElement(el.name, { ...el.attrs });
  out.layer = el.layer;
  if (secret) {
    const hasData = el.children.some((c) => !isElement(c) && c.trim() !== '');
    if (hasData) out.t(REDACTED);
    return out;
  }
  for (const c of el.children) {
    if (isElement(c)) out.cnode(copy(c, false));
    else out.t(c);
  }
  return out;
}

function containsSasl(el: XmlElement): boolean {
  if (el.attrs.xmlns === SASL_NS) return true;
  return el.children.some((c) => isElement(c) && containsSasl(c));
}
