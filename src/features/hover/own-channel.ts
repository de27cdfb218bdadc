// Output channels are documents of the scheme `output` whose path names the extension that made them
// (`extension-output-<publisher.name>-#<n>-<channel name>`); the hover answers in ours only, not in every
// extension's log channel (those are of the language `log` too).

/** Whether a document of this scheme and path is open to the hover: any but an output channel of another extension. */
export function hoverableDocument(scheme: string, path: string, extensionId: string): boolean {
  if (scheme !== 'output') return true;
  return path.replace(/^\/+/, '').toLowerCase().startsWith(`extension-output-${extensionId.toLowerCase()}-#`);
}
