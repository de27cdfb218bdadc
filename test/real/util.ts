// Small helpers shared by the real-server harness: free loopback ports and bounded waits.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is true; after `timeoutMs` throws the message `describe` gives. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(describe());
    await sleep(everyMs);
  }
}
