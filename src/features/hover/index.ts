// Hovering over a stanza or an escaped payload shows it decoded, described and pretty-printed.
import * as vscode from 'vscode';
import { OPEN_INSPECTOR_COMMAND, type OpenAtLine } from '../inspector';
import { secretsOptions } from '../show-secrets';
import { DEFAULT_HOVER_MAX_CHARS, hoverAt } from './hover-content';

/** Logs, XML, and our own output channel and transcripts. */
export const HOVER_SELECTOR: vscode.DocumentSelector = [{ language: 'log' }, { language: 'xmpp-log' }, { language: 'xml' }, { scheme: 'output' }];

export function registerHover(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(HOVER_SELECTOR, { provideHover }));
}

function provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
  const config = vscode.workspace.getConfiguration('xmppBosh.hover', doc.uri);
  if (!config.get<boolean>('enabled', true)) return undefined;
  const maxChars = Math.max(200, config.get<number>('maxChars', DEFAULT_HOVER_MAX_CHARS));
  const args: OpenAtLine = { uri: doc.uri.toString(), line: pos.line + 1 };
  const link = `command:${OPEN_INSPECTOR_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
  const content = hoverAt({ lineCount: doc.lineCount, lineAt: (n) => doc.lineAt(n).text }, pos.line, pos.character, { maxChars, inspectorLink: doc.uri.scheme === 'output' ? undefined : link, ...secretsOptions() });
  if (!content || token.isCancellationRequested) return undefined;
  const markdown = new vscode.MarkdownString(content.markdown);
  // Only our own command may run from the hover; stanza text was escaped before it got here.
  markdown.isTrusted = { enabledCommands: [OPEN_INSPECTOR_COMMAND] };
  markdown.supportHtml = false;
  const range = new vscode.Range(content.start.line, content.start.character, content.end.line, content.end.character);
  return new vscode.Hover(markdown, range);
}
