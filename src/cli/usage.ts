// Usage text on standard error whenever a command ends with an exit code other than 0: the
// whole text for bad arguments, its synopsis after any other failure (see main.ts).

let shown = false;

/** A usage error: the message, then the command's whole usage text, on stderr. Exit code 2. */
export function badUsage(command: string, message: string, usage: string): number {
  process.stderr.write(`bosh-inspect ${command}: ${message}\n${usage}\n`);
  shown = true;
  return 2;
}

/** Whether a usage text was already written to stderr by this run. */
export function usageShown(): boolean {
  return shown;
}

/** The 'Usage:' lines of a usage text, up to its first blank line. */
export function synopsis(usage: string): string {
  const lines = usage.split('\n');
  const first = Math.max(0, lines.findIndex((l) => l.startsWith('Usage:')));
  const end = lines.indexOf('', first);
  return lines.slice(first, end < 0 ? undefined : end).join('\n');
}
