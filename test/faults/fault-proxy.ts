// An HTTP proxy of ours between the BOSH client and a real Prosody, injecting one fault into
// the requests a scenario picks: what broken networks, proxies and servers really do.
import * as http from 'node:http';
import { freePort } from '../support/processes';

export const FAULTS = [
  'drop-response',
  'reset-before',
  'reset-after',
  'html-404',
  'html-500',
  'html-502',
  'truncate',
  'invalid-xml',
  'delay-past-wait',
  'stall',
  'duplicate-request',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Which fault, if any, the n-th request of a session (0 = the first after its creation) gets. */
export type FaultPlan = (n: number, body: string) => Fault | undefined;

const HTML = (status: number, words: string) =>
  `<!DOCTYPE html><html><head><title>${status} ${words}</title></head><body><h1>${words}</h1><hr><address>nginx</address></body></html>`;

export class FaultProxy {
  port = 0;
  /** Faults injected so far, by kind. */
  readonly injected = new Map<Fault, number>();
  private server?: http.Server;
  private n = 0;
  private readonly held = new Set<http.ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly targetPort: number,
    private readonly plan: FaultPlan,
    private readonly opts: { delayMs: number },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/http-bind`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => void this.handle(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const text = body.toString('utf8');
    // Session creation goes through untouched: each scenario is about a session that exists.
    const fault = / sid=["']/.test(text) ? this.plan(this.n++, text) : undefined;
    if (fault) this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    switch (fault) {
      case 'reset-before':
        return void req.socket.resetAndDestroy();
      case 'html-404':
        return void res.writeHead(404, { 'Content-Type': 'text/html' }).end(HTML(404, 'Not Found'));
      case 'html-500':
        return void res.writeHead(500, { 'Content-Type': 'text/html' }).end(HTML(500, 'Internal Server Error'));
      case 'html-502':
        return void res.writeHead(502, { 'Content-Type': 'text/html' }).end(HTML(502, 'Bad Gateway'));
    }
    let answer: { status: number; type: string; body: Buffer };
    try {
      answer = await this.forward(req, body);
      // A proxy retrying a request that did get through: the server sees the rid twice.
      if (fault === 'duplicate-request') answer = await this.forward(req, body);
    } catch {
      return void req.socket.destroy();
    }
    switch (fault) {
      case 'drop-response':
        return void req.socket.destroy();
      case 'reset-after':
        return void req.socket.resetAndDestroy();
      case 'truncate':
        res.writeHead(answer.status, { 'Content-Type': answer.type, 'Content-Length': answer.body.length });
        res.write(answer.body.subarray(0, Math.max(1, answer.body.length >> 1)));
        return void setTimeout(() => req.socket.destroy(), 20);
      case 'invalid-xml':
        return void res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(answer.body.subarray(0, Math.max(1, answer.body.length - 9)));
      case 'delay-past-wait': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.reply(res, answer);
        }, this.opts.delayMs);
        this.timers.add(timer);
        return;
      }
      case 'stall':
        // Never answered; the connection stays open, as behind a hung proxy or a dead NAT mapping.
        this.held.add(res);
        return;
    }
    this.reply(res, answer);
  }

  private reply(res: http.ServerResponse, a: { status: number; type: string; body: Buffer }): void {
    if (res.destroyed) return;
    res.writeHead(a.status, { 'Content-Type': a.type, 'Content-Length': a.body.length }).end(a.body);
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; type: string; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const up = http.request({ host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: { 'content-type': req.headers['content-type'] ?? 'text/xml', 'content-length': body.length } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 502, type: String(r.headers['content-type'] ?? 'text/xml'), body: Buffer.concat(chunks) }));
        r.on('error', reject);
      });
      up.on('error', reject);
      up.end(body);
    });
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const r of this.held) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
