// node --import tsx scripts/make-websocket-log-fixtures.ts [prosody-debug|ejabberd|strophe-console|converse-console|converse-bosh-console …]
// Records what real servers and clients write about an XMPP session over RFC 7395 WebSocket and
// keeps each as a fixture in test/fixtures/logs/websocket/:
//   prosody-debug.log     Prosody 0.12 (Debian) at debug level, mod_websocket
//   ejabberd.log          ejabberd 23.01 (Debian) at debug level, ejabberd_http_ws
//   strophe-console.log   Strophe.js 5 in Chromium, rawInput/rawOutput as its examples log them
//   converse-console.log  Converse.js 14 (headless, from npm) in Chromium at loglevel 'debug'
// and, beside them in test/fixtures/logs/, the same Converse.js run over BOSH (XEP-0206) against
// Prosody's mod_bosh: converse-bosh-console.log.
// Each session logs in, sends presence and a message, gets a pubsub notification where the
// server has pubsub, pings, and logs out with <close/>; a second connection is dropped without
// <close/> (the page goes away), so the logs also show how a lost socket reads.
// SASL payloads and the lab passwords are replaced by [redacted].
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN, AGENT, DOMAIN, Prosody, PUBSUB } from '../test/live/prosody';
import { Ejabberd, EJABBERD_DOMAIN } from '../test/real/ejabberd-server';
import { BrowserClient, Lab } from '../test/real/browser-client';
import { sleep, waitUntil } from '../test/support/processes';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'test', 'fixtures', 'logs', 'websocket');
const CONVERSE_VERSION = '14.0.0';
const CONVERSE_DIR = join(ROOT, '.cache', `converse.js-${CONVERSE_VERSION}`);
const REDACTED = '[redacted]';
const SASL = /(<(auth|response|challenge|success)\b[^>]*?xmlns=(\\?["'])urn:ietf:params:xml:ns:xmpp-sasl\3[^>]*>)([^<]+)(<\/\2>)/g;
const SASL_TERM = /(\{xmlel,\s*<<"(?:auth|response|challenge|success)">>,(?:(?!\{xmlel,)[\s\S])*?\{xmlcdata,\s*<<")([^"]*)(">>)/g;
const NODE = '/finesse/api/User/1001';
const UPDATE = '&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;1001&lt;/loginId&gt;&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;';

function redact(text: string, secrets: string[]): string {
  let out = text.replace(SASL, (_m, open: string, _n, _q, _d, close: string) => `${open}${REDACTED}${close}`);
  out = out.replace(SASL_TERM, (_m, open: string, _d, close: string) => `${open}${REDACTED}${close}`);
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

// In the page: a Strophe connection logging its traffic the way Strophe's examples do.
function stropheSession(url: string, jid: string, password: string, log: boolean): string {
  return `(function () {
    var names = {};
    Object.keys(Strophe.Status).forEach(function (k) { names[Strophe.Status[k]] = k; });
    Strophe.setLogLevel(Strophe.LogLevel.DEBUG);
    var conn = new Strophe.Connection(${JSON.stringify(url)});
    ${log ? "conn.rawInput = function (data) { console.log('RECV: ' + data); };\n    conn.rawOutput = function (data) { console.log('SENT: ' + data); };" : ''}
    var s = window.ws = { conn: conn, statuses: [], received: 0 };
    conn.addHandler(function () { s.received++; return true; }, null, 'message');
    conn.connect(${JSON.stringify(jid)}, ${JSON.stringify(password)}, function (status, condition) {
      s.statuses.push(names[status] || String(status));
      console.info('Strophe status: ' + (names[status] || status) + (condition ? ' (' + condition + ')' : ''));
    });
    return true;
  })()`;
}

const send = (xml: string) => `(function () { window.ws.conn.send(new DOMParser().parseFromString(${JSON.stringify(xml)}, 'text/xml').documentElement); return true; })()`;

async function status(c: BrowserClient, name: string, timeoutMs = 15_000): Promise<void> {
  await waitUntil(async () => (await c.run<string[]>('window.ws.statuses')).includes(name), timeoutMs, () => `Strophe did not reach ${name}`);
}

async function stropheLogin(lab: Lab, tmp: string, tag: string, url: string, jid: string, password: string, log: boolean): Promise<BrowserClient> {
  const c = await lab.client(join(tmp, `${tag}.har`), join(tmp, `${tag}-console.log`));
  await c.run(stropheSession(url, jid, password, log));
  await status(c, 'CONNECTED');
  return c;
}

/** Login, presence, a message to itself, a pubsub notification (from a publisher), a ping, logout; a second login dropped. */
async function stropheScenario(lab: Lab, tmp: string, url: string, domain: string, pubsub: string | undefined): Promise<BrowserClient> {
  const agentJid = `${AGENT.user}@${domain}`;
  const agent = await lab.client(join(tmp, 'agent.har'), join(tmp, 'agent-console.log'));
  // First a wrong path: the upgrade is refused with a 404, as a mistyped endpoint is.
  await agent.run(stropheSession(url.replace(/\/[^/]*$/, '/ws-wrong-path'), `${agentJid}/desktop`, AGENT.password, true));
  await status(agent, 'CONNFAIL');
  await sleep(300);
  await agent.run(stropheSession(url, `${agentJid}/desktop`, AGENT.password, true));
  await status(agent, 'CONNECTED');
  await agent.run(send(`<presence xmlns="jabber:client"><priority>1</priority></presence>`));
  await agent.run(send(`<message xmlns="jabber:client" to="${agentJid}" type="chat" id="m1"><body>over the socket</body></message>`));
  if (pubsub) {
    const pub = await stropheLogin(lab, tmp, 'publisher', url, `${ADMIN.user}@${domain}/finesse`, ADMIN.password, false);
    const ps = 'xmlns="http://jabber.org/protocol/pubsub"';
    for (const body of [`<create node="${NODE}"/>`, `<subscribe node="${NODE}" jid="${agentJid}"/>`, `<publish node="${NODE}"><item id="item-1"><notification ${ps}>${UPDATE}</notification></item></publish>`]) {
      await pub.run(send(`<iq xmlns="jabber:client" type="set" to="${pubsub}" id="ps-${Math.random().toString(36).slice(2, 8)}"><pubsub ${ps}>${body}</pubsub></iq>`));
      await sleep(150);
    }
    await waitUntil(async () => (await agent.run<number>('window.ws.received')) >= 2, 10_000, () => 'the agent got no notification');
    // The publisher's page goes away without <close/>: the server sees the socket drop.
    await pub.close();
  }
  await agent.run(send(`<iq xmlns="jabber:client" type="get" to="${domain}" id="ping-1"><ping xmlns="urn:xmpp:ping"/></iq>`));
  await sleep(300);
  await agent.run(`(function () { window.ws.conn.disconnect('logout'); return true; })()`);
  await status(agent, 'DISCONNECTED');
  await sleep(300);
  if (!pubsub) {
    // No pubsub service here: a second login whose page goes away without <close/>.
    const dropped = await stropheLogin(lab, tmp, 'dropped', url, `${agentJid}/dropped`, AGENT.password, false);
    await sleep(300);
    await dropped.close();
  }
  await sleep(1000);
  return agent;
}

async function prosodyRun(lab: Lab, tmp: string, want: Set<string>): Promise<void> {
  const logFile = join(tmp, 'prosody.log');
  const p = new Prosody({ logLevel: 'debug', logFile });
  await p.start();
  try {
    await sleep(300);
    const from = readFileSync(logFile, 'utf8').length;
    const agent = await stropheScenario(lab, tmp, p.wsUrl, DOMAIN, PUBSUB);
    await agent.close();
    await sleep(500);
    const log = readFileSync(logFile, 'utf8').slice(from);
    if (want.has('prosody-debug')) keep('prosody-debug.log', log);
    if (want.has('strophe-console')) keep('strophe-console.log', readFileSync(agent.consolePath, 'utf8'));
    if (want.has('converse-console')) await converseRun(lab, tmp, p, 'websocket');
    if (want.has('converse-bosh-console')) await converseRun(lab, tmp, p, 'bosh');
  } finally {
    await p.dispose();
  }
}

async function ejabberdRun(lab: Lab, tmp: string): Promise<void> {
  const e = new Ejabberd({ logLevel: 'debug' });
  await e.start();
  try {
    await e.register(AGENT.user, AGENT.password);
    await sleep(300);
    const since = Date.now();
    const agent = await stropheScenario(lab, tmp, e.wsUrl, EJABBERD_DOMAIN, undefined);
    await agent.close();
    await sleep(1500);
    keep('ejabberd.log', trimEjabberd(readFileSync(e.logPath, 'utf8'), since));
  } finally {
    await e.dispose();
  }
}

/** The records from `since` on, without supervisor start-up reports and the router's record dumps (kilobytes per stanza). */
function trimEjabberd(text: string, since: number): string {
  const records = text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
  return records
    .filter((r) => {
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})\d*([+-]\d\d:\d\d)/.exec(r);
      if (!m || Date.parse(`${m[1]}T${m[2]}${m[3]}`) < since) return false;
      return !/@(?:supervisor:report_progress|ejabberd_router|ejabberd_router_multicast|ejabberd_local|ejabberd_sm:do_route|ejabberd_hooks:safe_apply|mod_roster)/.test(r.slice(0, 200));
    })
    .map((r) => r.replace(/\n+$/, ''))
    .join('\n') + '\n';
}

/** Converse.js 14 from npm, unpacked once into .cache/ (npm pack: the registry's own tarball). */
function converseDist(): string {
  const file = join(CONVERSE_DIR, 'package', 'src', 'headless', 'dist', 'converse-headless.js');
  if (existsSync(file)) return file;
  mkdirSync(CONVERSE_DIR, { recursive: true });
  execFileSync('npm', ['pack', `converse.js@${CONVERSE_VERSION}`, '--silent'], { cwd: CONVERSE_DIR, stdio: 'pipe' });
  execFileSync('tar', ['xzf', `converse.js-${CONVERSE_VERSION}.tgz`, 'package/src/headless/dist/converse-headless.js'], { cwd: CONVERSE_DIR });
  return file;
}

const CONVERSE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Converse</title>
<script type="module">import { converse } from '/converse-headless.js'; window.converse = converse;</script></head><body></body></html>`;

/** Converse logs in, sends presence and a message, logs out; what its console shows, as DevTools shows it. */
async function converseRun(lab: Lab, tmp: string, p: Prosody, transport: 'websocket' | 'bosh'): Promise<void> {
  const dist = converseDist();
  const server = createServer((req, res) => {
    if (req.url === '/converse-headless.js') {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      createReadStream(dist).pipe(res);
    } else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(CONVERSE_PAGE);
    else if (req.url === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const context = await lab.browser.newContext();
  const page = await context.newPage();
  const lines: string[] = [];
  page.on('console', async (m) => lines.push(await devtoolsLine(m)));
  page.on('pageerror', (e) => lines.push(`${clock()} Uncaught ${e.message}`));
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction('window.converse !== undefined', undefined, { timeout: 15_000 });
    const jid = `${AGENT.user}@${DOMAIN}`;
    await page.evaluate(([url, j, pw, bosh]) => {
      const w = window as any;
      w.converse.plugins.add('lab', { initialize() { w.lab = this._converse; } });
      return w.converse.initialize({
        ...(bosh ? { bosh_service_url: url } : { websocket_url: url }), jid: j + '/converse', password: pw, auto_login: true, loglevel: 'debug',
        discover_connection_methods: false, whitelisted_plugins: ['lab'], persistent_store: 'IndexedDB', clear_cache_on_logout: true,
      });
    }, [transport === 'bosh' ? p.httpUrl : p.wsUrl, jid, AGENT.password, transport === 'bosh'] as const);
    await waitUntil(async () => page.evaluate(() => (window as any).lab?.api?.connection?.connected?.() === true), 20_000, () => `Converse did not connect:\n${lines.slice(-10).join('\n')}`);
    await sleep(500);
    await page.evaluate((to) => {
      const { api } = (window as any).lab;
      const { $msg } = (window as any).converse.env;
      api.send($msg({ to, type: 'chat', id: 'c1' }).c('body').t('from Converse'));
    }, jid);
    await sleep(500);
    await page.evaluate(() => (window as any).lab.api.user.logout());
    await sleep(1000);
  } finally {
    await context.close().catch(() => {});
    server.close();
  }
  if (transport === 'bosh') keep('converse-bosh-console.log', lines.join('\n') + '\n', join(OUT, '..'));
  else keep('converse-console.log', lines.join('\n') + '\n');
}

/** A console message as DevTools shows and saves it: format directives applied, CSS (%c) dropped. */
async function devtoolsLine(m: import('playwright-core').ConsoleMessage): Promise<string> {
  const args = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => String(a))));
  let text: string;
  if (typeof args[0] === 'string' && /%[csdifo]/i.test(args[0])) {
    const rest = args.slice(1);
    text = (args[0] as string).replace(/%([csdifoO])/g, (_x, k: string) => (k === 'c' ? (rest.shift(), '') : String(rest.shift())));
    if (rest.length) text += ' ' + rest.map(String).join(' ');
  } else text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const loc = m.location();
  const where = loc.url ? `  ${loc.url.split('/').pop()?.split('?')[0]}:${loc.lineNumber + 1}` : '';
  const level = m.type() === 'error' ? '[error] ' : m.type() === 'warning' ? '[warn] ' : '';
  return `${clock()} ${level}${text}${where}`;
}

function clock(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function keep(name: string, text: string, dir = OUT): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), redact(text, [AGENT.password, ADMIN.password]));
  console.log(`${name}: ${text.split('\n').length - 1} lines`);
}

async function main(): Promise<void> {
  const all = ['prosody-debug', 'ejabberd', 'strophe-console', 'converse-console', 'converse-bosh-console'];
  const want = new Set(process.argv.slice(2).length ? process.argv.slice(2) : all);
  const tmp = mkdtempSync(join(tmpdir(), 'bosh-inspect-ws-logs-'));
  const lab = await Lab.start();
  try {
    if (['prosody-debug', 'strophe-console', 'converse-console', 'converse-bosh-console'].some((w) => want.has(w))) await prosodyRun(lab, tmp, want);
    if (want.has('ejabberd')) await ejabberdRun(lab, tmp);
  } finally {
    await lab.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
