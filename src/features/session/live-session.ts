// One live session in VS Code: its output channel, status bar item and bounded stanza buffer.
import * as vscode from 'vscode';
import type { SessionProfile, SessionState, XmppSession } from '../../core/xmpp/session';
import { RingBuffer } from '../../core/xmpp/ring-buffer';
import { formatNotice, formatRecord, formatWrapper } from '../../core/xmpp/record-format';
import { transcriptLine, transcriptNotice, type SessionNotice, type StanzaRecord } from '../../core/xmpp/stanza-record';
import { fireRecorded, fireStateChanged } from './live-sessions';
import { statusShort, transportName } from '../../core/xmpp/connection-words';
import { LineBatcher } from './line-batcher';
import { liveCode } from './live-code';

/** Default of `xmppBosh.session.bufferSize`. */
export const DEFAULT_BUFFER_SIZE = 5000;

let counter = 0;

export class LiveSession implements vscode.Disposable {
  readonly id = `s${++counter}`;
  readonly session: XmppSession;
  readonly channel: vscode.OutputChannel;
  /** What the channel shows, appended in batches. */
  private readonly lines: LineBatcher;
  readonly buffer: RingBuffer<StanzaRecord>;
  /** Retries, reconnects and endings, kept for the transcript. */
  private readonly notices = new RingBuffer<SessionNotice>(500);
  readonly status: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (at most every half second) when stanzas were added: the session document refreshes. */
  readonly onDidChange = this.changed.event;
  private changeTimer?: NodeJS.Timeout;

  constructor(profile: SessionProfile, label: string) {
    this.session = new (liveCode().XmppSession)(profile);
    const cfg = vscode.workspace.getConfiguration('xmppBosh.session');
    this.buffer = new RingBuffer(Math.max(100, cfg.get<number>('bufferSize', DEFAULT_BUFFER_SIZE)));
    this.channel = vscode.window.createOutputChannel(`XMPP ${this.transportName}: ${this.session.bareJid}`, 'xmpp-log');
    this.lines = new LineBatcher((text) => this.channel.append(text));
    this.status = vscode.window.createStatusBarItem(`xmppBosh.session.${this.id}`, vscode.StatusBarAlignment.Left, 50);
    this.status.name = `XMPP ${this.transportName} ${label}`;
    this.status.command = { title: vscode.l10n.t('Session actions'), command: 'xmppBosh.sessionActions', arguments: [this.id] };
    this.showState('connecting', profile.url);
    this.status.show();

    const showWrappers = () => vscode.workspace.getConfiguration('xmppBosh.session').get<boolean>('showBodyWrappers', false);
    this.session.on('stanza', (r) => {
      this.buffer.push(r);
      this.lines.push(formatRecord(r));
      fireRecorded(this.id, r);
      this.scheduleChange();
    });
    this.session.on('wrapper', (w) => {
      if (showWrappers()) this.lines.push(formatWrapper(w));
    });
    this.session.on('notice', (n) => {
      this.notices.push(n);
      this.lines.push(formatNotice(n));
    });
    this.session.on('state', (s, detail) => {
      this.showState(s, detail);
      fireStateChanged();
    });
  }

  get jid(): string {
    return this.session.jid ?? this.session.bareJid;
  }

  get url(): string {
    return this.session.url;
  }

  get state(): SessionState {
    return this.session.state;
  }

  /** 'BOSH' or 'WebSocket', as the URL's scheme chose. */
  get transportName(): string {
    return transportName(this.session.transportKind);
  }

  /** How the server knows the session now: `BOSH sid …`, `WebSocket connection 2, stream id …`. */
  get transportLabel(): string {
    return this.session.transportLabel;
  }

  /** BOSH pause (XEP-0124 §10) exists over BOSH only. */
  get canPause(): boolean {
    return this.session.transportKind === 'bosh';
  }

  private showState(state: SessionState, detail: string): void {
    const icon = { connecting: '$(sync~spin)', authenticating: '$(sync~spin)', binding: '$(sync~spin)', online: '$(plug)', reconnecting: '$(sync~spin)', closed: '$(debug-disconnect)' }[state];
    const named = stateWords(state);
    const what = state === 'online' ? vscode.l10n.t('online ({0})', this.transportLabel) : state === 'closed' ? vscode.l10n.t('closed: {0}', detail) : named;
    const short = state === 'online' ? vscode.l10n.t('online, {0}', statusShort(this.session)) : named;
    this.status.text = `${icon} ${this.session.bareJid}: ${short}`;
    this.status.tooltip = `${vscode.l10n.t('XMPP {0} over {1}: {2}', this.session.bareJid, this.transportName, what)}\n${this.url}\n${vscode.l10n.t('Click for Disconnect, Send Stanza, Subscribe, Save Transcript')}`;
    this.status.backgroundColor = state === 'closed' && detail !== 'disconnected' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private scheduleChange(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire();
    }, 500);
  }

  /** The buffered stanzas as transcript lines the finder, the grammar and the Inspector read back. */
  transcript(): string {
    const dropped = this.buffer.total - this.buffer.length;
    const head = `# ${new Date().toISOString()} XMPP session ${this.session.bareJid} over ${this.transportName} at ${this.url}${dropped ? `; the first ${dropped} stanzas are no longer in memory (setting xmppBosh.session.bufferSize)` : ''}\n`;
    const stanzas = this.buffer.toArray();
    const since = stanzas[0]?.time ?? '';
    // Notices interleaved by time (ISO strings sort as times), none older than the first stanza kept.
    const lines: Array<[string, string]> = [
      ...stanzas.map((r): [string, string] => [r.time, transcriptLine(r)]),
      ...this.notices.toArray().filter((n) => n.time >= since).map((n): [string, string] => [n.time, transcriptNotice(n)]),
    ];
    lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return head + lines.map((l) => l[1]).join('\n') + '\n';
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.status.dispose();
    this.lines.dispose();
    this.channel.dispose();
    this.changed.dispose();
  }
}

function stateWords(state: SessionState): string {
  switch (state) {
    case 'connecting': return vscode.l10n.t('connecting');
    case 'authenticating': return vscode.l10n.t('authenticating');
    case 'binding': return vscode.l10n.t('binding');
    case 'online': return vscode.l10n.t('online');
    case 'reconnecting': return vscode.l10n.t('reconnecting');
    case 'closed': return vscode.l10n.t('closed');
  }
}
