import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set by the bundler (build.mjs) from package.json; absent when run from the sources. */
declare const BOSH_INSPECT_VERSION: string | undefined;

/** The package's version: bundled into dist/cli.js, or read from the package.json next to the sources. */
export function cliVersion(): string {
  if (typeof BOSH_INSPECT_VERSION === 'string') return BOSH_INSPECT_VERSION;
  for (const up of [['..'], ['..', '..']]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'xmpp-bosh-inspector' && pkg.version) return pkg.version;
    } catch {
      // not there: look one folder higher
    }
  }
  return 'unknown';
}
