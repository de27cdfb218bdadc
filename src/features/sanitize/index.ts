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
        void vscode.window.showErrorMessage(`Export Sanitised Capture: ${(e as Error).message}`);
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
    title: 'Export Sanitised Capture',
    saveLabel: 'Export',
    ...(suggested ? { defaultUri: suggested } : {}),
    filters: { 'Logs and captures': ['log', 'txt', 'har', 'json', 'xml'], 'All files': ['*'] },
  });
  if (!target) return;
  if (target.toString() === source.toString()) throw new Error('choose another file: the copy would overwrite the capture itself');
  const input = fromDisk ? createReadStream(source.fsPath, { highWaterMark: 64 * 1024 }) : [doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(source))];
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sanitising ${basename(source.path)}`, cancellable: true },
    (_progress, token) => writeSanitised(input, target, token),
  );
  if (!report) return;
  const said = report.hidden.length ? `${hiddenWords(report.hidden)} in ${report.changed} ${report.read === 'har' ? 'HAR entr' + (report.changed === 1 ? 'y' : 'ies') : 'line' + (report.changed === 1 ? '' : 's')}` : 'nothing to hide was found';
  const open = await vscode.window.showInformationMessage(`Sanitised copy written to ${basename(target.path)}: ${said}.`, 'Open');
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
  const picked = await vscode.window.showOpenDialog({ title: 'Export Sanitised Capture: the log or HAR to clean', canSelectMany: false, filters: { 'Logs and captures': ['log', 'txt', 'har', 'json', 'xml'], 'All files': ['*'] } });
  return picked?.[0];
}
