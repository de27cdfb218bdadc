// The Outline of a log or transcript: symbols grouped by session and kind, and folding regions.
export { buildOutline } from './build';
export { DEFAULT_OUTLINE_LIMITS, type Outline, type OutlineFold, type OutlineLimits, type OutlineRange, type OutlineSymbol, type OutlineSymbolRole } from './model';
