// Other people's .log files lose nothing. In the message part of a line, wherever the Log grammar
// colours a character the injection keeps exactly that scope (it may add its own). In a record
// prefix we recognise (meta.record.*) the injection may name a part more precisely (a logcat
// "01-15" is a date, not a hex constant) but never leaves a character the Log grammar coloured
// uncoloured. What we recognise as XMPP (a BOSH sid or rid, a JID) may take the place of the
// Log grammar's number colour: that is the point of the extension.
const XMPP_VALUES = ['constant.other.sid.xmpp', 'constant.numeric.rid.xmpp', 'meta.jid.xmpp'];
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAMMAR_FIXTURES } from './scoped-lines';
import { type Mode, type Token, tokenize } from './tokenizer';

/** The scopes of every character, line by line. */
function perCharacter(lines: Token[][]): string[][][] {
  return lines.map((tokens) => tokens.flatMap((t) => Array.from(t.text, () => t.scopes.slice(1))));
}

async function compare(file: string): Promise<string[]> {
  const text = readFileSync(join(GRAMMAR_FIXTURES, file), 'utf8');
  const [builtin, injected] = await Promise.all((['builtin', 'injected'] as Mode[]).map((m) => tokenize(text, m).then(perCharacter)));
  const source = text.split(/\r?\n/);
  const lost: string[] = [];
  builtin.forEach((line, i) =>
    line.forEach((scopes, c) => {
      const now = injected[i][c];
      const inPrefix = now.some((s) => s.startsWith('meta.record.') || XMPP_VALUES.includes(s));
      const missing = inPrefix
        ? scopes.length && !now.some((s) => !s.startsWith('meta.'))
          ? scopes
          : []
        : scopes.filter((s) => !now.includes(s));
      if (missing.length) lost.push(`${file}:${i + 1}:${c + 1} ${JSON.stringify(source[i][c])} lost ${missing.join(' ')} (now ${injected[i][c].join(' ')})`);
    }),
  );
  return lost;
}

describe('the injection keeps the built-in Log highlighting', () => {
  it('on logs of other tools (Python, Java, nginx, syslog, Node, logcat)', async () => {
    const lost = await compare('other-tools.log');
    assert.deepEqual(lost.slice(0, 20), []);
  });
});
