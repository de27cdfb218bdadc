// "Show Timeline": a session drawn in its own tab, from the Sessions view, from a live session,
// or from the active Stanza Inspector (the session of its selected row, or a pick of its file's sessions).
import * as vscode from 'vscode';
import type { Incident, Session } from '../../core/sessions/model';
import type { TimelineData } from '../../protocol';
import type { IncidentStore } from '../diagnostics/incident-state';
import { inputNameOf, shortName } from '../diagnostics/places';
import { startDiagnosis } from '../diagnostics/run-diagnosis';
import { InspectorPanel } from '../inspector/inspector-panel';
import type { SessionNode } from '../sessions-view/sessions-tree';
import { causeWords } from '../sessions-view/words';
import { TimelinePanel } from './timeline-panel';

export const TIMELINE_COMMAND = 'xmppBosh.sessionTimeline';

export function timelineData(incident: Incident, session: Session, title: string): TimelineData {
  return { title, session, findings: incident.findings.filter((f) => f.sid === session.sid) };
}

export function registerTimeline(context: vscode.ExtensionContext, store: IncidentStore): void {
  const workerFile = vscode.Uri.joinPath(context.extensionUri, 'dist', 'diagnose-worker.js').fsPath;
  context.subscriptions.push(
    vscode.commands.registerCommand(TIMELINE_COMMAND, async (node?: SessionNode) => {
      if (node?.kind === 'session') return void TimelinePanel.show(context.extensionUri, timelineData(node.incident, node.session, node.title));
      if (node?.kind === 'live') {
        const inc = node.live.incident;
        const s = inc?.sessions[0];
        if (!inc || !s) return void vscode.window.showInformationMessage(vscode.l10n.t('Live session {0} has no BOSH exchange to draw yet.', node.live.jid));
        return void TimelinePanel.show(context.extensionUri, timelineData(inc, s, vscode.l10n.t('live session {0}', node.live.jid)));
      }
      const inspector = InspectorPanel.active;
      const sel = inspector && (await inspector.selection());
      if (sel) {
        const name = sel.source.kind === 'file' ? sel.source.path : inputNameOf(vscode.Uri.parse(sel.source.uri));
        const req = sel.source.kind === 'file' ? { paths: [sel.source.path], texts: [] } : { paths: [], texts: [{ name, text: (await vscode.workspace.openTextDocument(vscode.Uri.parse(sel.source.uri))).getText() }] };
        const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Diagnosing {0}', shortName(name)) }, () => startDiagnosis(workerFile, req).result);
        if (!r) return;
        if (!r.ok) return void vscode.window.showErrorMessage(vscode.l10n.t('Session timeline: {0}', r.message));
        const atLine = sel.line !== undefined ? sessionAtLine(r.incident.sessions, name, sel.line) : undefined;
        const s = atLine ?? (await pickSession(r.incident.sessions));
        if (s) TimelinePanel.show(context.extensionUri, timelineData(r.incident, s, shortName(name)));
        return;
      }
      const inc = store.incident;
      const s = inc && (await pickSession(inc.sessions));
      if (inc && s) TimelinePanel.show(context.extensionUri, timelineData(inc, s, store.describe()));
      else if (!inc?.sessions.length) void vscode.window.showInformationMessage(vscode.l10n.t('No BOSH session to draw: run "XMPP: Diagnose Sessions…" or open a log.'));
    }),
  );
}

/** The session whose lines in this file enclose the line, else the nearest one in the file. */
function sessionAtLine(sessions: Session[], file: string, line: number): Session | undefined {
  let best: { s: Session; d: number } | undefined;
  for (const s of sessions) {
    const lines = [...s.spans.flatMap((x) => [x.sent, ...(x.answered ? [x.answered] : [])]), ...s.events].filter((p) => p.file === file).map((p) => p.line);
    if (!lines.length) continue;
    const lo = Math.min(...lines);
    const hi = Math.max(...lines);
    const d = line < lo ? lo - line : line > hi ? line - hi : 0;
    if (!best || d < best.d) best = { s, d };
  }
  return best?.s;
}

async function pickSession(sessions: Session[]): Promise<Session | undefined> {
  if (sessions.length <= 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({ label: s.jid ?? s.agent ?? `sid ${s.sid}`, description: `${causeWords(s.endCause)} · sid ${s.sid}`, detail: s.explanation, s })),
    { title: vscode.l10n.t('Session timeline'), placeHolder: vscode.l10n.t('Which session?') },
  );
  return picked?.s;
}
