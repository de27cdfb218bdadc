// Types of package.mjs for the UI scenario, which installs the packed .vsix.
export const VSIX_LIMIT_BYTES: number;
/** The icon and the walkthrough's media, as paths inside the extension. */
export function shownFiles(manifest: { icon?: string; contributes?: unknown }): string[];
/** The README as packed: its screenshots inline as PNG data URLs. */
export function packagedReadme(text: string): string;
export function packageVsix(opts?: { quiet?: boolean; out?: string }): { vsix: string; size: number; entries: string[] };
