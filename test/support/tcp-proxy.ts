// A loopback TCP relay between a client and a real server that can drop or stall its
// connections on demand: a dead NAT mapping, a proxy that hangs, a cable pulled.
import * as net from 'node:net';
import { freePort } from './processes';

export class TcpProxy {
  port = 0;
  private server?: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private stalled = false;

  constructor(private readonly targetPort: number, private readonly targetHost = '127.0.0.1') {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      const forget = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', forget).on('close', forget);
      upstream.on('error', forget).on('close', forget);
      client.on('data', (d) => this.stalled || upstream.write(d));
      upstream.on('data', (d) => this.stalled || client.write(d));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Every open connection cut at once, without a close handshake. */
  drop(): void {
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  /** Bytes in either direction are swallowed from now on; the sockets stay open (a hung path). */
  stall(): void {
    this.stalled = true;
  }

  resume(): void {
    this.stalled = false;
  }

  get connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
