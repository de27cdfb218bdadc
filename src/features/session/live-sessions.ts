// The open sessions, and what other features (the Inspector) may read of them.
import * as vscode from 'vscode';
import type { StanzaRecord } from '../../core/xmpp/stanza-record';
import type { LiveSession } from './live-session';

const sessions = new Map<string, LiveSession>();
const recorded = new vscode.EventEmitter<{ sessionId: string; record: StanzaRecord }>();

/** Fires for every stanza of every live session, after it was decoded. */
export const onDidRecordStanza: vscode.Event<{ sessionId: string; record: StanzaRecord }> = recorded.event;

const changed = new vscode.EventEmitter<void>();
/** Fires when a session is added or removed, or changes state (connecting, online, reconnecting, closed). */
export const onDidChangeLiveSessions: vscode.Event<void> = changed.event;

export interface LiveSessionInfo {
  id: string;
  jid: string;
  url: string;
  state: string;
}

export function listLiveSessions(): LiveSessionInfo[] {
  return [...sessions.values()].map((s) => ({ id: s.id, jid: s.jid, url: s.url, state: s.state }));
}

/** The most recent stanzas of a session (bounded by xmppBosh.session.bufferSize), oldest first. */
export function getSessionStanzas(id: string): StanzaRecord[] {
  return sessions.get(id)?.buffer.toArray() ?? [];
}

export function addSession(s: LiveSession): void {
  sessions.set(s.id, s);
  changed.fire();
}

export function removeSession(id: string): void {
  sessions.delete(id);
  changed.fire();
}

export function fireStateChanged(): void {
  changed.fire();
}

export function sessionById(id: string): LiveSession | undefined {
  return sessions.get(id);
}

export function allSessions(): LiveSession[] {
  return [...sessions.values()];
}

export function fireRecorded(sessionId: string, record: StanzaRecord): void {
  recorded.fire({ sessionId, record });
}

export function disposeRegistry(): void {
  recorded.dispose();
  changed.dispose();
}
