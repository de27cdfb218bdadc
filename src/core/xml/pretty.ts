import { XmlElement, isElement } from './element';

export interface PrettyOptions {
  indent?: string;
  /** Stop after this many characters and say so at the end. */
  maxChars?: number;
  /** Put a comment before each element decoded from escaped text, naming its layer. */
  markLayers?: boolean;
}

/** Deeper elements are indented no further, so hostile nesting cannot make the output grow with the square of the input. */
const MAX_INDENT_DEPTH = 100;

/** Indented XML, with a closing note when it was cut at `maxChars`. */
export function prettyPrint(el: XmlElement, opts: PrettyOptions = {}): string {
  const { xml, cut } = prettyPrintLimited(el, opts);
  return cut ? `${xml}\n… cut at ${opts.maxChars} characters (the decoded stanza is longer)` : xml;
}

/**
 * Indented XML: attribute order and namespace declarations as found; whitespace-only text
 * between elements dropped. Walked with a list of its own, not recursion: hostile input nests
 * thousands deep. Says whether it stopped at `maxChars`, for callers that word the cut themselves.
 */
export function prettyPrintLimited(el: XmlElement, opts: PrettyOptions = {}): { xml: string; cut: boolean } {
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

  // Elements still to print with their depth, and lines already made (closing tags, text).
  const todo: Array<[XmlElement, number] | string> = [[el, 0]];
  while (todo.length > 0 && !cut) {
    const item = todo.pop()!;
    if (typeof item === 'string') {
      push(item);
      continue;
    }
    const [node, depth] = item;
    const pad = indent.repeat(Math.min(depth, MAX_INDENT_DEPTH));
    if (opts.markLayers && node.layer > 0 && (!node.parent || node.parent.layer < node.layer)) {
      push(`${pad}<!-- decoded from escaped text, layer ${node.layer} -->`);
    }
    const open = `<${node.name}${attributes(node)}`;
    const kids = node.children.filter((c) => isElement(c) || c.trim() !== '');
    if (kids.length === 0) {
      push(`${pad}${open}/>`);
      continue;
    }
    if (kids.every((c) => !isElement(c))) {
      const text = escapeText(node.children.join(''));
      if (!text.includes('\n')) {
        push(`${pad}${open}>${text}</${node.name}>`);
        continue;
      }
    }
    push(`${pad}${open}>`);
    todo.push(`${pad}</${node.name}>`);
    for (let k = kids.length - 1; k >= 0; k--) {
      const kid = kids[k];
      if (isElement(kid)) todo.push([kid, depth + 1]);
      else {
        const lines = escapeText(kid.trim()).split('\n');
        for (let j = lines.length - 1; j >= 0; j--) todo.push(`${pad}${indent}${lines[j].trim()}`);
      }
    }
  }
  return { xml: lines.join('\n'), cut };
}

/** The decoded tree on one line, as it would travel on the wire. */
export function compactXml(el: XmlElement): string {
  let s = '';
  // Elements still to write, and text already made (closing tags, escaped text), last first.
  const todo: Array<XmlElement | string> = [el];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (typeof node === 'string') {
      s += node;
      continue;
    }
    s += `<${node.name}${attributes(node)}`;
    if (node.children.length === 0) {
      s += '/>';
      continue;
    }
    s += '>';
    const kids = node.children;
    if (kids.length === 1 && !isElement(kids[0])) {
      // Most elements hold one text (a Finesse field): written at once.
      s += escapeText(kids[0]) + `</${node.name}>`;
      continue;
    }
    todo.push(`</${node.name}>`);
    for (let k = kids.length - 1; k >= 0; k--) {
      const c = kids[k];
      todo.push(isElement(c) ? c : escapeText(c));
    }
  }
  return s;
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
