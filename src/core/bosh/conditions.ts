import { explainBoshCondition } from '../describe/bosh-conditions';
import { l10n } from '../l10n';
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
  if (!condition) return new BoshTerminated('server-terminate', l10n.t('the connection manager ended the session (no condition given)'));
  let words = explainBoshCondition(condition);
  // The <body> carries the stream error that says why (conflict, system-shutdown, policy-violation…).
  if (condition === 'remote-stream-error' && context.streamError) {
    words = l10n.t('the XMPP server ended the stream with a stream error: {0}', streamErrorWords(context.streamError));
  }
  if (condition === 'item-not-found' && context.inactivity) {
    words = l10n.t('the server no longer knows this session: it timed out after {0} s of inactivity, was terminated, or the server restarted', context.inactivity);
  }
  return new BoshTerminated(condition, `${condition}: ${words}`);
}

export function terminateFromStatus(status: number, context: { inactivity?: number }): BoshTerminated {
  const condition = HTTP_STATUS_CONDITIONS[status];
  if (condition) {
    const t = terminateFromBody(condition, context);
    return new BoshTerminated(condition, l10n.t('HTTP {0} (legacy error binding) — {1}', status, t.message));
  }
  return new BoshTerminated(
    'undefined-condition',
    l10n.t('HTTP {0}: the URL answered, but not as a BOSH connection manager (check the path, e.g. /http-bind/, and any proxy in between)', status),
  );
}

/** XEP-0124 §17.1: a recoverable error; the client resends what was not answered. */
export function recoverableErrorWords(): string {
  return l10n.t("type='error' (recoverable binding error): the connection manager could not handle a request but the session lives on, so the unanswered requests are resent with their original rid");
}
