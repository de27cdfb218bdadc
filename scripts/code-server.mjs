// The VS Code server and web workbench that `npm start` and the integration/UI tests run the extension in.
// It comes from the npm package code-server (the only VS Code build reachable from npm), installed once
// into .cache/code-server. A plain `npm install code-server` fails as root and offline: its postinstall needs
// unsafe-perm, and @vscode/ripgrep downloads a binary from GitHub. So the steps are done by hand here:
// install without scripts, install lib/vscode's production dependencies without scripts, point ripgrep at
// Debian's /usr/bin/rg, and rebuild only the native addons (node-gyp against the local node headers).
//
//   node scripts/code-server.mjs install     install (or confirm) the cached server
//   node scripts/code-server.mjs serve DIR   serve the workbench on DIR until Ctrl+C
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repoRoot, '.cache', 'code-server');
const packageDir = join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = join(packageDir, 'lib', 'vscode');
const installedMarker = join(cacheDir, `installed-${CODE_SERVER_VERSION}`);

// Addons with a binding.gyp that the Linux server loads; the Windows-only ones are left alone.
const NATIVE_MODULES = ['@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid', 'kerberos', 'native-watchdog', 'node-pty'];
const SYSTEM_RIPGREP = '/usr/bin/rg';
const START_TIMEOUT_MS = 60_000;

/**
 * Settings that let a person (or a test) land straight in the editor: no trust dialog, walkthrough, telemetry notice,
 * chat. Without workspace trust every folder is trusted: `npm start`'s samples, whose demo profile is a workspace setting.
 */
const WORKBENCH_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'window.commandCenter': false,
};

/** Installs code-server into .cache/code-server unless it is already there; returns the lib/vscode folder. */
function ensureCodeServer({ log = (m) => console.error(m) } = {}) {
  if (existsSync(installedMarker) && existsSync(join(vscodeDir, 'out', 'server-main.js'))) return vscodeDir;
  if (!existsSync(SYSTEM_RIPGREP)) {
    throw new Error(`ripgrep is missing (${SYSTEM_RIPGREP}); install it with: apt-get install ripgrep`);
  }
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new Error('the kerberos addon of the VS Code server needs libkrb5-dev; install it with: apt-get install libkrb5-dev');
  }
  // node-gyp builds the native addons against the local node headers, with these tools.
  for (const tool of ['make', 'g++', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(`building the VS Code server's native modules needs ${tool}; install it with: apt-get install build-essential python3`);
    }
  }
  const started = Date.now();
  log(`Installing the VS Code server (code-server ${CODE_SERVER_VERSION}) into ${cacheDir} — about a minute, once.`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ private: true, description: 'VS Code server for running the extension' }) + '\n');
  npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], cacheDir);
  npm(['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);

  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  const rg = join(rgBin, 'rg');
  if (existsSync(rg) || isSymlink(rg)) unlinkSync(rg);
  symlinkSync(SYSTEM_RIPGREP, rg);

  npm(['rebuild', ...NATIVE_MODULES], vscodeDir, { npm_config_yes: 'true' });
  for (const m of NATIVE_MODULES) {
    const release = join(vscodeDir, 'node_modules', m, 'build', 'Release');
    if (m !== '@parcel/watcher' && !existsSync(release)) throw new Error(`the native module ${m} of the VS Code server did not build (${release} missing)`);
  }
  writeFileSync(installedMarker, new Date().toISOString() + '\n');
  log(`VS Code server installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return vscodeDir;
}

function isSymlink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function npm(args, cwd, extraEnv = {}) {
  const r = spawnSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv }, encoding: 'utf8' });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal}):\n${tail}`);
  }
}

/**
 * Starts the VS Code server on 127.0.0.1 and a free port with its own user, server and extensions folders under
 * `stateDir`, and the workbench settings above. Resolves once it listens.
 */
export async function startServer({ stateDir, settings = {}, workspaceTrust = false }) {
  const dir = ensureCodeServer();
  const userDataDir = join(stateDir, 'user-data');
  const serverDataDir = join(stateDir, 'server-data');
  const extensionsDir = join(stateDir, 'extensions');
  for (const d of [userDataDir, serverDataDir, extensionsDir]) mkdirSync(d, { recursive: true });
  // workspaceTrust: folders open in Restricted Mode until trusted, as in a user's VS Code (the Restricted Mode test).
  const trustSettings = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {};
  const allSettings = JSON.stringify({ ...WORKBENCH_SETTINGS, ...trustSettings, ...settings }, null, 2) + '\n';
  // The web workbench reads user settings from the server's user-data folder; machine settings cover the rest.
  for (const f of [join(userDataDir, 'User', 'settings.json'), join(serverDataDir, 'data', 'Machine', 'settings.json')]) {
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, allSettings);
  }
  const args = [
    join(dir, 'out', 'server-main.js'),
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--telemetry-level', 'off',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined },
    detached: false,
  });
  // Whatever way this process ends (an error, a closed pipe, process.exit from a signal handler), the server ends too.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let output = '';
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const onData = (d) => {
      output += d;
      const m = /Extension host agent listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  const host = '127.0.0.1';
  return {
    host,
    port,
    extensionsDir,
    /** The workbench URL opening `folder`, optionally with extension-development / extension-test payload. */
    workbenchUrl(folder, payload) {
      const q = new URLSearchParams();
      if (folder) q.set('folder', folder);
      if (payload) q.set('payload', JSON.stringify(payload));
      return `http://${host}:${port}/?${q.toString()}`;
    },
    /** A `vscode-remote://` URI naming a path on this server, as the extension-test payload wants. */
    remoteUri(path) {
      return `vscode-remote://${host}:${port}${path}`;
    },
    /** Installs a .vsix into this server's extensions folder through the server's own CLI, as a user would. */
    installVsix(vsixPath) {
      const r = spawnSync(process.execPath, [join(dir, 'out', 'server-main.js'), '--install-extension', vsixPath, '--force',
        '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--server-data-dir', serverDataDir,
        '--accept-server-license-terms'], { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
      if (r.status !== 0) throw new Error(`installing ${vsixPath} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function main() {
  const [cmd, folderArg] = process.argv.slice(2);
  if (cmd === 'install') {
    const dir = ensureCodeServer({ log: console.log });
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    console.log(`VS Code server ready: code-server ${pkg.version} in ${dir}`);
    return;
  }
  if (cmd === 'serve') {
    const folder = resolve(folderArg ?? join(repoRoot, 'samples'));
    const server = await startServer({ stateDir: join(repoRoot, '.cache', 'workbench') });
    console.log(`Open ${server.workbenchUrl(folder)}`);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.stop().then(() => process.exit(0)));
    return;
  }
  console.error('usage: node scripts/code-server.mjs install | serve [folder]');
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(String(e?.message ?? e));
    process.exit(1);
  });
}
