// The context key that shows the session commands in the command palette only while a session is open.
import * as vscode from 'vscode';
import { allSessions, onDidChangeLiveSessions } from './live-sessions';

export const HAS_LIVE_SESSION_KEY = 'xmppBosh.hasLiveSession';

let wanted = false;
let current = false;

/** The value VS Code last accepted for the context key. */
export function hasLiveSessionContext(): boolean {
  return current;
}

export function watchLiveSessionContext(): vscode.Disposable {
  const update = () => {
    const now = allSessions().length > 0;
    if (now === wanted) return;
    wanted = now;
    void vscode.commands.executeCommand('setContext', HAS_LIVE_SESSION_KEY, now).then(() => (current = now));
  };
  return onDidChangeLiveSessions(update);
}
