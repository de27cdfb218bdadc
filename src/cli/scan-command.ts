import { parseArgs } from 'node:util';
import { badUsage } from './usage';
import { diagnose } from '../core/diagnose';
import { expandInputs } from '../core/input';
import { incidentJsonLines, incidentReport } from '../core/diagnose/report';
import { paintReport, wantsColour } from './colour';
import { Output } from './output';
import { Progress } from './progress';

export const SCAN_USAGE = `Usage: bosh-inspect scan [--json] FILE|DIR|- …

Reads every log, HAR capture and transcript of an incident (files, folders, .gz, .zip bundles,
zips inside zips; '-' reads stdin) and says what became of each BOSH session: its timeline,
why it ended (client-logout, inactivity-timeout, unknown-session, auth-failed, rid-out-of-window,
conflict, policy-violation, server-shutdown, http-error, network, open, unknown) with the
evidence, and the findings beside it (polling stopped, Finesse forced logouts, undelivered
stanzas, retransmissions, rid gaps, stream, SASL and HTTP errors).

  --json   NDJSON once every input is read: sessions by start time, then findings by time

Exit 0 whatever was found; 2 when an input cannot be read (after scanning the rest).`;

export async function runScan(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    return badUsage('scan', (e as Error).message, SCAN_USAGE);
  }
  if (args.values.help) {
    process.stdout.write(SCAN_USAGE + '\n');
    return 0;
  }
  const paths = args.positionals.length ? args.positionals : ['-'];
  let unreadable = false;
  const expanded = await expandInputs(paths, {
    stdin: process.stdin,
    onProblem: (name, message) => {
      unreadable = true;
      process.stderr.write(`bosh-inspect scan: ${name}: ${message}\n`);
    },
  });
  const out = new Output();
  // Large inputs show how far the reading has got on a terminal's stderr (sizes of .gz and stdin are not known).
  const sizes = expanded.files.map((f) => f.size);
  const progress = new Progress('bosh-inspect scan', sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a + b!, 0) : undefined);
  const files = expanded.files.map((f) => ({ ...f, open: () => progress.count(f.open()) }));
  try {
    const incident = await diagnose(files, {
      onInput: (n) => {
        if (n.problem) {
          progress.done();
          process.stderr.write(`bosh-inspect scan: ${n.file}: ${n.problem}\n`);
        }
      },
    });
    progress.done();
    const lines = args.values.json ? incidentJsonLines(incident) : [wantsColour() ? paintReport(incidentReport(incident)) : incidentReport(incident)];
    for (const line of lines) {
      await out.write(line);
      if (out.closed) return 0;
    }
  } finally {
    await out.flush();
    await expanded.dispose();
  }
  return unreadable ? 2 : 0;
}
