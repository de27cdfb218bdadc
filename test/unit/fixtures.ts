import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFragment, type DecodedFragment } from '../../src/core/decode';
import { findInText } from '../../src/core/find/finder';
import { XmlElement, childElements } from '../../src/core/xml/element';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Every fragment of a fixture log, decoded, as the CLI and the Inspector see them. */
export function decodeLog(name: string): DecodedFragment[] {
  return findInText(fixture(join('logs', name))).map(decodeFragment);
}

/** The first element at a path of local names below el, e.g. find(root, 'message', 'event'). */
export function find(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const name of path) at = at && descendant(at, name);
  return at;
}

function descendant(el: XmlElement, name: string): XmlElement | undefined {
  for (const child of childElements(el)) {
    if (child.getName() === name) return child;
    const deeper = descendant(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}
