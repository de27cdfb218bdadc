import SaxLtx from 'ltx/lib/parsers/ltx.js';
import { XmlElement } from './element';

// XML 1.0 Name, restricted to the characters stanzas use; rejects Erlang pids like <0.600.0>.
const XML_NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*$/;

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * Parses one XML document strictly: a single root, matching end tags, nothing but
 * whitespace outside the root. ltx's own tree builder forgives mismatched tags, which
 * would make escaped prose like `Sons <VIP>` look like markup, so the tree is built here.
 */
export function parseXml(text: string, layer = 0): XmlElement {
  const sax = new SaxLtx();
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let error: string | undefined;
  const fail = (message: string) => {
    error ??= message;
  };

  sax.on('startElement', (name: string, attrs: Record<string, string>) => {
    if (error) return;
    if (!current && root) return fail(`a second root element <${name}> follows </${root.name}>`);
    if (!XML_NAME.test(name)) return fail(`<${name}> is not an element name`);
    const el = new XmlElement(name, attrs);
    el.layer = layer;
    if (current) current.cnode(el);
    else root = el;
    current = el;
  });
  sax.on('endElement', (name: string) => {
    if (error) return;
    if (!current) return fail(`</${name}> closes nothing`);
    if (current.name !== name) return fail(`</${name}> found where </${current.name}> was expected`);
    current = current.parent ?? undefined;
  });
  sax.on('text', (text: string) => {
    if (error) return;
    if (current) current.t(text);
    else if (text.trim() !== '') fail(`text outside the root element: "${text.trim().slice(0, 40)}"`);
  });
  sax.on('error', (e: Error) => fail(e.message));

  try {
    sax.write(text);
    sax.end('');
  } catch (e) {
    fail((e as Error).message);
  }
  // ltx only reports text when the next '<' arrives, so text after the root is checked here.
  if (!error && /\S/.test(text.slice(text.lastIndexOf('>') + 1))) fail('text follows the root element');
  if (error) throw new XmlSyntaxError(error);
  if (!root) throw new XmlSyntaxError('no element found');
  if (current) throw new XmlSyntaxError(`<${current.name}> is not closed`);
  return root;
}

/** parseXml that answers undefined instead of throwing, for "is this markup?" questions. */
export function tryParseXml(text: string, layer = 0): XmlElement | undefined {
  try {
    return parseXml(text, layer);
  } catch {
    return undefined;
  }
}
