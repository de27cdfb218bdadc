// Following a source after its first reading: a log file that grows (polled, whole lines only,
// a cut or rotated file reported so it is read again) and a live session (its stanzas as they are
// recorded, as transcript lines). Both hand fragments on in batches, through the same finder as the first reading.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import * as vscode from 'vscode';
import { FragmentFinder } from '../../core/find/finder';
import type { Fragment } from '../../core/fragment';
import { transcriptLine } from '../../core/xmpp/stanza-record';
import { onDidRecordStanza } from '../session/live-sessions';
import { SESSION_SCHEME } from '../session/session-document';
import { FileTail } from './file-tail';
import type { FileReading } from './file-source';

/** How often a followed file is looked at. */
export const FOLLOW_POLL_MS = 300;
/** Stanzas of a live session gathered this long before they are handed on together. */
export const FOLLOW_BATCH_MS = 200;

export interface Follower extends vscode.Disposable {
  /** Begins handing fragments on (those that came before are held until then, in order). */
  start(): void;
}

/** Follows a log file from where its reading stopped; `onChanged` once when it was cut, replaced or removed. */
export function followFile(path: string, reading: FileReading, after: { line: number; column: number } | undefined, onFragments: (f: Fragment[]) => void, onChanged: () => void): Follower {
  const tail = new FileTail(path, reading.resumeAt(), reading.ino, after);
  let busy = false;
  let again = false;
  let stopped = false;
  let started = false;
  const poll = async () => {
    if (!started || stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        for (;;) {
          const r = await tail.read();
          if (stopped) return;
          if (r === 'changed') {
            stop();
            onChanged();
            return;
          }
          if (r.fragments.length) onFragments(r.fragments);
          if (!r.more) break;
        }
      } while (again && !stopped);
    } catch {
      // Unreadable for a moment (being replaced): the next change of the file tries again.
    } finally {
      busy = false;
    }
  };
  const listener = (_cur: Stats, _prev: Stats) => void poll();
  const stop = () => {
    stopped = true;
    unwatchFile(path, listener);
  };
  watchFile(path, { interval: FOLLOW_POLL_MS, persistent: false }, listener);
  return {
    start() {
      started = true;
      // Bytes written between the end of the reading and now.
      void poll();
    },
    dispose: stop,
  };
}

/** The live session a source shows, when it is a session's transcript document. */
export function liveSessionIdOf(uri: string): string | undefined {
  const u = vscode.Uri.parse(uri);
  return u.scheme === SESSION_SCHEME ? u.path.split('/')[1] || undefined : undefined;
}

/** Follows a live session: its stanzas as transcript lines numbered on from `nextLine`. */
export function followSession(sessionId: string, nextLine: number, onFragments: (f: Fragment[]) => void): Follower {
  const finder = new FragmentFinder(nextLine);
  let lines: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  const flush = () => {
    timer = undefined;
    const found: Fragment[] = [];
    for (const record of lines) for (const line of record.split('\n')) found.push(...finder.push(line));
    lines = [];
    if (found.length) onFragments(found);
  };
  const sub = onDidRecordStanza(({ sessionId: id, record }) => {
    if (id !== sessionId) return;
    lines.push(transcriptLine(record));
    if (started) timer ??= setTimeout(flush, FOLLOW_BATCH_MS);
  });
  return {
    start() {
      started = true;
      if (lines.length) timer ??= setTimeout(flush, 0);
    },
    dispose() {
      sub.dispose();
      clearTimeout(timer);
    },
  };
}
