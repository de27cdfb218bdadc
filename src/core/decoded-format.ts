import { decodedXml, type DecodedFragment } from './decode';
import { flowOf } from './flow';
import { hiddenWord, hiddenWords } from './sasl/hidden';
import { prettyPrint } from './xml/pretty';

export type OutputFormat = 'json' | 'text';

/** One NDJSON line: fields only when known, `partial` only for truncated fragments. */
export function toJsonLine(d: DecodedFragment): string {
  const o: Record<string, unknown> = { line: d.line };
  if (d.endLine !== d.line) o.endLine = d.endLine;
  if (d.direction) o.direction = d.direction;
  if (d.directionInferred) o.directionInferred = true;
  const flow = flowOf(d, d.root);
  if (flow) o.flow = flow;
  if (d.time) o.time = d.time;
  if (d.stamp) o.stamp = d.stamp;
  if (d.dialect) o.dialect = d.dialect;
  if (d.source) o.source = d.source;
  if (d.socket) o.connection = d.socket.connection;
  o.xml = decodedXml(d);
  o.layers = d.layers;
  if (d.escaped) o.escaped = d.escaped;
  if (d.partial) o.partial = true;
  if (d.error) o.error = d.error;
  if (d.hidden) o.hidden = d.hidden.map(hiddenWord);
  return JSON.stringify(o) + '\n';
}

/** A header line (where, when, which way, what was decoded) and the pretty-printed stanza. */
export function toText(d: DecodedFragment): string {
  const head = [`line ${d.line}${d.endLine !== d.line ? `-${d.endLine}` : ''}`];
  if (d.time ?? d.stamp) head.push((d.time ?? d.stamp)!);
  if (d.direction) head.push(d.directionInferred ? `${d.direction} (inferred)` : d.direction);
  if (d.source) head.push(d.source);
  if (d.socket) head.push(`connection ${d.socket.connection}`);
  if (d.escaped) head.push(`escaped ${d.escaped}×`);
  if (d.layers) head.push(`${d.layers} nested layer${d.layers > 1 ? 's' : ''} decoded`);
  if (d.partial) head.push('PARTIAL: cut off before it closed');
  if (d.hidden) head.push(`${hiddenWords(d.hidden)} (--show-secrets shows them)`);
  const body = d.root ? prettyPrint(d.root, { markLayers: true }) : d.unescaped;
  const note = d.error ? `\n(not well-formed: ${d.error})` : '';
  return `── ${head.join(' · ')}\n${body}${note}\n\n`;
}

export const FORMATTERS: Record<OutputFormat, (d: DecodedFragment) => string> = { json: toJsonLine, text: toText };
