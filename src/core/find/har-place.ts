// Where a HAR fragment lies in the capture's bytes, so a reader that keeps no text (the
// Stanza Inspector on a file) can find it again: the entry's byte range, its index and line,
// and which of the entry's fragments it is. Parsing that entry again gives the same fragments.
import type { Fragment } from '../fragment';
import { readEntry, type HarEntry } from './har-entry';

export interface HarPlace {
  /** Byte offset of the entry's `{` in the file. */
  offset: number;
  /** Bytes of the entry's JSON text. */
  bytes: number;
  /** The entry's index in log.entries. */
  entry: number;
  /** Line of the capture the entry starts on. */
  line: number;
  /** The fragment's number among those of its entry, from 0. */
  nth: number;
}

// Kept beside the fragment rather than in it: the fragment's shape stays what every reader prints.
const places = new WeakMap<Fragment, HarPlace>();

export function harPlaceOf(f: Fragment): HarPlace | undefined {
  return places.get(f);
}

export function setHarPlace(f: Fragment, place: HarPlace): void {
  places.set(f, place);
}

/** Every fragment of one entry's JSON text, as the capture's reader gave them; undefined when it is not JSON. */
export function entryFragments(text: string, entry: number, line: number): Fragment[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out: Fragment[] = [];
  readEntry(value !== null && typeof value === 'object' ? (value as HarEntry) : {}, entry, text, line, { fragment: (f) => out.push(f), socket: () => {} });
  return out;
}
