import { XmlElement, isElement } from './element';

export interface PrettyOptions {
  indent?: string;
  /** Stop after this many characters and say so at the end. */
  maxChars?: number;
  /** Put a comment before each element decoded from escaped text, naming its layer. */
  markLayers?: boolean;
}

/** Indented XML: attribute order and namespace declarations as found; whitespace-only text between elements dropped. */
export function prettyPrint(el: XmlElement, opts: PrettyOptions = {}): string {
  const indent = opts.indent ?? '  ';
  const max = opts.maxChars ?? Infinity;
  const lines: string[] = [];
  let size = 0;
  let cut = false;

  const push = (line: string) => {
    if (cut) return;
    if (size + line.length > max) {
      cut = true;
      return;
    }
    lines.push(line);
    size += line.length + 1;
  };

  const walk = (node: XmlElement, depth: number) => {
    if (cut) return;
    const pad = indent.repeat(depth);
    if (opts.markLayers && node.layer > 0 && (!node.parent || node.parent.layer < node.layer)) {
      push(`${pad}<!-- decoded from escaped text, layer ${node.layer} -->`);
    }
    const open = `<${node.name}${attributes(node)}`;
    const kids = node.children.filter((c) => isElement(c) || c.trim() !== '');
    if (kids.length === 0) return push(`${pad}${open}/>`);
    if (kids.every((c) => !isElement(c))) {
      const text = escapeText(node.children.join(''));
      if (!text.includes('\n')) return push(`${pad}${open}>${text}</${node.name}>`);
    }
    push(`${pad}${open}>`);
    for (const kid of kids) {
      if (isElement(kid)) walk(kid, depth + 1);
      else for (const line of escapeText(kid.trim()).split('\n')) push(`${pad}${indent}${line.trim()}`);
    }
    push(`${pad}</${node.name}>`);
  };

  walk(el, 0);
  let out = lines.join('\n');
  if (cut) out += `\n… cut at ${max} characters (the decoded stanza is longer)`;
  return out;
}

/** The decoded tree on one line, as it would travel on the wire. */
export function compactXml(el: XmlElement): string {
  let s = `<${el.name}${attributes(el)}`;
  if (el.children.length === 0) return s + '/>';
  s += '>';
  for (const c of el.children) s += isElement(c) ? compactXml(c) : escapeText(c);
  return s + `</${el.name}>`;
}

function attributes(el: XmlElement): string {
  let s = '';
  for (const k in el.attrs) {
    const v = el.attrs[k];
    if (v !== undefined && v !== null) s += ` ${k}="${escapeAttribute(String(v))}"`;
  }
  return s;
}

const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;

function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(s: string): string {
  if (!ATTRIBUTE_SPECIAL.test(s)) return s;
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
