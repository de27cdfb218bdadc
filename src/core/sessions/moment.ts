// Times as files write them. A file's clock may carry a zone (HAR, Finesse webservices), carry
// none (Openfire, ejabberd: local time) or have no year (Prosody, logcat); diagnosis keeps the
// digits as written ("local") and places them in UTC only once the file's clock is known.

/** A time read from a line: `local` is the written wall-clock time read as if it were UTC. */
export interface Stamp {
  local?: number;
  /** Minutes east of UTC the line itself wrote (+330 for +05:30); absent when it wrote none. */
  zone?: number;
  stamp?: string;
  /** True when the line had no year and one was supplied. */
  yearSupplied?: boolean;
}

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;
const YEARLESS = /^(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * Reads a fragment's or record's `time` (ISO, maybe zoned) and `stamp` (as written). A stamp
 * without a year takes `year` when one is given; a time of day alone takes `day` (UTC ms of midnight).
 */
export function readStamp(time: string | undefined, stamp: string | undefined, hint: { year?: number; day?: number } = {}): Stamp {
  const s: Stamp = {};
  if (stamp) s.stamp = stamp;
  if (time) {
    const z = ZONED.exec(time);
    if (z) {
      const utc = Date.parse(time);
      if (!Number.isNaN(utc)) {
        const zone = zoneMinutes(z[1]);
        s.zone = zone;
        s.local = utc + zone * 60_000;
      }
    } else {
      const local = Date.parse(time + 'Z');
      if (!Number.isNaN(local)) s.local = local;
    }
    return s;
  }
  if (!stamp) return s;
  const y = YEARLESS.exec(stamp);
  if (y && hint.year !== undefined) {
    s.local = Date.UTC(hint.year, Number(y[1]) - 1, Number(y[2]), Number(y[3]), Number(y[4]), Number(y[5]), Number((y[6] ?? '0').padEnd(3, '0')));
    s.yearSupplied = true;
    return s;
  }
  const t = TIME_ONLY.exec(stamp);
  if (t && hint.day !== undefined) {
    s.local = hint.day + ((Number(t[1]) * 60 + Number(t[2])) * 60 + Number(t[3])) * 1000 + Number((t[4] ?? '0').padEnd(3, '0'));
    s.yearSupplied = true;
  }
  return s;
}

function zoneMinutes(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** `+05:30`, `-04:00`, `+00:00` for a number of minutes east of UTC. */
export function zoneText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A duration in words a person reads at a glance: 850 ms, 74 s, 3 min 20 s, 2 h 5 min. */
export function durationText(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(a)} ms`;
  // Under 10 s a tenth tells 4.3 s of silence from a 4 s limit.
  if (a < 10_000) return `${(a / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  if (a < 100_000) return `${Math.round(a / 1000)} s`;
  // Rounded to whole seconds (minutes) first, so 899.94 s is 15 min, never 14 min 60 s.
  if (a < 3_599_500) {
    const whole = Math.round(a / 1000);
    const m = Math.floor(whole / 60);
    const s = whole - m * 60;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const minutes = Math.round(a / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes - h * 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
