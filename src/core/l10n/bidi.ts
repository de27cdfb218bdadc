/**
 * Right-to-left text from stanzas (Arabic agent names, chat bodies, reason labels) set into a left-to-right sentence.
 * Left as is, the Unicode bidirectional algorithm lets it pull its neighbours along: the digits, JIDs and arrows
 * around an Arabic name swap places. An isolate (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE)
 * lays the value out in its own direction and shows it to its neighbours as one neutral character.
 */
export const FSI = '\u2068';
export const PDI = '\u2069';

// Strong right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function hasRightToLeft(s: string): boolean {
  return RIGHT_TO_LEFT.test(s);
}

// An isolate already in the text (a summary set into a longer one): what it holds is laid out already.
const ISOLATED = /[\u2066-\u2068][^\u2066-\u2069]*\u2069/g;

/**
 * The value inside an isolate when it holds right-to-left text outside any isolate of its own; Latin text, numbers
 * and JIDs stay byte for byte.
 */
export function isolateRightToLeft(value: string): string {
  if (!hasRightToLeft(value)) return value;
  let bare = value;
  for (let before = ''; before !== bare; ) {
    before = bare;
    bare = bare.replace(ISOLATED, '');
  }
  return hasRightToLeft(bare) ? FSI + value + PDI : value;
}
