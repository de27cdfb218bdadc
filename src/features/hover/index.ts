// Hovering over a stanza or an escaped payload shows it decoded, described and pretty-printed.
import * as vscode from 'vscode';
import { DECODED_SCHEME, OPEN_DECODED_COMMAND, type DecodedAt } from '../decoded-view';
import { OPEN_INSPECTOR_COMMAND, type OpenAtLine } from '../inspector';
import { secretsOptions } from '../show-secrets';
import { DEFAULT_HOVER_MAX_CHARS, hoverAt } from './hover-content';
import { hoverableDocument } from './own-channel';

/** Logs, XML, and our own transcripts and session output channels (of the language xmpp-log). */
export const HOVER_SELECTOR: vscode.DocumentSelector = [{ language: 'log' }, { language: 'xmpp-log' }, { language: 'xml' }];

export function registerHover(context: vscode.ExtensionContext): void {
  const extensionId = context.extension.id;
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, {
      provideHover: (doc, pos, token) => (hoverableDocument(doc.uri.scheme, doc.uri.path, extensionId) ? provideHover(doc, pos, token) : undefined),
    }),
  );
}

function provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
  const config = vscode.workspace.getConfiguration('xmppBosh.hover', doc.uri);
  if (!config.get<boolean>('enabled', true)) return undefined;
  const maxChars = Math.max(200, config.get<number>('maxChars', DEFAULT_HOVER_MAX_CHARS));
  const args: OpenAtLine = { uri: doc.uri.toString(), line: pos.line + 1 };
  const link = `command:${OPEN_INSPECTOR_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
  const at: DecodedAt = { uri: doc.uri.toString(), line: pos.line, character: pos.character };
  const decodedLink = `command:${OPEN_DECODED_COMMAND}?${encodeURIComponent(JSON.stringify([at]))}`;
  // A decoded view is already decoded; the Inspector reads files and logs, not our output channels.
  const own = doc.uri.scheme === DECODED_SCHEME;
  const content = hoverAt({ lineCount: doc.lineCount, lineAt: (n) => doc.lineAt(n).text }, pos.line, pos.character, {
    maxChars,
    inspectorLink: doc.uri.scheme === 'output' || own ? undefined : link,
    decodedLink: own ? undefined : decodedLink,
    ...secretsOptions(),
  });
  if (!content || token.isCancellationRequested) return undefined;
  const markdown = new vscode.MarkdownString(content.markdown);
  // Only our own two commands may run from the hover; stanza text was escaped before it got here.
  markdown.isTrusted = { enabledCommands: [OPEN_INSPECTOR_COMMAND, OPEN_DECODED_COMMAND] };
  markdown.supportHtml = false;
  const range = new vscode.Range(content.start.line, content.start.character, content.end.line, content.end.character);
  return new vscode.Hover(markdown, range);
}
