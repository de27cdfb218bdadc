// Live sessions ("XMPP: Connect", over BOSH or WebSocket) diagnosed from their transcripts, so the Sessions view
// shows their timeline like a log's: refreshed, debounced, as stanzas arrive.
import * as vscode from 'vscode';
import type { Incident } from '../../core/sessions/model';
import { startDiagnosis, type DiagnosisRun } from '../diagnostics/run-diagnosis';
import { allSessions, onDidChangeLiveSessions, onDidRecordStanza } from '../session/live-sessions';
import { SessionDocuments } from '../session/session-document';
import { DEBOUNCE_MS } from '../diagnostics/incident-state';

export interface LiveView {
  id: string;
  jid: string;
  state: string;
  /** BOSH only; a WebSocket session is known by its connection and stream id (in `label`). */
  sid?: string;
  /** 'BOSH' or 'WebSocket'. */
  transport: string;
  /** How the server knows it now: `BOSH sid …`, `WebSocket connection 2, stream id …`. */
  label: string;
  stanzas: number;
  /** The transcript's document, where its events' places point. */
  uri: string;
  incident?: Incident;
}

/**
 * Diagnoses running at once. Each is a worker thread of tens of MB; fifty sessions going quiet together (a
 * notification burst ending) would otherwise start fifty, gigabytes of the host's memory for a few seconds.
 */
export const LIVE_DIAGNOSES_AT_ONCE = 2;

export class LiveDiagnoses implements vscode.Disposable {
  private readonly incidents = new Map<string, Incident>();
  private readonly runs = new Map<string, DiagnosisRun>();
  /** Sessions due for a diagnosis, waiting for a free run, oldest first. */
  private readonly due = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private signature = '';

  constructor(private readonly workerFile: string) {
    this.subscriptions.push(
      onDidRecordStanza(({ sessionId }) => this.schedule(sessionId)),
      onDidChangeLiveSessions(() => this.checkStates()),
    );
  }

  views(): LiveView[] {
    return allSessions().map((s) => ({
      id: s.id,
      jid: s.jid,
      state: s.state,
      ...(s.session.sid ? { sid: s.session.sid } : {}),
      transport: s.transportName,
      label: s.transportLabel,
      stanzas: s.buffer.total,
      uri: SessionDocuments.uriFor(s.id, s.jid).toString(),
      ...(this.incidents.has(s.id) ? { incident: this.incidents.get(s.id)! } : {}),
    }));
  }

  private checkStates(): void {
    const live = allSessions();
    const sig = live.map((s) => `${s.id}:${s.state}:${s.buffer.total}`).join(',');
    if (sig === this.signature) return;
    this.signature = sig;
    const ids = new Set(live.map((s) => s.id));
    for (const id of this.incidents.keys()) if (!ids.has(id)) this.incidents.delete(id);
    // A session gone (disconnected) needs no diagnosis any more.
    for (const id of [...this.due, ...this.runs.keys(), ...this.timers.keys()]) if (!ids.has(id)) this.forget(id);
    this.changed.fire();
  }

  private forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.due.delete(id);
    this.runs.get(id)?.cancel();
    this.runs.delete(id);
    this.pump();
  }

  private schedule(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.due.add(id);
        this.pump();
      }, DEBOUNCE_MS),
    );
  }

  /** Starts due diagnoses while fewer than LIVE_DIAGNOSES_AT_ONCE run; a session already running starts over on its newer transcript. */
  private pump(): void {
    for (const id of this.due) {
      if (this.runs.size >= LIVE_DIAGNOSES_AT_ONCE && !this.runs.has(id)) break;
      this.due.delete(id);
      void this.diagnose(id);
    }
  }

  private async diagnose(id: string): Promise<void> {
    const s = allSessions().find((x) => x.id === id);
    if (!s) return;
    this.runs.get(id)?.cancel();
    const run = startDiagnosis(this.workerFile, { paths: [], texts: [{ name: SessionDocuments.uriFor(s.id, s.jid).toString(), text: s.transcript() }] });
    this.runs.set(id, run);
    const r = await run.result;
    if (this.runs.get(id) !== run) return;
    this.runs.delete(id);
    if (r?.ok) this.incidents.set(id, r.incident);
    this.changed.fire();
    this.pump();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const r of this.runs.values()) r.cancel();
    this.due.clear();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
