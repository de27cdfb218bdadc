// What a hover over a stanza says: the fragment under the cursor, decoded, described and
// pretty-printed as Markdown. No 'vscode' import, so the unit tests and the benchmark run it as is.
import { decodeFragmentWith, type DecodeOptions } from '../../core/decode';
import { describeDecoded } from '../../core/describe';
import { startsRecord } from '../../core/find/dialects';
import { FragmentFinder } from '../../core/find/finder';
import { fragmentEnd, type Fragment } from '../../core/fragment';
import { l10n } from '../../core/l10n';
import { hiddenWords } from '../../core/sasl/hidden';
import { prettyPrintLimited } from '../../core/xml/pretty';

/** Default for `xmppBosh.hover.maxChars`: decoded XML beyond this is cut with a note. */
export const DEFAULT_HOVER_MAX_CHARS = 20_000;
/** How far above the cursor a stanza spread over lines may start. */
export const LINES_ABOVE = 200;
/** How far below the cursor the end of such a stanza is looked for. */
export const LINES_BELOW = 2000;

export interface TextLines {
  lineCount: number;
  /** 0-based. */
  lineAt(n: number): string;
}

export interface HoverContent {
  /** 0-based range of the fragment in the text. */
  start: { line: number; character: number };
  end: { line: number; character: number };
  markdown: string;
  cut: boolean;
}

/** The fragment covering a 0-based position, found with the same finder every feature uses. */
export function fragmentAt(text: TextLines, line: number, character: number): Fragment | undefined {
  // Start where the log record containing the cursor starts, so a stanza spread over lines is read whole.
  let from = line;
  const lowest = Math.max(0, line - LINES_ABOVE);
  while (from > lowest && !startsRecord(text.lineAt(from)) && text.lineAt(from).trim() !== '') from--;
  const finder = new FragmentFinder(from + 1);
  const last = Math.min(text.lineCount - 1, line + LINES_BELOW);
  const target = line + 1;
  for (let n = from; n <= last; n++) {
    const found = n === last ? [...finder.push(text.lineAt(n)), ...finder.end()] : finder.push(text.lineAt(n));
    for (const f of found) {
      if (f.line > target) return undefined;
      if (covers(f, target, character)) return f;
    }
  }
  return undefined;
}

function covers(f: Fragment, line: number, character: number): boolean {
  if (line < f.line || line > f.endLine) return false;
  const end = endOf(f);
  if (line === f.line && character < f.column) return false;
  if (line === f.endLine && character > end.character) return false;
  return true;
}

function endOf(f: Fragment): { line: number; character: number } {
  const end = fragmentEnd(f);
  return { line: end.line - 1, character: end.column };
}

export interface HoverOptions extends DecodeOptions {
  maxChars?: number;
  /** A `command:` link opening the Inspector at this fragment; omitted when absent. */
  inspectorLink?: string;
  /** A `command:` link opening this fragment decoded beside the log; omitted when absent. */
  decodedLink?: string;
}

/** The hover for a position, or undefined when no stanza is under it. */
export function hoverAt(text: TextLines, line: number, character: number, opts: HoverOptions = {}): HoverContent | undefined {
  const f = fragmentAt(text, line, character);
  return f ? hoverFor(f, opts) : undefined;
}

function hoverFor(f: Fragment, opts: HoverOptions = {}): HoverContent {
  const maxChars = opts.maxChars ?? DEFAULT_HOVER_MAX_CHARS;
  const d = decodeFragmentWith({ ...f }, opts);
  const desc = describeDecoded(d);
  // The note about a cut goes below the code block, naming the setting.
  let { xml, cut } = d.root ? prettyPrintLimited(d.root, { markLayers: true, maxChars }) : { xml: d.unescaped, cut: false };
  if (!d.root && xml.length > maxChars) {
    xml = xml.slice(0, maxChars);
    cut = true;
  }

  const parts: string[] = [`**${md(desc.summary)}**`];
  const layers = d.layers === 1 ? l10n.t('1 escaped layer decoded') : l10n.t('{0} escaped layers decoded', d.layers);
  const facts = [desc.kind, desc.from || desc.to ? l10n.t('{0} → {1}', desc.from ?? '?', desc.to ?? '?') : '', desc.node ? l10n.t('node {0}', desc.node) : '', d.layers > 0 ? layers : '', d.escaped > 0 ? l10n.t('escaped {0}× in the log', d.escaped) : ''].filter(Boolean);
  parts.push(md(facts.join(' · ')));
  if (desc.bosh?.condition) parts.push(l10n.t('BOSH condition {0}: {1}', codeSpan(desc.bosh.condition), md(desc.bosh.conditionText ?? '')));
  if (d.error) parts.push(l10n.t('Not well-formed XML: {0}', md(d.error)));
  parts.push(codeBlock(xml, 'xml'));
  if (d.hidden) parts.push(`*${l10n.t('{0} (setting `xmppBosh.showSecrets` shows them).', md(upperFirst(hiddenWords(d.hidden))))}*`);
  if (cut) parts.push(`*${l10n.t('Cut at {0} characters (setting `xmppBosh.hover.maxChars`); open it in the Stanza Inspector to see all of it.', maxChars.toLocaleString('en-US'))}*`);
  const links = [opts.inspectorLink && `[${l10n.t('Open in Stanza Inspector')}](${opts.inspectorLink})`, opts.decodedLink && `[${l10n.t('Open Decoded Beside')}](${opts.decodedLink})`].filter(Boolean);
  if (links.length) parts.push(links.join(' · '));
  return { start: { line: f.line - 1, character: f.column }, end: endOf(f), markdown: parts.join('\n\n'), cut };
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Markdown-escapes text from the log, so a stanza cannot add links, images or HTML to the hover;
 * its line breaks become spaces, so it cannot start a block of its own either.
 */
export function md(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** Inline code on one line, its fence longer than any run of backticks inside, so the text cannot close it. */
export function codeSpan(code: string): string {
  const one = code.replace(/\s+/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(one) + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any run of backticks inside, so the text cannot close it. */
export function codeBlock(code: string, lang: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}

function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}
