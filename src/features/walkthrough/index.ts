// The "Get started" walkthrough's buttons: each step acts on a Finesse debug.log the package carries, so a new user
// sees highlighting, the hover, the Inspector and a diagnosis before having a log of their own.
import * as vscode from 'vscode';
import { DIAGNOSE_COMMAND } from '../diagnostics';
import { OPEN_INSPECTOR_COMMAND } from '../inspector';

export const OPEN_SAMPLE_COMMAND = 'xmppBosh.openSampleLog';
export const SAMPLE_HOVER_COMMAND = 'xmppBosh.showSampleHover';
export const INSPECT_SAMPLE_COMMAND = 'xmppBosh.inspectSampleLog';
export const DIAGNOSE_SAMPLE_COMMAND = 'xmppBosh.diagnoseSampleLog';

/** An Openfire debug.log of a Finesse notification service: one agent's BOSH session, closed for inactivity. */
const SAMPLE = ['media', 'walkthrough', 'finesse-debug.log'];
/** Where the hover has something to decode: the first escaped Finesse <Update>. */
const PAYLOAD = '&lt;Update&gt;';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  const sample = vscode.Uri.joinPath(context.extensionUri, ...SAMPLE);
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, () => showSample(sample)),
    vscode.commands.registerCommand(SAMPLE_HOVER_COMMAND, async () => {
      await showSample(sample);
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand(INSPECT_SAMPLE_COMMAND, () => vscode.commands.executeCommand(OPEN_INSPECTOR_COMMAND, sample)),
    vscode.commands.registerCommand(DIAGNOSE_SAMPLE_COMMAND, async () => {
      await vscode.commands.executeCommand(DIAGNOSE_COMMAND, sample);
      await vscode.commands.executeCommand('workbench.view.extension.xmppBosh');
    }),
  );
}

/** Opens the sample with the cursor on the escaped payload, read-only, as it lives inside the installed extension. */
async function showSample(sample: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(sample);
  const pos = doc.positionAt(Math.max(0, doc.getText().indexOf(PAYLOAD)) + 5);
  const editor = await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession').then(undefined, () => undefined);
  return editor;
}
