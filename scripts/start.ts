// `npm start`: builds the extension and opens it on samples/ — in desktop VS Code when `code` is on the PATH,
// otherwise in the VS Code web workbench served on 127.0.0.1 (installed into .cache on first use).
// With Prosody installed it also runs a local demo notification service for "XMPP: Connect".
//
//   npm start                 desktop if available, else browser
//   npm start -- --browser    always the browser workbench
//   npm start -- --no-demo    without the demo Prosody
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startServer, type RunningServer } from './code-server.mjs';
import { DemoFinesseServer, DEMO_AGENT_JID, DEMO_AGENT_PASSWORD, DEMO_PROFILE_NAME, DEMO_WS_PROFILE_NAME } from './demo-server';

const DEMO_PUBLISH_EVERY_MS = 10_000;
const args = new Set(process.argv.slice(2));
const samples = join(repoRoot, 'samples');
// Workspace settings of the samples hold the demo profile while the demo runs; desktop and browser both read them.
const demoSettings = join(samples, '.vscode', 'settings.json');
const DEMO_SETTINGS_MARK = '// Written by npm start for its demo server; removed when it stops.';

function writeDemoProfile(demo: DemoFinesseServer): void {
  if (existsSync(demoSettings) && !readFileSync(demoSettings, 'utf8').startsWith(DEMO_SETTINGS_MARK)) {
    console.log(`${demoSettings} exists and is not ours; add the demo profile to xmppBosh.connections yourself.`);
    return;
  }
  mkdirSync(join(samples, '.vscode'), { recursive: true });
  writeFileSync(demoSettings, `${DEMO_SETTINGS_MARK}\n${JSON.stringify({ 'xmppBosh.connections': [demo.profile(), demo.wsProfile()] }, null, 2)}\n`);
}

function removeDemoProfile(): void {
  if (!existsSync(demoSettings) || !readFileSync(demoSettings, 'utf8').startsWith(DEMO_SETTINGS_MARK)) return;
  rmSync(demoSettings);
  // The folder goes too when nothing else (a launch.json, tasks) lives in it.
  if (readdirSync(join(samples, '.vscode')).length === 0) rmdirSync(join(samples, '.vscode'));
}

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function startDemo(): Promise<DemoFinesseServer | undefined> {
  if (args.has('--no-demo')) return undefined;
  if (!onPath('prosody')) {
    console.log('Prosody is not installed, so there is no local server for "XMPP: Connect" (apt-get install prosody lua-unbound).');
    return undefined;
  }
  const demo = new DemoFinesseServer();
  try {
    await demo.start();
  } catch (e) {
    console.log(`The demo XMPP server did not start, continuing without it: ${e instanceof Error ? e.message : String(e)}`);
    await demo.stop().catch(() => undefined);
    return undefined;
  }
  writeDemoProfile(demo);
  demo.publishEvery(DEMO_PUBLISH_EVERY_MS, (e) => console.error(`demo: publishing failed: ${e instanceof Error ? e.message : String(e)}`));
  console.log('');
  console.log('Demo Finesse notification service (a private Prosody on 127.0.0.1), for "XMPP: Connect":');
  console.log(`  BOSH URL       ${demo.boshUrl}`);
  console.log(`  WebSocket URL  ${demo.wsUrl}`);
  console.log(`  JID            ${DEMO_AGENT_JID}`);
  console.log(`  password       ${DEMO_AGENT_PASSWORD}   (a throwaway demo account on this machine only)`);
  console.log(`  an agent-state notification is published every ${DEMO_PUBLISH_EVERY_MS / 1000} s`);
  console.log(`  "XMPP: Connect" offers it as "${DEMO_PROFILE_NAME}" and "${DEMO_WS_PROFILE_NAME}"`);
  return demo;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(repoRoot, 'build.mjs')], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const demo = await startDemo();
  let server: RunningServer | undefined;
  const stop = async () => {
    await server?.stop();
    removeDemoProfile();
    await demo?.stop();
    process.exit(0);
  };
  // SIGHUP too: a closed terminal would otherwise leave the demo Prosody running (it takes SIGHUP as "reload").
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());

  if (onPath('code') && !args.has('--browser')) {
    // Desktop VS Code: an Extension Development Host window on the samples, trusted (the window runs without workspace
    // trust, as the browser workbench does), since Connect offers a folder's own profiles, the demo's, only in a
    // trusted folder.
    spawn('code', ['--new-window', '--disable-workspace-trust', `--extensionDevelopmentPath=${repoRoot}`, samples], { stdio: 'inherit' }).on('exit', (code) => {
      if (code) console.error(`'code' exited with ${code}`);
    });
    console.log(`\nOpened desktop VS Code on ${samples} with the extension loaded from ${repoRoot}.`);
    if (!demo) return;
    console.log('Press Ctrl+C to stop the demo server.');
    return;
  }

  try {
    server = await startServer({ stateDir: join(repoRoot, '.cache', 'workbench') });
  } catch (e) {
    // The demo Prosody would otherwise outlive this process, and the samples keep its profile.
    removeDemoProfile();
    await demo?.stop();
    throw e;
  }
  const url = server.workbenchUrl(samples, [['extensionDevelopmentPath', server.remoteUri(repoRoot)]]);
  console.log('\nXMPP BOSH Inspector in the VS Code web workbench (open in a browser on this machine):');
  console.log(`  ${url}`);
  console.log(`\nSamples: ${samples}. After 'npm run build' reload the page to pick up changes. Ctrl+C stops the server${demo ? ' and the demo' : ''}.`);
}

main().catch((e) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
