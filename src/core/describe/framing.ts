// RFC 7395 framing: over WebSocket each side opens the stream with <open/> and ends it with
// <close/> of urn:ietf:params:xml:ns:xmpp-framing, in place of <stream:stream> and </stream:stream>.
import { l10n } from '../l10n';
import type { XmlElement } from '../xml/element';
import { attr, localName, namespaceOf } from './element-query';

export const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

/** What an <open/> or <close/> says: who opened it to or from where, or where a close sends the client. */
export interface FramingFacts {
  element: 'open' | 'close';
  to?: string;
  from?: string;
  id?: string;
  /** A server's <close see-other-uri='wss://…'/>: the client is to reconnect there. */
  seeOtherUri?: string;
  summary: string;
}

export function isFraming(el: XmlElement): boolean {
  const name = localName(el);
  return (name === 'open' || name === 'close') && namespaceOf(el) === FRAMING;
}

export function describeFraming(el: XmlElement): FramingFacts | undefined {
  if (!isFraming(el)) return undefined;
  const to = attr(el, 'to');
  const from = attr(el, 'from');
  const id = attr(el, 'id');
  if (localName(el) === 'close') {
    const uri = attr(el, 'see-other-uri');
    return { element: 'close', ...(uri ? { seeOtherUri: uri } : {}), summary: uri ? l10n.t('stream closed: see-other-uri {0}', uri) : l10n.t('stream closed') };
  }
  return openFacts(to, from, id);
}

/**
 * A stream header as a WebSocket stream's open: ejabberd keeps its XML stream under the socket
 * and logs the `<stream:stream id=…>` it really writes where the wire carries `<open id=…/>`.
 */
export function describeStreamHeaderAsOpen(el: XmlElement): FramingFacts | undefined {
  if (el.name !== 'stream:stream') return undefined;
  return openFacts(attr(el, 'to'), attr(el, 'from'), attr(el, 'id'));
}

function openFacts(to: string | undefined, from: string | undefined, id: string | undefined): FramingFacts {
  // The server's answer carries the stream id; the client's names the domain it wants.
  const summary = id ? (from ? l10n.t('stream opened from {0} id={1}', from, id) : l10n.t('stream opened id={0}', id)) : to ? l10n.t('stream opened to {0}', to) : l10n.t('stream opened');
  return { element: 'open', ...(to ? { to } : {}), ...(from ? { from } : {}), ...(id ? { id } : {}), summary };
}
