import { parseArgs } from 'node:util';
import { decodeFragmentWith } from '../core/decode';
import { FORMATTERS } from '../core/decoded-format';
import { fragmentsOfStream } from '../core/find/source';
import { expandInputs } from '../core/input';
import { paintDecodedText, wantsColour } from './colour';
import { Output } from './output';
import { Progress } from './progress';
import { makeFilter } from './record-filter';
import type { Comparison } from './time-bounds';
import { badUsage } from './usage';

export const DECODE_USAGE = `Usage: bosh-inspect decode [--json] [--show-secrets] [filters] [FILE|DIR|- …]

Finds every XMPP stanza and BOSH <body> in logs, HAR captures and transcripts (files, folders,
.gz, .zip bundles, zips inside zips; '-' or nothing reads stdin), decodes escaped payloads
layer by layer (Cisco Finesse notifications) and prints them, each named by its file when
there is more than one. Passwords, SASL payloads, Authorization headers and cookies read
[redacted], saying whose.

  --json           one JSON object per fragment and line (NDJSON), in input order
  --show-secrets   print credentials as the input has them

Filters (a record is printed when it passes all of them):
  --kind K[,K…]    message, presence, iq, body, features, stream, stream-error, sasl, tls,
                   sm, finesse, other (a <body> carrying only messages is a message)
  --jid JID        from or to this JID: a bare JID matches all its resources
  --node NODE      this pubsub node (/finesse/api/User/1001003)
  --grep RE        a regular expression (or, when it is not one, text) over the decoded XML
  --match PATH     holds these elements, outer to inner at any depth, decoded layers included,
                   names without prefix: Update/user/state=NOT_READY, iq[type=error],
                   message[type=chat]/body; [attr] or [attr=value] on any step, =text
                   (the element's own text) on the last; quote values holding / ] or spaces
  --since TIME     at or after this ISO-8601 time (2017-06-17T00:16, …T00:16:04+05:30)
  --until TIME     at or before it, at the precision given (--until 2017-06-17T00:16 takes
                   all of that minute). A time with a zone is compared by instant with a
                   log that writes zones; otherwise times are compared as the log writes
                   them, and a log without a year (Prosody) on month, day and time alone

Exit 0 when every input was read (bad content is reported, never fatal); 2 when an input
cannot be read (after decoding the rest) or for bad usage.`;

const COMPARISON_NOTES: Partial<Record<Comparison, string>> = {
  wall: 'times compared as the log writes them (its clock names no zone, or the bound does not)',
  'no-year': "the log's clock has no year: --since/--until compared on month, day and time as it writes them",
  'no-time': 'records without a time are left out by --since/--until',
};

export async function runDecode(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        kind: { type: 'string' },
        jid: { type: 'string' },
        node: { type: 'string' },
        grep: { type: 'string' },
        match: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    return badUsage('decode', (e as Error).message, DECODE_USAGE);
  }
  const v = args.values;
  if (v.help) {
    process.stdout.write(DECODE_USAGE + '\n');
    return 0;
  }
  const filter = makeFilter(v);
  if (typeof filter === 'string') return badUsage('decode', filter, DECODE_USAGE);

  let unreadable = false;
  let progress: Progress | undefined;
  const expanded = await expandInputs(args.positionals.length ? args.positionals : ['-'], {
    stdin: process.stdin,
    onProblem: (name, message) => {
      unreadable = true;
      progress?.done();
      process.stderr.write(`bosh-inspect decode: ${name === '-' ? 'input' : name}: ${message}\n`);
    },
  });
  const several = expanded.files.length > 1;
  // Large inputs show how far the reading has got on a terminal's stderr (sizes of .gz and stdin are not known).
  const sizes = expanded.files.map((f) => f.size);
  const label = several || expanded.files.length === 0 ? 'bosh-inspect decode' : `bosh-inspect decode ${expanded.files[0].name === '-' ? 'stdin' : expanded.files[0].name}`;
  const shows = new Progress(label, sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a + b!, 0) : undefined);
  progress = shows;
  const out = new Output();
  const json = v.json === true;
  const colour = !json && wantsColour();
  const format = FORMATTERS[json ? 'json' : 'text'];
  const options = { showSecrets: v['show-secrets'] === true };
  const noted = new Set<Comparison>();
  const note = (how: Comparison) => {
    const text = COMPARISON_NOTES[how];
    if (!text || noted.has(how)) return;
    noted.add(how);
    shows.done();
    process.stderr.write(`bosh-inspect decode: ${text}\n`);
  };
  try {
    for (const file of expanded.files) {
      const shown = file.name === '-' ? 'input' : file.name;
      // What could not be read is said on stderr and is never fatal: the rest is still decoded.
      const fragments = fragmentsOfStream(shows.count(file.open()), (m) => {
        shows.done();
        process.stderr.write(`bosh-inspect decode: ${shown}: ${m}\n`);
      });
      for await (const f of fragments) {
        const d = decodeFragmentWith(f, options);
        if (!filter.accepts(d, note)) continue;
        let text = format(d);
        if (several) text = json ? `{"file":${JSON.stringify(file.name)},${text.slice(1)}` : text.replace(/^── /, `── ${file.name} · `);
        await out.write(colour ? paintDecodedText(text) : text);
        if (out.closed) return 0;
      }
    }
  } catch (e) {
    shows.done();
    await out.flush();
    process.stderr.write(`bosh-inspect decode: ${(e as Error).message}\n`);
    return 2;
  } finally {
    shows.done();
    await out.flush();
    await expanded.dispose();
  }
  return unreadable ? 2 : 0;
}
