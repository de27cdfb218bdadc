import { XmlElement } from './element';
import { isXmlChar } from './escape';

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
  constructor(
    message: string,
    /** Where in the text the parser stopped: the composer's diagnostics place the error there. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

const ENTITY = /&#(?:(\d{1,7})|x([0-9a-fA-F]{1,6}));/g;

/**
 * Parses one XML document strictly: a single root, matching end tags, quoted attributes,
 * known entities, nothing but whitespace outside the root. Builds ltx elements directly;
 * lenient tree builders would make escaped prose like `Sons <VIP>` look like markup, and
 * this runs for every stanza of a log, so it is one pass of character tests, without
 * regular expressions or intermediate strings for names.
 */
export function parseXml(text: string, layer = 0): XmlElement {
  const n = text.length;
  let i = 0;
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;

  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, Math.min(i, n));
  };
  const skipSpace = () => {
    while (i < n && text.charCodeAt(i) <= 32) i++;
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (current) current.children.push(unescape(text.slice(i, textEnd)));
      else if (/\S/.test(text.slice(i, textEnd))) fail(root ? 'text follows the root element' : `text before the root element: "${text.slice(i, Math.min(textEnd, i + 40)).trim()}"`);
    }
    if (lt < 0) break;
    i = lt + 1;
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      if (!current) fail(`</${text.slice(i + 1, nameEnd(text, i + 1))}> closes nothing`);
      const name = current!.name;
      // Compared in place: no string is made for the end tag's name.
      if (!text.startsWith(name, i + 1) || isNameChar(text.charCodeAt(i + 1 + name.length))) {
        fail(`</${text.slice(i + 1, nameEnd(text, i + 1))}> found where </${name}> was expected`);
      }
      i += 1 + name.length;
      skipSpace();
      if (text.charCodeAt(i) !== 62 /* > */) fail(`</${name} is not closed by '>'`);
      current = current!.parent ?? undefined;
      i++;
    } else if (c === 33 /* ! */) {
      if (text.startsWith('!--', i)) {
        const end = text.indexOf('-->', i + 3);
        if (end < 0) fail('a comment is not closed');
        i = end + 3;
      } else if (text.startsWith('![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 8);
        if (end < 0) fail('a CDATA section is not closed');
        if (!current) fail('CDATA outside the root element');
        current!.children.push(text.slice(i + 8, end));
        i = end + 3;
      } else {
        const end = text.indexOf('>', i);
        if (end < 0 || root) fail('a declaration is not closed');
        i = end + 1;
      }
    } else if (c === 63 /* ? */) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('a processing instruction is not closed');
      i = end + 2;
    } else {
      if (!current && root) fail(`a second root element follows </${root.name}>`);
      const e = nameEnd(text, i);
      if (e === i) fail(`'<' at offset ${lt} starts no element`);
      const el = new XmlElement(text.slice(i, e));
      el.layer = layer;
      i = e;
      for (;;) {
        const before = i;
        skipSpace();
        const a = nameEnd(text, i);
        if (a === i) break;
        if (before === i) fail(`attributes of <${el.name}> need space between them`);
        const key = text.slice(i, a);
        i = a;
        skipSpace();
        if (text.charCodeAt(i) !== 61 /* = */) fail(`attribute ${key} of <${el.name}> has no value`);
        i++;
        skipSpace();
        const q = text.charCodeAt(i);
        if (q !== 34 && q !== 39) fail(`the value of ${key} in <${el.name}> is not quoted`);
        const close = text.indexOf(q === 34 ? '"' : "'", i + 1);
        if (close < 0) fail(`the value of ${key} in <${el.name}> is not closed`);
        const value = text.slice(i + 1, close);
        if (value.indexOf('<') >= 0) fail(`the value of ${key} in <${el.name}> contains '<'`);
        const decoded = value.indexOf('&') < 0 ? value : unescape(value);
        // Plain assignment of "__proto__" would be swallowed by the object; a hostile stanza keeps it as an attribute.
        if (key === '__proto__') Object.defineProperty(el.attrs, key, { value: decoded, enumerable: true, writable: true, configurable: true });
        else el.attrs[key] = decoded;
        i = close + 1;
      }
      if (current) {
        el.parent = current;
        current.children.push(el);
      } else root = el;
      const d = text.charCodeAt(i);
      if (d === 47 /* / */ && text.charCodeAt(i + 1) === 62) {
        i += 2;
      } else if (d === 62 /* > */) {
        i += 1;
        current = el;
      } else {
        fail(i >= n ? `<${el.name}> is cut off` : `unexpected '${text[i]}' in <${el.name}>`);
      }
    }
  }
  if (!root) fail('no element found');
  if (current) fail(`<${current.name}> is not closed`);
  return root!;
}

// XML 1.0 names, restricted to the characters stanzas use; rejects Erlang pids like <0.600.0>.
// Shared with the finder's extent scanner, so both agree on what starts a tag.
export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 0xc0 && c <= 0xffff);
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 58 || c === 0xb7;
}

/** Where a name starting at `at` ends; `at` itself when no name starts there. */
function nameEnd(text: string, at: number): number {
  if (!isNameStart(text.charCodeAt(at))) return at;
  let k = at + 1;
  while (k < text.length && isNameChar(text.charCodeAt(k))) k++;
  return k;
}

/** parseXml that answers undefined instead of throwing, for "is this markup?" questions. */
export function tryParseXml(text: string, layer = 0): XmlElement | undefined {
  try {
    return parseXml(text, layer);
  } catch {
    return undefined;
  }
}

function unescape(s: string): string {
  let k = s.indexOf('&');
  if (k < 0) return s;
  // One pass without a callback per entity: Finesse payloads carry thousands of &lt; &gt;.
  let out = '';
  let last = 0;
  while (k >= 0) {
    const c = s.charCodeAt(k + 1);
    let ch: string | undefined;
    let len = 0;
    if (c === 108 /* l */ && s.startsWith('lt;', k + 1)) (ch = '<'), (len = 4);
    else if (c === 103 /* g */ && s.startsWith('gt;', k + 1)) (ch = '>'), (len = 4);
    else if (c === 97 /* a */ && s.startsWith('amp;', k + 1)) (ch = '&'), (len = 5);
    else if (c === 113 /* q */ && s.startsWith('quot;', k + 1)) (ch = '"'), (len = 6);
    else if (c === 97 /* a */ && s.startsWith('apos;', k + 1)) (ch = "'"), (len = 6);
    else {
      ENTITY.lastIndex = k;
      const m = ENTITY.exec(s);
      const code = m && (m[1] ? parseInt(m[1], 10) : m[2] ? parseInt(m[2], 16) : NaN);
      if (!m || m.index !== k || !code || !isXmlChar(code)) throw new XmlSyntaxError(`'${s.slice(k, k + 10).split(';')[0]};' is not a known entity`);
      ch = String.fromCodePoint(code);
      len = m[0].length;
    }
    out += s.slice(last, k) + ch;
    last = k + len;
    k = s.indexOf('&', last);
  }
  return out + s.slice(last);
}
