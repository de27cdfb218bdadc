// The English messages of the extension: every `l10n.t('…')` and `vscode.l10n.t('…')` with a literal message in
// src/ (host code through vscode.l10n, core code through its hook), written to l10n/bundle.l10n.json, the file a
// translator starts from, as `@vscode/l10n-dev export` writes it. `node scripts/l10n-strings.mjs` rewrites it;
// `node scripts/l10n-strings.mjs --check` names the messages a translation lacks.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every literal message passed to l10n.t in the TypeScript files under `dir`, with where it was first seen. */
export function extractMessages(dir = join(ROOT, 'src')) {
  const found = new Map();
  for (const file of tsFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bl10n\.t\(\s*/g)) {
      // Not the examples in comments.
      const line = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index).trimStart();
      if (line.startsWith('//') || line.startsWith('*') || line.startsWith('/*')) continue;
      const literal = readLiteral(text, m.index + m[0].length);
      if (literal !== undefined && !found.has(literal)) found.set(literal, `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`);
    }
  }
  return found;
}

/** `{0}`, `{1}`… of a message, sorted: a translation must keep exactly these. */
export function slotsOf(message) {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

function* tsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The string a quoted literal at `at` stands for; undefined for anything else (a variable, a template with `${}`). */
function readLiteral(text, at) {
  const quote = text[at];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let out = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return out;
    if (quote === '`' && c === '$' && text[i + 1] === '{') return undefined;
    if (c === '\n' && quote !== '`') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = text[++i];
    if (n === 'u') {
      const braced = text[i + 1] === '{';
      const hex = braced ? text.slice(i + 2, text.indexOf('}', i)) : text.slice(i + 1, i + 5);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += braced ? hex.length + 2 : 4;
    } else if (n === 'x') {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === '\n') {
      // a line continuation
    } else out += ESCAPES[n] ?? n;
  }
  return undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const messages = extractMessages();
  if (process.argv.includes('--check')) {
    let missing = 0;
    for (const file of readdirSync(join(ROOT, 'l10n')).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f))) {
      const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', file), 'utf8'));
      for (const [m, where] of messages) {
        if (!Object.hasOwn(bundle, m)) {
          missing++;
          console.log(`${file}: no translation of ${JSON.stringify(m)} (${where})`);
        }
      }
    }
    process.exitCode = missing ? 1 : 0;
  } else {
    const english = Object.fromEntries([...messages.keys()].sort().map((m) => [m, m]));
    writeFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), JSON.stringify(english, null, 2) + '\n');
    console.log(`l10n/bundle.l10n.json: ${messages.size} messages`);
  }
}
