// Tokenizes text the way VS Code does: vscode-textmate with the Oniguruma WASM build, the
// built-in Log grammar (as shipped by tm-grammars) and our grammars from syntaxes/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(__filename);
export const ROOT = join(__dirname, '..', '..');

/** Where each scope's grammar lives. */
const GRAMMAR_FILES: Record<string, string> = {
  'text.log': require.resolve('tm-grammars/grammars/log.json'),
  'text.log.xmpp': join(ROOT, 'syntaxes', 'xmpp-log.tmLanguage.json'),
  'text.log.xmpp.injection': join(ROOT, 'syntaxes', 'xmpp-log.injection.tmLanguage.json'),
};

/**
 * 'injected': a .log file opened with the built-in Log language, our injection added.
 * 'dedicated': the xmpp-log language (output channel, *.xmpp.log).
 * 'builtin': the Log grammar alone, as VS Code colours a .log file without this extension.
 */
export type Mode = 'injected' | 'dedicated' | 'builtin';

export interface Token {
  text: string;
  start: number;
  scopes: string[];
}

let onigReady: Promise<void> | undefined;
const registries = new Map<Mode, textmate.Registry>();

function registry(mode: Mode): textmate.Registry {
  let r = registries.get(mode);
  if (r) return r;
  onigReady ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  r = new textmate.Registry({
    onigLib: onigReady.then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    })),
    loadGrammar: async (scopeName) => {
      const file = GRAMMAR_FILES[scopeName];
      if (!file) return null;
      return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    // As VS Code does: injections registered for a scope also apply to every scope below it, so our
    // injection into text.log reaches text.log.xmpp too (its selector excludes it there).
    getInjections: (scopeName) =>
      mode !== 'builtin' && (scopeName === 'text.log' || scopeName.startsWith('text.log.')) ? ['text.log.xmpp.injection'] : undefined,
  });
  registries.set(mode, r);
  return r;
}

export async function loadGrammar(mode: Mode): Promise<textmate.IGrammar> {
  const scope = mode === 'dedicated' ? 'text.log.xmpp' : 'text.log';
  const grammar = await registry(mode).loadGrammar(scope);
  if (!grammar) throw new Error(`grammar ${scope} could not be loaded`);
  return grammar;
}

/** Tokenizes every line, carrying the rule stack from line to line as the editor does. */
export async function tokenize(text: string, mode: Mode): Promise<Token[][]> {
  const grammar = await loadGrammar(mode);
  let stack = textmate.INITIAL;
  const lines: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, stack);
    if (r.stoppedEarly) throw new Error(`tokenizing stopped early on: ${line.slice(0, 80)}`);
    lines.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return lines;
}
