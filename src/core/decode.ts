import type { Fragment } from './fragment';
import type { XmlElement } from './xml/element';
import { unescapeXml } from './xml/escape';
import { decodeLayers } from './xml/escape-layers';
import { parseXml } from './xml/parse';
import { compactXml } from './xml/pretty';
import { ExtentScanner } from './find/extent-scanner';
import type { HiddenSecret } from './sasl/hidden';
import { redactSecrets } from './sasl/redact';
import { mayHoldSecrets, redactSecretText } from './sasl/redact-text';

const STREAM_HEADER = /^(?:<\?[^>]*\?>\s*)?<(?:[\w.-]+:)?stream[\s>]/;

export interface DecodedFragment extends Fragment {
  /** The parsed fragment with every nested escaped layer turned into elements. */
  root?: XmlElement;
  /** How many nested layers were decoded (a Finesse notification: 1). */
  layers: number;
  /** The fragment with its own log escaping undone: what was parsed, or what failed to parse. */
  unescaped: string;
  /** Why the fragment could not be parsed, in words. */
  error?: string;
  /** Credentials taken out of `root`, `unescaped` and `text` (whose, never what). */
  hidden?: HiddenSecret[];
}

export interface DecodeOptions {
  /**
   * Keep passwords, SASL payloads, Authorization headers and cookies as the input has them;
   * only when the user asked (`--show-secrets`, the `xmppBosh.showSecrets` setting).
   */
  showSecrets?: boolean;
  /**
   * false leaves escaped payloads as text: for callers that need only the outer stanza (its kind, its session),
   * such as an Outline past the stanzas it lists.
   */
  nestedLayers?: boolean;
}

/**
 * Parses a found fragment and decodes its nested layers, completing the fragment object in
 * place (it is read once per stanza of multi-gigabyte logs, so no copy). A partial fragment is closed
 * where it broke off so everything that did arrive can still be read; a stream header
 * or a lone end tag is reported as it stands.
 */
export function decodeFragment(f: Fragment): DecodedFragment {
  return decodeFragmentWith(f, {});
}

/** decodeFragment, with the choice to show secrets the user made. */
export function decodeFragmentWith(f: Fragment, options: DecodeOptions): DecodedFragment {
  const d = parseFragment(f, options.nestedLayers !== false);
  // The one place every face (decode, scan, hover, Inspector, exports) gets its text from.
  if (!options.showSecrets && mayHoldSecrets(f.text)) hideSecrets(d);
  return d;
}

/** Replaces credentials in the tree, the unescaped and the original text alike, noting whose they were. */
function hideSecrets(d: DecodedFragment): void {
  const hidden: HiddenSecret[] = [];
  if (d.root) d.root = redactSecrets(d.root, hidden);
  d.unescaped = redactSecretText(d.unescaped, hidden);
  d.text = redactSecretText(d.text, hidden);
  if (hidden.length) d.hidden = hidden;
}

function parseFragment(f: Fragment, nestedLayers: boolean): DecodedFragment {
  let text = f.text;
  // ejabberd logs XML inside Erlang binaries (<<"<body rid=\"1\"…">>), quotes and backslashes escaped.
  if (f.dialect === 'ejabberd' && text.includes('\\')) text = unescapeErlang(text);
  for (let k = 0; k < f.escaped; k++) text = unescapeXml(text);
  if (f.partial || text.charCodeAt(1) === 47 /* / */ || STREAM_HEADER.test(text)) {
    // Only these need the extent scanner's view of what is still open.
    const scanner = new ExtentScanner();
    scanner.feed(text, 0);
    if (scanner.endTagOnly) return Object.assign(f, { layers: 0, unescaped: text.trim() });
    if (scanner.streamHeader) text = text.replace(/>\s*$/, '/>').replace(/\/\/>$/, '/>');
    else if (f.partial) text = closeOpenElements(text, scanner.open);
  }
  const d = f as DecodedFragment;
  d.unescaped = text;
  try {
    d.root = parseXml(text);
    d.layers = nestedLayers ? decodeLayers(d.root) : 0;
  } catch (e) {
    d.layers = 0;
    d.error = (e as Error).message;
  }
  return d;
}

/**
 * The decoded fragment on one line, nested layers as elements; the unescaped text when it
 * could not be parsed. Made on demand: a hover or an Inspector row never needs it.
 */
export function decodedXml(d: DecodedFragment): string {
  return d.root ? compactXml(d.root) : d.unescaped;
}

function unescapeErlang(s: string): string {
  return s.replace(/\\(["\\nrt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

function closeOpenElements(text: string, open: readonly string[]): string {
  // Drop a tag cut off in the middle (`<item id="2`), then close what is still open.
  const lastLt = text.lastIndexOf('<');
  if (lastLt > text.lastIndexOf('>')) text = text.slice(0, lastLt);
  let closing = '';
  for (let i = open.length - 1; i >= 0; i--) closing += `</${open[i]}>`;
  return text + closing;
}
