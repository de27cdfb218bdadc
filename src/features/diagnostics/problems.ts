// Findings and session ends as diagnostics on the lines that show them, each pointing to the
// session's other evidence lines (in other files first) as related information.
import * as vscode from 'vscode';
import type { Evidence, Finding, Incident, Severity } from '../../core/sessions/model';
import { uriOfInput } from './places';

export const DIAGNOSTIC_SOURCE = 'XMPP BOSH';
/** Related lines given with one diagnostic at most. */
const MAX_RELATED = 20;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function lineRange(line: number): vscode.Range {
  const l = Math.max(0, line - 1);
  // To the end of the line whatever its length; VS Code clamps it to the text.
  return new vscode.Range(l, 0, l, Number.MAX_SAFE_INTEGER);
}

/** The diagnostics of an incident, by URI. */
export function incidentDiagnostics(incident: Incident): Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> {
  const out = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  const sessions = new Map(incident.sessions.map((s) => [s.sid, s]));
  for (const f of incident.findings) {
    const uri = uriOfInput(f.file);
    const d = new vscode.Diagnostic(lineRange(f.line), f.count && f.count > 1 ? vscode.l10n.t('{0} ({1} like this)', f.message, f.count) : f.message, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = f.kind;
    const related = relatedOf(f, f.sid ? (sessions.get(f.sid)?.evidence ?? []) : []);
    if (related.length) d.relatedInformation = related;
    const key = uri.toString();
    const entry = out.get(key) ?? { uri, diagnostics: [] };
    entry.diagnostics.push(d);
    out.set(key, entry);
  }
  return out;
}

function relatedOf(f: Finding, sessionEvidence: Evidence[]): vscode.DiagnosticRelatedInformation[] {
  const seen = new Set([`${f.file}\n${f.line}`]);
  const lines: Evidence[] = [];
  for (const e of [...f.evidence, ...sessionEvidence]) {
    const k = `${e.file}\n${e.line}`;
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(e);
  }
  // The other files' lines first: they are what a reader of this file does not see.
  lines.sort((a, b) => Number(a.file === f.file) - Number(b.file === f.file));
  return lines.slice(0, MAX_RELATED).map((e) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOfInput(e.file), lineRange(e.line)), e.text || `line ${e.line}`));
}

export class ProblemsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('xmpp-bosh');

  show(incident: Incident | undefined): void {
    this.collection.clear();
    if (!incident) return;
    for (const { uri, diagnostics } of incidentDiagnostics(incident).values()) this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
