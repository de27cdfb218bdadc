// A private Prosody for the live tests and the bench: its own config, data and certificate
// in a temp dir, loopback ports only, stopped by pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { freePort, stopProcess } from '../support/processes';

export const DOMAIN = 'localhost';
/** A second host hashing passwords with SHA-1, so the server offers SCRAM-SHA-1 there. */
export const SHA1_DOMAIN = 'sha1.localhost';
export const PUBSUB = 'pubsub.localhost';
export const ADMIN = { user: 'publisher', password: 'publisher-pass' };
export const AGENT = { user: '1001', password: 'agent-pass-1001' };

export interface ProsodyOptions {
  /** Seconds of silence after which Prosody drops a BOSH session (its bosh_max_inactivity). */
  inactivity?: number;
  /** Lowest level Prosody writes to its log file ('info' unless told); 'debug' logs every BOSH request body. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where Prosody writes its log (prosody.log in its temp dir unless told); kept across restarts. */
  logFile?: string;
}

export class Prosody {
  readonly dir: string;
  httpPort = 0;
  httpsPort = 0;
  readonly certFile: string;
  readonly keyFile: string;
  private child?: ChildProcess;
  private log = '';

  constructor(private readonly opts: ProsodyOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-prosody-'));
    this.certFile = join(this.dir, 'localhost.crt');
    this.keyFile = join(this.dir, 'localhost.key');
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.httpPort}/http-bind`;
  }

  get httpsUrl(): string {
    return `https://localhost:${this.httpsPort}/http-bind`;
  }

  /** mod_websocket (RFC 7395) on the same HTTP port. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.httpPort}/xmpp-websocket`;
  }

  get wssUrl(): string {
    return `wss://localhost:${this.httpsPort}/xmpp-websocket`;
  }

  get fingerprint(): string {
    return new X509Certificate(readFileSync(this.certFile)).fingerprint256;
  }

  /** The file Prosody logs to. */
  get logPath(): string {
    return this.opts.logFile ?? join(this.dir, 'prosody.log');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (!which('prosody')) {
      throw new Error("the live tests need Prosody: install it with 'apt-get install prosody lua-unbound' (.ci/run does this)");
    }
    if (!this.httpPort) {
      this.httpPort = await freePort();
      this.httpsPort = await freePort();
      this.makeCertificate();
      this.writeConfig();
      this.register(ADMIN.user, DOMAIN, ADMIN.password);
      this.register(AGENT.user, DOMAIN, AGENT.password);
      this.register(AGENT.user, SHA1_DOMAIN, AGENT.password);
    }
    await this.launch();
  }

  private makeCertificate(): void {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-keyout', this.keyFile, '-out', this.certFile,
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'pipe' });
  }

  private writeConfig(): void {
    const cfg = `
run_as_root = true
pidfile = "${this.dir}/prosody.pid"
data_path = "${this.dir}/data"
log = { { levels = { min = "${this.opts.logLevel ?? 'info'}" }, to = "file", filename = "${this.logPath}" } }
plugin_paths = {}
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "bosh"; "websocket"; "posix"; "presence"; "message"; "iq" }
modules_disabled = { "s2s"; "tls" }
interfaces = { "127.0.0.1" }
c2s_ports = {}
s2s_ports = {}
component_ports = {}
http_ports = { ${this.httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { ${this.httpsPort} }
https_interfaces = { "127.0.0.1" }
https_ssl = { certificate = "${this.certFile}"; key = "${this.keyFile}" }
consider_bosh_secure = true
consider_websocket_secure = true
allow_unencrypted_plain_auth = true
c2s_require_encryption = false
bosh_max_inactivity = ${this.opts.inactivity ?? 60}
storage = "internal"
authentication = "internal_hashed"
admins = { "${ADMIN.user}@${DOMAIN}" }
statistics = nil

VirtualHost "${DOMAIN}"
  password_hash = "SHA-256"

VirtualHost "${SHA1_DOMAIN}"
  password_hash = "SHA-1"

Component "${PUBSUB}" "pubsub"
  admins = { "${ADMIN.user}@${DOMAIN}" }
  pubsub_max_items = 1000
`;
    writeFileSync(join(this.dir, 'prosody.cfg.lua'), cfg);
  }

  register(user: string, host: string, password: string): void {
    execFileSync('prosodyctl', ['--config', join(this.dir, 'prosody.cfg.lua'), 'register', user, host, password], { stdio: 'pipe' });
  }

  private async launch(): Promise<void> {
    const child = spawn('prosody', ['--config', join(this.dir, 'prosody.cfg.lua'), '-F'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`prosody exited with code ${code} while starting:\n${this.log}${this.fileLog()}`))),
    );
    await Promise.race([waitForBosh(this.httpUrl), exited]);
    child.removeAllListeners('exit');
  }

  private fileLog(): string {
    const f = this.logPath;
    return existsSync(f) ? readFileSync(f, 'utf8').slice(-3000) : '';
  }

  /** SIGTERM (what a service restart does): Prosody closes held requests without answering. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopProcess(this.child, signal, 5000);
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}


async function waitForBosh(url: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(url, { method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Prosody did not answer on ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
