import { l10n } from '../l10n';
import type { XmlElement } from '../xml/element';
import { childElements } from '../xml/element';
import { attr, child, childText, findFirst, localName, namespaceOf, textOf } from './element-query';
import { describeFinesse, type FinesseUpdate } from './finesse';

/** Longest message body quoted in a summary. */
export const BODY_QUOTE_CHARS = 80;

// Namespaces by the short names XMPP developers use for them.
const NAMESPACES: Readonly<Record<string, string>> = {
  'urn:xmpp:ping': 'ping',
  'urn:ietf:params:xml:ns:xmpp-bind': 'bind',
  'urn:ietf:params:xml:ns:xmpp-session': 'session',
  'jabber:iq:roster': 'roster',
  'jabber:iq:version': 'version',
  'jabber:iq:private': 'private storage',
  'jabber:iq:last': 'last activity',
  'http://jabber.org/protocol/disco#info': 'disco#info',
  'http://jabber.org/protocol/disco#items': 'disco#items',
  'http://jabber.org/protocol/pubsub': 'pubsub',
  'http://jabber.org/protocol/pubsub#owner': 'pubsub#owner',
  'http://jabber.org/protocol/pubsub#event': 'pubsub event',
  'vcard-temp': 'vCard',
  'urn:xmpp:time': 'time',
  'urn:xmpp:carbons:2': 'carbons',
  'urn:xmpp:mam:2': 'MAM',
  'http://jabber.org/protocol/muc': 'MUC',
  'http://jabber.org/protocol/muc#user': 'MUC user',
  'http://jabber.org/protocol/muc#admin': 'MUC admin',
  'urn:xmpp:blocking': 'blocking',
};

export interface StanzaFacts {
  from?: string;
  to?: string;
  type?: string;
  id?: string;
  node?: string;
  /** The Finesse update it carries; the summary then says what that update is. */
  finesse?: FinesseUpdate;
  summary: string;
}

/** One-line summary of a message, presence or iq: kind, type, from → to, id and what it carries. */
export function describeStanza(el: XmlElement): StanzaFacts {
  const name = localName(el);
  const from = attr(el, 'from');
  const to = attr(el, 'to');
  const id = attr(el, 'id');
  const node = pubsubNode(el);
  const explicitType = attr(el, 'type');
  const type = explicitType ?? (name === 'message' ? 'normal' : name === 'presence' ? 'available' : undefined);

  const parts: string[] = [type ? `${name} ${type}` : name];
  if (from || to) parts.push(l10n.t('{0} → {1}', from ?? l10n.t('(no from)'), to ?? l10n.t('(no to)')));
  if (id) parts.push(`id ${id}`);
  let s = parts.join(' ');

  const finesse = describeFinesse(el, node);
  const detail = finesse ? finesse.summary : stanzaDetail(el, name, node);
  if (detail) s = l10n.t('{0}: {1}', s, detail);
  return { from, to, type: explicitType, id, node, finesse, summary: s };
}

function stanzaDetail(el: XmlElement, name: string, node: string | undefined): string | undefined {
  const error = stanzaError(el);
  if (error) return error;
  if (name === 'message') {
    const body = childText(el, 'body');
    if (body !== undefined) return quote(body);
    if (node) return l10n.t('pubsub event on {0}', node);
    const first = childElements(el)[0];
    return first ? payloadName(first) : undefined;
  }
  if (name === 'presence') {
    const bits: string[] = [];
    const show = childText(el, 'show');
    const status = childText(el, 'status');
    const priority = childText(el, 'priority');
    if (show) bits.push(l10n.t('show {0}', show));
    if (status) bits.push(l10n.t('status {0}', quote(status)));
    if (priority) bits.push(l10n.t('priority {0}', priority));
    return bits.length ? bits.join(', ') : undefined;
  }
  if (name === 'iq') {
    const first = childElements(el)[0];
    if (!first) return undefined;
    let d = payloadName(first);
    if (node) d = l10n.t('{0} on {1}', d, node);
    const jid = findFirst(first, 'jid', 3);
    if (localName(first) === 'bind' && jid) d = l10n.t('{0} → {1}', d, textOf(jid));
    return d;
  }
  return undefined;
}

/** 'disco#info' for `<query xmlns="http://jabber.org/protocol/disco#info"/>`, else the element name and namespace. */
function payloadName(el: XmlElement): string {
  const ns = namespaceOf(el);
  if (ns && NAMESPACES[ns]) return NAMESPACES[ns];
  return ns ? `${localName(el)} (${ns})` : localName(el);
}

/** 'error cancel item-not-found: text' for a stanza carrying `<error>`. */
function stanzaError(el: XmlElement): string | undefined {
  const error = child(el, 'error');
  if (!error) return undefined;
  const condition = childElements(error).find((c) => localName(c) !== 'text');
  const text = childText(error, 'text');
  const type = attr(error, 'type');
  const code = attr(error, 'code');
  const named = [l10n.t('error'), type, condition ? localName(condition) : undefined, code ? l10n.t('code {0}', code) : undefined].filter(Boolean).join(' ');
  return text ? l10n.t('{0}: {1}', named, quote(text)) : named;
}

/** The pubsub node a stanza publishes to, subscribes to or notifies about, if any. */
export function pubsubNode(el: XmlElement): string | undefined {
  for (const container of ['event', 'pubsub']) {
    const c = child(el, container);
    if (!c) continue;
    for (const inner of childElements(c)) {
      const node = attr(inner, 'node');
      if (node) return node;
    }
  }
  return undefined;
}

/** Quoted as the language quotes, the text in a slot of its own so a right-to-left body is isolated inside the marks. */
function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return l10n.t('“{0}”', one.length > BODY_QUOTE_CHARS ? one.slice(0, BODY_QUOTE_CHARS - 1) + '…' : one);
}
