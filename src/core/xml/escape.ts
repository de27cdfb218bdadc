// One level of XML escaping, in both directions, tolerant of what loggers actually write.

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;

function entityChar(body: string): string | undefined {
  if (body[0] !== '#') return NAMED[body];
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/** A code point XML 1.0 allows in a document (what a character reference may name). */
export function isXmlChar(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Undoes one level of escaping; an '&' that starts no known entity stays as it is. */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, body: string) => entityChar(body) ?? whole);
}

/** Escapes text content and attribute values alike (both quote kinds). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/**
 * unescapeXml that also answers, for each character of the result, where it came from
 * in the input: the finder needs it to tell where an escaped fragment ends in the log line.
 */
export function unescapeWithMap(s: string, base?: Int32Array): { text: string; map: Int32Array } {
  const map = new Int32Array(s.length + 1);
  let out = '';
  let o = 0;
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(s); m; m = ENTITY.exec(s)) {
    const ch = entityChar(m[1]);
    if (ch === undefined) continue;
    for (let i = last; i < m.index; i++) map[o++] = base ? base[i] : i;
    map[o++] = base ? base[m.index] : m.index;
    if (ch.length === 2) map[o++] = base ? base[m.index] : m.index;
    out += s.slice(last, m.index) + ch;
    last = m.index + m[0].length;
  }
  for (let i = last; i < s.length; i++) map[o++] = base ? base[i] : i;
  map[o] = base ? base[s.length] : s.length;
  out += s.slice(last);
  return { text: out, map: map.subarray(0, o + 1) };
}

/** How many times the text at `at` escapes a '<': 0 for '<', 1 for '&lt;', 2 for '&amp;lt;'…, undefined if none. */
export function escapedLessThanLevel(s: string, at: number): { level: number; length: number } | undefined {
  if (s.charCodeAt(at) === 60 /* < */) return { level: 0, length: 1 };
  let i = at;
  let level = 1;
  if (s.charCodeAt(i) !== 38 /* & */) return undefined;
  i++;
  while (s.startsWith('amp;', i)) {
    level++;
    i += 4;
  }
  if (!s.startsWith('lt;', i)) return undefined;
  return { level, length: i + 3 - at };
}
