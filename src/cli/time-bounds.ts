// --since and --until. A zoned log is compared by instant when the bound names its zone too;
// otherwise times are compared as the log writes them (its wall clock), and a log whose clock
// has no year (Prosody, logcat: '11-23 21:07:47') is compared on month, day and time alone.

export interface TimeBound {
  /** As given. */
  text: string;
  /** Milliseconds since the epoch when the bound names its zone (Z or ±hh:mm). */
  instant?: number;
  /** 'YYYY-MM-DDTHH:MM:SS.mmm' cut to the precision given. */
  wall: string;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d)(?::(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$/i;

/** Parses an ISO-8601 date or date-time; undefined when it is not one. */
export function parseBound(text: string): TimeBound | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let wall = `${y}-${mo}-${d}`;
  if (h !== undefined) wall += `T${h}`;
  if (mi !== undefined) wall += `:${mi}`;
  if (s !== undefined) wall += `:${s}`;
  if (frac !== undefined) wall += `.${frac.slice(0, 3)}`;
  const bound: TimeBound = { text, wall };
  if (zone) {
    const iso = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}.${(frac ?? '0').slice(0, 3).padEnd(3, '0')}${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return undefined;
    bound.instant = t;
  } else if (Number.isNaN(Date.parse(`${y}-${mo}-${d}T00:00:00Z`))) return undefined;
  return bound;
}

/** How one record's time was compared: by instant, by wall clock, without the year, or not at all. */
export type Comparison = 'instant' | 'wall' | 'no-year' | 'no-time';

export interface RecordTime {
  time?: string;
  stamp?: string;
}

const ZONED = /(?:Z|[+-]\d\d:?\d\d)$/i;
const NO_YEAR = /^(\d\d)-(\d\d)[T ](\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)/;

/** Whether a record lies within [since, until] (each inclusive at its own precision), and how that was decided. */
export function withinBounds(r: RecordTime, since: TimeBound | undefined, until: TimeBound | undefined): { inside: boolean; how: Comparison } {
  if (r.time) {
    const zoned = ZONED.test(r.time);
    const byInstant = zoned && (since?.instant !== undefined || until?.instant !== undefined);
    const wall = wallOf(r.time);
    const instant = Date.parse(r.time);
    const check = (b: TimeBound, after: boolean): boolean => {
      if (byInstant && b.instant !== undefined && !Number.isNaN(instant)) return after ? instant >= b.instant : instant <= b.instant;
      return compareWall(wall, b.wall, after);
    };
    return { inside: (!since || check(since, true)) && (!until || check(until, false)), how: byInstant ? 'instant' : 'wall' };
  }
  const m = r.stamp ? NO_YEAR.exec(r.stamp) : null;
  if (!m) return { inside: false, how: 'no-time' };
  const wall = `${m[1]}-${m[2]}T${m[3].replace(',', '.')}`;
  const noYear = (b: TimeBound) => b.wall.slice(5);
  return {
    inside: (!since || compareWall(wall, noYear(since), true)) && (!until || compareWall(wall, noYear(until), false)),
    how: 'no-year',
  };
}

/** 'YYYY-MM-DDTHH:MM:SS.mmm' of an ISO time as written, its zone dropped. */
function wallOf(time: string): string {
  return time.replace(ZONED, '').replace(' ', 'T').replace(',', '.');
}

/** since: the record is at or after the bound; until: at or before it, at the bound's precision. */
function compareWall(record: string, bound: string, after: boolean): boolean {
  if (after) return record >= bound;
  return record.slice(0, bound.length) <= bound;
}
