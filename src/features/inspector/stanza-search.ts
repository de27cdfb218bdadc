// The Inspector's search over every stanza of a source: the text filter's words in the row's
// columns or anywhere in the decoded XML, and the element filter's path on the decoded tree.
// Stanzas are read back from the source a run at a time and let go, so nothing of their text is
// kept. No 'vscode' import: the webview tests drive exactly this code.
import { decodedXml, type DecodedFragment } from '../../core/decode';
import { describeDecoded } from '../../core/describe';
import type { Fragment } from '../../core/fragment';
import { ElementPathError, matchesPath, parseElementPath, type ElementPath } from '../../core/match';
import { filterWords, rowText } from '../../protocol';
import { rowOf, type FragmentIndex } from './fragment-index';

/** Stanzas read back and tested between two reports (and two pauses for the host's other work). */
export const SEARCH_CHUNK = 256;

export interface StanzaQuery {
  words: string[];
  path?: ElementPath;
}

/** The query of a text and an element path; an ElementPathError when the path cannot be read. */
export function readQuery(text: string, match: string): StanzaQuery | ElementPathError {
  const words = filterWords(text);
  if (match.trim() === '') return { words };
  try {
    return { words, path: parseElementPath(match.trim()) };
  } catch (e) {
    if (e instanceof ElementPathError) return e;
    throw e;
  }
}

export function isEmptyQuery(q: StanzaQuery): boolean {
  return q.words.length === 0 && !q.path;
}

/** Whether a decoded stanza passes: the path on its tree, each word in its columns or its decoded XML. */
export function stanzaMatches(d: DecodedFragment, index: number, q: StanzaQuery): boolean {
  if (q.path && !(d.root && matchesPath(d.root, q.path))) return false;
  if (q.words.length === 0) return true;
  const columns = rowText(rowOf(d, describeDecoded(d), index));
  let xml: string | undefined;
  for (const w of q.words) {
    if (columns.includes(w)) continue;
    xml ??= decodedXml(d).toLowerCase();
    if (!xml.includes(w)) return false;
  }
  return true;
}

export interface SearchReport {
  /** Matching fragment indices found since the report before. */
  indices: number[];
  /** Stanzas tested so far. */
  searched: number;
  total: number;
}

/**
 * Tests fragments 0..total-1 (total: the index's size when the search began; the caller tests
 * rows added later as they come), reporting after each run read back. Stops, without a last
 * report, as soon as `cancelled()` says so.
 */
export async function* searchStanzas(index: FragmentIndex, q: StanzaQuery, cancelled: () => boolean): AsyncGenerator<SearchReport> {
  const total = index.size;
  for (let from = 0; from < total; from += SEARCH_CHUNK) {
    const run = await index.fragmentsBetween(from, Math.min(total, from + SEARCH_CHUNK));
    if (cancelled()) return;
    const indices: number[] = [];
    for (const { index: i, fragment } of run) if (stanzaMatches(index.decode(fragment), i, q)) indices.push(i);
    yield { indices, searched: Math.min(total, from + SEARCH_CHUNK), total };
    if (cancelled()) return;
  }
  if (total === 0) yield { indices: [], searched: 0, total };
}

/** Tests one fragment just found (following a source), without reading anything back. */
export function newStanzaMatches(index: FragmentIndex, f: Fragment, i: number, q: StanzaQuery): boolean {
  return stanzaMatches(index.decode(f), i, q);
}
