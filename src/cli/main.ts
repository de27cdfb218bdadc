import { runConnect } from './connect-command';
import { runDecode } from './decode-command';
import { runScan } from './scan-command';

const USAGE = `bosh-inspect — read, decode and watch XMPP traffic carried over BOSH

Commands:
  decode [--json] [FILE|-]   find and decode every stanza in a log, HAR capture or transcript
  scan [--json] FILE|DIR|- …  say why each BOSH session of an incident ended, with the evidence
  sanitize IN [-o OUT]       write a copy of a log or HAR with its credentials hidden
  connect --url URL --jid JID --password-env VAR [options]
                             open a live BOSH session and print every stanza

'bosh-inspect COMMAND --help' tells more.`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  decode: runDecode,
  scan: runScan,
  connect: runConnect,
  sanitize: (argv) => import('./sanitize-command').then((m) => m.runSanitize(argv)),
  discover: (argv) => import('./discover-command').then((m) => m.runDiscover(argv)),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) {
    process.stderr.write(`bosh-inspect: unknown command '${command}'\n\n${USAGE}\n`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bosh-inspect: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
