import type { Moment, Session } from '../sessions/model';
import { durationText } from '../sessions/moment';
import type { CauseChoice } from './end-cause';
import type { Placer } from './merge';
import type { AgentLogout } from './finesse-chain';

/** The time of day as the session's own files write it (`00:16:04`), or its stamp. */
export function clockText(m: Moment | undefined): string {
  if (!m) return 'an unknown time';
  const s = m.stamp ?? (m.time !== undefined ? new Date(m.time).toISOString() : undefined);
  if (!s) return 'an unknown time';
  const t = /(\d{2}:\d{2}:\d{2})/.exec(s);
  return t ? t[1] : s;
}

/** Words that name the evidence: what ended the session, when, and what came before and after it. */
export function explain(s: Session, choice: CauseChoice, idle: { ms: number; from?: Moment; to?: Moment } | undefined, logout: AgentLogout | undefined, place: Placer): string {
  const who = `${s.transport === 'websocket' ? 'WebSocket session' : 'Session'} ${s.sid}${s.jid ? ` (${s.jid})` : ''}`;
  const sig = choice.signal;
  const at = sig ? clockText(place.moment(sig.mark)) : undefined;
  const inactivity = s.params.inactivity !== undefined ? ` (inactivity ${s.params.inactivity} s)` : '';
  const parts: string[] = [];
  switch (choice.cause) {
    case 'inactivity-timeout': {
      if (choice.inferred) {
        const secs = durationText(choice.inferred.ms);
        parts.push(`${who} was most likely closed by the server for inactivity: the server held no request of the client for ${secs}${inactivity}, from the answer at ${clockText(choice.inferred.from)} until the request at ${at}, which found it gone (${sig!.words}). No server log here records the close; the server's log would confirm it.`);
        break;
      }
      let line = `${who} was closed by the server for inactivity at ${at}`;
      if (idle?.from) line += `: the client's last request was answered at ${clockText(idle.from)} and no other came for ${durationText(idle.ms)}${inactivity}`;
      else if (s.lastResponse) line += `: the last answer was at ${clockText(s.lastResponse)}${inactivity}`;
      parts.push(line + '.');
      break;
    }
    case 'unknown-session':
      parts.push(`${who} was no longer known to the server at ${at}: ${sig!.words}. Its earlier end is not in these files: the server restarted, reaped it earlier, or the request reached another cluster node.`);
      break;
    case 'client-logout':
      parts.push(`${who} ended normally: ${sig!.words} at ${at}.`);
      break;
    case 'auth-failed':
      parts.push(`${who} never logged in: ${sig!.words} at ${at}. Check the user name and password (for Finesse, the agent id and its password).`);
      break;
    case 'rid-out-of-window':
      parts.push(`${who} was ended by the server at ${at}: ${sig!.words}. The client skipped request ids or resent a request the server had already forgotten.`);
      break;
    case 'conflict':
      parts.push(`${who} was replaced at ${at}: ${sig!.words}. Another tab, desktop or client logged in as the same user and resource.`);
      break;
    case 'policy-violation':
      parts.push(`${who} was ended by the server at ${at}: ${sig!.words}${s.params.requests !== undefined ? ` (requests ${s.params.requests}${s.params.polling !== undefined ? `, polling ${s.params.polling} s` : ''})` : ''}.`);
      break;
    case 'server-shutdown':
      parts.push(`${who} ended when the server went away at ${at}: ${sig!.words}.`);
      break;
    case 'http-error':
      parts.push(`${who} ended at ${at}: ${sig!.words}. Something between the client and the server (a proxy, a load balancer, a wrong URL) answered instead of the ${s.transport === 'websocket' ? 'WebSocket' : 'BOSH'} service.`);
      break;
    case 'network':
      parts.push(`${who}: from ${at} ${sig!.words}. The client could not reach the server (network down, a sleeping PC, a proxy timing out).`);
      break;
    case 'open':
      parts.push(`${who} is still open where the evidence ends${s.lastRequest ? ` (last ${s.transport === 'websocket' ? 'frame from the client' : 'request'} at ${clockText(s.lastRequest)})` : ''}: ${choice.words}.`);
      break;
    case 'unknown':
      parts.push(sig ? `${who} ended at ${at}: ${sig.words}.` : `No file here says how ${who} ended${s.lastResponse ? `: the last answer was at ${clockText(s.lastResponse)}` : ''}; ${choice.words}.`);
      break;
  }
  if (logout) {
    const gap = logout.time !== undefined && sig?.utc !== undefined ? `${durationText(logout.time - sig.utc)} later ` : '';
    parts.push(`${gap}Finesse logged agent ${logout.agent} out (${logout.how}${logout.reason ? `, reason code ${logout.reason}` : ''}) at ${clockText(logout)}.`);
  }
  // A BOSH client's next request tells the session was gone; a WebSocket has no next request.
  const next = s.transport === 'bosh' ? choice.after.find((a) => a.cause === 'unknown-session' || a.authority >= 3) : undefined;
  if (next && choice.cause !== 'unknown-session' && choice.cause !== 'client-logout' && !choice.inferred) parts.push(`The client's next request, at ${clockText(place.moment(next.mark))}, found it gone: ${next.words}.`);
  return parts.join(' ');
}
