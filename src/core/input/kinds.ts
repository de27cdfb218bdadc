/**
 * Which files of a folder or an archive are read, and as what: decided by name first, then by
 * the first bytes (a rotated log may be gzipped without saying so; a file without extension may
 * be a log or a binary).
 */

/** How much of a file is looked at to tell text from binary and to read magic bytes. */
export const HEAD_BYTES = 4096;

/**
 * What a name says: `zip` and `gz` are archives; `text` is a log, transcript or HAR by its
 * extension; `maybe` needs its first bytes looked at (no extension, or a rotated suffix such as
 * `.log.1`); `skip` is anything else (images, jars, class files…) in a folder or an archive.
 */
export type NameKind = 'zip' | 'gz' | 'text' | 'maybe' | 'skip';

export function kindOfName(baseName: string): NameKind {
  const lower = baseName.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'skip';
  if (lower.endsWith('.gz')) return 'gz';
  if (/\.(log|txt|out|har)$/.test(lower)) return 'text';
  // Rotated logs: debug.log.1, catalina.out.3, server.log.2026-01-01, app.txt.20260101
  if (/\.(log|txt|out)\.[^/]+$/.test(lower)) return 'maybe';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return 'maybe';
  return 'skip';
}

/** What the first bytes say. */
export type ContentKind = 'zip' | 'gz' | 'binary' | 'text';

export function kindOfContent(head: Uint8Array): ContentKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gz';
  const end = Math.min(head.length, HEAD_BYTES);
  for (let i = 0; i < end; i++) if (head[i] === 0) return 'binary';
  return 'text';
}

/** Folders never looked into: hidden ones, installed packages, macOS resource forks in zips. */
export function isSkippedFolder(name: string): boolean {
  return (name.startsWith('.') && name !== '.' && name !== '..') || name === 'node_modules' || name === '__MACOSX';
}

/** Hidden files (`.DS_Store`, `._debug.log`) are not logs. */
export function isHiddenFile(name: string): boolean {
  return name.startsWith('.') && name !== '.' && name !== '..';
}
