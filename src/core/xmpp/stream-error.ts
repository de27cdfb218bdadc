import { type XmlElement, childElements } from '../xml/element';

const STREAMS_NS = 'urn:ietf:params:xml:ns:xmpp-streams';

/** A stream error (RFC 6120 §4.9): <stream:error>, or <error xmlns='http://etherx.jabber.org/streams'> as BOSH and RFC 7395 carry it. */
export function isStreamError(el: XmlElement): boolean {
  return el.name === 'stream:error' || (el.name === 'error' && el.attrs.xmlns === 'http://etherx.jabber.org/streams');
}

/** The condition and text of a stream error, or undefined when the element is none. */
export function streamErrorOf(el: XmlElement): { condition: string; text?: string } | undefined {
  if (!isStreamError(el)) return undefined;
  const children = childElements(el);
  const condition = children.find((c) => c.name !== 'text' && (c.attrs.xmlns === STREAMS_NS || !c.attrs.xmlns))?.name ?? 'undefined-condition';
  const text = children.find((c) => c.name === 'text')?.getText().trim();
  return { condition, ...(text ? { text } : {}) };
}

/** "conflict (Replaced by new connection)": the condition, then the server's own text when it gave one. */
export function streamErrorWords(error: { condition: string; text?: string }): string {
  return error.text ? `${error.condition} (${error.text})` : error.condition;
}
