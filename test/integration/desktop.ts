// `npm run test:desktop`: the extension-host suite in desktop VS Code through @vscode/test-electron.
// test-electron cannot download VS Code on machines without its update server, so it is pointed at an installed
// one: VSCODE_EXECUTABLE_PATH, or the binary behind `code` on the PATH.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../scripts/code-server.mjs';
import { buildExtensionAndSuite } from './bundle-suite';
import { startSuiteProsody } from './live-server';

function desktopExecutable(): string {
  const fromEnv = process.env.VSCODE_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`VSCODE_EXECUTABLE_PATH names ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  let cli: string;
  try {
    cli = execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('desktop VS Code was not found: put `code` on the PATH or set VSCODE_EXECUTABLE_PATH to the VS Code binary');
  }
  // `code` is a launcher script inside the install: <install>/bin/code on Linux, …/Resources/app/bin/code on macOS.
  const bin = dirname(realpathSync(cli));
  const candidates = [
    join(bin, '..', 'code'),
    join(bin, '..', 'code-insiders'),
    join(bin, '..', '..', '..', 'MacOS', 'Electron'),
    join(bin, '..', 'Code.exe'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`found ${cli} but no VS Code binary beside it; set VSCODE_EXECUTABLE_PATH`);
  return found;
}

async function main(): Promise<number> {
  const vscodeExecutablePath = desktopExecutable();
  const extensionTestsPath = await buildExtensionAndSuite();
  // A user-data folder of its own, so the output channels' files the live-session test reads are this run's.
  const userDataDir = mkdtempSync(join(tmpdir(), 'bosh-inspect-desktop-'));
  const prosody = await startSuiteProsody(userDataDir);
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [join(repoRoot, 'samples'), '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    await prosody.dispose();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`test:desktop: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
