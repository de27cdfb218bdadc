// The incident the Problems panel and the Sessions view show: the files or folders picked in
// "XMPP: Diagnose Sessions…", or else the log and HAR documents open in editors. Re-diagnosed,
// debounced, when a picked file changes on disk or an open document is edited; a run that a
// newer one makes stale is cancelled.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Incident } from '../../core/sessions/model';
import type { DiagnoseProgress, DiagnoseRequest } from './diagnose-request';
import { inputNameOf, shortName } from './places';
import { startDiagnosis, type DiagnosisRun } from './run-diagnosis';

export type IncidentSource = { kind: 'picked'; uris: vscode.Uri[] } | { kind: 'editors' };

/** Quiet time after the last change before the incident is diagnosed again. */
export const DEBOUNCE_MS = 1000;

/** Open documents diagnosed when nothing was picked: logs, transcripts, plain text and HAR captures. */
export function isDiagnosableDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-settings' || doc.uri.scheme === 'git') return false;
  if (doc.languageId === 'log' || doc.languageId === 'xmpp-log' || doc.languageId === 'plaintext') return true;
  return doc.languageId === 'json' && /\.har$/i.test(doc.uri.path);
}

export class IncidentStore implements vscode.Disposable {
  source: IncidentSource = { kind: 'editors' };
  incident: Incident | undefined;
  /** Inputs that could not be read, or only in part. */
  problems: string[] = [];
  error: string | undefined;
  running = false;
  private run: DiagnosisRun | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly progressed = new vscode.EventEmitter<DiagnoseProgress>();
  /** How far the run under way has read. */
  readonly onDidProgress = this.progressed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly workerFile: string) {
    const editorChange = (doc: vscode.TextDocument) => {
      if (this.source.kind === 'editors' && isDiagnosableDocument(doc)) this.schedule();
    };
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && editorChange(e.document)),
      vscode.workspace.onDidOpenTextDocument(editorChange),
      vscode.workspace.onDidCloseTextDocument(editorChange),
      vscode.window.tabGroups.onDidChangeTabs(() => this.source.kind === 'editors' && this.schedule()),
    );
  }

  /** What the incident is, in words, for the view's header. */
  describe(): string {
    if (this.source.kind === 'picked') {
      const names = this.source.uris.map((u) => shortName(u.path));
      const shown = names.slice(0, 4).join(', ');
      return names.length > 4 ? vscode.l10n.t('Picked: {0} and {1} more', shown, names.length - 4) : vscode.l10n.t('Picked: {0}', shown);
    }
    const docs = this.editorDocuments();
    if (!docs.length) return vscode.l10n.t('Open editors: no log or HAR capture is open');
    const shown = docs.slice(0, 4).map((d) => shortName(d.uri.path)).join(', ');
    return docs.length > 4 ? vscode.l10n.t('Open editors: {0} and {1} more', shown, docs.length - 4) : vscode.l10n.t('Open editors: {0}', shown);
  }

  /** Diagnoses these files and folders from now on, watching them for changes; resolves once diagnosed. */
  pick(uris: vscode.Uri[]): Promise<void> {
    this.source = { kind: 'picked', uris };
    this.watch(uris);
    return this.runNow();
  }

  /** Back to the documents open in editors. */
  useEditors(): Promise<void> {
    this.source = { kind: 'editors' };
    this.watch([]);
    return this.runNow();
  }

  /** Stops the run under way; what was diagnosed before stays shown. */
  cancel(): void {
    clearTimeout(this.timer);
    this.generation++;
    this.run?.cancel();
    this.run = undefined;
    if (this.running) {
      this.running = false;
      this.changed.fire();
    }
  }

  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), delay);
  }

  /** Cancels a run under way and starts one now; resolves when this run has finished (or was itself cancelled). */
  runNow(): Promise<void> {
    clearTimeout(this.timer);
    this.run?.cancel();
    return this.diagnose(++this.generation);
  }

  private async diagnose(gen: number): Promise<void> {
    const req = await this.request();
    if (gen !== this.generation) return; // a newer run started while the editors were read
    this.running = true;
    this.changed.fire();
    const run = startDiagnosis(this.workerFile, req, (p) => this.progressed.fire(p));
    this.run = run;
    const result = await run.result;
    if (this.run !== run || !result) return; // a newer run took over
    this.run = undefined;
    this.running = false;
    if (result.ok) {
      this.incident = result.incident;
      this.problems = result.problems;
      this.error = undefined;
    } else this.error = result.message;
    this.changed.fire();
  }

  private async request(): Promise<DiagnoseRequest> {
    const req: DiagnoseRequest = { paths: [], texts: [] };
    if (this.source.kind === 'editors') {
      for (const d of this.editorDocuments()) req.texts.push({ name: inputNameOf(d.uri), text: d.getText() });
      return req;
    }
    for (const uri of this.source.uris) {
      if (uri.scheme === 'file') req.paths.push(uri.fsPath);
      else {
        try {
          if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) continue;
          req.texts.push({ name: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
        } catch {
          // gone: the run says nothing of it
        }
      }
    }
    return req;
  }

  /** Log and HAR documents shown in editor tabs (not every document VS Code holds in memory). */
  editorDocuments(): vscode.TextDocument[] {
    const open = new Set<string>();
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText) open.add(t.input.uri.toString());
    return vscode.workspace.textDocuments.filter((d) => open.has(d.uri.toString()) && isDiagnosableDocument(d));
  }

  private watch(uris: vscode.Uri[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const uri of uris) {
      if (uri.scheme !== 'file') continue;
      void stat(uri.fsPath).then(
        (st) => {
          const pattern = st.isDirectory() ? new vscode.RelativePattern(uri, '**/*') : new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), shortName(uri.path));
          const w = vscode.workspace.createFileSystemWatcher(pattern);
          const again = () => this.schedule();
          w.onDidChange(again);
          w.onDidCreate(again);
          w.onDidDelete(again);
          this.watchers.push(w);
        },
        () => undefined,
      );
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.run?.cancel();
    for (const w of this.watchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.progressed.dispose();
  }
}
