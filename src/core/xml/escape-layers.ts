import { XmlElement, isElement } from './element';
import { unescapeXml } from './escape';
import { tryParseXml } from './parse';

/** Deeper nesting than this is hostile input, not a notification service. */
export const MAX_LAYERS = 8;

/**
 * Replaces text content that is itself a well-formed XML document by the parsed elements,
 * recursively: the Finesse `<notification>` whose text is `<Update>…</Update>` becomes an
 * element tree. ltx has already undone one level of escaping when it built the text, so
 * `&amp;lt;VIP&amp;gt;` arrives here as `&lt;VIP&gt;` inside a parsed layer and ends as the
 * text `<VIP>`, never as an element. Returns how many layers deep the decoding went.
 * The tree is walked with a list of its own, not recursion: hostile input nests thousands deep.
 */
export function decodeLayers(el: XmlElement): number {
  let deepest = el.layer;
  const todo = [el];
  for (let node = todo.pop(); node; node = todo.pop()) {
    if (node.layer > deepest) deepest = node.layer;
    if (node.children.length > 0 && node.children.every((c) => typeof c === 'string')) {
      if (node.layer >= MAX_LAYERS) continue;
      const text = node.children.join('');
      const http = httpMessageIn(text, node.layer + 1);
      const inner = http ? http.body : markupIn(text, node.layer + 1);
      if (!inner) continue;
      node.children = http ? [http.head, inner] : [inner];
      inner.parent = node;
      todo.push(inner);
    } else {
      for (const child of node.children) if (isElement(child)) todo.push(child);
    }
  }
  return deepest - el.layer;
}

/**
 * The element a text holds, if it is a whole XML document. Text still escaped once more
 * (`&lt;Update&gt;` after the XML parser's own unescaping: a payload escaped twice) is
 * unescaped until it is markup, each round counting as one more layer.
 */
function markupIn(text: string, layer: number): XmlElement | undefined {
  let t = text.trim();
  let extra = 0;
  while (t.startsWith('&lt;') || t.startsWith('&amp;')) {
    if (++extra + layer > MAX_LAYERS) return undefined;
    t = unescapeXml(t);
  }
  if (t.length < 3 || t.charCodeAt(0) !== 60 /* < */ || t.charCodeAt(t.length - 1) !== 62 /* > */) return undefined;
  return tryParseXml(t, layer + extra);
}

// A whole HTTP message as text: a request or status line, headers, a blank line, then the body.
const HTTP_START_LINE = /^\s*(?:[A-Z]+ \S+ HTTP\/\d(?:\.\d)?|HTTP\/\d(?:\.\d)? \d{3}\b[^\r\n]*)\r?\n/;
const BLANK_LINE = /\r?\n[ \t]*\r?\n/;

/**
 * The XML body of an HTTP message held as text, as BOSH's own specifications show their examples
 * (`<example><![CDATA[POST /webclient HTTP/1.1 … <body …/>]]></example>`): the start line and
 * headers stay text, the body becomes elements one layer down.
 */
function httpMessageIn(text: string, layer: number): { head: string; body: XmlElement } | undefined {
  if (!HTTP_START_LINE.test(text)) return undefined;
  const blank = BLANK_LINE.exec(text);
  if (!blank) return undefined;
  const split = blank.index + blank[0].length;
  const body = markupIn(text.slice(split), layer);
  return body ? { head: text.slice(0, split), body } : undefined;
}
