// The session timeline tab: sends one session to the page, reveals the lines it asks for, saves its exports.
import * as vscode from 'vscode';
import { readTimelineWebviewMessage, type TimelineData, type TimelineHostMessage, type TimelineWebviewMessage } from '../../protocol';
import { revealPlace } from '../diagnostics/places';
import { timelineHtml } from './timeline-html';
import { pageStrings } from '../page-strings';

export const TIMELINE_VIEW_TYPE = 'xmppBosh.sessionTimeline';

export class TimelinePanel {
  private static current: TimelinePanel | undefined;
  private ready = false;
  private data: TimelineData | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sessions.svg');
    panel.webview.html = timelineHtmlFor(panel.webview, roots);
    panel.webview.onDidReceiveMessage((raw) => {
      const m = readTimelineWebviewMessage(raw);
      if (m) void this.onMessage(m).catch((e) => this.post({ type: 'error', message: (e as Error).message }));
    });
    panel.onDidDispose(() => {
      if (TimelinePanel.current === this) TimelinePanel.current = undefined;
    });
  }

  /** Shows a session in the timeline tab, opening it if needed. */
  static show(extensionUri: vscode.Uri, data: TimelineData): TimelinePanel {
    let p = TimelinePanel.current;
    if (!p) {
      const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, vscode.l10n.t('Session Timeline'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true });
      p = TimelinePanel.current = new TimelinePanel(panel, extensionUri);
    }
    p.data = data;
    p.panel.title = vscode.l10n.t('Timeline: {0}', data.session.jid ?? data.session.agent ?? data.session.sid);
    p.panel.reveal();
    if (p.ready) p.post({ type: 'show', data });
    return p;
  }

  private async onMessage(m: TimelineWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.data) this.post({ type: 'show', data: this.data });
        return;
      case 'reveal':
        // Only lines of this session's own inputs: the page names a place, not any file on the disk.
        if (this.data && !this.knows(m.file)) return;
        return revealPlace(m.file, m.line);
      case 'export': {
        const name = `session-${(this.data?.session.sid ?? 'timeline').replace(/[^\w.-]/g, '_')}.${m.format}`;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
          filters: m.format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
          title: vscode.l10n.t('Export the session timeline as {0}', m.format.toUpperCase()),
        });
        if (!target) return;
        const bytes = m.format === 'svg' ? Buffer.from(m.text, 'utf8') : Buffer.from(m.base64, 'base64');
        await vscode.workspace.fs.writeFile(target, bytes);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Timeline saved to {0}', target.fsPath || target.toString()), 4000);
        return;
      }
    }
  }

  private knows(file: string): boolean {
    const s = this.data!.session;
    return s.files.includes(file) || s.evidence.some((e) => e.file === file) || s.events.some((e) => e.file === file) || this.data!.findings.some((f) => f.file === file);
  }

  private post(m: TimelineHostMessage): void {
    void this.panel.webview.postMessage(m);
  }
}

function timelineHtmlFor(webview: vscode.Webview, roots: vscode.Uri[]): string {
  return timelineHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[0], 'timeline.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(roots[1], 'timeline.css')).toString(),
  }, pageStrings());
}
