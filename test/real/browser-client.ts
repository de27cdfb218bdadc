// A real browser client for the real-server scenarios: Strophe.js 5 (from node_modules) in a page
// served from a loopback HTTP server, run in Debian's Chromium through playwright-core. Each
// client is one browser context recording the real Chromium HAR, and its console (Strophe's own
// log lines at DEBUG, every BOSH body through xmlInput/xmlOutput as RECV:/SENT:, Chromium's
// network errors) is written as a console log the way a developer saves it, one line per message
// with its time and source location.
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { waitUntil } from '../support/processes';
import { SocketHar } from './socket-har';

const ROOT = resolve(dirname(__filename), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STROPHE = join(ROOT, 'node_modules', 'strophe.js', 'dist', 'strophe.umd.cjs');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>BOSH client</title>
<script src="/strophe.umd.js"></script>
<script src="/client.js"></script>
</head><body><h1>BOSH client</h1></body></html>`;

// A string, not a function: it runs in the page as written, without the test compiler's helpers.
const CLIENT_JS = `(function () {
  var names = {};
  Object.keys(Strophe.Status).forEach(function (k) { names[Strophe.Status[k]] = k; });
  var lab = {
    statuses: [],
    received: [],
    conn: null,
    connect: function (url, jid, password, wait, hold) {
      Strophe.setLogLevel(Strophe.LogLevel.DEBUG);
      var conn = new Strophe.Connection(url);
      conn.xmlInput = function (e) { console.log('RECV: ' + Strophe.serialize(e)); };
      conn.xmlOutput = function (e) { console.log('SENT: ' + Strophe.serialize(e)); };
      conn.addHandler(function (m) { lab.received.push(Strophe.serialize(m)); return true; }, null, 'message');
      lab.conn = conn;
      // Strophe reads 0 as "use the default"; its own fields take a polling session's zeros.
      if (wait === 0) conn._proto.wait = 0;
      if (hold === 0) conn._proto.hold = 0;
      conn.connect(jid, password, function (status, condition) {
        var name = names[status] || String(status);
        lab.statuses.push({ name: name, condition: condition || null });
        console.info('Strophe status: ' + name + (condition ? ' (' + condition + ')' : ''));
      }, wait, hold);
    },
    presence: function () { lab.conn.send($pres().c('status').t('Available')); },
    message: function (to, body) { lab.conn.send($msg({ to: to, type: 'chat' }).c('body').t(body)); },
    ping: function (to) {
      return new Promise(function (resolve) {
        lab.conn.sendIQ($iq({ type: 'get', to: to }).c('ping', { xmlns: 'urn:xmpp:ping' }),
          function () { resolve('result'); }, function (e) { resolve(e ? 'error' : 'timeout'); }, 5000);
      });
    },
    disconnect: function (reason) { lab.conn.disconnect(reason); },
    // An IQ written as XML (a pubsub request); resolves with the answer's type.
    iq: function (xml) {
      var el = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
      return new Promise(function (resolve) {
        lab.conn.sendIQ(el, function () { resolve('result'); }, function (e) { resolve(e ? 'error: ' + Strophe.serialize(e) : 'timeout'); }, 5000);
      });
    },
  };
  window.lab = lab;
})();`;

export interface Status {
  name: string;
  condition: string | null;
}

/** The page server and the browser, shared by the clients of one scenario. */
export class Lab {
  private constructor(
    readonly browser: Browser,
    private readonly server: Server,
    readonly pageUrl: string,
  ) {}

  static async start(): Promise<Lab> {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium is missing (${CHROMIUM}): apt-get install chromium, or set CHROMIUM_PATH`);
    if (!existsSync(STROPHE)) throw new Error(`Strophe.js is missing (${STROPHE}): run npm ci`);
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/' || path === '/client.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      } else if (path === '/client.js') {
        res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' }).end(CLIENT_JS);
      } else if (path === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (path === '/strophe.umd.js') {
        res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
        createReadStream(STROPHE).pipe(res);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r, j) => server.once('error', j).listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        timeout: 30_000,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      });
    } catch (e) {
      server.close();
      throw e;
    }
    return new Lab(browser, server, `http://127.0.0.1:${port}/client.html`);
  }

  /**
   * A new browser context recording `harPath`, with its console written to `consolePath` on close.
   * With `sockets`, the HAR holds the page's WebSocket connections and their frames, recorded
   * from the DevTools protocol as Chromium DevTools writes them (Playwright's HAR has no frames).
   */
  async client(harPath: string, consolePath: string, sockets = false): Promise<BrowserClient> {
    mkdirSync(dirname(harPath), { recursive: true });
    const context = await this.browser.newContext(sockets ? {} : { recordHar: { path: harPath, content: 'embed' } });
    const page = await context.newPage();
    const client = new BrowserClient(context, page, consolePath, sockets ? { har: await SocketHar.attach(context, page), path: harPath } : undefined);
    await page.goto(this.pageUrl, { timeout: 15_000 });
    await page.waitForFunction('window.lab !== undefined', undefined, { timeout: 10_000 });
    return client;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

export class BrowserClient {
  readonly lines: string[] = [];
  private closed = false;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly consolePath: string,
    private readonly sockets?: { har: SocketHar; path: string },
  ) {
    page.on('console', (m) => this.lines.push(consoleLine(m)));
    page.on('pageerror', (e) => this.lines.push(`${clock()} Uncaught ${e.stack ?? e.message}`));
  }

  /** Starts Strophe's connect() (BOSH wait and hold as given); the statuses it reports are read with waitStatus. */
  async connect(boshUrl: string, jid: string, password: string, wait = 60, hold = 1): Promise<void> {
    await this.page.evaluate(([u, j, p, w, h]) => (window as any).lab.connect(u, j, p, w, h), [boshUrl, jid, password, wait, hold] as const);
  }

  async statuses(): Promise<Status[]> {
    return this.page.evaluate(() => (window as any).lab.statuses as Status[]);
  }

  /** Waits until Strophe has reported one of `names` (after the first `after` statuses); returns it. */
  async waitStatus(names: string[], timeoutMs: number, after = 0): Promise<Status> {
    let found: Status | undefined;
    await waitUntil(
      async () => {
        const all = await this.statuses();
        found = all.slice(after).find((s) => names.includes(s.name));
        return found !== undefined;
      },
      timeoutMs,
      () => `Strophe did not report ${names.join(' or ')} within ${timeoutMs / 1000} s (statuses so far: ${this.lastStatuses})`,
      100,
    );
    return found!;
  }

  private lastStatuses = '';
  async statusNames(): Promise<string> {
    this.lastStatuses = (await this.statuses()).map((s) => s.name + (s.condition ? `(${s.condition})` : '')).join(', ');
    return this.lastStatuses;
  }

  /** Runs `js` (an expression over `lab`, the page's client) in the page. */
  async run<T = unknown>(js: string, timeoutMs = 15_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, j) => (timer = setTimeout(() => j(new Error(`the page did not finish "${js}" within ${timeoutMs / 1000} s`)), timeoutMs)));
    try {
      return await Promise.race([this.page.evaluate(`(async () => { const lab = window.lab; return ${js}; })()`) as Promise<T>, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits until a console line matches `re`. */
  async waitConsole(re: RegExp, timeoutMs: number, from = 0): Promise<string> {
    let hit: string | undefined;
    await waitUntil(
      () => (hit = this.lines.slice(from).find((l) => re.test(l))) !== undefined,
      timeoutMs,
      () => `the browser console showed no line matching ${re} within ${timeoutMs / 1000} s; last lines:\n${this.lines.slice(-8).join('\n')}`,
    );
    return hit!;
  }

  /** Closes the context (Playwright writes the HAR then) and writes the console log. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sockets) {
      this.sockets.har.write(this.sockets.path);
      await this.sockets.har.detach();
    }
    await this.context.close().catch(() => {});
    writeFileSync(this.consolePath, this.lines.join('\n') + '\n');
  }
}

function clock(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** One console message as a developer's saved console shows it: time, text, source file:line. */
function consoleLine(m: ConsoleMessage): string {
  const loc = m.location();
  const where = loc.url ? `  ${basename(loc.url.split('?')[0]) || loc.url}:${loc.lineNumber + 1}` : '';
  const level = m.type() === 'error' ? '[error] ' : m.type() === 'warning' ? '[warn] ' : '';
  return `${clock()} ${level}${m.text()}${where}`;
}
