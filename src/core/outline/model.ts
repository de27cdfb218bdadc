// The Outline of a log as plain data: sessions, then kinds, then stanzas, and the folding ranges beside them.

/** 0-based lines and columns, the end just past the last character (as an editor range). */
export interface OutlineRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type OutlineSymbolRole = 'session' | 'kind' | 'stanza';

export interface OutlineSymbol {
  role: OutlineSymbolRole;
  name: string;
  detail: string;
  /** From the first character of the first stanza to just past the last one's. */
  range: OutlineRange;
  /** Where the symbol's name is shown when it is picked: the first stanza's start. */
  selection: OutlineRange;
  children: OutlineSymbol[];
}

/** 0-based first and last line of a folding region. */
export interface OutlineFold {
  start: number;
  end: number;
  role: 'stanza' | 'session';
}

export interface Outline {
  symbols: OutlineSymbol[];
  folds: OutlineFold[];
  /** Every stanza found, whether it got a symbol of its own or not. */
  stanzas: number;
  /** Stanzas left without a symbol of their own because of the cap. */
  stanzasOmitted: number;
  /** Folding regions left out because of the cap. */
  foldsOmitted: number;
}

export interface OutlineLimits {
  /** Most stanza symbols listed; past it sessions and kinds keep their counts. */
  maxStanzaSymbols: number;
  /** Most folding regions returned (VS Code folds at most `editor.foldingMaximumRegions`). */
  maxFolds: number;
}

export const DEFAULT_OUTLINE_LIMITS: OutlineLimits = { maxStanzaSymbols: 10_000, maxFolds: 5_000 };
