/** Every literal message passed to l10n.t in the TypeScript files under `dir` (src/ by default), with where it was first seen. */
export function extractMessages(dir?: string): Map<string, string>;
/** `{0}`, `{1}`… of a message, sorted. */
export function slotsOf(message: string): string[];
