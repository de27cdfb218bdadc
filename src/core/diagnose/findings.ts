import { l10n } from '../l10n';
import type { HeadTail } from '../sessions/bounded';
import type { LooseNote } from '../sessions/incident-parts';
import type { NoteKind } from '../sessions/vocabulary/entry';
import type { Evidence, Finding, FindingKind, Moment, Session, Severity } from '../sessions/model';
import { durationText } from '../sessions/moment';
import type { AgentLogout } from './finesse-chain';
import { clockText } from './explain';
import type { Placer } from './merge';
import type { HeldSecrets } from '../sessions/file-reader';
import { PASSWORD_KINDS, hiddenWord } from '../sasl/hidden';

/** Findings of one kind for one session (or agent, or JID) beyond this many are counted, not listed. */
const MAX_ALIKE = 5;

/** Collects findings, folding the many alike (every undeliverable stanza of an agent) into a count. */
export class FindingList {
  private readonly list: Finding[] = [];
  private readonly alike = new Map<string, Finding[]>();

  add(f: Finding): void {
    const key = `${f.kind}|${f.sid ?? f.agent ?? f.jid ?? ''}`;
    let group = this.alike.get(key);
    if (!group) this.alike.set(key, (group = []));
    if (group.length < MAX_ALIKE) {
      group.push(f);
      this.list.push(f);
    } else {
      const last = group[group.length - 1];
      last.count = (last.count ?? 1) + 1;
    }
  }

  sorted(): Finding[] {
    const byTime = this.list.map((f, i) => ({ f, i }));
    byTime.sort((a, b) => (a.f.time ?? Infinity) - (b.f.time ?? Infinity) || a.i - b.i);
    return byTime.map((x) => x.f);
  }
}

const SESSION_END_SEVERITY: Record<Session['endCause'], Severity> = {
  'client-logout': 'info',
  open: 'info',
  unknown: 'warning',
  'inactivity-timeout': 'error',
  'unknown-session': 'error',
  'auth-failed': 'error',
  'rid-out-of-window': 'error',
  conflict: 'error',
  'policy-violation': 'error',
  'server-shutdown': 'error',
  'http-error': 'error',
  network: 'error',
};

/** The finding that says how a session ended, on the line that shows it. */
export function sessionEndFinding(s: Session, at: Evidence | undefined): Finding {
  const place = at ?? (s.end ? { file: s.end.file, line: s.end.line, text: '' } : { file: s.files[0], line: 1, text: '' });
  const f: Finding = {
    kind: 'session-end',
    severity: SESSION_END_SEVERITY[s.endCause],
    sid: s.sid,
    file: place.file,
    line: place.line,
    message: `${s.endCause}: ${s.explanation}`,
    evidence: at ? [at] : [],
  };
  const when = at && s.end ? s.end : s.end;
  if (when?.time !== undefined) f.time = when.time;
  if (when?.stamp) f.stamp = when.stamp;
  if (s.jid) f.jid = s.jid;
  if (s.agent) f.agent = s.agent;
  return f;
}

/** What the session's own events show: retransmissions, rid gaps, stream and SASL errors, HTTP failures. */
export function sessionFindings(s: Session, out: FindingList): void {
  const base = { sid: s.sid, ...(s.jid ? { jid: s.jid } : {}), ...(s.agent ? { agent: s.agent } : {}) };
  const retrans = s.spans.find((x) => x.retransmission);
  if (retrans) {
    out.add({ ...base, kind: 'retransmission', severity: 'warning', ...retrans.sent, message: s.retransmissions === 1 ? l10n.t('rid {0} was sent again (1 retransmission in the session): an answer was lost or came too late', retrans.rid) : l10n.t('rid {0} was sent again ({1} retransmissions in the session): an answer was lost or came too late', retrans.rid, s.retransmissions), evidence: [] });
  }
  if (s.ridGaps > 0) {
    const gap = firstGap(s);
    if (gap) out.add({ ...base, kind: 'rid-gap', severity: 'warning', ...gap.sent, message: s.ridGaps === 1 ? l10n.t('rid jumped to {0} (1 jump in the session): requests in between never reached this log', gap.rid) : l10n.t('rid jumped to {0} ({1} jumps in the session): requests in between never reached this log', gap.rid, s.ridGaps), evidence: [] });
  }
  for (const e of s.events) {
    const kind = EVENT_FINDINGS[e.kind];
    if (!kind) continue;
    // A client-side failure in a session that lived on was recovered from: a warning.
    const survived = (s.endCause === 'client-logout' || s.endCause === 'open') && e.lane === 'client';
    out.add({ ...base, kind, severity: survived ? 'warning' : (e.severity ?? 'error'), file: e.file, line: e.line, ...(e.time !== undefined ? { time: e.time } : {}), ...(e.stamp ? { stamp: e.stamp } : {}), message: e.text, evidence: [] });
  }
}

const EVENT_FINDINGS: Record<string, FindingKind> = {
  'stream-error': 'stream-error',
  overactivity: 'overactivity',
  'http-error': 'http-error',
  'no-answer': 'http-error',
  cors: 'cors',
  certificate: 'certificate',
  'unknown-sid': 'unknown-session',
};

function firstGap(s: Session) {
  let prev: number | undefined;
  for (const x of s.spans) {
    if (prev !== undefined && x.rid > prev + 1 && !x.retransmission && x.marker !== 'create') return x;
    if (!x.retransmission) prev = Math.max(prev ?? x.rid, x.rid);
  }
  return undefined;
}

/** The time the server held no request of the client beyond its inactivity: the desktop stopped polling. */
export function pollingStoppedFinding(s: Session, idle: { ms: number; from?: Moment; to?: Moment; open: boolean }, at: Evidence, ended: boolean): Finding {
  const inactivity = s.params.inactivity!;
  const until = idle.open ? l10n.t('and none came after it') : l10n.t('until the next request at {0}', clockText(idle.to));
  return {
    kind: 'polling-stopped',
    severity: ended ? 'error' : 'warning',
    sid: s.sid,
    ...(s.jid ? { jid: s.jid } : {}),
    ...(s.agent ? { agent: s.agent } : {}),
    file: at.file,
    line: at.line,
    ...(idle.from?.time !== undefined ? { time: idle.from.time } : {}),
    ...(idle.from?.stamp ? { stamp: idle.from.stamp } : {}),
    message: l10n.t("The client stopped polling: the server held no request for {0} (inactivity {1} s), from the answer at {2} {3}. A sleeping PC, a dropped network or a proxy that times out before 'wait' does this.", durationText(idle.ms), inactivity, clockText(idle.from), until),
    evidence: [at],
  };
}

/** Findings from lines that name no session: Finesse's agent lines, stanzas the server could not deliver. */
export function looseFindings(notes: ReadonlyMap<NoteKind, HeadTail<LooseNote>>, logouts: AgentLogout[], place: Placer, out: FindingList): void {
  const seen = new Map<string, number>();
  for (const n of notes.get('presence-unavailable')?.toArray() ?? []) {
    // Finesse writes the same loss twice (the presence, then the agent): one finding.
    const who = n.note.agent ?? n.note.jid ?? '';
    const t = n.mark.local ?? 0;
    if (Math.abs((seen.get(who) ?? -Infinity) - t) < 5000) continue;
    seen.set(who, t);
    out.add({ kind: 'presence-unavailable', severity: 'warning', ...place.moment(n.mark), ...(n.note.agent ? { agent: n.note.agent } : {}), ...(n.note.jid ? { jid: n.note.jid } : {}), message: n.note.agent ? l10n.t("Finesse saw agent {0}'s presence become unavailable: its desktop session is gone, and a logout timer starts", n.note.agent) : l10n.t("Finesse saw {0}'s presence become unavailable: its desktop session is gone, and a logout timer starts", String(n.note.jid)), evidence: [{ ...n.mark, text: n.text }] });
  }
  for (const l of logouts) {
    out.add({ kind: 'forced-logout', severity: 'error', file: l.file, line: l.line, ...(l.time !== undefined ? { time: l.time } : {}), ...(l.stamp ? { stamp: l.stamp } : {}), agent: l.agent, ...(l.reason ? { reason: l.reason } : {}), message: l10n.t('Finesse logged agent {0} out ({1})', l.agent, logoutHow(l)), evidence: [{ file: l.file, line: l.line, text: l.text }] });
  }
  for (const n of notes.get('undeliverable')?.toArray() ?? []) {
    const to = /\bto=["']([^"'/]+)/.exec(n.text)?.[1];
    out.add({ kind: 'undelivered', severity: 'warning', ...place.moment(n.mark), ...(to ? { jid: to, ...(/^\d+@/.test(to) ? { agent: to.split('@')[0] } : {}) } : {}), message: to ? l10n.t('The server could not deliver a stanza for {0}: no session was available, so it was stored offline (or dropped)', to) : l10n.t('The server could not deliver a stanza: no session was available, so it was stored offline (or dropped)'), evidence: [{ ...n.mark, text: n.text }] });
  }
  for (const kind of ['cors', 'certificate'] as const) {
    for (const n of notes.get(kind)?.toArray() ?? []) out.add({ kind, severity: 'error', ...place.moment(n.mark), message: kind === 'cors' ? l10n.t('The browser refused an answer for lack of CORS headers: a proxy, or a BOSH URL on another origin') : l10n.t("The browser refused the server's certificate"), evidence: [{ ...n.mark, text: n.text }] });
  }
}

/** 'PRESENCE_DRIVEN_LOGOUT, reason code 255: the desktop lost its connection to the notification service'. */
function logoutHow(l: AgentLogout): string {
  if (!l.reason) return l.how;
  if (l.reason === '255') return l10n.t('{0}, reason code {1}: the desktop lost its connection to the notification service', l.how, l.reason);
  return l10n.t('{0}, reason code {1}', l.how, l.reason);
}

/**
 * The input itself holds credentials: whose, where first, how often. Passwords are a warning
 * (anyone given the file can log in as that user); SCRAM proofs and session cookies are
 * information. The evidence line has them hidden already.
 */
export function credentialsFinding(held: HeldSecrets, place: Placer): Finding {
  const file = held.at.file;
  const passwords = held.hidden.filter((h) => PASSWORD_KINDS.has(h.kind));
  const others = [...new Set(held.hidden.filter((h) => !PASSWORD_KINDS.has(h.kind)).map(hiddenWord))];
  const times = held.count === 1 ? l10n.t('once') : l10n.t('{0} times', held.count);
  const names = [...new Set(passwords.map((h) => h.who).filter((w): w is string => !!w))];
  const who = names.length ? (names.length > 1 ? l10n.t('the passwords of {0}', names.join(', ')) : l10n.t('the password of {0}', names[0])) : passwords.length ? l10n.t('a password') : '';
  const what = who && others.length ? l10n.t('{0}, and {1}', who, others.join(', ')) : who || others.join(', ');
  return {
    kind: 'credentials-in-capture',
    severity: passwords.length ? 'warning' : 'info',
    ...place.moment(held.at),
    message: l10n.t('{0} holds {1} ({2}, first on line {3}): hidden in what is shown here, but share a copy made with XMPP: Export Sanitised Capture… or bosh-inspect sanitize', file, what, times, held.at.line),
    evidence: [],
  };
}
