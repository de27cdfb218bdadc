// One Stanza Inspector tab: reads its source into a FragmentIndex, streams rows to the page,
// answers detail/copy/reveal/export requests. Everything the page posts is read with the protocol's readers.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { fragmentEnd, type Fragment } from '../../core/fragment';
import { readWebviewMessage, type HostMessage, type InspectorState, type Row, type SourceRef, type WebviewMessage } from '../../protocol';
import { DEFAULT_DETAIL_MAX_CHARS, FragmentIndex, batchIsDue } from './fragment-index';
import { FileLines } from './file-lines';
import { readFileFragments, type FileReading } from './file-source';
import { inspectorHtml } from './inspector-html';
import { secretsOptions } from '../show-secrets';
import { fragmentsOfText } from './text-source';

export const INSPECTOR_VIEW_TYPE = 'xmppBosh.inspector';

export class InspectorPanel {
  /** The Inspector tab last active, for commands that act on "the Inspector" (the session timeline). */
  static active: InspectorPanel | undefined;
  private selectedIndex: number | undefined;
  private index = new FragmentIndex();
  private generation = 0;
  private source: SourceRef | undefined;
  private title = '';
  private revealLine: number | undefined;
  private pageReady = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
  ) {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'inspector.svg');
    panel.webview.html = inspectorHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(roots[0], 'inspector.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(roots[1], 'inspector.css')).toString(),
    });
    panel.webview.onDidReceiveMessage((raw) => {
      const m = readWebviewMessage(raw);
      if (m) void this.onMessage(m).catch((e) => this.post({ type: 'error', message: (e as Error).message }));
    });
    panel.onDidDispose(() => {
      this.generation++;
      if (InspectorPanel.active === this) InspectorPanel.active = undefined;
    });
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) InspectorPanel.active = this;
    });
    InspectorPanel.active = this;
  }

  static create(extensionUri: vscode.Uri): InspectorPanel {
    // Kept alive while hidden: otherwise switching tabs would read a 1 GB log again from the start.
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, vscode.l10n.t('Stanza Inspector'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true });
    return new InspectorPanel(panel, extensionUri);
  }

  /** Shows a source; rows stream in once the page is ready. */
  show(source: SourceRef, revealLine?: number): void {
    this.source = source;
    this.revealLine = revealLine;
    this.title = titleOf(source);
    this.panel.title = vscode.l10n.t('Stanza Inspector: {0}', this.title);
    this.panel.reveal();
    if (this.pageReady) void this.load();
  }

  /** What this tab shows and the line of its selected row, if a row is selected. */
  async selection(): Promise<{ source: SourceRef; line?: number } | undefined> {
    if (!this.source) return undefined;
    const f = this.selectedIndex !== undefined ? await this.index.fragment(this.selectedIndex) : undefined;
    return f ? { source: this.source, line: f.line } : { source: this.source };
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        // After a reload the page names its source; otherwise it is the one given to show().
        if (!this.source && m.state?.source) {
          this.source = m.state.source;
          this.title = titleOf(m.state.source);
          this.panel.title = vscode.l10n.t('Stanza Inspector: {0}', this.title);
        }
        if (this.source) await this.load();
        return;
      case 'detail': {
        this.selectedIndex = m.index;
        const max = vscode.workspace.getConfiguration('xmppBosh.inspector').get<number>('maxChars', DEFAULT_DETAIL_MAX_CHARS);
        const detail = await this.index.detail(m.index, max);
        if (detail) this.post({ type: 'detail', detail });
        return;
      }
      case 'copy': {
        const text = m.what === 'decoded' ? await this.index.decodedText(m.index) : await this.index.originalText(m.index);
        if (text === undefined) return;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(m.what === 'decoded' ? vscode.l10n.t('Decoded XML copied') : vscode.l10n.t('Original text copied'), 3000);
        return;
      }
      case 'reveal':
        return this.reveal(m.index);
      case 'export':
        return this.export(m.indices);
    }
  }

  private async load(): Promise<void> {
    const gen = ++this.generation;
    const source = this.source!;
    // A file is read back line by line on demand instead of kept in memory.
    this.index = new FragmentIndex(source.kind === 'file' ? new FileLines(source.path) : undefined, secretsOptions());
    this.post({ type: 'reset', title: this.title, source, ...(this.revealLine !== undefined ? { revealLine: this.revealLine } : {}) });
    this.revealLine = undefined;
    let batch: Row[] = [];
    let last = Date.now();
    let reading: FileReading | undefined;
    const progress = (done: boolean) => {
      const bytes = reading?.bytesRead();
      this.post({ type: 'progress', rows: this.index.size, done, ...(bytes !== undefined ? { bytes, totalBytes: reading!.totalBytes } : {}) });
    };
    const flush = () => {
      if (batch.length) this.post({ type: 'rows', rows: batch });
      progress(false);
      notify?.report();
      batch = [];
      last = Date.now();
    };
    // A large file shows its reading in a notification whose Cancel stops it where it is.
    let stopped = false;
    let notify: { report(): void; end(): void } | undefined;
    try {
      let fragments: AsyncIterable<Fragment>;
      if (source.kind === 'file') {
        reading = await readFileFragments(source.path);
        fragments = reading.fragments;
        if (reading.totalBytes >= NOTIFY_BYTES) notify = readingNotification(this.title, reading, () => this.index.size, () => (stopped = true));
      } else fragments = await documentFragments(source);
      for await (const f of fragments) {
        if (gen !== this.generation) return;
        if (stopped) {
          flush();
          progress(true);
          const mb = (b: number) => (b / 1048576).toFixed(0);
          this.post({ type: 'error', message: vscode.l10n.t('reading stopped: {0} stanzas from the first {1} of {2} MB of {3}', this.index.size.toLocaleString('en-US'), mb(reading!.bytesRead() ?? 0), mb(reading!.totalBytes), this.title) });
          return;
        }
        batch.push(this.index.add(f));
        if (batchIsDue(batch.length, this.index.size - batch.length, Date.now() - last)) {
          flush();
          // Let the page's requests (a click on a row) through while a large file is read.
          await new Promise((r) => setImmediate(r));
        }
      }
      if (gen !== this.generation) return;
      flush();
      progress(true);
    } catch (e) {
      if (gen !== this.generation) return;
      flush();
      progress(true);
      this.post({ type: 'error', message: vscode.l10n.t('could not read {0}: {1}', this.title, (e as Error).message) });
    } finally {
      notify?.end();
    }
  }

  private async reveal(i: number): Promise<void> {
    const f = await this.index.fragment(i);
    if (!f || !this.source) return;
    const uri = this.source.kind === 'file' ? vscode.Uri.file(this.source.path) : vscode.Uri.parse(this.source.uri);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const start = new vscode.Position(f.line - 1, f.column);
      const last = fragmentEnd(f);
      const end = new vscode.Position(last.line - 1, last.column);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end), viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Cannot show line {0} of {1} in an editor: {2}', f.line, this.title, (e as Error).message));
    }
  }

  private async export(indices: number[]): Promise<void> {
    if (indices.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No rows to export: the filters hide every fragment.'));
      return;
    }
    const base = this.source?.kind === 'file' ? vscode.Uri.file(this.source.path.replace(/(\.[^./\\]+)?$/, '.decoded.log')) : undefined;
    const target = await vscode.window.showSaveDialog({ defaultUri: base, filters: { [vscode.l10n.t('XMPP log')]: ['log'] }, title: vscode.l10n.t('Export decoded fragments') });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(await this.index.exportLog(indices, this.title), 'utf8'));
    await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
  }

  private post(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }
}

async function documentFragments(source: SourceRef & { kind: 'document' }): Promise<AsyncIterable<Fragment>> {
  // An open document is answered as it stands in the editor, unsaved changes included.
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.uri));
  if (!source.selection) return fragmentsOfText(doc.getText());
  const range = new vscode.Range(source.selection.start, 0, source.selection.end + 1, 0);
  return fragmentsOfText(doc.getText(doc.validateRange(range)), source.selection.start + 1);
}

function titleOf(source: SourceRef): string {
  if (source.kind === 'file') return basename(source.path);
  const uri = vscode.Uri.parse(source.uri);
  const name = basename(uri.path) || uri.toString();
  return source.selection ? `${name} (lines ${source.selection.start + 1}–${source.selection.end + 1})` : name;
}

/** Restores Inspector tabs after a reload from the state the page saved. */
export class InspectorSerializer implements vscode.WebviewPanelSerializer<InspectorState> {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: InspectorState | undefined): Promise<void> {
    // The page hands its saved source back in its 'ready' message, read with the protocol's reader.
    new InspectorPanel(panel, this.extensionUri);
  }
}

/** Files from this size on show their reading in a notification with Cancel (smaller ones are read in a moment). */
const NOTIFY_BYTES = 32 * 1024 * 1024;

/** A progress notification for one file's reading: how far, how many stanzas; Cancel calls `cancel`. */
function readingNotification(title: string, reading: FileReading, rows: () => number, cancel: () => void): { report(): void; end(): void } {
  let end = () => {};
  let report = () => {};
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Stanza Inspector: reading {0}', title), cancellable: true }, (p, token) => {
    token.onCancellationRequested(cancel);
    let shown = 0;
    report = () => {
      const pct = Math.min(100, Math.floor((100 * (reading.bytesRead() ?? 0)) / Math.max(1, reading.totalBytes)));
      p.report({ increment: pct - shown, message: vscode.l10n.t('{0} stanzas, {1} %', rows().toLocaleString('en-US'), pct) });
      shown = pct;
    };
    return new Promise<void>((resolve) => (end = resolve));
  });
  return { report: () => report(), end: () => end() };
}
