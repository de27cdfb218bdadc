import { l10n } from '../l10n';
import { IncidentParts, NOTE_MEANINGS } from '../sessions/incident-parts';
import type { FileReader } from '../sessions/file-reader';
import type { Evidence, Incident, InputNote, Moment, Session } from '../sessions/model';
import { readInput, type ReadableInput } from '../sessions/read-input';
import type { SessionPart } from '../sessions/session-part';
import { inferClocks, utcOf, type Clocks } from './clocks';
import { chooseCause } from './end-cause';
import { explain } from './explain';
import { agentLogouts, sessionOfAgent } from './finesse-chain';
import { FindingList, credentialsFinding, looseFindings, pollingStoppedFinding, sessionEndFinding, sessionFindings } from './findings';
import { mergeParts, Placer, toEvent } from './merge';

export type { ReadableInput } from '../sessions/read-input';

export interface DiagnoseOptions {
  /** Told each input as it is read, and what could not be read in it. */
  onInput?: (note: InputNote) => void;
}

/**
 * Reads every input of an incident and says what became of each BOSH session in it: its
 * requests and answers, its clock, its end cause in words, and the findings beside it.
 */
export async function diagnose(inputs: readonly ReadableInput[], options: DiagnoseOptions = {}): Promise<Incident> {
  const parts = new IncidentParts();
  const readers: FileReader[] = [];
  const notes: InputNote[] = [];
  const years = new Map<string, string>();
  for (const input of inputs) {
    const hint = input.mtime ? { year: input.mtime.getUTCFullYear(), day: Date.UTC(input.mtime.getUTCFullYear(), input.mtime.getUTCMonth(), input.mtime.getUTCDate()) } : {};
    const { reader, ...note } = await readInput(input, parts, hint);
    if (hint.year !== undefined && reader.yearSupplied) years.set(input.name, `the year taken from the file's date, ${hint.year}`);
    readers.push(reader);
    notes.push(note);
    options.onInput?.(note);
  }
  return conclude(parts, readers, notes, years);
}

/** The incident from every input's parts: clocks, merged sessions, causes, words, findings. */
function conclude(parts: IncidentParts, readers: FileReader[], notes: InputNote[], years = new Map<string, string>()): Incident {
  attachJidNotes(parts);
  applyShutdowns(parts);
  const clocks = inferClocks(readers, parts.samples, years);
  const place = new Placer(clocks);
  const evidenceEnd = new Map(readers.map((r) => [r.file, r.lastLocal]));

  const bySid = new Map<string, SessionPart[]>();
  for (const fileParts of parts.byFile.values()) {
    for (const p of fileParts.values()) {
      const list = bySid.get(p.sid);
      if (list) list.push(p);
      else bySid.set(p.sid, [p]);
    }
  }

  joinSocketsByStream(bySid);
  const findings = new FindingList();
  const logouts = agentLogouts(parts, place);
  const sessions: Session[] = [];
  const choices = new Map<Session, ReturnType<typeof chooseCause> & { merged: ReturnType<typeof mergeParts> }>();
  for (const [sid, list] of bySid) {
    const merged = mergeParts(sid, list, place);
    if (merged.session.requests === 0 && !merged.session.frames && merged.signals.length === 0 && !merged.session.jid) continue;
    const choice = inferInactivity(chooseCause(merged, place, evidenceEnd), merged, clocks, evidenceEnd);
    sessions.push(merged.session);
    choices.set(merged.session, { ...choice, merged });
  }
  sessions.sort((a, b) => (a.start?.time ?? Infinity) - (b.start?.time ?? Infinity) || (a.start?.file ?? '').localeCompare(b.start?.file ?? '') || (a.start?.line ?? 0) - (b.start?.line ?? 0));

  // Finesse's lines about an agent join the agent's session, on their own lane of its timeline.
  const finesseNotes = ['presence-unavailable', 'logout-timer', 'forced-logout', 'agent-state'] as const;
  for (const kind of finesseNotes) {
    for (const n of parts.looseNotes.get(kind)?.toArray() ?? []) {
      const agent = n.note.agent ?? n.note.jid?.split('@')[0];
      if (!agent) continue;
      const s = sessionOfAgent(agent, place.utc(n.mark), sessions);
      if (!s) continue;
      const meaning = NOTE_MEANINGS[kind];
      s.events.push(toEvent({ ...n.mark, lane: 'finesse', kind, text: finesseWords(kind, n.note.reason, n.note.threshold, n.note.state), ...(meaning?.severity ? { severity: meaning.severity } : kind === 'forced-logout' ? { severity: 'error' } : {}) }, place));
      if (!s.files.includes(n.mark.file)) s.files.push(n.mark.file);
      s.evidence.push({ file: n.mark.file, line: n.mark.line, text: n.text });
    }
  }

  for (const s of sessions) {
    const c = choices.get(s)!;
    s.events.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    s.endCause = c.cause;
    const condition = conditionOf(c);
    if (condition) s.condition = condition;
    const idle = longestIdle(c.merged.parts, clocks, evidenceEnd, c.cause === 'inactivity-timeout' ? c.signal?.mark : undefined);
    // Finesse names the agent by id, the JID's local part: the session need not have carried a Finesse update.
    const agent = s.agent ?? s.jid?.split('@')[0];
    const logout = agent ? logouts.find((l) => l.agent === agent && sessionOfAgent(l.agent, l.time, sessions) === s) : undefined;
    s.explanation = explain(s, c, idle, logout, place);
    const restsOn = new Set<string>();
    if (c.signal) restsOn.add(c.signal.mark.file);
    if (logout) restsOn.add(logout.file);
    for (const a of c.after.slice(0, 1)) restsOn.add(a.mark.file);
    s.restsOn = restsOn.size ? [...restsOn] : [...s.files];
    const wouldSettle = settles(c.merged.parts, c.cause);
    if (wouldSettle) s.wouldSettle = wouldSettle;
    if (c.signal) {
      const at = { ...place.moment(c.signal.mark) };
      s.end = at;
    }
    const endEvidence: Evidence | undefined = c.signal ? { file: c.signal.mark.file, line: c.signal.mark.line, text: c.signal.text } : s.end ? { file: s.end.file, line: s.end.line, text: '' } : undefined;
    if (endEvidence) s.evidence.unshift(endEvidence);
    s.evidence = dedupeEvidence(s.evidence);
    findings.add(sessionEndFinding(s, endEvidence));
    if (idle && s.params.inactivity !== undefined && idle.ms > s.params.inactivity * 1000) {
      findings.add(pollingStoppedFinding(s, idle, idleEvidence(s, idle, endEvidence), c.cause === 'inactivity-timeout'));
    }
    sessionFindings(s, findings);
  }
  looseFindings(parts.looseNotes, logouts, place, findings);
  for (const r of readers) if (r.secrets) findings.add(credentialsFinding(r.secrets, place));

  return {
    inputs: notes,
    clocks: [...clocks.values()].map((c) => c.note),
    sessions,
    findings: findings.sorted(),
    summary: {
      loggedOut: logouts.map((l) => ({ agent: l.agent, ...(l.reason ? { reason: l.reason } : {}), file: l.file, line: l.line, ...(l.time !== undefined ? { time: l.time } : {}), ...(l.stamp ? { stamp: l.stamp } : {}) })),
      abnormal: sessions.filter((s) => s.endCause !== 'client-logout' && s.endCause !== 'open').map((s) => ({ sid: s.sid, ...(s.jid ? { jid: s.jid } : {}), endCause: s.endCause, ...(s.end?.time !== undefined ? { time: s.end.time } : {}), ...(s.end?.stamp ? { stamp: s.end.stamp } : {}) })),
    },
  };
}

function finesseWords(kind: string, reason?: string, threshold?: number, state?: string): string {
  switch (kind) {
    case 'presence-unavailable':
      return l10n.t('Finesse: the agent’s presence became unavailable');
    case 'logout-timer':
      return threshold !== undefined ? l10n.t('Finesse: logout timer running ({0} s)', threshold) : l10n.t('Finesse: logout timer running');
    case 'forced-logout':
      return 'Finesse: PRESENCE_DRIVEN_LOGOUT';
    default:
      return reason ? l10n.t('Finesse: agent state {0}, reason code {1}', state ?? '', reason).replace(/ +,/, ',') : l10n.t('Finesse: agent state {0}', state ?? '');
  }
}

/**
 * A request answered item-not-found after the server had held none of the client's requests for
 * longer than `inactivity` (the client was asleep or offline): the server reaped the session
 * for inactivity even when no server log says so. Said as inferred, with the gap.
 */
function inferInactivity(c: ReturnType<typeof chooseCause>, m: ReturnType<typeof mergeParts>, clocks: Clocks, evidenceEnd: Map<string, number | undefined>): ReturnType<typeof chooseCause> {
  const sig = c.signal;
  const s = m.session;
  if (c.cause !== 'unknown-session' || !sig || s.params.inactivity === undefined || sig.mark.local === undefined) return c;
  // The server's own view of when requests arrived decides here: the client may have queued a request it could not send.
  const gap = longestIdle(m.parts, clocks, evidenceEnd, sig.mark, true);
  if (!gap || gap.ms <= s.params.inactivity * 1000) return c;
  return { ...c, cause: 'inactivity-timeout', inferred: { ms: gap.ms, from: gap.from } };
}

/**
 * A WebSocket connection seen by two inputs under two names (a HAR's entry, the server log's
 * connection id) is one session when they share a stream id the server gave.
 */
function joinSocketsByStream(bySid: Map<string, SessionPart[]>): void {
  const owner = new Map<string, string>();
  for (const [key, list] of [...bySid]) {
    if (!bySid.has(key)) continue;
    for (const id of new Set(list.flatMap((p) => p.streams))) {
      const other = owner.get(id);
      if (other === undefined || other === key || !bySid.has(other)) {
        owner.set(id, key);
        continue;
      }
      // The capture's name stays (the connection the user recorded), then a console's, then the server's.
      const [keep, drop] = nameRank(list) >= nameRank(bySid.get(other)!) ? [key, other] : [other, key];
      bySid.get(keep)!.push(...bySid.get(drop)!);
      bySid.delete(drop);
      for (const [s, k] of owner) if (k === drop) owner.set(s, keep);
      owner.set(id, keep);
      if (drop === key) break;
    }
  }
}

/**
 * The defined condition (XEP-0124 or RFC 6120) behind the chosen end: the deciding record's own,
 * or, when that record is a server's line that names none (ejabberd's "Closing c2s session",
 * Prosody's "Shutting down: Received SIGTERM"), the one the wire carried for the same cause.
 */
function conditionOf(c: ReturnType<typeof chooseCause> & { merged: ReturnType<typeof mergeParts> }): string | undefined {
  const defined = (x?: string) => (x && /^[a-z][a-z-]*$/.test(x) ? x : undefined);
  const own = defined(c.signal?.condition);
  if (own || !c.signal) return own;
  return c.merged.signals.map((x) => (x.cause === c.cause ? defined(x.condition) : undefined)).find(Boolean);
}

function nameRank(parts: SessionPart[]): number {
  return parts.some((p) => /\.har$/i.test(p.file)) ? 2 : parts.some((p) => !p.serverSide) ? 1 : 0;
}

/** A server shutting down ends every session of its log that was still alive then. */
function applyShutdowns(parts: IncidentParts): void {
  for (const n of parts.looseNotes.get('server-shutdown')?.toArray() ?? []) {
    if (!n.serverSide) continue;
    for (const p of parts.byFile.get(n.mark.file)?.values() ?? []) {
      if ((p.first?.line ?? Infinity) > n.mark.line) continue;
      if (p.ends.some((e) => e.authority <= 2 && e.mark.line <= n.mark.line)) continue;
      parts.apply(p, n, n.order ?? 0);
    }
  }
}

/** Server lines that name a JID but no sid (Openfire before 4.0) join the session of that JID in the same file. */
function attachJidNotes(parts: IncidentParts): void {
  for (const [kind, list] of parts.looseNotes) {
    const meaning = NOTE_MEANINGS[kind];
    if (!meaning?.cause) continue;
    for (const n of list.toArray()) {
      if (!n.note.jid || !n.serverSide) continue;
      const bare = n.note.jid.split('/')[0];
      const candidates = [...(parts.byFile.get(n.mark.file)?.values() ?? [])].filter((p) => p.jid?.split('/')[0] === bare && (p.first?.line ?? 0) <= n.mark.line);
      const p = candidates[candidates.length - 1];
      if (p) parts.apply(p, n, n.order ?? 0);
    }
  }
}

type Idle = { ms: number; from?: Moment; to?: Moment; open: boolean };

function longestIdle(list: SessionPart[], clocks: Clocks, evidenceEnd: Map<string, number | undefined>, closedAt: { file: string; local?: number } | undefined, serverFirst = false): Idle | undefined {
  // The server's view first: it is the server's clock that reaps the session.
  // A view that shows the answers tells idle time best; a server log that writes none (Prosody,
  // ejabberd) still bounds it, since the server holds a request at most `wait`.
  const rank = (p: SessionPart) => (serverFirst ? Number(!p.serverSide) * 2 + Number(p.answeredCount === 0) : Number(p.answeredCount === 0) * 2 + Number(!p.serverSide));
  const ordered = [...list].filter((p) => p.serverSide || p.answeredCount > 0).sort((a, b) => rank(a) - rank(b));
  for (const p of ordered) {
    const clock = clocks.get(p.file);
    const zone = p.first?.zone;
    // Where the server closed it, on this file's clock (the close may be written in another file).
    const closedUtc = closedAt ? utcOf(closedAt as never, clocks.get(closedAt.file)) : undefined;
    const own = closedAt !== undefined && closedAt.file === p.file ? closedAt.local : closedUtc !== undefined ? closedUtc + (zone !== undefined ? zone * 60_000 : (clock?.offsetMs ?? NaN)) : undefined;
    const until = own !== undefined && !Number.isNaN(own) ? own : evidenceEnd.get(p.file);
    const gap = p.longestIdle(until, own !== undefined && !Number.isNaN(own));
    if (!gap) continue;
    const toMoment = (local: number): Moment => {
      const utc = zone !== undefined ? local - zone * 60_000 : clock?.offsetMs !== undefined ? local - clock.offsetMs : undefined;
      return { ...(utc !== undefined ? { time: utc } : {}), stamp: new Date(local).toISOString().slice(0, 23).replace('T', ' ') };
    };
    return { ms: gap.to - gap.from, from: toMoment(gap.from), to: toMoment(gap.to), open: gap.open };
  }
  return undefined;
}

function idleEvidence(s: Session, idle: Idle, end: Evidence | undefined): Evidence {
  const span = s.spans.find((x) => x.answered?.stamp && idle.from?.stamp && x.answered.stamp.replace('T', ' ').startsWith(idle.from.stamp.slice(0, 19)));
  if (span?.answered) return { file: span.answered.file, line: span.answered.line, text: `answer to rid ${span.rid}: ${span.answer ?? ''}` };
  return end ?? { file: s.files[0], line: s.start?.line ?? 1, text: '' };
}

function settles(list: SessionPart[], cause: Session['endCause']): string | undefined {
  const server = list.some((p) => p.serverSide);
  const client = list.some((p) => !p.serverSide);
  if (!server && cause !== 'client-logout' && cause !== 'auth-failed') return l10n.t("the server's log (Openfire debug.log and info.log, Prosody's or ejabberd's log) would say whether and why the server closed it");
  if (!client && (cause === 'unknown' || cause === 'open' || cause === 'inactivity-timeout' || cause === 'unknown-session')) return l10n.t("the browser's HAR capture or console log would show what the client saw: whether its requests went out and what answered them");
  return undefined;
}

function dedupeEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of list) {
    const k = `${e.file}:${e.line}`;
    if (seen.has(k) || (!e.text && out.length)) continue;
    seen.add(k);
    out.push(e);
    if (out.length >= 12) break;
  }
  return out;
}
