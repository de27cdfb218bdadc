// "XMPP: Export Sanitised Capture…": a copy of a log or HAR with its credentials removed,
// ready to attach to a support case. The same streaming rewrite as `bosh-inspect sanitize`.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { sanitize, sanitizedName, type SanitizeReport } from '../../core/sanitize';
import { hiddenWords } from '../../core/sasl/hidden';

export const EXPORT_SANITISED_COMMAND = 'xmppBosh.exportSanitised';

export function registerSanitize(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_SANITISED_COMMAND, async (arg?: vscode.Uri) => {
      try {
        await exportSanitised(arg instanceof vscode.Uri ? arg : undefined);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Export Sanitised Capture: {0}', (e as Error).message));
      }
    }),
  );
}

async function exportSanitised(picked: vscode.Uri | undefined): Promise<void> {
  const source = picked ?? vscode.window.activeTextEditor?.document.uri ?? (await pickSource());
  if (!source) return;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
  // A file on disk is streamed, whatever its size; an unsaved or virtual document is read from the editor.
  const fromDisk = source.scheme === 'file' && !doc?.isDirty;
  const suggested = source.scheme === 'file' ? vscode.Uri.file(sanitizedName(source.fsPath)) : undefined;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Sanitised Capture'),
    saveLabel: vscode.l10n.t('Export'),
    ...(suggested ? { defaultUri: suggested } : {}),
    filters: { [vscode.l10n.t('Logs and captures')]: ['log', 'txt', 'har', 'json', 'xml'], [vscode.l10n.t('All files')]: ['*'] },
  });
  if (!target) return;
  if (target.toString() === source.toString()) throw new Error(vscode.l10n.t('choose another file: the copy would overwrite the capture itself'));
  const input = fromDisk ? createReadStream(source.fsPath, { highWaterMark: 64 * 1024 }) : [doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(source))];
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sanitising {0}', basename(source.path)), cancellable: true },
    (_progress, token) => writeSanitised(input, target, token),
  );
  if (!report) return;
  const hidden = hiddenWords(report.hidden);
  const n = report.changed;
  const said = !report.hidden.length
    ? vscode.l10n.t('nothing to hide was found')
    : report.read === 'har'
      ? n === 1 ? vscode.l10n.t('{0} in 1 HAR entry', hidden) : vscode.l10n.t('{0} in {1} HAR entries', hidden, n)
      : n === 1 ? vscode.l10n.t('{0} in 1 line', hidden) : vscode.l10n.t('{0} in {1} lines', hidden, n);
  const openLabel = vscode.l10n.t('Open');
  const open = await vscode.window.showInformationMessage(vscode.l10n.t('Sanitised copy written to {0}: {1}.', basename(target.path), said), openLabel);
  if (open) await vscode.window.showTextDocument(target);
}

/** Written beside the target and renamed once whole, so a cancelled export leaves nothing to attach by mistake. */
async function writeSanitised(input: AsyncIterable<Uint8Array | string> | string[], target: vscode.Uri, token: vscode.CancellationToken): Promise<SanitizeReport | undefined> {
  if (target.scheme !== 'file') {
    let text = '';
    const report = await sanitize(toAsync(input), (t) => {
      text += t;
    });
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    return report;
  }
  const partial = join(dirname(target.fsPath), `.${basename(target.fsPath)}.partial`);
  const out = createWriteStream(partial);
  try {
    const report = await sanitize(toAsync(input, token), (t) => (out.write(t) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve()))));
    await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
    if (token.isCancellationRequested) {
      await rm(partial, { force: true });
      return undefined;
    }
    await rename(partial, target.fsPath);
    return report;
  } catch (e) {
    out.destroy();
    await rm(partial, { force: true });
    throw e;
  }
}

async function* toAsync(input: AsyncIterable<Uint8Array | string> | string[], token?: vscode.CancellationToken): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of input) {
    if (token?.isCancellationRequested) return;
    yield chunk;
  }
}

async function pickSource(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Export Sanitised Capture: the log or HAR to clean'), canSelectMany: false, filters: { [vscode.l10n.t('Logs and captures')]: ['log', 'txt', 'har', 'json', 'xml'], [vscode.l10n.t('All files')]: ['*'] } });
  return picked?.[0];
}
