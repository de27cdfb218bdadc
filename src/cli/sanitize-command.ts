import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { badUsage } from './usage';
import { sanitize, sanitizedName, type SanitizeReport } from '../core/sanitize';
import { hiddenWords } from '../core/sasl/hidden';

export const SANITIZE_USAGE = `Usage: bosh-inspect sanitize IN [-o OUT]

Writes a copy of a log or HAR capture with its credentials hidden, ready to attach to a
support case: SASL PLAIN and SCRAM payloads, XEP-0078 passwords, HTTP Authorization headers
and cookies read [redacted]. A log is rewritten line by line, a HAR entry by entry (still
valid JSON). Standard error says whose credentials were hidden.

  IN         a log or .har file; '-' reads stdin
  -o OUT     where to write; '-' is stdout. Without it: IN with .sanitized before its
             extension (debug.log → debug.sanitized.log)`;

export async function runSanitize(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    return badUsage('sanitize', (e as Error).message, SANITIZE_USAGE);
  }
  if (args.values.help) {
    process.stdout.write(SANITIZE_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) {
    return badUsage('sanitize', 'name one input', SANITIZE_USAGE);
  }
  const input = args.positionals[0];
  const output = args.values.output ?? (input === '-' ? '-' : sanitizedName(input));
  const say = (m: string) => process.stderr.write(`bosh-inspect sanitize: ${m}\n`);
  if (input !== '-') {
    const problem = await unreadable(input);
    if (problem) {
      say(`cannot read ${input}: ${problem}`);
      return 2;
    }
    if (output !== '-' && resolve(output) === resolve(input)) {
      say('the output would overwrite the input: name another file with -o');
      return 2;
    }
  }
  const source = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: 64 * 1024 });
  let report: SanitizeReport;
  try {
    if (output === '-') report = await sanitize(source, (t) => writeTo(process.stdout, t));
    else {
      // Written beside the target and renamed once whole: a half-written copy is never left to attach.
      const partial = join(dirname(output), `.${basename(output)}.partial`);
      const out = createWriteStream(partial);
      try {
        report = await sanitize(source, (t) => writeTo(out, t));
        await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
        await rename(partial, output);
      } catch (e) {
        out.destroy();
        await rm(partial, { force: true });
        throw e;
      }
    }
  } catch (e) {
    say((e as Error).message);
    return 2;
  }
  const what = report.read === 'har' ? `${report.changed} HAR entr${report.changed === 1 ? 'y' : 'ies'}` : `${report.changed} line${report.changed === 1 ? '' : 's'}`;
  say(report.hidden.length ? `${hiddenWords(report.hidden)} (${what}); wrote ${output === '-' ? 'stdout' : output}` : `nothing to hide was found; wrote ${output === '-' ? 'stdout' : output}`);
  return 0;
}

function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once('drain', resolve));
}

async function unreadable(file: string): Promise<string | undefined> {
  try {
    await access(file, constants.R_OK);
    if ((await stat(file)).isDirectory()) return 'it is a directory: sanitize takes one log or HAR at a time';
    const fh = await open(file, 'r');
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.close();
    if (head[0] === 0x50 && head[1] === 0x4b) return 'it is a zip bundle: sanitize its logs and HARs one at a time';
    if (head[0] === 0x1f && head[1] === 0x8b) return "it is gzip-compressed: decompress it first (gunzip -k), or pipe it: gunzip -c FILE | bosh-inspect sanitize - -o OUT";
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  }
}
