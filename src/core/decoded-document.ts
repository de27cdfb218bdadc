// A stanza as a document of its own: decoded, nested layers marked, with a comment saying where it came from.
import { decodeFragmentWith, type DecodedFragment, type DecodeOptions } from './decode';
import type { Fragment } from './fragment';
import { l10n } from './l10n';
import { hiddenWords } from './sasl/hidden';
import { prettyPrint } from './xml/pretty';

export interface DecodedDocumentOptions extends DecodeOptions {
  /** The log's name, for the first-line comment. */
  source?: string;
  /** The 1-based line the cursor is on when no stanza is under it: the stanzas shown are the last ones found. */
  staleAtLine?: number;
}

/**
 * The decoded stanzas as XML text, one after the other: a first-line comment (where they are in the log,
 * or that the cursor has left them), then each stanza pretty-printed with its decoded layers marked.
 */
export function decodedDocument(fragments: readonly Fragment[], opts: DecodedDocumentOptions = {}): string {
  const decoded = fragments.map((f) => decodeFragmentWith({ ...f }, opts));
  const out = [comment(firstLine(decoded, opts))];
  for (const d of decoded) {
    if (decoded.length > 1) out.push('', comment(stanzaHead(d)));
    out.push(...stanzaNotes(d, decoded.length === 1), decodedXmlText(d));
  }
  return out.join('\n') + '\n';
}

/** The decoded stanzas alone, for the clipboard: pretty-printed, layers marked, credentials hidden unless shown. */
export function decodedCopy(fragments: readonly Fragment[], opts: DecodeOptions = {}): string {
  return fragments.map((f) => decodedXmlText(decodeFragmentWith({ ...f }, opts))).join('\n\n');
}

function decodedXmlText(d: DecodedFragment): string {
  return d.root ? prettyPrint(d.root, { markLayers: true }) : d.unescaped;
}

function firstLine(decoded: readonly DecodedFragment[], opts: DecodedDocumentOptions): string {
  const where = decoded.length === 1 ? stanzaHead(decoded[0]) : l10n.t('{0} stanzas from lines {1}-{2}', decoded.length, decoded[0].line, decoded[decoded.length - 1].endLine);
  const source = opts.source ? `${opts.source}, ` : '';
  if (opts.staleAtLine !== undefined) return l10n.t('No stanza at line {0}; still showing {1}{2}', opts.staleAtLine, source, where);
  return source + where;
}

function stanzaHead(d: DecodedFragment): string {
  const head = [d.endLine !== d.line ? l10n.t('lines {0}-{1}', d.line, d.endLine) : l10n.t('line {0}', d.line)];
  if (d.time ?? d.stamp) head.push((d.time ?? d.stamp)!);
  if (d.direction) head.push(d.direction === 'sent' ? l10n.t('sent') : l10n.t('received'));
  if (d.socket) head.push(l10n.t('connection {0}', d.socket.connection));
  if (d.layers) head.push(d.layers === 1 ? l10n.t('1 nested layer decoded') : l10n.t('{0} nested layers decoded', d.layers));
  return head.join(' · ');
}

function stanzaNotes(d: DecodedFragment, alone: boolean): string[] {
  const notes: string[] = [];
  if (!alone && d.partial) notes.push(l10n.t('cut off before it closed'));
  if (alone && d.partial) notes.push(l10n.t('This stanza was cut off before it closed.'));
  if (d.hidden) notes.push(l10n.t('{0} (setting xmppBosh.showSecrets shows them)', upperFirst(hiddenWords(d.hidden))));
  if (d.error) notes.push(l10n.t('Not well-formed XML: {0}', d.error));
  return notes.map(comment);
}

/** An XML comment that stays one: no `--` inside and no line break, whatever the log held. */
export function comment(text: string): string {
  const safe = text.replace(/[\r\n]+/g, ' ').replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
  return `<!-- ${safe} -->`;
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
