/**
 * A copy of a string that is kept. A slice of a line keeps the whole 32 KB read it came from
 * alive, and a session keeps thousands of them: measured on 270 MB of logs, peak RSS fell from
 * 726 MB when evidence, summaries and JIDs became copies.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
