// Builds TextMate rules from readable pieces: a rule is a sequence of raw regex strings and
// named captures, numbered here so nobody counts parentheses by hand. Raw strings may only use
// non-capturing groups; `assertNoBareGroup` enforces that.

/** A capturing group with a scope name (or null for "no scope", or a capture spec object). */
export const cap = (scope, ...body) => ({ kind: 'cap', scope, body });
/** `(?: … )?` */
export const opt = (...body) => ({ kind: 'opt', body });
/** `(?: a | b | … )`; each branch is a part or an array of parts. */
export const alt = (...branches) => ({ kind: 'alt', branches });

function assertNoBareGroup(raw) {
  // An unescaped "(" that does not start "(?" would shift every capture number after it.
  if (/(^|[^\\])(\\\\)*\((?!\?)/.test(raw)) throw new Error(`raw regex part opens a capturing group: ${raw}`);
}

function compileInto(part, state) {
  if (typeof part === 'string') {
    assertNoBareGroup(part);
    return part;
  }
  if (Array.isArray(part)) return part.map((p) => compileInto(p, state)).join('');
  switch (part.kind) {
    case 'cap': {
      const n = ++state.n;
      const inner = compileInto(part.body, state);
      if (part.scope !== null) state.captures[n] = typeof part.scope === 'string' ? { name: part.scope } : part.scope;
      return `(${inner})`;
    }
    case 'opt':
      return `(?:${compileInto(part.body, state)})?`;
    case 'alt':
      return `(?:${part.branches.map((b) => compileInto(b, state)).join('|')})`;
    default:
      throw new Error(`unknown regex part ${JSON.stringify(part)}`);
  }
}

/** Compiles parts to `{ source, captures }` with captures numbered in order of their "(". */
function compile(...parts) {
  const state = { n: 0, captures: {} };
  const source = compileInto(parts, state);
  return { source, captures: state.captures };
}

/** A one-line `match` rule. */
export function match(name, ...parts) {
  const { source, captures } = compile(...parts);
  const rule = { match: source };
  if (name) rule.name = name;
  if (Object.keys(captures).length) rule.captures = captures;
  return rule;
}

/** A `begin`/`end` region. */
export function region({ name, contentName, begin, end, patterns }) {
  const b = compile(begin);
  const e = compile(end);
  const rule = { begin: b.source, end: e.source };
  if (name) rule.name = name;
  if (contentName) rule.contentName = contentName;
  if (Object.keys(b.captures).length) rule.beginCaptures = b.captures;
  if (Object.keys(e.captures).length) rule.endCaptures = e.captures;
  rule.patterns = patterns;
  return rule;
}
