// The "BOSH Sessions" view: the incident's sessions (end cause as icon and words, lifetime,
// requests), each expanding to its timeline events; findings not tied to a session; the clocks;
// and the live sessions of "XMPP: Connect" (BOSH or WebSocket).
import * as vscode from 'vscode';
import type { ClockNote, Finding, Incident, Session, TimelineEvent } from '../../core/sessions/model';
import type { IncidentStore } from '../diagnostics/incident-state';
import { REVEAL_PLACE_COMMAND } from '../diagnostics';
import { shortName } from '../diagnostics/places';
import type { LiveDiagnoses, LiveView } from './live-diagnoses';
import { causeWords, causeIcon, lifetime } from './words';

export type SessionNode =
  | { kind: 'message'; text: string; icon?: string }
  | { kind: 'session'; session: Session; incident: Incident; title: string }
  | { kind: 'event'; event: TimelineEvent }
  | { kind: 'loose'; findings: Finding[] }
  | { kind: 'finding'; finding: Finding }
  | { kind: 'clocks'; clocks: ClockNote[] }
  | { kind: 'clock'; clock: ClockNote }
  | { kind: 'live'; live: LiveView };

export const SESSION_CONTEXT = 'xmppBosh.session';
export const LIVE_CONTEXT = 'xmppBosh.liveSession';

export class SessionsTree implements vscode.TreeDataProvider<SessionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: IncidentStore,
    private readonly live: LiveDiagnoses,
  ) {
    this.subscriptions = [store.onDidChange(() => this.changed.fire(undefined)), live.onDidChange(() => this.changed.fire(undefined))];
  }

  getChildren(node?: SessionNode): SessionNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'session':
        return node.session.events.map((event) => ({ kind: 'event', event }));
      case 'loose':
        return node.findings.map((finding) => ({ kind: 'finding', finding }));
      case 'clocks':
        return node.clocks.map((clock) => ({ kind: 'clock', clock }));
      case 'live': {
        const inc = node.live.incident;
        return inc ? inc.sessions.flatMap((s) => s.events.map((event): SessionNode => ({ kind: 'event', event }))) : [{ kind: 'message', text: vscode.l10n.t('no stanza yet') }];
      }
      default:
        return [];
    }
  }

  private roots(): SessionNode[] {
    const out: SessionNode[] = [];
    const inc = this.store.incident;
    if (this.store.error) out.push({ kind: 'message', text: vscode.l10n.t('Could not diagnose: {0}', this.store.error), icon: 'error' });
    if (inc) {
      const title = this.store.describe();
      for (const session of inc.sessions) out.push({ kind: 'session', session, incident: inc, title });
      const sids = new Set(inc.sessions.map((s) => s.sid));
      const loose = inc.findings.filter((f) => !f.sid || !sids.has(f.sid));
      if (loose.length) out.push({ kind: 'loose', findings: loose });
      if (inc.clocks.length) out.push({ kind: 'clocks', clocks: inc.clocks });
    } else if (this.store.running) out.push({ kind: 'message', text: vscode.l10n.t('Diagnosing…'), icon: 'loading~spin' });
    for (const live of this.live.views()) out.push({ kind: 'live', live });
    if (inc && out.length === 0) out.push({ kind: 'message', text: vscode.l10n.t('No BOSH session in these inputs'), icon: 'info' });
    return out;
  }

  getTreeItem(node: SessionNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'session': {
        const s = node.session;
        const item = new vscode.TreeItem(s.jid ?? s.agent ?? `sid ${s.sid}`, s.events.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `session:${s.sid}`;
        const count =
          s.transport === 'websocket'
            ? s.frames === 1 ? vscode.l10n.t('WebSocket, 1 frame') : vscode.l10n.t('WebSocket, {0} frames', s.frames ?? 0)
            : s.requests === 1 ? vscode.l10n.t('1 request') : vscode.l10n.t('{0} requests', s.requests);
        item.description = [causeWords(s.endCause), lifetime(s), count].filter(Boolean).join(' · ');
        item.iconPath = causeIcon(s.endCause);
        item.tooltip = explanationTooltip(s);
        item.contextValue = SESSION_CONTEXT;
        return item;
      }
      case 'event': {
        const e = node.event;
        const item = new vscode.TreeItem(`${e.stamp ? shortStamp(e.stamp) + '  ' : ''}${laneWords(e.lane)}: ${e.text}`);
        item.description = `${shortName(e.file)}:${e.line}`;
        item.iconPath = eventIcon(e);
        item.tooltip = plainTooltip(`${e.stamp ?? ''} ${e.lane} · ${e.kind}${e.rid !== undefined ? ` · rid ${e.rid}` : ''}\n${e.text}\n${e.file}:${e.line}`);
        item.command = { title: vscode.l10n.t('Reveal'), command: REVEAL_PLACE_COMMAND, arguments: [{ file: e.file, line: e.line }] };
        return item;
      }
      case 'loose': {
        const item = new vscode.TreeItem(vscode.l10n.t('Findings not tied to a session'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'loose';
        item.description = String(node.findings.length);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message);
        item.description = `${shortName(f.file)}:${f.line}`;
        item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
        item.tooltip = plainTooltip(`${f.stamp ?? ''} ${f.kind}\n${f.message}\n${f.file}:${f.line}`);
        item.command = { title: vscode.l10n.t('Reveal'), command: REVEAL_PLACE_COMMAND, arguments: [{ file: f.file, line: f.line }] };
        return item;
      }
      case 'clocks': {
        const item = new vscode.TreeItem(vscode.l10n.t('Clocks'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'clocks';
        item.iconPath = new vscode.ThemeIcon('clock');
        return item;
      }
      case 'clock': {
        const item = new vscode.TreeItem(node.clock.words);
        item.description = node.clock.kind;
        item.tooltip = plainTooltip(`${node.clock.file}\n${node.clock.words}`);
        return item;
      }
      case 'live': {
        const l = node.live;
        const item = new vscode.TreeItem(l.jid, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `live:${l.id}`;
        item.description = [vscode.l10n.t('live, {0}', l.state), l.sid ? `sid ${l.sid}` : l.transport, l.stanzas === 1 ? vscode.l10n.t('1 stanza') : vscode.l10n.t('{0} stanzas', l.stanzas)].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(l.state === 'closed' ? 'debug-disconnect' : 'plug');
        const s = l.incident?.sessions[0];
        item.tooltip = s ? explanationTooltip(s) : plainTooltip(vscode.l10n.t('Live session {0} over {1} ({2})', l.jid, l.transport, l.state));
        item.contextValue = LIVE_CONTEXT;
        return item;
      }
    }
  }

  /** The sessions listed at the top level (for the timeline's picker and the tests). */
  sessionNodes(): Array<SessionNode & { kind: 'session' }> {
    return this.roots().filter((n): n is SessionNode & { kind: 'session' } => n.kind === 'session');
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/**
 * Text as Markdown that shows exactly that text: every Markdown character backslash-escaped and
 * <, > and & as entities, so a jid or log line can make no link, image or HTML. (appendText would
 * also turn every space into a non-breaking one, and a long explanation would not wrap.)
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : '\\' + ch)).replace(/\r?\n/g, '  \n');
}

/** The explanation as Markdown text: escaped, no links, no command runs from it. */
function explanationTooltip(s: Session): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendMarkdown(escapeMarkdown(`${causeWords(s.endCause)} (${s.endCause})`));
  md.appendMarkdown('**\n\n');
  md.appendMarkdown(escapeMarkdown(s.explanation));
  if (s.wouldSettle) {
    md.appendMarkdown('\n\n_');
    md.appendMarkdown(escapeMarkdown(vscode.l10n.t('What would settle it: {0}', s.wouldSettle)));
    md.appendMarkdown('_');
  }
  md.appendMarkdown('\n\n');
  md.appendMarkdown(escapeMarkdown(`sid ${s.sid} · ${s.files.map(shortName).join(', ')}`));
  return md;
}

function plainTooltip(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown(escapeMarkdown(text));
  return md;
}

/** Whose event, in the editor's language. */
function laneWords(lane: TimelineEvent['lane']): string {
  return lane === 'client' ? vscode.l10n.t('client') : lane === 'server' ? vscode.l10n.t('server') : vscode.l10n.t('Finesse');
}

function shortStamp(stamp: string): string {
  const m = /(\d\d:\d\d:\d\d(?:[.,]\d+)?)/.exec(stamp);
  return m ? m[1] : stamp;
}

function eventIcon(e: TimelineEvent): vscode.ThemeIcon {
  if (e.severity === 'error') return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (e.severity === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (e.lane === 'finesse') return new vscode.ThemeIcon('person');
  return new vscode.ThemeIcon(e.lane === 'client' ? 'arrow-right' : 'arrow-left');
}
