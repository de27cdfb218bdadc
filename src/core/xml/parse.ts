import { XmlElement } from './element';

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

// XML 1.0 Name, restricted to the characters stanzas use; rejects Erlang pids like <0.600.0>.
const NAME = /[A-Za-z_\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;
const ATTRIBUTE = /\s*([A-Za-z_\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&#(?:(\d{1,7})|x([0-9a-fA-F]{1,6}));/g;

/**
 * Parses one XML document strictly: a single root, matching end tags, quoted attributes,
 * known entities, nothing but whitespace outside the root. Builds ltx elements directly;
 * lenient tree builders would make escaped prose like `Sons <VIP>` look like markup, and
 * this runs for every stanza of a log, so it is a single pass over the text.
 */
export function parseXml(text: string, layer = 0): XmlElement {
  const n = text.length;
  let i = 0;
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;

  const fail = (message: string): never => {
    throw new XmlSyntaxError(message);
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
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) fail(`an end tag without a name at offset ${lt}`);
      const name = m![0];
      let k = NAME.lastIndex;
      while (k < n && text.charCodeAt(k) <= 32) k++;
      if (text.charCodeAt(k) !== 62) fail(`</${name} is not closed by '>'`);
      if (!current) fail(`</${name}> closes nothing`);
      if (current!.name !== name) fail(`</${name}> found where </${current!.name}> was expected`);
      current = current!.parent ?? undefined;
      i = k + 1;
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
      NAME.lastIndex = i;
      const m = NAME.exec(text);
      if (!m) fail(`'<' at offset ${lt} starts no element`);
      const name = m![0];
      i = NAME.lastIndex;
      const attrs: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        const a = ATTRIBUTE.exec(text);
        if (!a) break;
        const value = a[2] ?? a[3];
        attrs[a[1]] = value.indexOf('&') < 0 ? value : unescape(value);
        i = ATTRIBUTE.lastIndex;
      }
      while (i < n && text.charCodeAt(i) <= 32) i++;
      const el = new XmlElement(name, attrs);
      el.layer = layer;
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
        fail(i >= n ? `<${name}> is cut off` : `unexpected '${text[i]}' in <${name}>`);
      }
    }
  }
  if (!root) fail('no element found');
  if (current) fail(`<${current.name}> is not closed`);
  return root!;
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
      if (!m || m.index !== k || !code || !legalChar(code)) throw new XmlSyntaxError(`'${s.slice(k, k + 10).split(';')[0]};' is not a known entity`);
      ch = String.fromCodePoint(code);
      len = m[0].length;
    }
    out += s.slice(last, k) + ch;
    last = k + len;
    k = s.indexOf('&', last);
  }
  return out + s.slice(last);
}

function legalChar(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
