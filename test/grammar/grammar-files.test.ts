// The grammar files VS Code loads: contributed correctly, generated from syntaxes/src/, every
// regular expression valid for Oniguruma, every scope one that themes colour.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { ROOT } from './tokenizer';

const require = createRequire(__filename);
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const grammarFile = (name: string) => JSON.parse(readFileSync(join(ROOT, 'syntaxes', name), 'utf8'));

/** Every regex and every scope name in a grammar, walking its rules. */
function walk(node: unknown, regexes: string[], scopes: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, regexes, scopes));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') regexes.push(value);
    else if ((key === 'name' || key === 'contentName') && typeof value === 'string') scopes.push(...value.split(' '));
    else walk(value, regexes, scopes);
  }
}

// Root scopes every TextMate theme knows, plus the Log grammar's own names we reuse on purpose.
const STANDARD_ROOTS = ['comment', 'constant', 'entity', 'invalid', 'keyword', 'markup', 'meta', 'punctuation', 'storage', 'string', 'support', 'variable'];
const LOG_GRAMMAR_NAMES = ['log.date', 'log.verbose', 'log.debug', 'log.info', 'log.warning', 'log.error', 'log.constant', 'strong', 'string.regexp,'];

describe('grammar files', () => {
  it('are contributed: the xmpp-log language, its grammar, and the injection into text.log', () => {
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'xmpp-log');
    assert.ok(language, 'language xmpp-log is contributed');
    assert.ok(language.extensions.includes('.xmpp.log'));
    assert.ok(existsSync(join(ROOT, language.configuration)), 'language configuration exists');
    const grammars = manifest.contributes.grammars as { language?: string; scopeName: string; path: string; injectTo?: string[] }[];
    const own = grammars.find((g) => g.language === 'xmpp-log');
    assert.equal(own?.scopeName, 'text.log.xmpp');
    assert.equal(grammarFile(own!.path.replace('./syntaxes/', '')).scopeName, own!.scopeName);
    const injection = grammars.find((g) => g.injectTo);
    assert.deepEqual(injection?.injectTo, ['text.log']);
    const injected = grammarFile(injection!.path.replace('./syntaxes/', ''));
    assert.equal(injected.scopeName, injection!.scopeName);
    assert.match(injected.injectionSelector, /^L:text\.log /);
  });

  it('keep the injection out of every region they open, so a record prefix cannot keep one open', () => {
    const injection = grammarFile('xmpp-log.injection.tmLanguage.json');
    const excluded = (injection.injectionSelector as string).split(' ').filter((s) => s.startsWith('-')).map((s) => s.slice(1));
    // Regions reachable from the top level (rules inside a region are out of the injection's reach).
    const regions: string[] = [];
    const seen = new Set<string>();
    const visit = (rule: { include?: string; begin?: string; name?: string; patterns?: unknown[] }) => {
      if (rule.include?.startsWith('#')) {
        const key = rule.include.slice(1);
        if (seen.has(key)) return;
        seen.add(key);
        return visit(injection.repository[key]);
      }
      if (rule.begin) return void regions.push(rule.name ?? `(unnamed region ${rule.begin})`);
      (rule.patterns as (typeof rule)[] | undefined)?.forEach(visit);
    };
    injection.patterns.forEach(visit);
    assert.ok(regions.length >= 5, `found regions: ${regions.join(', ')}`);
    const open = regions.filter((name) => !excluded.some((x) => name === x || name.startsWith(x + '.')));
    assert.deepEqual(open, []);
  });

  it('are up to date with syntaxes/src/ (npm run build:grammar)', () => {
    execFileSync(process.execPath, [join(ROOT, 'syntaxes', 'build-grammars.mjs'), '--check'], { stdio: 'pipe' });
  });

  for (const file of ['xmpp-log.tmLanguage.json', 'xmpp-log.injection.tmLanguage.json']) {
    describe(file, () => {
      const regexes: string[] = [];
      const scopes: string[] = [];
      const grammar = grammarFile(file);
      // The rules only: the grammar's own "name" is its display name.
      walk([grammar.patterns, grammar.repository], regexes, scopes);

      it('has only regular expressions Oniguruma compiles', async () => {
        await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer).catch(() => {});
        const bad: string[] = [];
        for (const re of regexes) {
          try {
            new oniguruma.OnigScanner([re]).dispose();
          } catch (e) {
            bad.push(`${re}: ${(e as Error).message}`);
          }
        }
        assert.ok(regexes.length > 50, `found ${regexes.length} regular expressions`);
        assert.deepEqual(bad, []);
      });

      it('uses scope names themes colour', () => {
        const odd = [...new Set(scopes)].filter((s) => !LOG_GRAMMAR_NAMES.includes(s) && !STANDARD_ROOTS.includes(s.split('.')[0]));
        assert.deepEqual(odd, []);
      });
    });
  }
});
