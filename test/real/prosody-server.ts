// The private Prosody of the live tests (test/live/prosody.ts), set up for the real-server
// scenarios: debug logging (every BOSH request body, the session lifecycle) into a file of the
// scenario's choosing, and a short bosh_max_inactivity.
import { ADMIN, AGENT, DOMAIN, Prosody, PUBSUB } from '../live/prosody';

export { ADMIN, AGENT, DOMAIN, PUBSUB };

export interface RealProsodyOptions {
  /** bosh_max_inactivity in seconds. */
  inactivity: number;
  /** The log file, kept across restarts. */
  logFile: string;
}

export function realProsody(opts: RealProsodyOptions): Prosody {
  return new Prosody({ inactivity: opts.inactivity, logLevel: 'debug', logFile: opts.logFile });
}
