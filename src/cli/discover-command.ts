import { parseArgs } from 'node:util';
import { badUsage } from './usage';
import { DiscoveryError, discoverConnections } from '../core/xmpp/discover';

export const DISCOVER_USAGE = `Usage: bosh-inspect discover [--json] [--fingerprint SHA256 | --ca FILE] DOMAIN|JID

Reads the domain's XEP-0156 host-meta (https://DOMAIN/.well-known/host-meta and host-meta.json)
and prints the WebSocket and BOSH URLs it announces, WebSocket first, one per line; each works
with 'bosh-inspect connect --url'. DOMAIN may be host:port or an https:// origin.

  --json                one object per URL: {"kind", "url", "rel", "from"}
  --fingerprint SHA256  trust exactly this certificate (hex, colons optional)
  --ca FILE             trust the certificates of this PEM file

Exit 0 when a URL was found; 1 when none was (no host-meta, not XRD, no XMPP links, TLS or
network failure, said on stderr); 2 for wrong arguments.`;

export async function runDiscover(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, fingerprint: { type: 'string' }, ca: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (e) {
    return badUsage('discover', (e as Error).message, DISCOVER_USAGE);
  }
  if (args.values.help) {
    process.stdout.write(DISCOVER_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) {
    return badUsage('discover', 'give one domain or JID', DISCOVER_USAGE);
  }
  const trust = { ...(args.values.fingerprint ? { fingerprint: args.values.fingerprint } : {}), ...(args.values.ca ? { caFile: args.values.ca } : {}) };
  try {
    const found = await discoverConnections(args.positionals[0], { trustFor: () => trust });
    for (const c of found.connections) {
      process.stdout.write(args.values.json ? JSON.stringify({ kind: c.kind, url: c.url, rel: c.rel, from: c.from }) + '\n' : `${c.kind === 'websocket' ? 'websocket' : 'bosh     '} ${c.url}  (${c.from})\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof DiscoveryError && e.reason === 'input') {
      process.stderr.write(`bosh-inspect discover: ${e.message}\n`);
      return 2;
    }
    const hint = e instanceof DiscoveryError && e.certificate?.fingerprint ? `\n(to trust it: --fingerprint ${e.certificate.fingerprint})` : '';
    process.stderr.write(`bosh-inspect discover: ${(e as Error).message}${hint}\n`);
    return 1;
  }
}
