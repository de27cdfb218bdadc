// The element path grammar shared by the Inspector's element filter and `bosh-inspect decode --match`:
//   path      = step *( "/" step )
//   step      = name *( "[" attribute [ "=" value ] "]" ) [ "=" text ]     ("=" text on the last step only)
//   name      = an element's local name, or "*" for any element
// Steps go from outer to inner with any depth between them; a value or text may be quoted ("…" or '…')
// to hold "/", "]", "=" or spaces. Errors name the column (1-based) where the path goes wrong.
import { l10n } from '../l10n';

export interface AttributeTest {
  name: string;
  /** Absent: the attribute only has to be there. */
  value?: string;
}

export interface PathStep {
  /** A local name, prefix dropped, or '*'. */
  name: string;
  attributes: AttributeTest[];
  /** The element's own text, trimmed, must equal this (last step only). */
  text?: string;
}

export interface ElementPath {
  source: string;
  steps: PathStep[];
}

/** Longest path accepted, and most steps: a filter, not a program. */
export const MAX_PATH_CHARS = 1000;
export const MAX_PATH_STEPS = 32;

export class ElementPathError extends Error {
  override name = 'ElementPathError';

  /** `column`: 1-based position in the path where it goes wrong. */
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {
    super(l10n.t('column {0}: {1}', column, reason));
  }
}

// Characters that end a name: the grammar's own, and white space (never part of an XML name).
const NAME_END = /[/[\]="'\s]/;

/** Parses a path, or throws ElementPathError saying what is wrong and where. */
export function parseElementPath(source: string): ElementPath {
  if (source.length > MAX_PATH_CHARS) throw new ElementPathError(l10n.t('the path is longer than {0} characters', MAX_PATH_CHARS), MAX_PATH_CHARS + 1);
  const s = source;
  let pos = 0;
  const fail = (reason: string, at = pos): never => {
    throw new ElementPathError(reason, at + 1);
  };
  if (s.trim() === '') fail(l10n.t('the path is empty: write element names from outer to inner, such as Update/user/state=NOT_READY'));

  const name = (what: string): string => {
    const start = pos;
    while (pos < s.length && !NAME_END.test(s[pos])) pos++;
    if (pos === start) {
      if (pos >= s.length) fail(l10n.t('{0} is missing at the end of the path', what));
      fail(l10n.t('expected {0}, found "{1}"', what, s[pos]));
    }
    return s.slice(start, pos);
  };
  /** A quoted string, or unquoted characters up to one of `stops`. */
  const value = (stops: string, what: string): string => {
    const q = s[pos];
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, pos + 1);
      if (close < 0) fail(l10n.t('the quote opened here is never closed'));
      const v = s.slice(pos + 1, close);
      pos = close + 1;
      return v;
    }
    const start = pos;
    while (pos < s.length && !stops.includes(s[pos])) pos++;
    if (pos === start) fail(l10n.t('{0} is missing after "="; write "" for an empty one', what), start - 1);
    return s.slice(start, pos);
  };

  const steps: PathStep[] = [];
  for (;;) {
    if (steps.length === MAX_PATH_STEPS) fail(l10n.t('more than {0} steps', MAX_PATH_STEPS));
    if (s[pos] === '/') fail(steps.length === 0 ? l10n.t('the path starts with "/": steps already match at any depth, so leave it out') : l10n.t('an empty step ("//"): steps already match at any depth, so one "/" is enough'));
    const step: PathStep = { name: localPart(name(l10n.t('an element name'))), attributes: [] };
    while (s[pos] === '[') {
      const open = pos++;
      const attr = localPart(name(l10n.t('an attribute name')));
      let test: AttributeTest = { name: attr };
      if (s[pos] === '=') {
        pos++;
        test = { name: attr, value: value(']', l10n.t('a value')) };
      }
      if (pos >= s.length) fail(l10n.t('the "[" opened here is never closed with "]"'), open);
      if (s[pos] !== ']') fail(l10n.t('expected "]" to close the "[" at column {0}, found "{1}"', open + 1, s[pos]));
      pos++;
      step.attributes.push(test);
    }
    if (s[pos] === '=') {
      pos++;
      step.text = value('', l10n.t('the text'));
      if (pos < s.length) fail(l10n.t('"=text" ends the path; found more after the closing quote'));
    }
    steps.push(step);
    if (pos >= s.length) break;
    if (s[pos] !== '/') fail(s[pos] === ']' ? l10n.t('"]" without a "[" before it') : l10n.t('expected "/", "[" or "=" after the element name, found "{0}"', s[pos]));
    pos++;
    if (pos >= s.length) fail(l10n.t('the path ends with "/": a step is missing after it'), pos - 1);
  }
  return { source, steps };
}

/** `stream:features` → `features`: names are matched without their prefix. */
export function localPart(name: string): string {
  if (name === '*') return name;
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
