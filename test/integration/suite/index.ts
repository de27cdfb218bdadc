// Entry point the extension host loads as `extensionTestsPath`: runs every compiled *.test.js beside it with mocha.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // INTEGRATION_ONLY=hover,outline runs only the files whose names hold one of these words (the host inherits it).
  const only = (process.env.INTEGRATION_ONLY ?? '').split(',').filter(Boolean);
  const files = readdirSync(__dirname).filter((n) => n.endsWith('.test.js') && (!only.length || only.some((w) => n.includes(w))));
  for (const f of files.sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
