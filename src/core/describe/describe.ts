import type { DecodedFragment } from '../decode';
import { l10n } from '../l10n';
import type { XmlElement } from '../xml/element';
import { childElements } from '../xml/element';
import { describeBody, type BoshFacts } from './bosh';
import { attr, child, childText, localName, textOf } from './element-query';
import { describeFinesse, type FinesseUpdate } from './finesse';
import { describeFraming } from './framing';
import { kindOf, type StanzaKind } from './kind';
import { describeStanza, pubsubNode } from './stanza';

/** Everything a table row, a hover or a CLI line says about one fragment. */
export interface Description {
  kind: StanzaKind;
  summary: string;
  from?: string;
  to?: string;
  type?: string;
  id?: string;
  node?: string;
  bosh?: BoshFacts;
  finesse?: FinesseUpdate;
}

/** Most payload summaries joined into one line for a BOSH body carrying several stanzas. */
const PAYLOADS_IN_SUMMARY = 2;

/** Describes a decoded element: a BOSH body is described by what it carries, with its session facts. */
export function describe(root: XmlElement): Description {
  if (localName(root) !== 'body') return describeOne(root);
  const bosh = describeBody(root);
  const payloads = childElements(root);
  if (payloads.length === 0 || bosh.condition) {
    return { kind: 'body', summary: bosh.summary, type: bosh.type, bosh, ...(payloads[0] ? pick(describeOne(payloads[0])) : {}) };
  }
  const inner = payloads.map(describeOne);
  const kinds = new Set(inner.map((d) => d.kind));
  const shown = inner.slice(0, PAYLOADS_IN_SUMMARY).map((d) => d.summary);
  if (inner.length > PAYLOADS_IN_SUMMARY) shown.push(l10n.t('+{0} more', inner.length - PAYLOADS_IN_SUMMARY));
  const ids = [bosh.rid && `rid ${bosh.rid}`, bosh.sid && `sid ${bosh.sid}`].filter(Boolean).join(' ');
  const first = inner[0];
  return {
    ...first,
    kind: kinds.size === 1 ? first.kind : 'body',
    summary: ids ? l10n.t('{0} · BOSH {1}', shown.join('; '), ids) : shown.join('; '),
    bosh,
    node: inner.find((d) => d.node)?.node,
    finesse: inner.find((d) => d.finesse)?.finesse,
  };
}

/** Describes a fragment as found and decoded, including the ones that could not be parsed. */
export function describeDecoded(d: DecodedFragment): Description {
  const cut = (summary: string) => (d.partial ? l10n.t('{0} (cut off in the log)', summary) : summary);
  if (d.root) {
    const desc = describe(d.root);
    return { ...desc, summary: cut(desc.summary) };
  }
  const text = d.unescaped.trim();
  if (!d.error && text.startsWith('</')) {
    const name = /^<\/([^\s>]+)/.exec(text)?.[1] ?? '';
    const stream = name === 'stream:stream' || name === 'stream';
    return { kind: stream ? 'stream' : 'other', summary: stream ? l10n.t('end of stream') : l10n.t('end tag </{0}>', name) };
  }
  const name = /^<([A-Za-z_][\w.\-:]*)/.exec(text)?.[1];
  const error = d.error ?? l10n.t('could not be read');
  return { kind: 'other', summary: cut(name ? l10n.t('<{0}> not well-formed: {1}', name, error) : l10n.t('not well-formed: {0}', error)) };
}

function pick(d: Description): Partial<Description> {
  return { from: d.from, to: d.to, id: d.id, node: d.node };
}

function describeOne(el: XmlElement): Description {
  const kind = kindOf(el);
  switch (kind) {
    case 'message':
    case 'presence':
    case 'iq': {
      const s = describeStanza(el);
      // A Finesse notification is read for its update; from/to/id stay in their own fields.
      return { kind, ...s, summary: s.finesse ? s.finesse.summary : s.summary };
    }
    case 'finesse': {
      const finesse = describeFinesse(el)!;
      return { kind, summary: l10n.t('Finesse {0}', finesse.summary), finesse };
    }
    case 'body':
      return describe(el);
    case 'stream': {
      const framing = describeFraming(el);
      if (framing) return { kind, from: framing.from, to: framing.to, id: framing.id, summary: framing.summary };
      const name = localName(el);
      if (name === 'close') return { kind, summary: l10n.t('stream close') };
      const from = attr(el, 'from');
      const to = attr(el, 'to');
      const id = attr(el, 'id');
      const version = attr(el, 'version');
      const facts = [from && l10n.t('from {0}', from), to && l10n.t('to {0}', to), id && `id ${id}`, version && l10n.t('version {0}', version)].filter(Boolean);
      return { kind, from, to, id, summary: facts.length ? l10n.t('stream header {0}', facts.join(', ')) : l10n.t('stream header') };
    }
    case 'features':
      return { kind, summary: l10n.t('stream features: {0}', childElements(el).map(featureName).join(', ') || l10n.t('none')) };
    case 'stream-error': {
      const condition = childElements(el).find((c) => localName(c) !== 'text');
      const text = childText(el, 'text');
      const named = condition ? localName(condition) : l10n.t('(no condition)');
      return { kind, summary: text ? l10n.t('stream error {0}: {1}', named, text) : l10n.t('stream error {0}', named) };
    }
    case 'sasl': {
      const name = localName(el);
      const mechanism = attr(el, 'mechanism');
      const condition = name === 'failure' ? childElements(el).find((c) => localName(c) !== 'text') : undefined;
      // The payload of <auth> may hold credentials, so only the mechanism is named.
      return { kind, summary: `SASL ${name}${mechanism ? ` ${mechanism}` : ''}${condition ? `: ${localName(condition)}` : ''}` };
    }
    case 'tls':
      return { kind, summary: `TLS ${localName(el)}` };
    case 'sm': {
      const h = attr(el, 'h');
      return { kind, summary: h ? l10n.t('stream management {0} h={1}', localName(el), h) : l10n.t('stream management {0}', localName(el)) };
    }
    default: {
      const node = pubsubNode(el);
      const finesse = describeFinesse(el, node);
      const ns = attr(el, 'xmlns');
      return { kind, node, finesse, summary: finesse ? l10n.t('Finesse {0}', finesse.summary) : `<${el.name}>${ns ? ` ${ns}` : ''}` };
    }
  }
}

function featureName(f: XmlElement): string {
  const name = localName(f);
  if (name === 'mechanisms') {
    const list = childElements(f).map(textOf);
    return l10n.t('mechanisms ({0})', list.join(', '));
  }
  if (name === 'starttls' && child(f, 'required')) return l10n.t('starttls (required)');
  return name;
}
