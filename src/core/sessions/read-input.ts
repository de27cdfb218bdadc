import type { Fragment } from '../fragment';
import { FragmentFinder } from '../find/finder';
import { findInHarStream, looksLikeHar, type HarSocket } from '../find/har';
import { splitLines } from '../find/lines';
import { withFirst } from '../find/source';
import { isNameStart } from '../xml/parse';
import { harHeaderSecrets } from '../sanitize/har-entries';
import { mayHoldSecrets, redactSecretText } from '../sasl/redact-text';
import type { HiddenSecret } from '../sasl/hidden';
import { FileReader, type ClockHint } from './file-reader';
import type { IncidentParts } from './incident-parts';
import type { InputNote } from './model';
import { MAX_NOTE_TEXT, readNotes } from './vocabulary/match';

/** An input as diagnosis reads it: a name the user knows and its bytes (a file, a zip member, stdin, a live session's transcript). */
export interface ReadableInput {
  name: string;
  node?: string;
  mtime?: Date;
  open(): AsyncIterable<Uint8Array | string>;
}

/** How much of the text before a fragment is kept to find the sid a logger names there. */
const MAX_LEAD = 300;
/** Multi-line fragments whose first line's lead is still remembered. */
const LEADS_KEPT = 16;

/**
 * Reads one input through the same finder and decoder as every other feature, adding what
 * it says about sessions to `parts`. Never throws for bad content: what cannot be read is the note's `problem`.
 */
export async function readInput(input: ReadableInput, parts: IncidentParts, hint: ClockHint = {}): Promise<InputNote & { reader: FileReader }> {
  const reader = new FileReader(parts, input.name, input.node, hint);
  const problems: string[] = [];
  const it = input.open()[Symbol.asyncIterator]();
  try {
    const first = await it.next();
    if (!first.done) {
      const head = typeof first.value === 'string' ? first.value.slice(0, 4096) : Buffer.from(first.value.buffer, first.value.byteOffset, Math.min(4096, first.value.byteLength)).toString('utf8');
      if (looksLikeHar(head)) await readHar(first.value, it, reader, problems);
      else await readLog(first.value, it, reader);
    }
  } catch (e) {
    problems.push((e as Error).message);
  }
  const note: InputNote & { reader: FileReader } = { file: input.name, read: reader.dialect ?? 'text', lines: reader.lines, reader };
  if (problems.length) note.problem = problems.join('; ');
  return note;
}

async function readHar(first: Uint8Array | string, rest: AsyncIterator<Uint8Array | string>, reader: FileReader, problems: string[]): Promise<void> {
  const sockets: HarSocket[] = [];
  const found = findInHarStream(headerCredentials(withFirst(first, { [Symbol.asyncIterator]: () => rest }), reader), (m) => problems.push(m), (s) => sockets.push(s));
  let r = await found.next();
  for (; !r.done; r = await found.next()) reader.fragment(r.value, '');
  for (const s of sockets) reader.socket(s);
  reader.lines = r.value.lines;
  // Where the capture ends: its last entry, BOSH or not (a socket silent long before then is said so).
  if (r.value.lastStarted) reader.seen(r.value.lastStarted);
}

async function readLog(first: Uint8Array | string, rest: AsyncIterator<Uint8Array | string>, reader: FileReader): Promise<void> {
  const finder = new FragmentFinder();
  const leads = new Map<number, string>();
  let lineNo = 0;
  const stream = (async function* () {
    yield first;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  })();
  const take = (found: Fragment[], line: string, messageStart: number) => {
    for (const f of found) {
      const lead = f.line === lineNo ? line.slice(Math.max(messageStart, f.column - MAX_LEAD), f.column) : (leads.get(f.line) ?? '');
      reader.fragment(f, lead);
    }
  };
  for await (const lines of splitLines(stream)) {
    for (const line of lines) {
      lineNo++;
      const found = finder.push(line);
      const record = finder.lastRecord;
      const ctx = finder.recordContext;
      const start = record ? record.messageStart : 0;
      reader.line(record?.dialect);
      if (mayHoldSecrets(line)) lineSecrets(reader, lineNo, line, ctx.time, ctx.stamp);
      const tag = tagStart(line, start);
      // The prefix is read too: Prosody names the session in its source column (`bosh<sid>`).
      const text = line.length <= start + MAX_NOTE_TEXT ? line : line.slice(0, start + MAX_NOTE_TEXT);
      const notes = readNotes(text, tag < 0 ? text.length : tag, ctx.connection);
      if (notes.length) reader.notes(lineNo, ctx.time, ctx.stamp, record?.dialect ?? ctx.dialect, notes, line.slice(start, start + MAX_NOTE_TEXT));
      // A fragment still open at the end of this line started here: keep what led up to it.
      if (tag >= 0 && found.every((f) => f.line !== lineNo || f.column !== tag)) {
        leads.set(lineNo, line.slice(Math.max(start, tag - MAX_LEAD), tag));
        if (leads.size > LEADS_KEPT) leads.delete(leads.keys().next().value!);
      }
      take(found, line, start);
    }
  }
  take(finder.end(), '', 0);
}

/**
 * Passes a HAR's bytes on, noting the Authorization and cookie headers in them (the entry
 * reader keeps only bodies). Only a chunk that names such a header is decoded; one split
 * between two chunks goes unnoticed here, though the sanitised copy still hides it.
 */
async function* headerCredentials(input: AsyncIterable<Uint8Array | string>, reader: FileReader): AsyncGenerator<Uint8Array | string> {
  let line = 1;
  for await (const chunk of input) {
    yield chunk;
    const buf = typeof chunk === 'string' ? undefined : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const named = buf ? buf.indexOf('uthorization"') >= 0 || buf.indexOf('ookie"') >= 0 : /uthorization"|ookie"/.test(chunk as string);
    if (named) for (const s of harHeaderSecrets(buf ? buf.toString('utf8') : (chunk as string))) reader.holds(s.hidden, line + s.line - 1);
    if (buf) for (let k = buf.indexOf(10); k >= 0; k = buf.indexOf(10, k + 1)) line++;
    else for (let k = (chunk as string).indexOf('\n'); k >= 0; k = (chunk as string).indexOf('\n', k + 1)) line++;
  }
}

/** Credentials on a line outside any stanza (an Authorization header a proxy logged): the input holds them. */
function lineSecrets(reader: FileReader, line: number, text: string, time?: string, stamp?: string): void {
  const hidden: HiddenSecret[] = [];
  redactSecretText(text, hidden);
  if (hidden.length) reader.holds(hidden, line, time, stamp);
}

/** Where the first XML tag of a line starts after `from` (a letter after '<': not `<0.600.0>` or `<<"…">>`), or -1. */
function tagStart(line: string, from: number): number {
  const limit = Math.min(line.length, from + MAX_NOTE_TEXT);
  for (let i = line.indexOf('<', from); i >= 0 && i < limit; i = line.indexOf('<', i + 1)) {
    if (isNameStart(line.charCodeAt(i + 1))) return i;
  }
  return -1;
}
