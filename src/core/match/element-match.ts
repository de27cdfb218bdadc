// Whether a decoded tree holds an element path (see element-path.ts). Decoded layers are part of
// the tree (a Finesse <Update> escaped inside <notification> is its child), so paths reach into them.
import { localName, textOf } from '../describe/element-query';
import { isElement, type XmlElement } from '../xml/element';
import { localPart, type ElementPath, type PathStep } from './element-path';

/**
 * True when some chain of elements, each a descendant of the one before, matches the steps in
 * order. One walk of the tree per step, keeping which elements sit below a match of the step
 * before, so a hostile path or a tree thousands deep costs steps × elements, never more, and
 * no recursion.
 */
export function matchesPath(root: XmlElement, path: ElementPath): boolean {
  let below = new Set<XmlElement>();
  for (let i = 0; i < path.steps.length; i++) {
    const step = path.steps[i];
    const last = i === path.steps.length - 1;
    const hits = new Set<XmlElement>();
    // Each entry: an element, and whether an ancestor of it matched the step before.
    const todo: Array<[XmlElement, boolean]> = [[root, false]];
    for (let next = todo.pop(); next; next = todo.pop()) {
      const [el, inside] = next;
      if ((i === 0 || inside) && stepMatches(el, step)) {
        if (last) return true;
        hits.add(el);
      }
      const childrenInside = inside || below.has(el);
      for (const c of el.children) if (isElement(c)) todo.push([c, childrenInside]);
    }
    if (hits.size === 0) return false;
    below = hits;
  }
  return false;
}

function stepMatches(el: XmlElement, step: PathStep): boolean {
  if (step.name !== '*' && localName(el) !== step.name) return false;
  for (const a of step.attributes) {
    const v = attributeValue(el, a.name);
    if (v === undefined || (a.value !== undefined && v !== a.value)) return false;
  }
  return step.text === undefined || textOf(el) === step.text;
}

/** An attribute by local name (`lang` finds `xml:lang`); xmlns declarations are not attributes here. */
function attributeValue(el: XmlElement, name: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    if (v === undefined || v === null || k === 'xmlns' || k.startsWith('xmlns:')) continue;
    if (localPart(k) === name) return String(v);
  }
  return name === 'xmlns' && typeof el.attrs.xmlns === 'string' ? el.attrs.xmlns : undefined;
}
