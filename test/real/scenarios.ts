// BOSH failure scenarios played for real: a private Prosody or ejabberd on loopback, Strophe.js in
// Chromium, and what each side wrote: the server's debug log, the Chromium HAR, the browser
// console. `expected` says how each session really ended, as observed in this run (the scenario
// fails when the servers do not behave as described, rather than recording a guess).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ejabberd, EJABBERD_DOMAIN } from './ejabberd-server';
import { Lab, type BrowserClient, type Status } from './browser-client';
import { AGENT, DOMAIN, realProsody } from './prosody-server';
import { sleep, waitUntil } from '../support/processes';

export type ServerKind = 'prosody' | 'ejabberd';
export type { EndCause } from '../../src/core/sessions/model';
import type { EndCause } from '../../src/core/sessions/model';

export interface ExpectedSession {
  description: string;
  jid?: string;
  endCause: EndCause;
  condition?: string;
}

export interface ScenarioResult {
  dir: string;
  /** Server log, HAR(s) and console log(s), in that order. */
  files: string[];
  expected: ExpectedSession[];
}

/** The server's BOSH inactivity limit in every scenario, in seconds. */
export const INACTIVITY = 4;
export const USER = AGENT.user;
export const PASSWORD = AGENT.password;
export const WRONG_PASSWORD = 'not-the-password-1001';

interface LabServer {
  kind: ServerKind;
  url: string;
  /** The RFC 7395 WebSocket endpoint of the same server. */
  wsUrl: string;
  domain: string;
  logPath: string;
  /** Log text written since the scenario's clients started. */
  log(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface Ctx {
  server: LabServer;
  lab: Lab;
  dir: string;
  files: string[];
  /** A browser client whose HAR and console log go to client[-tag].har and console[-tag].log; with `sockets`, the HAR holds its WebSocket frames. */
  client(tag?: string, sockets?: boolean): Promise<BrowserClient>;
  fullJid(resource: string): string;
  bareJid: string;
}

export interface Scenario {
  name: string;
  title: string;
  /** The servers that can play it, when not both. */
  servers?: ServerKind[];
  run(ctx: Ctx): Promise<ExpectedSession[]>;
}

const LOGIN_MS = 15_000;

export async function login(ctx: Ctx, c: BrowserClient, resource: string, wait = 60, url = ctx.server.url): Promise<void> {
  await c.connect(url, ctx.fullJid(resource), PASSWORD, wait);
  const s = await c.waitStatus(['CONNECTED', 'AUTHFAIL', 'CONNFAIL', 'DISCONNECTED'], LOGIN_MS);
  if (s.name !== 'CONNECTED') throw new Error(`${ctx.server.kind}: login as ${ctx.fullJid(resource)} ended ${s.name} ${s.condition ?? ''}`);
  await c.run('lab.presence()');
}

/** Waits for Strophe to report the session over; returns the condition it gave on the way. */
export async function ended(c: BrowserClient, timeoutMs: number, after = 0): Promise<string | undefined> {
  await c.waitStatus(['DISCONNECTED'], timeoutMs, after);
  const all = await c.statuses();
  return all.slice(after).find((s: Status) => s.condition)?.condition ?? undefined;
}

/** Terminate conditions and stream errors the client received, from the console's RECV: lines. */
export function received(c: BrowserClient): { terminates: string[]; streamErrors: string[] } {
  const terminates: string[] = [];
  const streamErrors: string[] = [];
  for (const l of c.lines) {
    if (!/ RECV: /.test(l)) continue;
    if (/type=["']terminate["']/.test(l)) terminates.push(/condition=["']([^"']+)["']/.exec(l)?.[1] ?? '(none)');
    const se = /<stream:error[^>]*>\s*<([a-z-]+)/.exec(l);
    if (se) streamErrors.push(se[1]);
  }
  return { terminates, streamErrors };
}

async function waitLog(ctx: Ctx, re: RegExp, timeoutMs: number, what: string): Promise<void> {
  await waitUntil(() => re.test(ctx.server.log()), timeoutMs, () => `${ctx.server.kind} did not log ${what} (${re}) within ${timeoutMs / 1000} s:\n${ctx.server.log().slice(-1500)}`, 200);
}

/** What each server writes when it drops a BOSH session for inactivity. */
const REAPED: Record<ServerKind, RegExp> = {
  prosody: /BOSH client silent for over \d+ seconds/,
  // ejabberd names no inactivity: the c2s session closes max_inactivity after the last answer.
  ejabberd: /Closing c2s session for \S+: Connection failed: connection closed/,
};
/** What each server writes when it is told to stop. */
export const SHUTDOWN: Record<ServerKind, RegExp> = {
  prosody: /Received SIGTERM|Shutting down/,
  ejabberd: /Stopping ejabberd|ejabberd .* is stopped/,
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'clean',
    title: 'login, presence, messages and a ping, then logout',
    async run(ctx) {
      const c = await ctx.client();
      await login(ctx, c, 'clean');
      await c.run(`lab.message(${JSON.stringify(ctx.bareJid)}, 'first message')`);
      await c.run(`lab.message(${JSON.stringify(ctx.bareJid)}, 'second message')`);
      const ping = await c.run<string>(`lab.ping(${JSON.stringify(ctx.server.domain)})`);
      if (ping !== 'result') throw new Error(`${ctx.server.kind}: the ping got ${ping}`);
      await sleep(300);
      const n = (await c.statuses()).length;
      await c.run(`lab.disconnect('logout')`);
      await ended(c, 10_000, n);
      return [{ description: 'Strophe logs in, sends presence, two messages and a ping, and logs out', jid: ctx.fullJid('clean'), endCause: 'client-logout' }];
    },
  },
  {
    name: 'vanish',
    title: 'the browser goes offline until the server drops the session, then comes back',
    async run(ctx) {
      const c = await ctx.client();
      // wait=5: the held request comes back within 5 s, so the next ones fail while offline.
      await login(ctx, c, 'vanish', 5);
      await sleep(300);
      const n = (await c.statuses()).length;
      await c.context.setOffline(true);
      await waitLog(ctx, REAPED[ctx.server.kind], 20_000, 'the session dropped for inactivity');
      await sleep(500);
      await c.context.setOffline(false);
      const condition = await ended(c, 25_000, n);
      const { terminates } = received(c);
      return [{ description: `the browser goes offline; the server drops the session after ${INACTIVITY} s of silence; back online, the next request is refused`, jid: ctx.fullJid('vanish'), endCause: 'inactivity-timeout', condition: condition ?? terminates.at(-1) }];
    },
  },
  {
    name: 'restart',
    title: 'the server is restarted under a live session',
    async run(ctx) {
      const c = await ctx.client();
      await login(ctx, c, 'restart');
      await sleep(500);
      const n = (await c.statuses()).length;
      await ctx.server.stop();
      await sleep(1000);
      await ctx.server.start();
      const condition = await ended(c, 30_000, n);
      const shutdownLogged = SHUTDOWN[ctx.server.kind].test(ctx.server.log());
      const { terminates, streamErrors } = received(c);
      // ejabberd answers the held request with a remote-stream-error terminate carrying
      // <system-shutdown/> as it stops; Prosody closes it unanswered and later refuses the sid.
      const description = streamErrors.length
        ? `the server stops under a live session and ends it with a ${streamErrors.at(-1)} stream error (terminate ${terminates[0]}), then starts again`
        : 'the server stops and starts again; it no longer knows the session when the client comes back';
      return [{ description, jid: ctx.fullJid('restart'), endCause: shutdownLogged ? 'server-shutdown' : 'unknown-session', condition: streamErrors.at(-1) ?? condition ?? terminates.at(-1) }];
    },
  },
  {
    name: 'auth-failure',
    title: 'wrong password',
    async run(ctx) {
      const c = await ctx.client();
      await c.connect(ctx.server.url, ctx.fullJid('auth'), WRONG_PASSWORD);
      const s = await c.waitStatus(['CONNECTED', 'AUTHFAIL', 'CONNFAIL'], LOGIN_MS);
      if (s.name !== 'AUTHFAIL') throw new Error(`${ctx.server.kind}: a wrong password gave ${s.name}`);
      // Strophe closes the stream after AUTHFAIL; it may or may not report DISCONNECTED.
      await c.waitStatus(['DISCONNECTED'], 2_000).catch(() => {});
      const failure = c.lines.map((l) => / RECV: .*<failure xmlns=["']urn:ietf:params:xml:ns:xmpp-sasl["']>\s*<([a-z-]+)/.exec(l)?.[1]).find(Boolean);
      if (!failure) throw new Error(`${ctx.server.kind}: no SASL <failure> in the console`);
      return [{ description: 'SASL authentication with a wrong password is refused', jid: ctx.fullJid('auth'), endCause: 'auth-failed', condition: failure }];
    },
  },
  {
    name: 'rid-jump',
    title: "the client's rid jumps 1000 beyond the window",
    async run(ctx) {
      const c = await ctx.client();
      // Strophe holds back a request whose rid is outside its own window until the held poll
      // returns: wait=5 has it return within 5 s.
      await login(ctx, c, 'rid-jump', 5);
      await sleep(500);
      const n = (await c.statuses()).length;
      await c.run(`(lab.conn._proto.rid += 1000, lab.message(${JSON.stringify(ctx.bareJid)}, 'sent with a rid 1000 ahead'))`);
      const condition = await ended(c, 15_000, n);
      const { terminates } = received(c);
      // Prosody answers the request but keeps the session until it is silent for too long.
      if (ctx.server.kind === 'prosody') await waitLog(ctx, REAPED.prosody, 15_000, 'the session dropped after the rid jump').catch(() => {});
      return [{ description: 'a request carries a rid 1000 beyond the last one; the server ends the session', jid: ctx.fullJid('rid-jump'), endCause: 'rid-out-of-window', condition: condition ?? terminates.at(-1) }];
    },
  },
  {
    name: 'conflict',
    title: 'a second login on the same resource replaces the first',
    async run(ctx) {
      const a = await ctx.client('a');
      await login(ctx, a, 'desk');
      await sleep(500);
      const n = (await a.statuses()).length;
      const b = await ctx.client('b');
      await login(ctx, b, 'desk');
      const condition = await ended(a, 15_000, n);
      const { streamErrors, terminates } = received(a);
      await sleep(500);
      const m = (await b.statuses()).length;
      await b.run(`lab.disconnect('logout')`);
      await ended(b, 10_000, m);
      return [
        { description: 'the first login, replaced when the same full JID logs in again', jid: ctx.fullJid('desk'), endCause: 'conflict', condition: streamErrors.at(-1) ?? condition ?? terminates.at(-1) },
        { description: 'the second login on the same resource, then logout', jid: ctx.fullJid('desk'), endCause: 'client-logout' },
      ];
    },
  },
  {
    name: 'too-many-requests',
    title: 'the client polls faster than the server allows (Strophe in polling mode: wait=0, hold=0)',
    async run(ctx) {
      const c = await ctx.client();
      // With wait=0 and hold=0 Strophe sends its next request as soon as it has data or every
      // idle cycle (100 ms). ejabberd allows a polling session one request per 2 s ('polling').
      await c.connect(ctx.server.url, ctx.fullJid('poll'), PASSWORD, 0, 0);
      const s = await c.waitStatus(['CONNECTED', 'AUTHFAIL', 'CONNFAIL', 'DISCONNECTED'], LOGIN_MS);
      if (s.name === 'CONNECTED') {
        // Tolerated: the client goes on polling for a second, then logs out.
        await c.run('lab.presence()');
        await sleep(1000);
        const n = (await c.statuses()).length;
        await c.run(`lab.disconnect('logout')`);
        await ended(c, 10_000, n);
        return [{ description: 'a polling client (wait=0, hold=0) sends a request every 100 ms; the server answers each at once and the session goes on until logout', jid: ctx.fullJid('poll'), endCause: 'client-logout' }];
      }
      const { terminates } = received(c);
      // The first terminate ends the session; Strophe's retry of that rid then gets item-not-found. When
      // Strophe had already given up the request the server answered with policy-violation (its XHR
      // aborted, no response recorded), the client sees only the item-not-found after it: the server's
      // log still holds the policy-violation it sent.
      const told = terminates[0] === 'policy-violation' || (terminates[0] === 'item-not-found' && /policy-violation/.test(ctx.server.log()));
      if (!told) throw new Error(`${ctx.server.kind}: a polling client ended ${s.name} ${s.condition ?? ''} after ${terminates.join(', ')}`);
      const condition = 'policy-violation';
      await c.waitStatus(['DISCONNECTED'], 10_000).catch(() => {});
      return [{ description: 'a polling client (wait=0, hold=0) sends its second request 100 ms after the first, inside the 2 s polling interval: the server ends the session (Too many requests)', jid: ctx.fullJid('poll'), endCause: 'policy-violation', condition }];
    },
  },
];

async function makeServer(kind: ServerKind, dir: string): Promise<LabServer> {
  if (kind === 'prosody') {
    // The whole log, restarts included; the scenario keeps the part its clients caused.
    const logPath = join(dir, '.prosody-full.log');
    const p = realProsody({ inactivity: INACTIVITY, logFile: logPath });
    let from = 0;
    const s: LabServer = {
      kind,
      get url() {
        return p.httpUrl;
      },
      get wsUrl() {
        return p.wsUrl;
      },
      domain: DOMAIN,
      logPath,
      log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(from) : ''),
      start: () => p.start(),
      stop: () => p.stop(),
      dispose: () => p.dispose(),
    };
    await p.start();
    from = existsSync(logPath) ? statSync(logPath).size : 0;
    return s;
  }
  const e = new Ejabberd({ inactivity: INACTIVITY, logLevel: 'debug' });
  // ejabberd's logger writes behind, so the cut is made by the records' own timestamps.
  let from = 0;
  const s: LabServer = {
    kind,
    get url() {
      return e.httpUrl;
    },
    get wsUrl() {
      return e.wsUrl;
    },
    domain: EJABBERD_DOMAIN,
    logPath: e.logPath,
    log: () => (existsSync(e.logPath) ? recordsSince(readFileSync(e.logPath, 'utf8'), from) : ''),
    start: () => e.start(),
    stop: () => e.stop(),
    dispose: () => e.dispose(),
  };
  await e.start();
  await e.register(USER, PASSWORD);
  await sleep(200);
  from = Date.now();
  return s;
}

/** The records of an ejabberd log stamped at or after `since` (continuation lines go with their record). */
function recordsSince(text: string, since: number): string {
  const stamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+)([+-]\d\d:\d\d)/gm;
  for (let m = stamp.exec(text); m; m = stamp.exec(text)) {
    if (Date.parse(`${m[1]}T${m[2].slice(0, 12)}${m[3]}`) >= since) return text.slice(m.index);
  }
  return '';
}

/** Runs one scenario against a fresh private server; its files land in outDir. */
export async function runScenario(server: ServerKind, name: string, outDir: string, list: readonly Scenario[] = SCENARIOS): Promise<ScenarioResult> {
  const scenario = list.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario named ${name} (there are: ${list.map((s) => s.name).join(', ')})`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const clients: BrowserClient[] = [];
  const harFiles: string[] = [];
  const consoleFiles: string[] = [];
  let srv: LabServer | undefined;
  let lab: Lab | undefined;
  const logOut = join(outDir, `${server}.log`);
  try {
    srv = await makeServer(server, outDir);
    lab = await Lab.start();
    const s = srv;
    const l = lab;
    const ctx: Ctx = {
      server: s,
      lab: l,
      dir: outDir,
      files: [],
      bareJid: `${USER}@${s.domain}`,
      fullJid: (r) => `${USER}@${s.domain}/${r}`,
      async client(tag, sockets) {
        const suffix = tag ? `-${tag}` : '';
        const har = join(outDir, `client${suffix}.har`);
        const con = join(outDir, `console${suffix}.log`);
        harFiles.push(har);
        consoleFiles.push(con);
        const c = await l.client(har, con, sockets);
        clients.push(c);
        return c;
      },
    };
    const expected = await withDeadline(scenario.run(ctx), 60_000, `${server} ${name} did not finish within 60 s`);
    // Let the server write what follows the end (session destroyed, requests closed).
    await sleep(300);
    for (const c of clients) await c.close();
    writeFileSync(logOut, s.log());
    return { dir: outDir, files: [logOut, ...harFiles, ...consoleFiles], expected };
  } catch (e) {
    if (srv) {
      try {
        writeFileSync(logOut, srv.log());
      } catch {
        // keep the first error
      }
    }
    throw e;
  } finally {
    for (const c of clients) await c.close().catch(() => {});
    if (lab) await lab.close();
    if (srv) {
      // Prosody logs straight into outDir; ejabberd's own folder goes with its temp dir.
      if (server === 'ejabberd' && existsSync(srv.logPath) && !existsSync(logOut)) copyFileSync(srv.logPath, logOut);
      await srv.dispose();
      rmSync(join(outDir, '.prosody-full.log'), { force: true });
    }
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, j) => (t = setTimeout(() => j(new Error(message)), ms)))]).finally(() => clearTimeout(t));
}
