// A private ejabberd for the real-server scenarios: its own config, log folder and Mnesia spool in
// a temp dir, one HTTP listener on a free loopback port serving mod_bosh (and mod_http_api, from
// loopback only, to register the test users), debug logging, stopped by pid.
//
// It runs the Erlang VM directly, as `ejabberdctl foreground` would but without Erlang
// distribution: ejabberdctl switches to the `ejabberd` system user when run as root and names
// the node ejabberd@localhost, which could clash with the system service; here nothing but the
// HTTP port is opened, and the VM is our own child process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntil } from '../support/processes';

export const EJABBERD_DOMAIN = 'localhost';
const ERL_LIBS = '/usr/lib/x86_64-linux-gnu';

export interface EjabberdOptions {
  /** mod_bosh max_inactivity, in seconds (30 unless told). */
  inactivity?: number;
  /** ejabberd's loglevel ('debug' unless told): at debug it logs every BOSH body it reads and writes. */
  logLevel?: 'debug' | 'info' | 'warning' | 'error';
  /** Folder for ejabberd.log and error.log (the temp dir's logs/ unless told); kept across restarts. */
  logDir?: string;
  /**
   * A second listener with TLS (a self-signed certificate for localhost) serving BOSH, WebSocket and
   * XEP-0156 host-meta (mod_host_meta, which answers over TLS only), at `httpsOrigin`.
   */
  hostMeta?: boolean;
}

export class Ejabberd {
  readonly dir: string;
  readonly spool: string;
  readonly logDir: string;
  httpPort = 0;
  /** The TLS listener's port when `hostMeta` is on. */
  httpsPort = 0;
  private child?: ChildProcess;
  private out = '';

  constructor(private readonly opts: EjabberdOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-ejabberd-'));
    this.spool = join(this.dir, 'spool');
    this.logDir = opts.logDir ?? join(this.dir, 'logs');
    mkdirSync(this.spool, { recursive: true });
    mkdirSync(this.logDir, { recursive: true });
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.httpPort}/http-bind`;
  }

  /** ejabberd_http_ws (RFC 7395) on the same listener. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.httpPort}/ws`;
  }

  /** https://localhost:<port>, where /.well-known/host-meta is served when `hostMeta` is on. */
  get httpsOrigin(): string {
    return `https://localhost:${this.httpsPort}`;
  }

  /** The self-signed certificate (and key) of the TLS listener. */
  get certFile(): string {
    return join(this.dir, 'localhost.pem');
  }

  get logPath(): string {
    return join(this.logDir, 'ejabberd.log');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (!existsSync('/usr/bin/erl') || !hasEjabberdLib()) {
      throw new Error("the real-server scenarios need ejabberd: install it with 'apt-get install ejabberd' (scripts/prerequisites.sh does this)");
    }
    if (!this.httpPort) {
      this.httpPort = await freePort();
      if (this.opts.hostMeta) {
        this.httpsPort = await freePort();
        this.makeCertificate();
      }
      this.writeConfig();
    }
    await this.launch();
  }

  private makeCertificate(): void {
    const key = join(this.dir, 'localhost.key');
    const crt = join(this.dir, 'localhost.crt');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', key, '-out', crt,
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'pipe' });
    // ejabberd's certfiles take the certificate and its key in one PEM.
    writeFileSync(this.certFile, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'));
  }

  private writeConfig(): void {
    // mod_host_meta builds its URLs from the first TLS listener that serves mod_bosh and ejabberd_http_ws.
    const tlsListener = this.opts.hostMeta
      ? `
  -
    port: ${this.httpsPort}
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: true
    request_handlers:
      /http-bind: mod_bosh
      /ws: ejabberd_http_ws
      /.well-known/host-meta: mod_host_meta
      /.well-known/host-meta.json: mod_host_meta`
      : '';
    const cfg = `
loglevel: ${this.opts.logLevel ?? 'debug'}
log_rotate_count: 0
log_rotate_size: infinity
hosts:
  - ${EJABBERD_DOMAIN}
auth_method: internal
auth_password_format: scram
listen:
  -
    port: ${this.httpPort}
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /http-bind: mod_bosh
      /ws: ejabberd_http_ws
      /api: mod_http_api${tlsListener}
${this.opts.hostMeta ? `certfiles:\n  - "${this.certFile}"\n` : ''}acl:
  loopback:
    ip:
      - 127.0.0.0/8
api_permissions:
  "register from loopback":
    from:
      - mod_http_api
    who:
      acl: loopback
    what:
      - register
      - status
access_rules:
  local:
    allow: all
  c2s:
    allow: all
modules:
  mod_bosh:
    max_inactivity: ${this.opts.inactivity ?? 30}
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_http_api: {}
${this.opts.hostMeta ? '  mod_host_meta: {}\n' : ''}`;
    writeFileSync(join(this.dir, 'ejabberd.yml'), cfg);
  }

  private async launch(): Promise<void> {
    this.out = '';
    const child = spawn('erl', ['-noinput', '-noshell', '+K', 'true', '-mnesia', 'dir', `"${this.spool}"`, '-s', 'ejabberd'], {
      cwd: this.spool,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        EJABBERD_CONFIG_PATH: join(this.dir, 'ejabberd.yml'),
        EJABBERD_LOG_PATH: this.logPath,
        ERL_LIBS,
        ERL_CRASH_DUMP: join(this.dir, 'erl_crash.dump'),
        ERL_CRASH_DUMP_BYTES: '0',
        ERL_INETRC: '/etc/ejabberd/inetrc',
        HOME: this.dir,
      },
    });
    this.child = child;
    // The console copy of the log is only kept for error messages: the log file is the record.
    const keep = (d: Buffer) => (this.out = (this.out + d).slice(-6000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let exited: string | undefined;
    child.once('exit', (code, sig) => (exited = `ejabberd exited (${code ?? sig}) while starting:\n${this.out}`));
    await waitUntil(
      async () => {
        if (exited) throw new Error(exited);
        return (await httpStatus(this.httpUrl)) === 200;
      },
      30_000,
      () => `ejabberd did not answer on ${this.httpUrl} within 30 s:\n${this.out.slice(-2000)}`,
    );
  }

  /** Registers a user through mod_http_api (loopback only). */
  async register(user: string, password: string): Promise<void> {
    const body = JSON.stringify({ user, host: EJABBERD_DOMAIN, password });
    const res = await post(`http://127.0.0.1:${this.httpPort}/api/register`, body);
    if (res.status !== 200) throw new Error(`ejabberd refused to register ${user}: ${res.status} ${res.body}`);
  }

  /** SIGTERM: the VM runs init:stop(), ejabberd stops its modules and logs it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopProcess(this.child, signal, 10_000);
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last part of the log, for error messages. */
  tail(chars = 3000): string {
    return existsSync(this.logPath) ? readFileSync(this.logPath, 'utf8').slice(-chars) : this.out.slice(-chars);
  }
}

function hasEjabberdLib(): boolean {
  try {
    return execFileSync('sh', ['-c', `ls -d ${ERL_LIBS}/ejabberd-*`], { stdio: 'pipe' }).length > 0;
  } catch {
    return false;
  }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', timeout: 10_000, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
