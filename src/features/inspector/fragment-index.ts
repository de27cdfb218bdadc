// The Inspector's host-side list of fragments: rows for the table, details on demand, export.
// No 'vscode' import, so the webview tests and the benchmark drive exactly this code.
import { decodeFragmentWith, decodedXml, type DecodeOptions, type DecodedFragment } from '../../core/decode';
import { describeDecoded, type Description } from '../../core/describe';
import { entryFragments, harPlaceOf } from '../../core/find/har-place';
import { fragmentsOfFile } from '../../core/find/source';
import type { Fragment } from '../../core/fragment';
import { l10n } from '../../core/l10n';
import { hiddenWords } from '../../core/sasl/hidden';
import { isElement, type XmlElement } from '../../core/xml/element';
import { prettyPrint, prettyPrintLimited } from '../../core/xml/pretty';
import { MAX_TREE_DEPTH, type Detail, type Row, type XmlNodeView } from '../../protocol';
import { IntColumn } from './columns';
import { readBytes } from './file-bytes';
import { FileChangedError, type FileLines } from './file-lines';
import { FragmentPositions } from './fragment-positions';
import { HarPositions } from './har-positions';

/** Default for the `xmppBosh.inspector.maxChars` setting: how much of one stanza the detail pane shows. */
export const DEFAULT_DETAIL_MAX_CHARS = 2_000_000;

/** Most bytes of a log read back at once when every stanza is searched. */
export const READ_TOGETHER_BYTES = 1024 * 1024;

/** Rows sent to the webview in one message. */
export const ROWS_PER_BATCH = 2000;
/** The first message is smaller, so the table fills before the rest of a large file is read. */
export const FIRST_BATCH_ROWS = 100;
/** Rows waiting at least this long are sent anyway (a slow or sparse log still shows progress). */
export const FLUSH_MS = 150;

/** Whether the rows collected so far should be posted now. */
export function batchIsDue(waiting: number, sentBefore: number, msSinceLastPost: number): boolean {
  return waiting >= (sentBefore === 0 ? FIRST_BATCH_ROWS : ROWS_PER_BATCH) || (waiting > 0 && msSinceLastPost > FLUSH_MS);
}

/**
 * Every fragment of one source, in the order found. For a file on disk only where each fragment
 * is is kept (a log's line, column and length; a HAR's entry bytes and the fragment's number in
 * it), and its text is read back from the file when asked for, so a 1 GB log or capture does not
 * end up in memory; text that came from elsewhere (an editor, the recovered part of a broken HAR) is kept.
 */
export class FragmentIndex {
  /** Fragments kept whole: text from an editor, anything not read back from a file. */
  private readonly kept = new Map<number, Fragment>();
  /** For a log file: where each fragment is, its text left in the file. */
  private readonly positions = new FragmentPositions();
  /** For a HAR file: the entry each fragment is in. */
  private readonly harPositions = new HarPositions();
  /** Fragment index → position in `positions` (≥ 0), in `harPositions` (-2 - position), or -1 when kept whole. */
  private readonly slot = new IntColumn();
  /** Most fragments kept whole; older ones are let go (a live session followed for hours). */
  private maxKept = Infinity;
  /** The HAR entry read back last, as a request and its answer are often looked at together. */
  private lastEntry: { offset: number; fragments: Fragment[] } | undefined;

  constructor(
    private readonly file?: FileLines,
    /** Whether the user chose to see credentials (`xmppBosh.showSecrets`); hidden otherwise. */
    private readonly options: DecodeOptions = {},
  ) {}

  /**
   * decodeFragment completes the object it is given, so the index decodes a copy: the stored
   * fragment stays small (no parsed tree kept per row) and keeps its text as found.
   */
  private decodeCopy(f: Fragment): DecodedFragment {
    return decodeFragmentWith({ ...f }, this.options);
  }

  get size(): number {
    return this.slot.size;
  }

  /** Keeps the text of at most `max` fragments that are not in a file, the newest; the rows of older ones stay. */
  limitKept(max: number): void {
    this.maxKept = max;
    this.dropOldKept();
  }

  /** Whether the fragment's text was let go under limitKept(). */
  isReleased(index: number): boolean {
    return index >= 0 && index < this.slot.size && this.slot.get(index) === -1 && !this.kept.has(index);
  }

  private dropOldKept(): void {
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.kept.size > this.maxKept) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Adds a found fragment and answers its table row. */
  add(f: Fragment): Row {
    const index = this.slot.size;
    const d = this.decodeCopy(f);
    const place = this.file && harPlaceOf(f);
    if (place) this.slot.push(-2 - this.harPositions.push(place, f.text.length));
    else if (this.file && f.source === undefined) this.slot.push(this.positions.push(f));
    else {
      this.kept.set(index, f);
      this.slot.push(-1);
      if (this.kept.size > this.maxKept) this.dropOldKept();
    }
    return rowOf(d, describeDecoded(d), index);
  }

  /** The fragment with its text, read back from the file if it was left there. */
  async fragment(index: number): Promise<Fragment | undefined> {
    if (index < 0 || index >= this.slot.size || !Number.isInteger(index)) return undefined;
    const slot = this.slot.get(index);
    if (slot === -1 || !this.file) return this.kept.get(index);
    if (slot < -1) return this.harFragment(-2 - slot, this.file);
    const { fragment: f, length } = this.positions.get(slot)!;
    const lines = await this.file.read(f.line, f.endLine);
    const text = lines.join('\n').slice(f.column, f.column + length);
    if (text.length !== length) throw new FileChangedError(this.file.path);
    f.text = text;
    return f;
  }

  /**
   * Fragments from..to-1 with their text, for a search over all of them: neighbouring log
   * fragments are read back together, with one positioned read of up to READ_TOGETHER_BYTES.
   */
  async fragmentsBetween(from: number, to: number): Promise<Array<{ index: number; fragment: Fragment }>> {
    const out: Array<{ index: number; fragment: Fragment }> = [];
    to = Math.min(to, this.slot.size);
    let i = Math.max(0, from);
    while (i < to) {
      const slot = this.slot.get(i);
      if (slot < 0 || !this.file) {
        const f = await this.fragment(i);
        if (f) out.push({ index: i, fragment: f });
        i++;
        continue;
      }
      // A run of log fragments whose lines fit one read.
      const first = this.positions.get(slot)!.fragment.line;
      let j = i + 1;
      let last = this.positions.get(slot)!.fragment.endLine;
      while (j < to && this.slot.get(j) >= 0) {
        const end = this.positions.get(this.slot.get(j))!.fragment.endLine;
        if ((await this.file.bytesOf(first, end)) > READ_TOGETHER_BYTES) break;
        last = end;
        j++;
      }
      const lines = await this.file.read(first, last);
      for (let k = i; k < j; k++) {
        const { fragment: f, length } = this.positions.get(this.slot.get(k))!;
        const text = lines.slice(f.line - first, f.endLine - first + 1).join('\n').slice(f.column, f.column + length);
        if (text.length !== length) throw new FileChangedError(this.file.path);
        f.text = text;
        out.push({ index: k, fragment: f });
      }
      i = j;
    }
    return out;
  }

  /** The fragment decoded as every face decodes it (credentials hidden unless the user chose otherwise). */
  decode(f: Fragment): DecodedFragment {
    return this.decodeCopy(f);
  }

  /** A HAR fragment: its entry read again from the file and parsed, the fragment taken by its number. */
  private async harFragment(slot: number, file: FileLines): Promise<Fragment> {
    const { place, length } = this.harPositions.get(slot)!;
    let fragments = this.lastEntry?.offset === place.offset ? this.lastEntry.fragments : undefined;
    if (!fragments) {
      const text = (await readBytes(file.path, place.offset, place.bytes)).toString('utf8');
      fragments = entryFragments(text, place.entry, place.line);
      if (!fragments) throw new FileChangedError(file.path);
      this.lastEntry = { offset: place.offset, fragments };
    }
    const f = fragments[place.nth];
    if (!f || f.text.length !== length) throw new FileChangedError(file.path);
    // A copy, so what the caller does with it leaves the cached entry as read.
    return { ...f };
  }

  async detail(index: number, maxChars = DEFAULT_DETAIL_MAX_CHARS): Promise<Detail | undefined> {
    const f = await this.fragment(index);
    return f && detailOf(this.decodeCopy(f), index, maxChars);
  }

  /** Decoded XML of one fragment for the clipboard: pretty-printed, layers marked. */
  async decodedText(index: number): Promise<string | undefined> {
    const f = await this.fragment(index);
    if (!f) return undefined;
    const d = this.decodeCopy(f);
    return d.root ? prettyPrint(d.root, { markLayers: true }) : d.unescaped;
  }

  /** The fragment's text as the input has it, for the clipboard: credentials hidden unless the user chose to see them. */
  async originalText(index: number): Promise<string | undefined> {
    const f = await this.fragment(index);
    return f && this.decodeCopy(f).text;
  }

  /**
   * The chosen fragments as a transcript log (`<time> SENT|RECV <decoded xml>`, one line each),
   * the layout the log grammar and the finder read back. A file is streamed once more, up to
   * the last fragment chosen, rather than read back fragment by fragment.
   */
  async exportLog(indices: readonly number[], sourceLabel: string): Promise<string> {
    const lines = [`# ${indices.length} fragment${indices.length === 1 ? '' : 's'} decoded from ${sourceLabel.replace(/\r?\n/g, ' ')}`];
    const wanted = new Set(indices);
    const write = (f: Fragment) => {
      const d = this.decodeCopy(f);
      const dir = f.direction === 'sent' ? 'SENT' : f.direction === 'received' ? 'RECV' : '';
      lines.push([f.time ?? f.stamp ?? '', dir, oneLine(decodedXml(d))].filter(Boolean).join(' '));
    };
    if (this.file && this.positions.size > 0) {
      let last = -1;
      for (const i of indices) if (i > last) last = i;
      let i = 0;
      for await (const f of fragmentsOfFile(this.file.path)) {
        if (i > last) break;
        if (wanted.has(i)) {
          const at = this.positions.get(this.slot.get(i));
          if (at && (at.fragment.line !== f.line || at.fragment.column !== f.column || at.length !== f.text.length)) break;
          write(f);
        }
        i++;
      }
      if (i <= last) throw new FileChangedError(this.file.path);
    } else {
      // Kept fragments, and a HAR's read back entry by entry (the chosen ones only).
      for (const i of indices) {
        const f = await this.fragment(i);
        if (f) write(f);
      }
    }
    return lines.join('\n') + '\n';
  }
}

export function rowOf(d: DecodedFragment, desc: Description, index: number): Row {
  const row: Row = { index, line: d.line, endLine: d.endLine, kind: desc.kind, summary: desc.summary, layers: d.layers };
  const time = d.time ?? d.stamp;
  if (time) row.time = time;
  if (d.direction) row.direction = d.direction;
  if (d.directionInferred) row.directionInferred = true;
  if (desc.from) row.from = desc.from;
  if (desc.to) row.to = desc.to;
  if (desc.node) row.node = desc.node;
  if (d.error) row.error = d.error;
  return row;
}

export function detailOf(d: DecodedFragment, index: number, maxChars: number): Detail {
  const desc = describeDecoded(d);
  const budget = { left: maxChars, cut: false };
  const tree = d.root ? nodeView(d.root, budget) : undefined;
  const pretty = d.root ? prettyPrintLimited(d.root, { markLayers: true, maxChars }) : undefined;
  const decoded = pretty ? pretty.xml : cutText(d.unescaped, maxChars).text;
  const original = cutText(d.text, maxChars);
  const facts: Array<[string, string]> = [];
  const add = (k: string, v: string | undefined) => v !== undefined && v !== '' && facts.push([k, v]);
  add(l10n.t('kind'), desc.kind);
  add(l10n.t('from'), desc.from);
  add(l10n.t('to'), desc.to);
  add(l10n.t('type'), desc.type);
  add('id', desc.id);
  add(l10n.t('pubsub node'), desc.node);
  add('BOSH rid', desc.bosh?.rid);
  add('BOSH sid', desc.bosh?.sid);
  if (desc.bosh?.condition) add(l10n.t('condition'), `${desc.bosh.condition}: ${desc.bosh.conditionText}`);
  add('Finesse', desc.finesse?.summary);
  add(l10n.t('line'), d.endLine > d.line ? `${d.line}–${d.endLine}` : String(d.line));
  add(l10n.t('time'), d.time ?? d.stamp);
  add(l10n.t('direction'), d.direction && d.directionInferred ? l10n.t('{0} (inferred from the traffic: the log does not say)', d.direction) : d.direction);
  add(l10n.t('log'), d.dialect);
  add(l10n.t('source'), d.source);
  add(l10n.t('escaped in the log'), d.escaped > 0 ? `${d.escaped}×` : undefined);
  add(l10n.t('layers decoded'), d.layers > 0 ? String(d.layers) : undefined);
  if (d.partial) add(l10n.t('partial'), l10n.t('the log ends or a new record begins before this fragment closes; it was closed here to read it'));
  if (d.hidden) add(l10n.t('secrets'), l10n.t('{0} (setting xmppBosh.showSecrets shows them)', hiddenWords(d.hidden)));
  return {
    index,
    summary: desc.summary,
    tree,
    decoded,
    original: original.text,
    layers: d.layers,
    cut: (tree !== undefined && budget.cut) || original.cut || pretty?.cut === true || (!d.root && d.unescaped.length > maxChars),
    error: d.error,
    facts,
  };
}

/**
 * The decoded tree as plain data for the webview, stopping once the character budget is spent;
 * undefined when it nests deeper than the page accepts (the detail then shows the decoded text).
 */
export function nodeView(el: XmlElement, budget: { left: number; cut: boolean }, depth = 0): XmlNodeView | undefined {
  if (depth >= MAX_TREE_DEPTH) return undefined;
  const attrs: Array<[string, string]> = [];
  budget.left -= el.name.length + 2;
  for (const [k, v] of Object.entries(el.attrs)) {
    if (v === undefined || v === null) continue;
    const s = String(v);
    attrs.push([k, s]);
    budget.left -= k.length + s.length + 4;
  }
  const view: XmlNodeView = { name: el.name, attrs, children: [], layer: el.layer };
  for (const c of el.children) {
    if (budget.left <= 0) {
      budget.cut = true;
      break;
    }
    if (isElement(c)) {
      const child = nodeView(c, budget, depth + 1);
      if (!child) return undefined;
      view.children.push(child);
    }
    else if (c.trim() !== '') {
      const text = c.length > budget.left ? c.slice(0, Math.max(0, budget.left)) : c;
      if (text.length < c.length) budget.cut = true;
      view.children.push(text);
      budget.left -= text.length;
    }
  }
  return view;
}

function cutText(s: string, max: number): { text: string; cut: boolean } {
  return s.length > max ? { text: s.slice(0, max), cut: true } : { text: s, cut: false };
}

/** Line breaks between elements dropped, those inside text kept as character references. */
function oneLine(xml: string): string {
  return xml.replace(/>\s*\r?\n\s*</g, '><').replace(/\r?\n/g, '&#10;');
}
