// decode's filters: --kind, --jid, --node, --grep, --match, --since, --until. A record is printed when
// it passes every filter given.
import { decodedXml, type DecodedFragment } from '../core/decode';
import { describeDecoded, pubsubNode, type StanzaKind } from '../core/describe';
import { attr, localName } from '../core/describe/element-query';
import { ElementPathError, matchesPath, parseElementPath, type ElementPath } from '../core/match';
import { childElements, type XmlElement } from '../core/xml/element';
import { parseBound, withinBounds, type Comparison, type TimeBound } from './time-bounds';

export const KINDS: readonly StanzaKind[] = ['message', 'presence', 'iq', 'body', 'features', 'stream', 'stream-error', 'sasl', 'tls', 'sm', 'finesse', 'other'];

export interface FilterOptions {
  kind?: string;
  jid?: string;
  node?: string;
  grep?: string;
  /** An element path (src/core/match): `Update/user/state=NOT_READY`, `iq[type=error]`. */
  match?: string;
  since?: string;
  until?: string;
}

export interface RecordFilter {
  /** True when no filter was given. */
  readonly none: boolean;
  /** Whether the record passes; `onComparison` hears how its time was compared (for the note on stderr). */
  accepts(d: DecodedFragment, onComparison?: (how: Comparison) => void): boolean;
}

/** Builds the filter, or says what is wrong with an option (a usage error). */
export function makeFilter(o: FilterOptions): RecordFilter | string {
  const kinds = o.kind?.split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  const unknown = kinds?.find((k) => !KINDS.includes(k as StanzaKind));
  if (unknown) return `--kind takes ${KINDS.join(', ')} (comma-separated), not "${unknown}"`;
  if (o.jid !== undefined && !/^[^\s@/]*@?[^\s@/]+(\/.*)?$/.test(o.jid)) return `--jid takes a bare or full JID, not "${o.jid}"`;
  let grep: ((xml: string) => boolean) | undefined;
  if (o.grep !== undefined) {
    const text = o.grep;
    try {
      const re = new RegExp(text);
      grep = (xml) => re.test(xml);
    } catch {
      grep = (xml) => xml.includes(text);
    }
  }
  let match: ElementPath | undefined;
  if (o.match !== undefined) {
    try {
      match = parseElementPath(o.match);
    } catch (e) {
      if (!(e instanceof ElementPathError)) throw e;
      // The path again with a caret under the column, as compilers point at a mistake.
      return `--match: ${e.message}\n  ${o.match}\n  ${' '.repeat(e.column - 1)}^`;
    }
  }
  const bound = (name: string, text: string | undefined): TimeBound | string | undefined => {
    if (text === undefined) return undefined;
    return parseBound(text) ?? `${name} takes an ISO-8601 time (2017-06-17T00:16:04, 2017-06-17T00:16:04+05:30, 2017-06-17), not "${text}"`;
  };
  const since = bound('--since', o.since);
  if (typeof since === 'string') return since;
  const until = bound('--until', o.until);
  if (typeof until === 'string') return until;

  const jid = o.jid?.toLowerCase();
  const none = !kinds && !jid && o.node === undefined && !grep && !match && !since && !until;
  return {
    none,
    accepts(d, onComparison) {
      if (none) return true;
      if (since || until) {
        const { inside, how } = withinBounds(d, since, until);
        onComparison?.(how);
        if (!inside) return false;
      }
      if (kinds || jid || o.node !== undefined) {
        const desc = describeDecoded(d);
        if (kinds && !kinds.includes(desc.kind)) return false;
        const stanzas = d.root ? stanzasOf(d.root) : [];
        if (jid && !stanzas.some((el) => [attr(el, 'from'), attr(el, 'to')].some((a) => a !== undefined && jidMatches(a, jid)))) return false;
        if (o.node !== undefined && !(desc.node === o.node || stanzas.some((el) => pubsubNode(el) === o.node))) return false;
      }
      if (grep && !grep(decodedXml(d))) return false;
      if (match && !(d.root && matchesPath(d.root, match))) return false;
      return true;
    },
  };
}

/** The element itself, or the stanzas a BOSH <body> carries. */
function stanzasOf(root: XmlElement): XmlElement[] {
  return localName(root) === 'body' ? [root, ...childElements(root)] : [root];
}

/** A bare JID matches every resource of it; a full JID only itself. */
export function jidMatches(address: string, wanted: string): boolean {
  const a = address.toLowerCase();
  if (wanted.includes('/')) return a === wanted;
  const slash = a.indexOf('/');
  return (slash < 0 ? a : a.slice(0, slash)) === wanted;
}
