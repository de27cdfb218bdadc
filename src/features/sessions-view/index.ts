// The "BOSH Sessions" view in its own activity bar container, on the shared incident.
import * as vscode from 'vscode';
import type { IncidentStore } from '../diagnostics/incident-state';
import { revealPlace } from '../diagnostics/places';
import { LiveDiagnoses } from './live-diagnoses';
import { SessionsTree, type SessionNode } from './sessions-tree';

export const SESSIONS_VIEW_ID = 'xmppBosh.sessions';
export const REVEAL_SESSION_COMMAND = 'xmppBosh.revealSession';

export function registerSessionsView(context: vscode.ExtensionContext, store: IncidentStore): SessionsTree {
  const live = new LiveDiagnoses(vscode.Uri.joinPath(context.extensionUri, 'dist', 'diagnose-worker.js').fsPath);
  const tree = new SessionsTree(store, live);
  const view = vscode.window.createTreeView(SESSIONS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const header = () => {
    view.description = store.source.kind === 'picked' ? vscode.l10n.t('picked files') : vscode.l10n.t('open editors');
    view.message = store.describe() + (store.running && store.incident ? ' (updating…)' : '');
  };
  header();
  context.subscriptions.push(
    live,
    tree,
    view,
    store.onDidChange(header),
    vscode.commands.registerCommand(REVEAL_SESSION_COMMAND, (node?: SessionNode) => {
      if (node?.kind === 'session') {
        // The line that shows how it ended, else where it started.
        const at = node.session.end ?? node.session.start ?? { file: node.session.files[0], line: 1 };
        return revealPlace(at.file, at.line);
      }
      if (node?.kind === 'live') return vscode.window.showTextDocument(vscode.Uri.parse(node.live.uri), { preview: true });
    }),
  );
  return tree;
}
