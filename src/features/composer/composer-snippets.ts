// The presets of Send Stanza as completions in a composer, filled in for its session's JID.
import * as vscode from 'vscode';
import { stanzaPresets } from '../../core/xmpp/presets';
import { parseXml } from '../../core/xml/parse';
import { prettyPrint } from '../../core/xml/pretty';
import { childElements } from '../../core/xml/element';
import { sessionById } from '../session/live-sessions';
import type { ComposerDocuments } from './composer-documents';

export class ComposerSnippets implements vscode.CompletionItemProvider {
  constructor(private readonly documents: ComposerDocuments) {}

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] | undefined {
    const binding = this.documents.bindingOf(doc);
    if (!binding) return undefined;
    const jid = sessionById(binding.sessionId)?.session.bareJid ?? binding.jid.split('/')[0];
    // What was typed of the preset, a '<' included, is replaced by the whole stanza.
    const before = doc.lineAt(pos.line).text.slice(0, pos.character);
    const typed = /<?[\w#:-]*$/.exec(before)?.[0] ?? '';
    const range = new vscode.Range(pos.line, pos.character - typed.length, pos.line, pos.character);
    return stanzaPresets(jid).map((p, k) => {
      const el = parseXml(p.xml);
      const names = [el.name, ...childElements(el).map((c) => c.name)];
      const item = new vscode.CompletionItem({ label: p.label, description: p.detail }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString().appendText(prettyPrint(el));
      item.filterText = `${typed.startsWith('<') ? '<' : ''}${names.join(' ')} ${p.label}`;
      item.detail = vscode.l10n.t('Stanza preset for {0}', jid);
      item.documentation = new vscode.MarkdownString().appendCodeblock(prettyPrint(el), 'xml');
      item.range = range;
      item.sortText = String(k).padStart(2, '0');
      return item;
    });
  }
}
