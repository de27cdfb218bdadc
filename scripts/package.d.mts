// Types of package.mjs for the UI scenario, which installs the packed .vsix.
export const VSIX_LIMIT_BYTES: number;
/** The icon, the README's images and the walkthrough's media, as paths inside the extension. */
export function shownFiles(manifest: { icon?: string; contributes?: unknown }, readme: string): string[];
export function packageVsix(opts?: { quiet?: boolean; out?: string }): { vsix: string; size: number; entries: string[] };
