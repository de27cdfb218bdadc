// "XMPP: Open Stanza Inspector" on the active editor, its selection, an Explorer file or a hover link.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { SourceRef } from '../../protocol';
import { INSPECTOR_VIEW_TYPE, InspectorPanel, InspectorSerializer, type InspectorInfo } from './inspector-panel';

export const OPEN_INSPECTOR_COMMAND = 'xmppBosh.openInspector';

/** Arguments of the hover's command link. */
export interface OpenAtLine {
  uri: string;
  line: number;
}

/** What the extension hands its callers (its tests) of the Inspector. */
export interface InspectorApi {
  /** The open Inspector tabs, one per source. */
  panels(): Promise<InspectorInfo[]>;
  /**
   * Searches every stanza of the tab showing `uri` as its filters do (text anywhere in the decoded
   * XML, an element path), answering the lines of the stanzas found, or what is wrong with the path.
   */
  find(uri: vscode.Uri, text: string, match?: string): Promise<number[] | string>;
}

export function registerInspector(context: vscode.ExtensionContext): InspectorApi {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_INSPECTOR_COMMAND, async (arg?: vscode.Uri | OpenAtLine) => {
      let target;
      try {
        target = await sourceFor(arg);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Stanza Inspector: {0}', (e as Error).message));
        return;
      }
      if (!target) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a log, HAR capture or XML file (or select stanzas in one) to inspect it.'));
        return;
      }
      InspectorPanel.open(context.extensionUri, target.source, target.line);
    }),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, new InspectorSerializer(context.extensionUri)),
  );
  return {
    panels: () => InspectorPanel.all(),
    async find(uri, text, match = '') {
      const panel = InspectorPanel.forSource(uri.scheme === 'file' ? { kind: 'file', path: uri.fsPath } : { kind: 'document', uri: uri.toString() });
      if (!panel) throw new Error(vscode.l10n.t('no Stanza Inspector tab shows {0}', uri.toString()));
      return panel.find(text, match);
    },
  };
}

async function sourceFor(arg: vscode.Uri | OpenAtLine | undefined): Promise<{ source: SourceRef; line?: number } | undefined> {
  if (arg instanceof vscode.Uri) return { source: await uriSource(arg) };
  if (arg && typeof arg === 'object' && typeof arg.uri === 'string' && Number.isInteger(arg.line)) {
    return { source: await uriSource(vscode.Uri.parse(arg.uri)), line: arg.line };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    return { source: { kind: 'document', uri: editor.document.uri.toString(), selection: { start: sel.start.line, end: sel.end.line } } };
  }
  return { source: { kind: 'document', uri: editor.document.uri.toString() }, line: editor.selection.active.line + 1 };
}

/** A file on disk is streamed (any size) unless it is open with unsaved changes; other schemes go through VS Code. */
async function uriSource(uri: vscode.Uri): Promise<SourceRef> {
  if (uri.scheme === 'file') {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return { kind: 'document', uri: uri.toString() };
    await stat(uri.fsPath); // a missing file says so here, not in the page
    return { kind: 'file', path: uri.fsPath };
  }
  return { kind: 'document', uri: uri.toString() };
}
