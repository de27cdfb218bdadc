import type { Finding, Incident, Moment, Session } from '../sessions/model';
import { durationText, zoneText } from '../sessions/moment';
import { paramText } from '../sessions/file-reader';

/** ISO-8601 UTC when the clock is known; nothing otherwise (never a guessed zone). */
function iso(m: Moment | undefined): string | undefined {
  return m?.time !== undefined ? new Date(m.time).toISOString() : undefined;
}

function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (v !== undefined && v !== null && v !== '') o[k] = v;
}

/** The NDJSON of `bosh-inspect scan --json`: sessions by start time, then findings by time. */
export function incidentJsonLines(incident: Incident): string[] {
  const out: string[] = [];
  for (const s of incident.sessions) out.push(JSON.stringify(sessionJson(s)) + '\n');
  for (const f of incident.findings) out.push(JSON.stringify(findingJson(f)) + '\n');
  return out;
}

export function sessionJson(s: Session): Record<string, unknown> {
  const o: Record<string, unknown> = { type: 'session', sid: s.sid };
  put(o, 'transport', s.transport);
  put(o, 'jid', s.jid);
  put(o, 'agent', s.agent);
  o.files = s.files;
  put(o, 'nodes', s.nodes);
  put(o, 'start', iso(s.start));
  put(o, 'end', iso(s.end));
  put(o, 'startStamp', s.start?.stamp);
  put(o, 'endStamp', s.end?.stamp);
  o.endCause = s.endCause;
  put(o, 'condition', s.condition);
  put(o, 'lastRequest', iso(s.lastRequest));
  put(o, 'lastResponse', iso(s.lastResponse));
  put(o, 'lastRequestStamp', s.lastRequest?.stamp);
  put(o, 'lastResponseStamp', s.lastResponse?.stamp);
  put(o, 'url', s.url);
  put(o, 'streams', s.streams);
  if (s.transport === 'websocket') o.frames = s.frames ?? 0;
  o.requests = s.requests;
  if (s.retransmissions) o.retransmissions = s.retransmissions;
  if (s.ridGaps) o.ridGaps = s.ridGaps;
  if (Object.keys(s.params).length) o.params = s.params;
  o.explanation = s.explanation;
  o.restsOn = s.restsOn;
  put(o, 'wouldSettle', s.wouldSettle);
  o.evidence = s.evidence.map((e) => ({ file: e.file, line: e.line, text: e.text }));
  return o;
}

export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { type: 'finding', kind: f.kind, severity: f.severity };
  put(o, 'sid', f.sid);
  put(o, 'jid', f.jid);
  put(o, 'agent', f.agent);
  put(o, 'reason', f.reason);
  put(o, 'time', iso(f));
  put(o, 'stamp', f.stamp);
  o.file = f.file;
  o.line = f.line;
  o.message = f.message;
  if (f.count) o.count = f.count;
  o.evidence = f.evidence.map((e) => ({ file: e.file, line: e.line, text: e.text }));
  return o;
}

/** The report of `bosh-inspect scan`: per session its timeline, cause and explanation last; then the other findings. */
export function incidentReport(incident: Incident): string {
  const lines: string[] = [];
  const zones = new Map(incident.clocks.filter((c) => c.offsetMinutes !== undefined).map((c) => [c.file, c.offsetMinutes!]));
  for (const s of incident.sessions) {
    // Every event in one clock: the session's first file's, as its engineers read it.
    const home = s.files.map((f) => zones.get(f)).find((z) => z !== undefined);
    const when = (m: Moment) => (m.time !== undefined && home !== undefined ? new Date(m.time + home * 60_000).toISOString().slice(0, 23).replace('T', ' ') : (m.stamp ?? ''));
    const life = s.start?.time !== undefined && s.end?.time !== undefined ? `, ${durationText(s.end.time - s.start.time)}` : '';
    const count = s.transport === 'websocket' ? `${s.frames ?? 0} frame${s.frames === 1 ? '' : 's'}` : `${s.requests} request${s.requests === 1 ? '' : 's'}`;
    lines.push(`── session ${s.sid}${s.jid ? ` · ${s.jid}` : ''}${s.agent ? ` · agent ${s.agent}` : ''} · ${count}${life}`);
    lines.push(`   files: ${s.files.join(', ')}${s.nodes?.length ? ` (node ${s.nodes.join(', ')})` : ''}`);
    if (s.transport === 'websocket') lines.push(`   transport: websocket${s.url ? ` ${s.url}` : ''}${s.streams?.length ? `, stream${s.streams.length === 1 ? '' : 's'} ${s.streams.join(', ')}` : ''}`);
    if (Object.keys(s.params).length) lines.push(`   granted: ${paramText(s.params)}`);
    if (home !== undefined) lines.push(`   times in UTC${home ? zoneText(home) : ''}`);
    for (const e of s.events) lines.push(`   ${when(e).padEnd(23)} ${e.lane.padEnd(7)} ${e.severity === 'error' ? '✖' : e.severity === 'warning' ? '!' : ' '} ${e.text}  (${e.file}:${e.line})`);
    if (s.trimmed) lines.push('   (a long session: only its first and last events are listed)');
    lines.push(`   END ${s.endCause}${s.condition ? ` (${s.condition})` : ''}`);
    lines.push(`   ${s.explanation}`);
    lines.push(`   rests on: ${s.restsOn.join(', ')}${s.wouldSettle ? `; ${s.wouldSettle}` : ''}`);
    lines.push('');
  }
  const loose = incident.findings.filter((f) => !f.sid);
  if (loose.length) {
    lines.push('── findings not tied to a session');
    for (const f of loose) lines.push(`   ${(f.stamp ?? '').padEnd(23)} ${f.severity.padEnd(7)} ${f.kind}: ${f.message}${f.count ? ` (×${f.count})` : ''}  (${f.file}:${f.line})`);
    lines.push('');
  }
  if (incident.summary.loggedOut.length || incident.summary.abnormal.length) {
    lines.push('── summary');
    for (const l of incident.summary.loggedOut) lines.push(`   agent ${l.agent} logged out by Finesse${l.reason ? `, reason code ${l.reason}` : ''} at ${l.stamp ?? '?'} (${l.file}:${l.line})`);
    for (const a of incident.summary.abnormal) lines.push(`   session ${a.sid}${a.jid ? ` (${a.jid})` : ''} ended: ${a.endCause}${a.stamp ? ` at ${a.stamp}` : ''}`);
    lines.push('');
  }
  lines.push('── clocks');
  for (const c of incident.clocks) lines.push(`   ${c.words}`);
  for (const i of incident.inputs) if (i.problem) lines.push(`   ${i.file}: ${i.problem}`);
  return lines.join('\n') + '\n';
}
