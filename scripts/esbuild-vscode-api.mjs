// An esbuild plugin for the extension's bundle: every `import * as vscode from 'vscode'` reads one module that takes
// the API's members once, by the names @types/vscode declares. Without it esbuild wraps the external `vscode` module
// for each of the ~40 files importing it, copying its ~450 members each time, about 10 ms of every activation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The API's runtime members: classes, enums, namespaces, constants and functions at the top of `declare module 'vscode'`. */
function apiNames() {
  const types = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...types.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]))];
}

export const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: `const api = require('vscode');\nexport const { ${apiNames().join(', ')} } = api;\n`,
      loader: 'js',
    }));
  },
};
