// Types of package.mjs for the UI scenario, which installs the packed .vsix.
export const VSIX_LIMIT_BYTES: number;
export function packageVsix(opts?: { quiet?: boolean; out?: string }): { vsix: string; size: number; entries: string[] };
