import { Element } from 'ltx';

/**
 * An ltx element that remembers how deep in escaped text it was found:
 * 0 as it stood in the input, n when it was decoded from text escaped n levels deep
 * (a Finesse `<Update>` inside `<notification>` is layer 1).
 */
export class XmlElement extends Element {
  layer = 0;
  declare children: Array<XmlElement | string>;
  declare parent: XmlElement | null;
}

export function isElement(node: XmlElement | string): node is XmlElement {
  return typeof node !== 'string';
}

/** Child elements only, skipping text. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}
