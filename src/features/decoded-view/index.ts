// XMPP: Open Decoded Beside and XMPP: Copy Decoded: the stanza under the cursor (or the selection's), decoded layer by layer.
import * as vscode from 'vscode';
import { decodedCopy } from '../../core/decoded-document';
import type { Fragment } from '../../core/fragment';
import { secretsOptions } from '../show-secrets';
import { DECODED_SCHEME, DecodedViews } from './decoded-views';
import { stanzasAt } from './stanza-at';

export { DECODED_SCHEME } from './decoded-views';

export const OPEN_DECODED_COMMAND = 'xmppBosh.openDecodedBeside';
export const COPY_DECODED_COMMAND = 'xmppBosh.copyDecoded';

/** What a hover link passes: the document and the 0-based position hovered. */
export interface DecodedAt {
  uri: string;
  line: number;
  character: number;
}

export function registerDecodedView(context: vscode.ExtensionContext): void {
  const views = new DecodedViews();
  context.subscriptions.push(
    views,
    vscode.workspace.registerTextDocumentContentProvider(DECODED_SCHEME, views),
    vscode.commands.registerCommand(OPEN_DECODED_COMMAND, async (arg?: unknown) => {
      const target = await targetOf(arg);
      if (target) await views.open(target.uri, target.fragments);
    }),
    vscode.commands.registerCommand(COPY_DECODED_COMMAND, async (arg?: unknown) => {
      const target = await targetOf(arg);
      if (!target) return;
      await vscode.env.clipboard.writeText(decodedCopy(target.fragments, secretsOptions()));
      vscode.window.setStatusBarMessage(target.fragments.length === 1 ? vscode.l10n.t('Decoded stanza copied') : vscode.l10n.t('{0} decoded stanzas copied', target.fragments.length), 3000);
    }),
  );
}

/**
 * The log and stanzas a command is about: the hovered position when a hover link passes one, else the active
 * editor's selection or cursor. Says why when there is none.
 */
async function targetOf(arg: unknown): Promise<{ uri: vscode.Uri; fragments: Fragment[] } | undefined> {
  let doc: vscode.TextDocument | undefined;
  let selection: vscode.Selection | undefined;
  if (isDecodedAt(arg)) {
    doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri)));
    const pos = new vscode.Position(arg.line, arg.character);
    selection = new vscode.Selection(pos, pos);
  } else {
    const editor = vscode.window.activeTextEditor;
    doc = editor?.document;
    selection = editor?.selection;
  }
  if (!doc || !selection || doc.uri.scheme === DECODED_SCHEME) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a stanza of a log, a HAR capture or a transcript first.'));
    return undefined;
  }
  const fragments = stanzasAt(doc, selection);
  if (!fragments.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No stanza under the cursor at line {0}.', selection.active.line + 1));
    return undefined;
  }
  return { uri: doc.uri, fragments };
}

function isDecodedAt(arg: unknown): arg is DecodedAt {
  const a = arg as DecodedAt | undefined;
  return typeof a === 'object' && a !== null && typeof a.uri === 'string' && typeof a.line === 'number' && typeof a.character === 'number';
}
