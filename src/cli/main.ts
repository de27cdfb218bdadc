import { CONNECT_USAGE, runConnect } from './connect-command';
import { DECODE_USAGE, runDecode } from './decode-command';
import { boundHeapGrowth } from './heap-growth';
import { SCAN_USAGE, runScan } from './scan-command';
import { synopsis, usageShown } from './usage';
import { cliVersion } from './version';

const USAGE = `Usage: bosh-inspect COMMAND [options] | --version | --help

Reads, decodes and watches XMPP traffic carried over BOSH and WebSocket.

Commands:
  decode [--json] [filters] [FILE|DIR|- …]
                             find and decode every stanza in logs, HAR captures or transcripts
  scan [--json] FILE|DIR|- …  say why each BOSH session of an incident ended, with the evidence
  sanitize IN [-o OUT]       write a copy of a log or HAR with its credentials hidden
  connect --url URL --jid JID [--password-env VAR | --password-stdin] [options]
                             open a live session and print every stanza
  discover DOMAIN|JID        print the WebSocket and BOSH URLs a domain announces

  --version                  print the version

'bosh-inspect COMMAND --help' tells more. Output is coloured on a terminal; NO_COLOR turns
that off, FORCE_COLOR (not 0) turns it on for pipes too.`;

interface Command {
  run(argv: string[]): Promise<number>;
  usage(): Promise<string>;
}

const commands: Record<string, Command> = {
  decode: { run: runDecode, usage: async () => DECODE_USAGE },
  scan: { run: runScan, usage: async () => SCAN_USAGE },
  connect: { run: runConnect, usage: async () => CONNECT_USAGE },
  sanitize: { run: (argv) => import('./sanitize-command').then((m) => m.runSanitize(argv)), usage: () => import('./sanitize-command').then((m) => m.SANITIZE_USAGE) },
  discover: { run: (argv) => import('./discover-command').then((m) => m.runDiscover(argv)), usage: () => import('./discover-command').then((m) => m.DISCOVER_USAGE) },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`bosh-inspect ${cliVersion()}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!command) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const found = commands[command];
  if (!found) {
    process.stderr.write(`bosh-inspect: unknown command '${command}'\n\n${USAGE}\n`);
    return 2;
  }
  const code = await found.run(rest);
  // Any failure ends with how the command is used, unless its whole usage text was just shown.
  if (code !== 0 && !usageShown()) process.stderr.write(`\n${synopsis(await found.usage())}\n'bosh-inspect ${command} --help' tells more.\n`);
  return code;
}

boundHeapGrowth();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bosh-inspect: ${(e as Error).stack ?? e}\n\n${synopsis(USAGE)}\n`);
    process.exitCode = 1;
  },
);
