import type { IncidentParts, LooseNote } from '../sessions/incident-parts';
import type { Moment, Place, Session } from '../sessions/model';
import type { Placer } from './merge';

/** Finesse logging an agent out: the PRESENCE_DRIVEN_LOGOUT line and the reason code sent to the CTI server. */
export interface AgentLogout extends Moment, Place {
  agent: string;
  reason?: string;
  how: string;
  text: string;
}

/** How far before a logout the reason code's line may stand, or after. */
const REASON_WINDOW_MS = 120_000;
/** How long after a session's end Finesse's lines about its agent still belong to it. */
const AGENT_WINDOW_MS = 15 * 60_000;

/** Every agent Finesse logged out: a presence-driven logout, or a LOGOUT with a reason code sent to or from the CTI server. */
export function agentLogouts(parts: IncidentParts, place: Placer): AgentLogout[] {
  const forced = parts.looseNotes.get('forced-logout')?.toArray() ?? [];
  const states = parts.looseNotes.get('agent-state')?.toArray() ?? [];
  const out: AgentLogout[] = [];
  const used = new Set<LooseNote>();
  for (const f of forced) {
    const agent = f.note.agent!;
    const t = place.utc(f.mark);
    const reasonNote = states.find((s) => s.note.agent === agent && s.note.reason && near(place.utc(s.mark), t)) ?? states.find((s) => !s.note.agent && s.note.reason && s.mark.file === f.mark.file && Math.abs(s.mark.line - f.mark.line) < 20);
    if (reasonNote) used.add(reasonNote);
    out.push({ ...place.moment(f.mark), agent, how: 'PRESENCE_DRIVEN_LOGOUT', text: f.text, ...(reasonNote?.note.reason ? { reason: reasonNote.note.reason } : {}) });
  }
  // A logout request to the CTI server without a presence-driven line before it (agentstate 1 is LOGOUT).
  for (const s of states) {
    if (used.has(s) || !s.note.agent || !isLogoutState(s.note.state)) continue;
    if (out.some((o) => o.agent === s.note.agent && near(o.time, place.utc(s.mark)))) continue;
    out.push({ ...place.moment(s.mark), agent: s.note.agent, how: 'agent state LOGOUT', text: s.text, ...(s.note.reason ? { reason: s.note.reason } : {}) });
  }
  return out;
}

function isLogoutState(state: string | undefined): boolean {
  return state === '1' || (state !== undefined && /LOGOUT/.test(state));
}

function near(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= REASON_WINDOW_MS;
}

/**
 * The session a Finesse line about an agent belongs to: the agent's session that ended
 * last before it (within a window), or that was alive at the time; by agent id or JID.
 */
export function sessionOfAgent(agent: string, time: number | undefined, sessions: Session[]): Session | undefined {
  const mine = sessions.filter((s) => s.agent === agent || s.jid?.split('@')[0] === agent);
  if (mine.length <= 1 || time === undefined) return mine[mine.length - 1];
  let best: Session | undefined;
  for (const s of mine) {
    const start = s.start?.time;
    const end = s.end?.time;
    if (start !== undefined && start > time) continue;
    if (end !== undefined && time - end > AGENT_WINDOW_MS) continue;
    if (!best || (start ?? 0) > (best.start?.time ?? 0)) best = s;
  }
  return best ?? mine[mine.length - 1];
}
