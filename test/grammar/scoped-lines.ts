// Reads a tokenized fixture the way a reviewer would: find the line, find the token, check its scope.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, type Mode, type Token } from './tokenizer';

export const GRAMMAR_FIXTURES = join(__dirname, 'fixtures');
export const MODES: Mode[] = ['injected', 'dedicated'];

/** True when one of the token's scopes is `scope` or a more specific scope below it. */
export function hasScope(token: Token, scope: string): boolean {
  return token.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/** Scopes of the regions a stanza opens; a new log record must start outside all of them. */
export const REGION_SCOPES = ['meta.tag', 'comment.block', 'string.unquoted.cdata', 'meta.parameter', 'string.quoted'];

/** True when the token is inside a region some earlier line opened. */
export function insideRegion(token: Token): boolean {
  return token.scopes.some((s) => REGION_SCOPES.some((r) => s === r || s.startsWith(r + '.')));
}

export class ScopedLines {
  constructor(
    readonly source: string[],
    readonly tokens: Token[][],
  ) {}

  /** Index of the first line containing `marker`. */
  lineIndex(marker: string): number {
    const i = this.source.findIndex((l) => l.includes(marker));
    assert.notEqual(i, -1, `no fixture line contains ${JSON.stringify(marker)}`);
    return i;
  }

  /**
   * The token that is exactly `text` on the line containing `marker` (its `nth` occurrence).
   * `text` may carry context around the token in «»: '(1)-«6»-PRESENCE' is the 6 between those.
   */
  token(marker: string, text: string, nth = 0): Token {
    const i = this.lineIndex(marker);
    const line = this.source[i];
    const m = /^(.*)«(.+)»(.*)$/.exec(text);
    const snippet = m ? m[1] + m[2] + m[3] : text;
    const target = m ? m[2] : text;
    let at = -1;
    for (let n = 0; n <= nth; n++) {
      at = line.indexOf(snippet, at + 1);
      assert.notEqual(at, -1, `line ${i + 1} has no occurrence ${nth} of ${JSON.stringify(snippet)}`);
    }
    if (m) at += m[1].length;
    const token = this.tokens[i].find((t) => t.start === at);
    const around = this.tokens[i]
      .filter((t) => t.start + t.text.length > at && t.start < at + target.length)
      .map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`)
      .join('\n    ');
    assert.ok(token && token.text === target, `line ${i + 1}: ${JSON.stringify(target)} is not one token; tokens there:\n    ${around}`);
    return token;
  }

  /** Asserts the token has the scope (or a more specific one). */
  expect(marker: string, text: string, scope: string, nth = 0): void {
    const token = this.token(marker, text, nth);
    assert.ok(hasScope(token, scope), `${JSON.stringify(text)} should be ${scope}, is: ${token.scopes.join(' ')}`);
  }

  /** Asserts that no token overlapping `text` carries the scope. */
  expectNot(marker: string, text: string, scope: string): void {
    const i = this.lineIndex(marker);
    const at = this.source[i].indexOf(text);
    assert.notEqual(at, -1, `line ${i + 1} has no ${JSON.stringify(text)}`);
    for (const t of this.tokens[i]) {
      if (t.start + t.text.length <= at || t.start >= at + text.length) continue;
      assert.ok(!hasScope(t, scope), `${JSON.stringify(t.text)} in ${JSON.stringify(text)} should not be ${scope}: ${t.scopes.join(' ')}`);
    }
  }

  /** Scopes of every token on the line at `index`, for assertions about whole lines. */
  lineScopes(index: number): string[] {
    return this.tokens[index].flatMap((t) => t.scopes);
  }
}

export async function tokenizeText(text: string, mode: Mode): Promise<ScopedLines> {
  return new ScopedLines(text.split(/\r?\n/), await tokenize(text, mode));
}

export async function tokenizeFixture(name: string, mode: Mode): Promise<ScopedLines> {
  return tokenizeText(readFileSync(join(GRAMMAR_FIXTURES, name), 'utf8'), mode);
}
