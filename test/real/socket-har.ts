// Records a page's WebSocket connections from the DevTools protocol and writes them as a HAR of
// the Chromium DevTools shape: one entry per connection (GET ws://…, status 101, _resourceType
// 'websocket'), its frames under _webSocketMessages as DevTools' HAR writer has them
// ({type: 'send'|'receive'|'error', time: wall-clock seconds, opcode, data}, error frames with
// opcode -1), and DevTools' timings for a request without resource timing (wait until the
// handshake's answer, receive until the socket closed). Playwright's own HAR writes no frames.
import { writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

interface Frame {
  type: 'send' | 'receive' | 'error';
  time: number;
  opcode: number;
  data: string;
}

interface Socket {
  url: string;
  initiator?: { type: string };
  /** Monotonic seconds and wall-clock seconds of the handshake request, to place frames in wall time. */
  issued?: number;
  wall?: number;
  requestHeaders: Record<string, string>;
  status?: number;
  statusText?: string;
  responseHeaders: Record<string, string>;
  answered?: number;
  closed?: number;
  frames: Frame[];
}

const headerList = (h: Record<string, string>) => Object.entries(h).flatMap(([name, value]) => String(value).split('\n').map((v) => ({ name, value: v })));

export class SocketHar {
  private readonly sockets = new Map<string, Socket>();
  private readonly order: string[] = [];

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<SocketHar> {
    const cdp = await context.newCDPSession(page);
    const rec = new SocketHar(cdp);
    cdp.on('Network.webSocketCreated', (e) => {
      rec.sockets.set(e.requestId, { url: e.url, initiator: e.initiator ? { type: e.initiator.type } : undefined, requestHeaders: {}, responseHeaders: {}, frames: [] });
      rec.order.push(e.requestId);
    });
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
      const s = rec.sockets.get(e.requestId);
      if (!s) return;
      s.issued = e.timestamp;
      s.wall = e.wallTime;
      s.requestHeaders = e.request.headers as Record<string, string>;
    });
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
      const s = rec.sockets.get(e.requestId);
      if (!s) return;
      s.status = e.response.status;
      s.statusText = e.response.statusText;
      s.responseHeaders = e.response.headers as Record<string, string>;
      s.answered = e.timestamp;
    });
    const frame = (type: 'send' | 'receive') => (e: { requestId: string; timestamp: number; response: { opcode: number; payloadData: string } }) => {
      const s = rec.sockets.get(e.requestId);
      if (s) s.frames.push({ type, time: rec.wallOf(s, e.timestamp), opcode: e.response.opcode, data: e.response.payloadData });
    };
    cdp.on('Network.webSocketFrameSent', frame('send'));
    cdp.on('Network.webSocketFrameReceived', frame('receive'));
    cdp.on('Network.webSocketFrameError', (e) => {
      const s = rec.sockets.get(e.requestId);
      if (s) s.frames.push({ type: 'error', time: rec.wallOf(s, e.timestamp), opcode: -1, data: e.errorMessage });
    });
    cdp.on('Network.webSocketClosed', (e) => {
      const s = rec.sockets.get(e.requestId);
      if (s) s.closed = e.timestamp;
    });
    await cdp.send('Network.enable');
    return rec;
  }

  /** DevTools' pseudo wall time: the handshake's wall clock plus the monotonic time since. */
  private wallOf(s: Socket, timestamp: number): number {
    return s.wall !== undefined && s.issued !== undefined ? s.wall + (timestamp - s.issued) : Date.now() / 1000;
  }

  get count(): number {
    return this.order.length;
  }

  write(path: string): void {
    const entries = this.order.map((id) => {
      const s = this.sockets.get(id)!;
      const ms = (a?: number, b?: number) => (a !== undefined && b !== undefined ? (b - a) * 1000 : 0);
      const wait = ms(s.issued, s.answered);
      const receive = Math.max(ms(s.answered, s.closed), 0);
      return {
        _initiator: s.initiator ?? { type: 'other' },
        _priority: 'Low',
        _resourceType: 'websocket',
        _webSocketMessages: s.frames,
        cache: {},
        request: { method: 'GET', url: s.url, httpVersion: 'HTTP/1.1', headers: headerList(s.requestHeaders), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
        response: {
          status: s.status ?? 0,
          statusText: s.statusText ?? '',
          httpVersion: 'HTTP/1.1',
          headers: headerList(s.responseHeaders),
          cookies: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          _transferSize: 0,
          _error: null,
        },
        serverIPAddress: new URL(s.url).hostname,
        startedDateTime: new Date((s.wall ?? Date.now() / 1000) * 1000).toISOString(),
        time: wait + receive,
        timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait, receive, _blocked_queueing: -1 },
      };
    });
    const har = { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } };
    writeFileSync(path, JSON.stringify(har, null, 2) + '\n');
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}
