import { l10n } from '../l10n';
import type { Moment, Session } from '../sessions/model';
import { durationText } from '../sessions/moment';
import type { CauseChoice } from './end-cause';
import type { Placer } from './merge';
import type { AgentLogout } from './finesse-chain';

/** The time of day as the session's own files write it (`00:16:04`), or its stamp. */
export function clockText(m: Moment | undefined): string {
  if (!m) return l10n.t('an unknown time');
  const s = m.stamp ?? (m.time !== undefined ? new Date(m.time).toISOString() : undefined);
  if (!s) return l10n.t('an unknown time');
  const t = /(\d{2}:\d{2}:\d{2})/.exec(s);
  return t ? t[1] : s;
}

/** Words that name the evidence: what ended the session, when, and what came before and after it. */
export function explain(s: Session, choice: CauseChoice, idle: { ms: number; from?: Moment; to?: Moment } | undefined, logout: AgentLogout | undefined, place: Placer): string {
  const ws = s.transport === 'websocket';
  const named = ws ? l10n.t('WebSocket session {0}', s.sid) : l10n.t('Session {0}', s.sid);
  const who = s.jid ? l10n.t('{0} ({1})', named, s.jid) : named;
  const sig = choice.signal;
  const at = sig ? clockText(place.moment(sig.mark)) : undefined;
  const inactivity = s.params.inactivity !== undefined ? l10n.t(' (inactivity {0} s)', s.params.inactivity) : '';
  const parts: string[] = [];
  switch (choice.cause) {
    case 'inactivity-timeout': {
      if (choice.inferred) {
        const secs = durationText(choice.inferred.ms);
        parts.push(
          l10n.t(
            "{0} was most likely closed by the server for inactivity: the server held no request of the client for {1}{2}, from the answer at {3} until the request at {4}, which found it gone ({5}). No server log here records the close; the server's log would confirm it.",
            who, secs, inactivity, clockText(choice.inferred.from), at!, sig!.words,
          ),
        );
        break;
      }
      if (idle?.from) parts.push(l10n.t("{0} was closed by the server for inactivity at {1}: the client's last request was answered at {2} and no other came for {3}{4}.", who, at!, clockText(idle.from), durationText(idle.ms), inactivity));
      else if (s.lastResponse) parts.push(l10n.t('{0} was closed by the server for inactivity at {1}: the last answer was at {2}{3}.', who, at!, clockText(s.lastResponse), inactivity));
      else parts.push(l10n.t('{0} was closed by the server for inactivity at {1}.', who, at!));
      break;
    }
    case 'unknown-session':
      parts.push(l10n.t('{0} was no longer known to the server at {1}: {2}. Its earlier end is not in these files: the server restarted, reaped it earlier, or the request reached another cluster node.', who, at!, sig!.words));
      break;
    case 'client-logout':
      parts.push(l10n.t('{0} ended normally: {1} at {2}.', who, sig!.words, at!));
      break;
    case 'auth-failed':
      parts.push(l10n.t('{0} never logged in: {1} at {2}. Check the user name and password (for Finesse, the agent id and its password).', who, sig!.words, at!));
      break;
    case 'rid-out-of-window':
      parts.push(l10n.t('{0} was ended by the server at {1}: {2}. The client skipped request ids or resent a request the server had already forgotten.', who, at!, sig!.words));
      break;
    case 'conflict':
      parts.push(l10n.t('{0} was replaced at {1}: {2}. Another tab, desktop or client logged in as the same user and resource.', who, at!, sig!.words));
      break;
    case 'policy-violation': {
      const { requests, polling } = s.params;
      const limits = requests === undefined ? '' : polling !== undefined ? l10n.t(' (requests {0}, polling {1} s)', requests, polling) : l10n.t(' (requests {0})', requests);
      parts.push(l10n.t('{0} was ended by the server at {1}: {2}{3}.', who, at!, sig!.words, limits));
      break;
    }
    case 'server-shutdown':
      parts.push(l10n.t('{0} ended when the server went away at {1}: {2}.', who, at!, sig!.words));
      break;
    case 'http-error':
      parts.push(
        ws
          ? l10n.t('{0} ended at {1}: {2}. Something between the client and the server (a proxy, a load balancer, a wrong URL) answered instead of the WebSocket service.', who, at!, sig!.words)
          : l10n.t('{0} ended at {1}: {2}. Something between the client and the server (a proxy, a load balancer, a wrong URL) answered instead of the BOSH service.', who, at!, sig!.words),
      );
      break;
    case 'network':
      parts.push(l10n.t('{0}: from {1} {2}. The client could not reach the server (network down, a sleeping PC, a proxy timing out).', who, at!, sig!.words));
      break;
    case 'open': {
      const last = !s.lastRequest ? '' : ws ? l10n.t(' (last frame from the client at {0})', clockText(s.lastRequest)) : l10n.t(' (last request at {0})', clockText(s.lastRequest));
      parts.push(l10n.t('{0} is still open where the evidence ends{1}: {2}.', who, last, choice.words ?? ''));
      break;
    }
    case 'unknown':
      if (sig) parts.push(l10n.t('{0} ended at {1}: {2}.', who, at!, sig.words));
      else if (s.lastResponse) parts.push(l10n.t('No file here says how {0} ended: the last answer was at {1}; {2}.', who, clockText(s.lastResponse), choice.words ?? ''));
      else parts.push(l10n.t('No file here says how {0} ended; {1}.', who, choice.words ?? ''));
      break;
  }
  if (logout) {
    const how = logout.reason ? l10n.t('{0}, reason code {1}', logout.how, logout.reason) : logout.how;
    const when = clockText(logout);
    parts.push(
      logout.time !== undefined && sig?.utc !== undefined
        ? l10n.t('{0} later Finesse logged agent {1} out ({2}) at {3}.', durationText(logout.time - sig.utc), logout.agent, how, when)
        : l10n.t('Finesse logged agent {0} out ({1}) at {2}.', logout.agent, how, when),
    );
  }
  // A BOSH client's next request tells the session was gone; a WebSocket has no next request.
  const next = s.transport === 'bosh' ? choice.after.find((a) => a.cause === 'unknown-session' || a.authority >= 3) : undefined;
  if (next && choice.cause !== 'unknown-session' && choice.cause !== 'client-logout' && !choice.inferred) parts.push(l10n.t("The client's next request, at {0}, found it gone: {1}.", clockText(place.moment(next.mark)), next.words));
  return parts.join(' ');
}
