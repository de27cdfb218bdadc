// A private Prosody for a benchmark, killed with its files when the process ends, even when a client fails.
import { rmSync } from 'node:fs';
import { Prosody } from '../test/live/prosody.ts';

export async function privateProsody(options = {}) {
  const prosody = new Prosody(options);
  await prosody.start();
  process.on('exit', () => {
    try {
      if (prosody.pid) process.kill(prosody.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(prosody.dir, { recursive: true, force: true });
  });
  return prosody;
}
