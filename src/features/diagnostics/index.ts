// "XMPP: Diagnose Sessions…": the picked files, folders and zip bundles (or the open log and HAR
// editors) diagnosed into the Problems panel; the incident is shared with the Sessions view and the timeline.
import * as vscode from 'vscode';
import { IncidentStore } from './incident-state';
import { MEMBER_SCHEME, revealPlace, ZipMemberDocuments } from './places';
import { ProblemsPublisher } from './problems';

export const DIAGNOSE_COMMAND = 'xmppBosh.diagnoseSessions';
export const DIAGNOSE_EDITORS_COMMAND = 'xmppBosh.diagnoseOpenEditors';
/** Opens an input at a line; the Sessions view's events and the timeline's bars use it. */
export const REVEAL_PLACE_COMMAND = 'xmppBosh.revealPlace';

let store: IncidentStore | undefined;

/** The incident shown in the Problems panel and the Sessions view. */
export function incidentStore(): IncidentStore {
  if (!store) throw new Error('session diagnostics are not registered');
  return store;
}

export function registerDiagnostics(context: vscode.ExtensionContext): IncidentStore {
  const s = (store = new IncidentStore(vscode.Uri.joinPath(context.extensionUri, 'dist', 'diagnose-worker.js').fsPath));
  const problems = new ProblemsPublisher();
  context.subscriptions.push(
    s,
    problems,
    s.onDidChange(() => {
      if (!s.running) problems.show(s.incident);
    }),
    vscode.workspace.registerTextDocumentContentProvider(MEMBER_SCHEME, new ZipMemberDocuments()),
    vscode.commands.registerCommand(DIAGNOSE_COMMAND, async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
      // From the Explorer: the item clicked and, with several selected, all of them.
      let picked = Array.isArray(uris) && uris.length ? uris.filter((u) => u instanceof vscode.Uri) : uri instanceof vscode.Uri ? [uri] : undefined;
      if (!picked) {
        picked = await vscode.window.showOpenDialog({
          canSelectFiles: true,
          canSelectFolders: true,
          canSelectMany: true,
          openLabel: vscode.l10n.t('Diagnose'),
          title: vscode.l10n.t('Diagnose BOSH sessions: pick logs, HAR captures, folders or .zip bundles'),
          filters: { [vscode.l10n.t('Logs, captures and bundles')]: ['log', 'txt', 'har', 'json', 'xml', 'gz', 'zip'], [vscode.l10n.t('All files')]: ['*'] },
        });
        if (!picked?.length) return;
      }
      // A notification says how far the reading has got; Cancel stops this run (a later change of the files runs again).
      let cancelled = false;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Diagnosing sessions'), cancellable: true }, (progress, token) => {
        let shown = 0;
        const mb = (b: number) => (b / 1048576).toFixed(0);
        const listening = s.onDidProgress((p) => {
          const pct = p.total ? Math.min(100, Math.floor((100 * p.read) / p.total)) : 0;
          progress.report({ increment: pct - shown, message: p.total ? vscode.l10n.t('{0} of {1} MB read', mb(p.read), mb(p.total)) : vscode.l10n.t('{0} MB read', mb(p.read)) });
          shown = pct;
        });
        token.onCancellationRequested(() => {
          cancelled = true;
          s.cancel();
        });
        return s.pick(picked!).finally(() => listening.dispose());
      });
      if (cancelled) void vscode.window.showInformationMessage(vscode.l10n.t('Diagnose Sessions: cancelled; the sessions shown are from before.'));
      else reportOutcome(s);
    }),
    vscode.commands.registerCommand(DIAGNOSE_EDITORS_COMMAND, async () => {
      await s.useEditors();
      reportOutcome(s);
    }),
    vscode.commands.registerCommand(REVEAL_PLACE_COMMAND, (place?: { file?: unknown; line?: unknown }) => {
      if (place && typeof place.file === 'string' && typeof place.line === 'number') return revealPlace(place.file, place.line);
    }),
  );
  // Nothing picked yet: the open log and HAR editors.
  s.schedule(0);
  return s;
}

function reportOutcome(s: IncidentStore): void {
  if (s.error) void vscode.window.showErrorMessage(vscode.l10n.t('Diagnose Sessions: {0}', s.error));
  else if (s.problems.length) {
    const shown = s.problems.slice(0, 3).join('; ');
    void vscode.window.showWarningMessage(s.problems.length > 3 ? vscode.l10n.t('Diagnose Sessions: {0} (and {1} more)', shown, s.problems.length - 3) : vscode.l10n.t('Diagnose Sessions: {0}', shown));
  }
}
