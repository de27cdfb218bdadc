import { XmlElement, childElements } from '../xml/element';

// Small read-only queries on decoded trees; names compared without namespace prefix,
// because loggers keep prefixes (`stream:features`) while ltx keeps them in the name.

export function localName(el: XmlElement): string {
  const i = el.name.indexOf(':');
  return i < 0 ? el.name : el.name.slice(i + 1);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of childElements(el)) if (localName(c) === name) return c;
  return undefined;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return childElements(el).filter((c) => localName(c) === name);
}

/** Trimmed text of the first child with that name, or undefined when absent or empty. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  if (!c) return undefined;
  const t = textOf(c);
  return t === '' ? undefined : t;
}

/** Direct text content, trimmed. */
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (typeof c === 'string') s += c;
  return s.trim();
}

/** First element in document order (the element itself included) with that local name. */
export function findFirst(el: XmlElement, name: string, maxDepth = 12): XmlElement | undefined {
  if (localName(el) === name) return el;
  if (maxDepth === 0) return undefined;
  for (const c of childElements(el)) {
    const hit = findFirst(c, name, maxDepth - 1);
    if (hit) return hit;
  }
  return undefined;
}

export function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** The namespace in effect for an element (its own xmlns, or inherited). */
export function namespaceOf(el: XmlElement): string | undefined {
  const prefix = el.name.includes(':') ? el.name.slice(0, el.name.indexOf(':')) : undefined;
  const key = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let at: XmlElement | null = el; at; at = at.parent) {
    const v = at.attrs[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}
