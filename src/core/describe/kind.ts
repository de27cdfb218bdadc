import type { XmlElement } from '../xml/element';
import { localName, namespaceOf } from './element-query';

/** What a fragment is, as the Inspector counts and filters them. */
export type StanzaKind =
  | 'message'
  | 'presence'
  | 'iq'
  | 'body'
  | 'features'
  | 'stream'
  | 'stream-error'
  | 'sasl'
  | 'tls'
  | 'sm'
  | 'finesse'
  | 'other';

const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const SM = /^urn:xmpp:sm:\d+$/;

/** The kind of one element taken on its own (a BOSH <body> is 'body' whatever it carries). */
export function kindOf(el: XmlElement): StanzaKind {
  const name = localName(el);
  switch (name) {
    case 'message':
    case 'presence':
    case 'iq':
      return name;
    case 'body':
      return 'body';
    case 'features':
      return 'features';
    case 'stream':
    case 'open':
    case 'close':
      return 'stream';
    case 'Update':
      return 'finesse';
  }
  const ns = namespaceOf(el);
  if (name === 'error' && (el.name.startsWith('stream:') || ns === 'http://etherx.jabber.org/streams')) return 'stream-error';
  if (ns === SASL || ['auth', 'challenge', 'response', 'success', 'failure', 'abort'].includes(name) && ns === undefined) return 'sasl';
  if (ns === TLS || name === 'starttls' || name === 'proceed') return 'tls';
  if (ns && SM.test(ns)) return 'sm';
  if (['enable', 'enabled', 'resume', 'resumed', 'r', 'a'].includes(name) && ns === undefined) return 'sm';
  return 'other';
}
