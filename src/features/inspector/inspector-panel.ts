// One Stanza Inspector tab per source: reads its source into a FragmentIndex, streams rows to the page,
// follows a log that grows and a live session, searches every stanza for the page's filters,
// answers detail/copy/reveal/export requests. Everything the page posts is read with the protocol's readers.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { fragmentEnd, type Fragment } from '../../core/fragment';
import { looksLikeHar } from '../../core/find/har';
import { readHead } from '../../core/find/source';
import { readWebviewMessage, type HostMessage, type InspectorState, type Row, type SourceRef, type WebviewMessage } from '../../protocol';
import { sessionById } from '../session/live-sessions';
import { DEFAULT_DETAIL_MAX_CHARS, FragmentIndex, ROWS_PER_BATCH, batchIsDue } from './fragment-index';
import { FileLines } from './file-lines';
import { readFileFragments, type FileReading } from './file-source';
import { inspectorHtml } from './inspector-html';
import { pageStrings } from '../page-strings';
import { secretsOptions } from '../show-secrets';
import { fragmentsOfText } from './text-source';
import { followFile, followSession, liveSessionIdOf, type Follower } from './source-follow';
import { isEmptyQuery, newStanzaMatches, readQuery, searchStanzas, type StanzaQuery } from './stanza-search';

/** What the extension's tests (and other features) can learn of the open Inspector tabs. */
export interface InspectorInfo {
  title: string;
  source: SourceRef;
  /** Rows read so far. */
  rows: number;
  /** The line of the row selected in the page, if one is. */
  selectedLine?: number;
  /** Whether rows are appended as the source grows. */
  following: boolean;
}

export const INSPECTOR_VIEW_TYPE = 'xmppBosh.inspector';

export class InspectorPanel {
  /** The Inspector tab last active, for commands that act on "the Inspector" (the session timeline). */
  static active: InspectorPanel | undefined;
  /** One tab per source: opening a source again reveals its tab. */
  private static readonly bySource = new Map<string, InspectorPanel>();
  private selectedIndex: number | undefined;
  private follower: Follower | undefined;
  /** The page's current search, tested on rows as they are added too. */
  private search: { id: number; query: StanzaQuery; searched: number; total: number; done: boolean } | undefined;
  private searchGeneration = 0;
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
    }, pageStrings());
    panel.webview.onDidReceiveMessage((raw) => {
      const m = readWebviewMessage(raw);
      if (m) void this.onMessage(m).catch((e) => this.post({ type: 'error', message: (e as Error).message }));
    });
    panel.onDidDispose(() => {
      this.generation++;
      this.searchGeneration++;
      this.stopFollowing();
      if (this.source && InspectorPanel.bySource.get(sourceKey(this.source)) === this) InspectorPanel.bySource.delete(sourceKey(this.source));
      if (InspectorPanel.active === this) InspectorPanel.active = undefined;
    });
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) InspectorPanel.active = this;
    });
    InspectorPanel.active = this;
  }

  /** The tab showing this source, revealed at `line`, or a new one. */
  static open(extensionUri: vscode.Uri, source: SourceRef, line?: number): InspectorPanel {
    const open = InspectorPanel.bySource.get(sourceKey(source));
    // The same file, now with unsaved changes (or saved again): read the way it now is.
    if (open && JSON.stringify(open.source) !== JSON.stringify(source)) open.show(source, line);
    else if (open) open.showAgain(line);
    if (open) return open;
    const panel = InspectorPanel.create(extensionUri);
    panel.show(source, line);
    return panel;
  }

  /** The open tabs, newest last. */
  static async all(): Promise<InspectorInfo[]> {
    return Promise.all([...InspectorPanel.bySource.values()].map((p) => p.info()));
  }

  /** The tab showing a source, if one does. */
  static forSource(source: SourceRef): InspectorPanel | undefined {
    return InspectorPanel.bySource.get(sourceKey(source));
  }

  async info(): Promise<InspectorInfo> {
    const sel = await this.selection().catch(() => undefined);
    return { title: this.title, source: this.source!, rows: this.index.size, following: this.follower !== undefined, ...(sel?.line !== undefined ? { selectedLine: sel.line } : {}) };
  }

  static create(extensionUri: vscode.Uri): InspectorPanel {
    // Kept alive while hidden: otherwise switching tabs would read a 1 GB log again from the start.
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, vscode.l10n.t('Stanza Inspector'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true });
    return new InspectorPanel(panel, extensionUri);
  }

  /** Shows a source; rows stream in once the page is ready. */
  show(source: SourceRef, revealLine?: number): void {
    this.adopt(source);
    this.revealLine = revealLine;
    this.title = titleOf(source);
    this.panel.title = vscode.l10n.t('Stanza Inspector: {0}', this.title);
    this.panel.reveal();
    if (this.pageReady) void this.load();
  }

  /** The source opened again: its tab comes forward at the stanza asked for; an editor's text is read again, as it may have changed. */
  private showAgain(line: number | undefined): void {
    this.panel.reveal();
    if (this.source?.kind === 'document' && !this.follower) {
      this.revealLine = line;
      if (this.pageReady) void this.load();
      return;
    }
    if (line === undefined) return;
    if (this.pageReady) this.post({ type: 'select', line });
    else this.revealLine = line;
  }

  /** Takes the source as this tab's, the one tab for it. */
  private adopt(source: SourceRef): void {
    if (this.source && InspectorPanel.bySource.get(sourceKey(this.source)) === this) InspectorPanel.bySource.delete(sourceKey(this.source));
    this.source = source;
    InspectorPanel.bySource.set(sourceKey(source), this);
  }

  /**
   * Runs a search as the page asks for one and answers the lines of the rows found, once it is
   * done (for the extension's tests and API: the same code the page's filters run).
   */
  async find(text: string, match: string): Promise<number[] | string> {
    const found: number[] = [];
    let failed: string | undefined;
    await this.runSearch(-1, text, match, (m) => {
      if (m.type === 'matches') found.push(...m.indices);
      else if (m.type === 'searchError') failed = m.message;
    });
    if (failed !== undefined) return failed;
    const lines: number[] = [];
    for (const i of found) {
      const f = await this.index.fragment(i);
      if (f) lines.push(f.line);
    }
    return lines;
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
          this.adopt(m.state.source);
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
        else if (this.index.isReleased(m.index)) this.post({ type: 'error', message: vscode.l10n.t('this stanza is no longer in memory: a followed session keeps its newest {0} (setting xmppBosh.session.bufferSize)', sessionBufferSize()) });
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
      case 'search':
        return this.runSearch(m.search, m.text, m.match, (r) => this.post(r));
    }
  }

  /**
   * Searches every stanza read so far, in runs read back from the source, reporting matches as
   * they are found; a newer search (or a new reading) cancels it. Rows added later are tested
   * as they come (see added()).
   */
  private async runSearch(id: number, text: string, match: string, report: (m: HostMessage) => void): Promise<void> {
    // A search for the API runs beside the page's, neither cancelling the other.
    const gen = id >= 0 ? ++this.searchGeneration : this.searchGeneration;
    const query = readQuery(text, match);
    if (!('words' in query)) {
      if (id >= 0) this.search = undefined;
      report({ type: 'searchError', search: id, message: query.reason, column: query.column });
      return;
    }
    if (isEmptyQuery(query)) {
      if (id >= 0) this.search = undefined;
      return;
    }
    const index = this.index;
    const search = { id, query, searched: 0, total: index.size, done: false };
    // The page's own search goes on testing new rows; a search for the API ends with its answer.
    if (id >= 0) this.search = search;
    const cancelled = () => (id >= 0 && gen !== this.searchGeneration) || index !== this.index;
    try {
      for await (const r of searchStanzas(index, query, cancelled)) {
        search.searched = r.searched;
        search.total = r.total;
        report({ type: 'matches', search: id, indices: r.indices, searched: r.searched, total: r.total, done: false });
        await new Promise((done) => setImmediate(done));
        if (cancelled()) return;
      }
    } catch (e) {
      if (cancelled()) return;
      report({ type: 'error', message: vscode.l10n.t('search stopped: {0}', (e as Error).message) });
    }
    if (cancelled()) return;
    search.done = true;
    report({ type: 'matches', search: id, indices: [], searched: search.total, total: search.total, done: true });
  }

  /** A fragment just added as row `row`: tested against the page's search, if one is running. */
  private added(f: Fragment, row: Row, found: number[]): void {
    if (this.search && newStanzaMatches(this.index, f, row.index, this.search.query)) found.push(row.index);
  }

  private postFound(found: number[]): void {
    const s = this.search;
    if (s && found.length) this.post({ type: 'matches', search: s.id, indices: found, searched: s.searched, total: s.total, done: s.done });
  }

  private stopFollowing(): void {
    this.follower?.dispose();
    this.follower = undefined;
  }

  /** Rows found after the first reading: appended, tested against the search, counted. */
  private appendFollowed(gen: number, fragments: Fragment[]): void {
    if (gen !== this.generation) return;
    const rows: Row[] = [];
    const found: number[] = [];
    for (const f of fragments) {
      const row = this.index.add(f);
      rows.push(row);
      this.added(f, row, found);
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_BATCH) this.post({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_BATCH) });
    this.postFound(found);
    this.post({ type: 'progress', rows: this.index.size, done: true });
  }

  private async load(): Promise<void> {
    const gen = ++this.generation;
    const source = this.source!;
    this.stopFollowing();
    // A file is read back line by line on demand instead of kept in memory.
    this.index = new FragmentIndex(source.kind === 'file' ? new FileLines(source.path) : undefined, secretsOptions());
    // A log file and a live session grow; a HAR capture is written once, and a selection is a snapshot.
    const sessionId = source.kind === 'document' && !source.selection ? liveSessionIdOf(source.uri) : undefined;
    const live = sessionId !== undefined ? sessionById(sessionId) : undefined;
    const follows = source.kind === 'file' ? !(await isHar(source.path)) : live !== undefined;
    if (gen !== this.generation) return;
    this.post({ type: 'reset', title: this.title, source, ...(this.revealLine !== undefined ? { revealLine: this.revealLine } : {}), ...(follows ? { follows } : {}) });
    this.revealLine = undefined;
    let found: number[] = [];
    let lastFound: Fragment | undefined;
    let batch: Row[] = [];
    let last = Date.now();
    let reading: FileReading | undefined;
    const progress = (done: boolean) => {
      const bytes = reading?.bytesRead();
      this.post({ type: 'progress', rows: this.index.size, done, ...(bytes !== undefined ? { bytes, totalBytes: reading!.totalBytes } : {}) });
    };
    const flush = () => {
      if (batch.length) this.post({ type: 'rows', rows: batch });
      this.postFound(found);
      found = [];
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
      } else if (live && sessionId !== undefined) {
        // The transcript as it stands now, and every stanza recorded after it: nothing lost between the two.
        // As many stanzas as the session itself keeps, so a session followed for hours stays bounded.
        this.index.limitKept(sessionBufferSize());
        const text = live.transcript();
        this.follower = followSession(sessionId, lineBreaks(text) + 1, (f) => this.appendFollowed(gen, f));
        fragments = fragmentsOfText(text);
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
        const row = this.index.add(f);
        batch.push(row);
        this.added(f, row, found);
        lastFound = f;
        if (batchIsDue(batch.length, this.index.size - batch.length, Date.now() - last)) {
          flush();
          // Let the page's requests (a click on a row) through while a large file is read.
          await new Promise((r) => setImmediate(r));
        }
      }
      if (gen !== this.generation) return;
      flush();
      progress(true);
      if (follows && reading && source.kind === 'file') {
        const after = lastFound && { line: lastFound.line, column: lastFound.column };
        this.follower = followFile(source.path, reading, after, (f) => this.appendFollowed(gen, f), () => {
          // Cut or rotated: what the tab shows is no longer the file; read it again from the start.
          if (gen === this.generation) void this.load();
        });
      }
      this.follower?.start();
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

/** Which tab a source belongs to: a file by its path whether read from disk or from an editor, an editor's selection apart. */
function sourceKey(source: SourceRef): string {
  const uri = source.kind === 'file' ? vscode.Uri.file(source.path).toString() : source.uri;
  return source.kind === 'document' && source.selection ? `${uri}#${source.selection.start}-${source.selection.end}` : uri;
}

/** The stanzas a live session keeps (`xmppBosh.session.bufferSize`), as the session reads the setting. */
function sessionBufferSize(): number {
  return Math.max(100, vscode.workspace.getConfiguration('xmppBosh.session').get<number>('bufferSize', 5000));
}

async function isHar(path: string): Promise<boolean> {
  try {
    return looksLikeHar(await readHead(path, 4096));
  } catch {
    return false;
  }
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
