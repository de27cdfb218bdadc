import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeFragmentWith } from '../core/decode';
import { FORMATTERS } from '../core/decoded-format';
import { READ_CHUNK_BYTES, fragmentsOfStream } from '../core/find/source';
import { Output } from './output';
import { Progress } from './progress';

export const DECODE_USAGE = `Usage: bosh-inspect decode [--json] [--show-secrets] [FILE|-]

Finds every XMPP stanza and BOSH <body> in a log, HAR capture or transcript (or stdin),
decodes escaped payloads layer by layer (Cisco Finesse notifications) and prints them.
Passwords, SASL payloads, Authorization headers and cookies read [redacted], saying whose.

  --json           one JSON object per fragment and line (NDJSON), in input order
  --show-secrets   print credentials as the input has them
  FILE             a log, .har or transcript; '-' or nothing reads stdin`;

/** Exit codes: 0 decoded (bad content is reported, never fatal), 2 unreadable input or bad usage. */
export async function runDecode(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { json: { type: 'boolean' }, 'show-secrets': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
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
  // What could not be read is said on stderr and is never fatal: the rest is still decoded.
  const warn = (message: string) => process.stderr.write(`bosh-inspect decode: ${file === '-' ? 'input' : file}: ${message}\n`);
  // A large input shows how far it has got on a terminal's stderr.
  const progress = new Progress(`bosh-inspect decode ${file === '-' ? 'stdin' : file}`, file === '-' ? undefined : (await stat(file)).size);
  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  const fragments = fragmentsOfStream(progress.count(input), (m) => {
    progress.done();
    warn(m);
  });
  try {
    const format = FORMATTERS[args.values.json ? 'json' : 'text'];
    const options = { showSecrets: args.values['show-secrets'] === true };
    for await (const f of fragments) {
      await out.write(format(decodeFragmentWith(f, options)));
      if (out.closed) return 0;
    }
  } catch (e) {
    progress.done();
    await out.flush();
    process.stderr.write(`bosh-inspect decode: ${(e as Error).message}\n`);
    return 2;
  }
  progress.done();
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
