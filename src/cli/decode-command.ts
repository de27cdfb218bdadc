import { access, constants, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeFragment, type DecodedFragment } from '../core/decode';
import { fragmentsOfFile, fragmentsOfStream } from '../core/find/source';
import { prettyPrint } from '../core/xml/pretty';
import { Output } from './output';

export const DECODE_USAGE = `Usage: bosh-inspect decode [--json] [FILE|-]

Finds every XMPP stanza and BOSH <body> in a log, HAR capture or transcript (or stdin),
decodes escaped payloads layer by layer (Cisco Finesse notifications) and prints them.

  --json   one JSON object per fragment and line (NDJSON), in input order
  FILE     a log, .har or transcript; '-' or nothing reads stdin`;

/** Exit codes: 0 decoded (bad content is reported, never fatal), 2 unreadable input or bad usage. */
export async function runDecode(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    process.stderr.write(`bosh-inspect decode: ${(e as Error).message}\n${DECODE_USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(DECODE_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length > 1) {
    process.stderr.write(`bosh-inspect decode: one file at a time\n${DECODE_USAGE}\n`);
    return 2;
  }
  const file = args.positionals[0] ?? '-';
  if (file !== '-') {
    const problem = await unreadable(file);
    if (problem) {
      process.stderr.write(`bosh-inspect decode: cannot read ${file}: ${problem}\n`);
      return 2;
    }
  }

  const out = new Output();
  const format = args.values.json ? toJsonLine : toText;
  const fragments = file === '-' ? fragmentsOfStream(process.stdin) : fragmentsOfFile(file);
  try {
    for await (const f of fragments) {
      await out.write(format(decodeFragment(f)));
      if (out.closed) return 0;
    }
  } catch (e) {
    await out.flush();
    process.stderr.write(`bosh-inspect decode: ${(e as Error).message}\n`);
    return 2;
  }
  await out.flush();
  return 0;
}

async function unreadable(file: string): Promise<string | undefined> {
  try {
    await access(file, constants.R_OK);
    if ((await stat(file)).isDirectory()) return 'it is a directory';
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  }
}

function toJsonLine(d: DecodedFragment): string {
  const o: Record<string, unknown> = { line: d.line };
  if (d.endLine !== d.line) o.endLine = d.endLine;
  if (d.direction) o.direction = d.direction;
  if (d.time) o.time = d.time;
  if (d.stamp) o.stamp = d.stamp;
  if (d.dialect) o.dialect = d.dialect;
  if (d.source) o.source = d.source;
  o.xml = d.xml;
  o.layers = d.layers;
  if (d.escaped) o.escaped = d.escaped;
  if (d.partial) o.partial = true;
  if (d.error) o.error = d.error;
  return JSON.stringify(o) + '\n';
}

function toText(d: DecodedFragment): string {
  const head = [`line ${d.line}${d.endLine !== d.line ? `-${d.endLine}` : ''}`];
  if (d.time ?? d.stamp) head.push((d.time ?? d.stamp)!);
  if (d.direction) head.push(d.direction);
  if (d.source) head.push(d.source);
  if (d.escaped) head.push(`escaped ${d.escaped}×`);
  if (d.layers) head.push(`${d.layers} nested layer${d.layers > 1 ? 's' : ''} decoded`);
  if (d.partial) head.push('PARTIAL: cut off before it closed');
  const body = d.root ? prettyPrint(d.root, { markLayers: true }) : d.xml;
  const note = d.error ? `\n(not well-formed: ${d.error})` : '';
  return `── ${head.join(' · ')}\n${body}${note}\n\n`;
}
