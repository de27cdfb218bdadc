// One cold activation outside VS Code, for bench/activation.mjs: requires an extension bundle with a stand-in `vscode`
// module (every member a no-op that returns another stand-in), calls its activate(), and prints the times as JSON.
// `--also FILE` requires FILE too before activate, as a single bundle holding it would have paid at activation.
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

function standIn() {
  const target = function () {};
  const proxy = new Proxy(target, {
    get(t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'prototype') return t.prototype;
      return proxy;
    },
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

const vscode = standIn();
// The module's members by name, as @types/vscode declares them: bundlers copy a module's own properties.
const { readFileSync } = require('node:fs');
const declared = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const api = {};
for (const m of declared.matchAll(/^\s+export (?:class|enum|namespace|const|let|function) (\w+)/gm)) api[m[1]] = vscode;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? api : load.call(this, request, ...rest);
};

const [bundle, ...rest] = process.argv.slice(2);
const also = rest[0] === '--also' ? rest[1] : undefined;
const subscriptions = [];
const context = new Proxy(
  { subscriptions, extension: { id: 'xmpp-bosh-inspector.xmpp-bosh-inspector' }, extensionUri: vscode, extensionPath: '/', globalState: vscode, workspaceState: vscode, secrets: vscode },
  { get: (t, k) => (k in t ? t[k] : vscode) },
);

const t0 = performance.now();
const ext = require(bundle);
if (also) require(also);
const t1 = performance.now();
ext.activate?.(context);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1, total: t2 - t0, registered: subscriptions.length }) + '\n');
