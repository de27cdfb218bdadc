import type { EndCause } from './model';

/** The end cause a XEP-0124 §17 terminal condition means, when nothing better says why. */
export const CAUSE_OF_BOSH_CONDITION: Readonly<Record<string, EndCause>> = {
  'item-not-found': 'unknown-session',
  'policy-violation': 'policy-violation',
  'system-shutdown': 'server-shutdown',
  'remote-connection-failed': 'server-shutdown',
  'host-gone': 'server-shutdown',
  'remote-stream-error': 'server-shutdown',
  'internal-server-error': 'server-shutdown',
  'other-request': 'unknown',
  'bad-request': 'unknown',
  'host-unknown': 'unknown',
  'improper-addressing': 'unknown',
  'see-other-uri': 'unknown',
  'undefined-condition': 'unknown',
};

/** The end cause of an XMPP stream error (RFC 6120 §4.9.3) carried inside a BOSH body. */
export const CAUSE_OF_STREAM_ERROR: Readonly<Record<string, EndCause>> = {
  conflict: 'conflict',
  'policy-violation': 'policy-violation',
  'system-shutdown': 'server-shutdown',
  'connection-timeout': 'inactivity-timeout',
  'not-authorized': 'auth-failed',
  'host-gone': 'server-shutdown',
  'remote-connection-failed': 'server-shutdown',
  'internal-server-error': 'server-shutdown',
  reset: 'server-shutdown',
};

/** The end cause of a legacy HTTP error binding status (XEP-0124 §17.3) or any other failing status. */
export function causeOfStatus(status: number): EndCause {
  if (status === 0) return 'network';
  if (status === 404) return 'unknown-session';
  if (status === 403) return 'policy-violation';
  return 'http-error';
}
