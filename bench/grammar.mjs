// npm run bench:grammar [-- MEGABYTES]
// Tokenizes a generated BOSH-heavy Openfire debug.log (escaped Finesse notifications, polls,
// idle-session lines, stack traces) and a generated Finesse Desktop-webservices log (a quarter of
// the size) line by line with vscode-textmate, as VS Code does, three ways in one run: the built-in Log grammar alone (the baseline), the Log grammar with our injection
// (any .log file), and our xmpp-log language. Prints MB/s and lines/s of each and the ratio to the
// baseline (target: injection ≤ 3× the Log grammar's time), then the slowest of a set of hostile
// 20,000-character lines (target: well under 100 ms each).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLog } from './generate-log.mjs';

const require = createRequire(import.meta.url);
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const megabytes = Number(process.argv[2] ?? 8);
if (!(megabytes > 0)) {
  console.error(`usage: npm run bench:grammar -- MEGABYTES (got ${process.argv[2]})`);
  process.exit(2);
}
const file = await ensureLog(megabytes);

const GRAMMARS = {
  'text.log': require.resolve('tm-grammars/grammars/log.json'),
  'text.log.xmpp': join(root, 'syntaxes', 'xmpp-log.tmLanguage.json'),
  'text.log.xmpp.injection': join(root, 'syntaxes', 'xmpp-log.injection.tmLanguage.json'),
};
for (const path of Object.values(GRAMMARS)) {
  if (!existsSync(path)) {
    console.error(`missing grammar ${path}: run npm run build:grammar (and npm ci for tm-grammars)`);
    process.exit(1);
  }
}

await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
const onigLib = Promise.resolve({
  createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
  createOnigString: (s) => new oniguruma.OnigString(s),
});

async function grammar(scopeName, inject) {
  const registry = new textmate.Registry({
    onigLib,
    loadGrammar: async (scope) => (GRAMMARS[scope] ? textmate.parseRawGrammar(readFileSync(GRAMMARS[scope], 'utf8'), GRAMMARS[scope]) : null),
    // As VS Code does: an injection into text.log also reaches text.log.xmpp (where its selector turns it off).
    getInjections: (scope) => (inject && (scope === 'text.log' || scope.startsWith('text.log.')) ? ['text.log.xmpp.injection'] : undefined),
  });
  return registry.loadGrammar(scopeName);
}

/** Tokenizes every line with tokenizeLine2 (the binary form VS Code's editor uses); returns seconds. */
function tokenizeAll(g, lines) {
  let stack = textmate.INITIAL;
  const t0 = process.hrtime.bigint();
  for (const line of lines) stack = g.tokenizeLine2(line, stack).ruleStack;
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const configs = [
  ['Log grammar alone (baseline)', await grammar('text.log', false)],
  ['Log grammar + XMPP injection', await grammar('text.log', true)],
  ['xmpp-log language', await grammar('text.log.xmpp', true)],
];

/** Tokenizes one log all three ways, best of 3 rounds each, and prints the comparison. */
function compare(title, text) {
  const lines = text.split('\n');
  const mb = Buffer.byteLength(text) / (1024 * 1024);
  console.log(`\n${title}: ${mb.toFixed(1)} MB, ${lines.length} lines; node ${process.version}, best of 3 runs each`);
  const best = {};
  for (const [, g] of configs) tokenizeAll(g, lines.slice(0, 2000)); // warm up the JIT and regex caches
  for (let round = 0; round < 3; round++) {
    for (const [name, g] of configs) best[name] = Math.min(best[name] ?? Infinity, tokenizeAll(g, lines));
  }
  const base = best[configs[0][0]];
  for (const [name] of configs) {
    const s = best[name];
    const ratio = name === configs[0][0] ? 'baseline' : `${(s / base).toFixed(2)}× the baseline's time`;
    console.log(`${name.padEnd(30)} ${s.toFixed(2).padStart(6)} s  ${(mb / s).toFixed(2).padStart(6)} MB/s  ${Math.round(lines.length / s).toString().padStart(7)} lines/s  ${ratio}`);
  }
  const injectedRatio = best[configs[1][0]] / base;
  console.log(`injection target ≤ 3×: ${injectedRatio <= 3 ? 'met' : 'NOT met'} (${injectedRatio.toFixed(2)}×)`);
}

/** A Finesse Desktop-webservices log of about `bytes`: presence, CTI and notification records. */
function finesseLog(bytes) {
  const states = ['READY', 'NOT_READY', 'TALKING', 'WORK', 'RESERVED', 'LOGOUT'];
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const agent = 1001000 + (i % 300);
    const t = `Jun 17 2017 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} +0530`;
    const seq = String(1000 + i).padStart(10, '0');
    const kind = i % 4;
    const line =
      kind === 0
        ? `${seq}: 10.10.10.21: ${t}: %CCBU_Smack Listener Processor (1)-6-PRESENCE_NOTIFICATION: %[presence=<presence from="${agent}@fin1.ucce.local/desktop" to="finesse@fin1.ucce.local" type="unavailable"/>]: Received presence for user`
        : kind === 1
          ? `${seq}: 10.10.10.21: ${t}: %CCBU_CoreImpl-worker12-6-MESSAGE_TO_CTI_SERVER: %[cti_message=CTISetAgentStateReq][agentId=${agent}]: agentstate : 1, workmode : 0, reason code: 255, forceflag :1, agentcapacity: 1, agentext: ${agent}, agentid: ${agent}`
          : kind === 2
            ? `${seq}: 10.10.10.21: ${t}: %CCBU_CTIMessageEventExecutor-0-6-DECODED_MESSAGE_FROM_CTI_SERVER: %[cti_response=AgentStateEvent[skillGroupNumber=-1, agentState=1 (LOGOUT), eventReasonCode=255, duration=null]]: Decoded Message to Finesse from backend cti server`
            : `${seq}: 10.10.10.21: ${t}: %CCBU_NotificationSender-6-SENDING_NOTIFICATION: %[node=/finesse/api/User/${agent}]: Publishing &lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;${agent}&lt;/loginId&gt;&lt;state&gt;${states[i % states.length]}&lt;/state&gt;&lt;reasonCodeId&gt;${i % 30}&lt;/reasonCodeId&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;`;
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

compare('Openfire debug.log of a Finesse notification service', readFileSync(file, 'utf8'));
compare('Finesse Desktop-webservices log', finesseLog(Math.max(1, megabytes / 4) * 1024 * 1024));

// Hostile lines: ten of the thirteen shapes test/grammar/hostile.test.ts checks.
const LENGTH = 20_000;
const fill = (head, unit) => (head + unit.repeat(Math.ceil(LENGTH / unit.length))).slice(0, LENGTH);
const hostile = {
  'unclosed attribute full of escaped markup': fill('<a b="', '&lt;&lt;&amp;lt; <c d=&quot;e '),
  'opening brackets without names': fill('', '&lt;'),
  'one endless tag name': fill('<', 'a'),
  'dotted words without an @': fill('', 'a.'),
  'escapes nested without end': fill('&', 'amp;'),
  'unbalanced Finesse brackets': fill('%[k=', '[x=<a b="]'),
  'an escaped attribute that never closes': fill('&lt;a b=&quot;', 'x&amp;y&amp;quot'),
  'a Finesse thread full of dashes': fill('0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_', 'a-1-b-'),
  'JID-like runs': fill('', 'a@b.c/d@'),
  'quotes and angle brackets alternating': fill('', `"<'>`),
};
console.log(`\nhostile ${LENGTH}-character lines, slowest of ${Object.keys(hostile).length} shapes (best of 3):`);
for (const [name, g] of configs) {
  let worst = { ms: 0, shape: '' };
  for (const [shape, line] of Object.entries(hostile)) {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) ms = Math.min(ms, tokenizeAll(g, [line]) * 1000);
    if (ms > worst.ms) worst = { ms, shape };
  }
  console.log(`${name.padEnd(30)} ${worst.ms.toFixed(1).padStart(6)} ms  (${worst.shape})`);
}
