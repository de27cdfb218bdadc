import { explainBoshCondition } from '../describe/bosh-conditions';
import { streamErrorWords } from '../xmpp/stream-error';
import { TransportEnded } from '../xmpp/transport';

/**
 * The legacy HTTP error binding of XEP-0124 §17.3: older connection managers (and some
 * proxies in front of Finesse) answer with a status code instead of a terminate body.
 */
const HTTP_STATUS_CONDITIONS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  403: 'policy-violation',
  404: 'item-not-found',
};

/** Why a BOSH session ended (an XEP-0124 §17.2 condition, or one of ours), in the words a person troubleshooting it needs. */
export class BoshTerminated extends TransportEnded {
  override name = 'BoshTerminated';

  get recoverable(): boolean {
    return ['connection-lost', 'item-not-found', 'remote-connection-failed', 'system-shutdown', 'internal-server-error', 'other-request'].includes(this.condition);
  }
}

export function terminateFromBody(condition: string | undefined, context: { inactivity?: number; streamError?: { condition: string; text?: string } }): BoshTerminated {
  if (!condition) return new BoshTerminated('server-terminate', 'the connection manager ended the session (no condition given)');
  let words = explainBoshCondition(condition);
  // The <body> carries the stream error that says why (conflict, system-shutdown, policy-violation…).
  if (condition === 'remote-stream-error' && context.streamError) {
    words = `the XMPP server ended the stream with a stream error: ${streamErrorWords(context.streamError)}`;
  }
  if (condition === 'item-not-found' && context.inactivity) {
    words = `the server no longer knows this session: it timed out after ${context.inactivity} s of inactivity, was terminated, or the server restarted`;
  }
  return new BoshTerminated(condition, `${condition}: ${words}`);
}

export function terminateFromStatus(status: number, context: { inactivity?: number }): BoshTerminated {
  const condition = HTTP_STATUS_CONDITIONS[status];
  if (condition) {
    const t = terminateFromBody(condition, context);
    return new BoshTerminated(condition, `HTTP ${status} (legacy error binding) — ${t.message}`);
  }
  return new BoshTerminated(
    'undefined-condition',
    `HTTP ${status}: the URL answered, but not as a BOSH connection manager (check the path, e.g. /http-bind/, and any proxy in between)`,
  );
}

/** XEP-0124 §17.1: a recoverable error; the client resends what was not answered. */
export const RECOVERABLE_ERROR_WORDS =
  "type='error' (recoverable binding error): the connection manager could not handle a request but the session lives on, so the unanswered requests are resent with their original rid";
