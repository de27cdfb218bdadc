// Fragments of one document → its Outline: sessions, kinds and stanzas as symbols, and folding regions.
import { decodeFragmentWith } from '../decode';
import { describeDecoded, type Description } from '../describe';
import { fragmentEnd, type Fragment } from '../fragment';
import { DEFAULT_OUTLINE_LIMITS, type Outline, type OutlineFold, type OutlineLimits, type OutlineRange, type OutlineSymbol } from './model';
import { SessionKeys, type SessionKey } from './session-key';

interface Group {
  key: string;
  name: string;
  first: Fragment;
  last: Fragment;
  count: number;
  children: OutlineSymbol[];
}

interface SessionGroup extends Group {
  kinds: Map<string, Group>;
}

/** Builds the Outline of fragments found in one document, in the order found. */
export function buildOutline(fragments: Iterable<Fragment>, limits: OutlineLimits = DEFAULT_OUTLINE_LIMITS): Outline {
  const sessions = new Map<string, SessionGroup>();
  const keys = new SessionKeys();
  const folds = new FoldCollector(limits.maxFolds);
  let stanzas = 0;
  let listed = 0;
  for (const f of fragments) {
    // A copy: the parsed tree goes with it once described, not with the caller's fragment (a 20 MB log holds thousands).
    // Past the stanzas listed only the kind and the session count, and neither is inside an escaped payload.
    const d = describeDecoded(decodeFragmentWith({ ...f }, listed < limits.maxStanzaSymbols ? {} : { nestedLayers: false }));
    const key = keys.keyOf(f, d);
    stanzas++;
    const session = sessionGroup(sessions, key, f);
    session.last = f;
    session.count++;
    const kind = kindGroup(session, d.kind, f);
    kind.last = f;
    kind.count++;
    if (listed < limits.maxStanzaSymbols) {
      listed++;
      kind.children.push(stanzaSymbol(f, d));
    }
    folds.add(f, key.id);
  }
  folds.end();
  const symbols = tightestFirst([...sessions.values()].map((s) => groupSymbol(s, 'session', tightestFirst([...s.kinds.values()].map((k) => groupSymbol(k, 'kind', k.children))))));
  return { symbols, folds: folds.folds, stanzas, stanzasOmitted: stanzas - listed, foldsOmitted: folds.omitted };
}

/**
 * Interleaved sessions and kinds have overlapping ranges. The breadcrumbs take the first sibling whose range holds the
 * cursor and go no further back, so the sibling spanning the fewest lines comes first: the one most likely to hold the
 * stanza under the cursor. The Outline view shows them in the order of their positions whatever the order here.
 */
function tightestFirst(groups: OutlineSymbol[]): OutlineSymbol[] {
  const span = (s: OutlineSymbol) => s.range.endLine - s.range.startLine;
  return groups.sort((a, b) => span(a) - span(b) || a.range.startLine - b.range.startLine);
}

function sessionGroup(sessions: Map<string, SessionGroup>, key: SessionKey, f: Fragment): SessionGroup {
  let s = sessions.get(key.id);
  if (!s) sessions.set(key.id, (s = { key: key.id, name: key.name, first: f, last: f, count: 0, children: [], kinds: new Map() }));
  return s;
}

function kindGroup(session: SessionGroup, kind: string, f: Fragment): Group {
  let k = session.kinds.get(kind);
  if (!k) session.kinds.set(kind, (k = { key: kind, name: kind, first: f, last: f, count: 0, children: [] }));
  return k;
}

function stanzaSymbol(f: Fragment, d: Description): OutlineSymbol {
  const range = rangeOf(f, f);
  const way = f.direction === 'sent' ? 'sent ' : f.direction === 'received' ? 'received ' : '';
  return { role: 'stanza', name: `${way}${d.kind} · line ${f.line}`, detail: d.summary, range, selection: startOf(f), children: [] };
}

function groupSymbol(g: Group, role: 'session' | 'kind', children: OutlineSymbol[]): OutlineSymbol {
  const shown = countListed(role, children);
  const detail = `${g.count} ${g.count === 1 ? 'stanza' : 'stanzas'}${shown < g.count ? `, ${shown} listed` : ''}`;
  return { role, name: g.name, detail, range: rangeOf(g.first, g.last), selection: startOf(g.first), children };
}

function countListed(role: 'session' | 'kind', children: OutlineSymbol[]): number {
  return role === 'kind' ? children.length : children.reduce((n, k) => n + k.children.length, 0);
}

function rangeOf(first: Fragment, last: Fragment): OutlineRange {
  const end = fragmentEnd(last);
  return { startLine: first.line - 1, startColumn: first.column, endLine: end.line - 1, endColumn: end.column };
}

function startOf(f: Fragment): OutlineRange {
  return { startLine: f.line - 1, startColumn: f.column, endLine: f.line - 1, endColumn: f.column };
}

/**
 * Folds each stanza spread over several lines, and each run of consecutive records of one session
 * (interleaved sessions cannot fold as one region). A run that starts on a stanza's first line
 * takes that line: two regions never start on the same line.
 */
class FoldCollector {
  readonly folds: OutlineFold[] = [];
  omitted = 0;
  private run: { session: string; first: Fragment; last: Fragment; count: number } | undefined;
  private stanzaFolds: OutlineFold[] = [];

  constructor(private readonly max: number) {}

  add(f: Fragment, session: string): void {
    if (this.run && (this.run.session !== session || session === '')) this.closeRun();
    if (!this.run) this.run = { session, first: f, last: f, count: 0 };
    this.run.last = f;
    this.run.count++;
    if (f.endLine > f.line) this.stanzaFolds.push({ start: f.line - 1, end: f.endLine - 1, role: 'stanza' });
  }

  end(): void {
    this.closeRun();
  }

  private closeRun(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    const start = run.first.line - 1;
    const end = run.last.endLine - 1;
    const sessionFold = run.count > 1 && run.session !== '' && end > start;
    if (sessionFold) this.push({ start, end, role: 'session' });
    for (const s of this.stanzaFolds) if (!sessionFold || s.start !== start) this.push(s);
    this.stanzaFolds = [];
  }

  private push(fold: OutlineFold): void {
    if (this.folds.length < this.max) this.folds.push(fold);
    else this.omitted++;
  }
}
