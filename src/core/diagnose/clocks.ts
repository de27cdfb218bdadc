import { basename, dirname } from 'node:path';
import { l10n } from '../l10n';
import type { FileReader } from '../sessions/file-reader';
import type { ClockNote } from '../sessions/model';
import { zoneText, durationText } from '../sessions/moment';
import type { Mark } from '../sessions/session-part';

/** How each input's written times become UTC. */
export interface Clock {
  /** Minutes east of UTC, for files whose lines write no zone; undefined when unknown. */
  offsetMs?: number;
  /** True when each line carries its own zone. */
  zoned: boolean;
  note: ClockNote;
}

export type Clocks = Map<string, Clock>;

/** Largest difference between two files' clocks taken as real (time zones reach ±14 h). */
const MAX_OFFSET_MS = 26 * 3_600_000;
/** A measured offset this close to a whole quarter hour is that time zone; the rest is network delay. */
const ZONE_SNAP_MS = 90_000;

/**
 * Sets each input's clock: files that write a zone keep it; a file without one takes its
 * offset from events it shares with a file whose clock is known (the same rid, the same
 * session's end, the same agent going away), then from a sibling file of the same server.
 */
export function inferClocks(readers: readonly FileReader[], samples: Map<string, Map<string, Mark>>, yearFrom: Map<string, string>): Clocks {
  const clocks: Clocks = new Map();
  const unknown: FileReader[] = [];
  for (const r of readers) {
    const name = basename(r.file);
    if (!r.timed) {
      clocks.set(r.file, { zoned: false, note: { file: r.file, kind: 'none', words: l10n.t('{0} has no times that can be placed', name) } });
    } else if (r.zoned) {
      const s = [...(samples.get(r.file)?.values() ?? [])][0];
      const utc = s?.zone === 0;
      clocks.set(r.file, { zoned: true, note: { file: r.file, kind: utc ? 'utc' : 'zoned', ...(s?.zone !== undefined ? { offsetMinutes: s.zone } : {}), words: utc ? l10n.t('{0} writes UTC', name) : s?.zone !== undefined ? l10n.t('{0} writes its zone on every line (UTC{1})', name, zoneText(s.zone)) : l10n.t('{0} writes its zone on every line', name) } });
    } else unknown.push(r);
  }

  for (let progress = true; progress && unknown.length; ) {
    progress = false;
    for (let i = 0; i < unknown.length; i++) {
      const u = unknown[i];
      const found = matchAgainstKnown(u, clocks, samples);
      if (!found) continue;
      clocks.set(u.file, found);
      unknown.splice(i--, 1);
      progress = true;
    }
    // A file of the same server (same folder, same kind of log) shares the clock of one already set.
    for (let i = 0; i < unknown.length; i++) {
      const u = unknown[i];
      const sibling = readers.find((r) => r !== u && clocks.get(r.file)?.offsetMs !== undefined && clocks.get(r.file)?.note.kind === 'inferred' && dirname(r.file) === dirname(u.file) && family(r.dialect) === family(u.dialect));
      if (!sibling) continue;
      const c = clocks.get(sibling.file)!;
      clocks.set(u.file, { zoned: false, offsetMs: c.offsetMs, note: { file: u.file, kind: 'inferred', offsetMinutes: c.note.offsetMinutes, words: l10n.t("{0}'s clock taken from {1}, written by the same server", basename(u.file), basename(sibling.file)) } });
      unknown.splice(i--, 1);
      progress = true;
    }
  }
  for (const u of unknown) {
    const year = yearFrom.get(u.file);
    clocks.set(u.file, {
      zoned: false,
      note: {
        file: u.file,
        kind: 'assumed',
        words: year
          ? l10n.t('{0} writes local time without a zone and no year ({1}), and shares no request or session end with a file that has one: its times are shown as written and not placed in UTC', basename(u.file), year)
          : l10n.t('{0} writes local time without a zone, and shares no request or session end with a file that has one: its times are shown as written and not placed in UTC', basename(u.file)),
      },
    });
  }
  return clocks;
}

function family(dialect: string | undefined): string | undefined {
  return dialect?.replace(/-legacy$/, '');
}

function matchAgainstKnown(u: FileReader, clocks: Clocks, samples: Map<string, Map<string, Mark>>): Clock | undefined {
  const mine = samples.get(u.file);
  if (!mine) return undefined;
  let best: { diffs: number[]; other: string; kind: 'request' | 'end'; sid?: string } | undefined;
  for (const [file, clock] of clocks) {
    if (!clock.zoned && clock.offsetMs === undefined) continue;
    const theirs = samples.get(file);
    if (!theirs) continue;
    const requests: number[] = [];
    const ends: number[] = [];
    let sid: string | undefined;
    for (const [key, m] of mine) {
      if (m.local === undefined) continue;
      const t = theirs.get(key);
      const utc = t && utcOf(t, clock);
      if (utc === undefined) continue;
      const diff = m.local - utc;
      if (Math.abs(diff) > MAX_OFFSET_MS) continue;
      if (key.startsWith('rid:')) requests.push(diff);
      else if (key.startsWith('gone:') || key.startsWith('idle-close:')) ends.push(diff);
      else if (key.startsWith('sid:')) sid ??= key.slice(4);
    }
    const pick = requests.length ? { diffs: requests, kind: 'request' as const } : ends.length ? { diffs: ends, kind: 'end' as const } : undefined;
    if (pick && (!best || pick.diffs.length > best.diffs.length)) best = { ...pick, other: file, sid };
  }
  if (!best) return undefined;
  const measured = median(best.diffs);
  const zone = Math.round(measured / 900_000) * 15;
  const residual = measured - zone * 60_000;
  const snapped = Math.abs(residual) <= ZONE_SNAP_MS;
  const offsetMs = snapped ? zone * 60_000 : measured;
  const n = best.diffs.length;
  const requests = n === 1 ? l10n.t('1 request') : l10n.t('{0} requests', n);
  const what =
    best.kind === 'request'
      ? best.sid ? l10n.t('{0} of session {1}', requests, best.sid) : requests
      : n === 1 ? l10n.t('1 session end (the server closing a session as the other side saw it go)') : l10n.t('{0} session ends (the server closing a session as the other side saw it go)', n);
  const skew = snapped ? '' : residual > 0 ? l10n.t(', {0} ahead of that zone', durationText(Math.abs(residual))) : l10n.t(', {0} behind that zone', durationText(Math.abs(residual)));
  return {
    zoned: false,
    offsetMs,
    note: { file: u.file, kind: 'inferred', offsetMinutes: zone, words: l10n.t("{0}'s clock taken as UTC{1}{2}, matched on {3} with {4}", basename(u.file), zoneText(zone), skew, what, basename(best.other)) },
  };
}

/** A mark in UTC milliseconds, or undefined when its file's clock is not known. */
export function utcOf(m: Mark, clock: Clock | undefined): number | undefined {
  if (m.local === undefined) return undefined;
  if (m.zone !== undefined) return m.local - m.zone * 60_000;
  if (clock?.offsetMs !== undefined) return m.local - clock.offsetMs;
  return undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
