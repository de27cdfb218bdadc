// npm run fixtures:sessions [-- SERVER[-SCENARIO] …]
// Plays every BOSH failure scenario of test/real/scenarios.ts, and the WebSocket ones of
// test/real/ws-scenarios.ts, for real (private Prosody and ejabberd on loopback, Strophe.js in
// Chromium) and keeps what each side wrote as a fixture in test/fixtures/sessions/<server>-<scenario>/
// (<server>-ws-<scenario>/ over WebSocket): the server's debug log, the Chromium HAR (its
// http-bind entries, or its WebSocket entries with their frames), the browser console, and
// expected.json saying how each session ended.
// SASL payloads (<auth>, <response>, <challenge>, <success>) and the lab passwords are replaced
// by [redacted] everywhere.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PASSWORD, SCENARIOS, WRONG_PASSWORD, runScenario, type ServerKind } from '../test/real/scenarios';
import { ADMIN, wsScenariosFor } from '../test/real/ws-scenarios';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'test', 'fixtures', 'sessions');
const SERVERS: ServerKind[] = ['prosody', 'ejabberd'];
const MAX_BYTES = 200 * 1024;
const REDACTED = '[redacted]';

const SASL = /(<(auth|response|challenge|success)\b[^>]*?xmlns=(\\?["'])urn:ietf:params:xml:ns:xmpp-sasl\3[^>]*>)([^<]+)(<\/\2>)/g;

// ejabberd's debug dumps of parsed elements: {xmlel,<<"auth">>,[…],[{xmlcdata,<<"…">>}]}
const SASL_TERM = /(\{xmlel,\s*<<"(?:auth|response|challenge|success)">>,(?:(?!\{xmlel,)[\s\S])*?\{xmlcdata,\s*<<")([^"]*)(">>)/g;

/** Replaces SASL payloads and the lab passwords in any text. */
export function redact(text: string): string {
  let out = text.replace(SASL, (_m, open: string, _n, _q, _data, close: string) => `${open}${REDACTED}${close}`);
  out = out.replace(SASL_TERM, (_m, open: string, _data, close: string) => `${open}${REDACTED}${close}`);
  for (const secret of [PASSWORD, WRONG_PASSWORD, ADMIN.password]) out = out.split(secret).join(REDACTED);
  return out;
}

interface HarEntry {
  request: { url: string; postData?: { text?: string } };
  response: { content?: { text?: string; size?: number } };
  _webSocketMessages?: Array<{ data: string }>;
}

/** The HAR with only its BOSH and WebSocket entries, bodies and frames redacted. */
function trimHar(text: string): string {
  const har = JSON.parse(text) as { log: { entries: HarEntry[] } };
  har.log.entries = har.log.entries.filter((e) => /\/http-bind\b/.test(e.request.url) || /^wss?:/.test(e.request.url));
  for (const e of har.log.entries) {
    if (e.request.postData?.text) e.request.postData.text = redact(e.request.postData.text);
    if (e.response.content?.text) e.response.content.text = redact(e.response.content.text);
    for (const m of e._webSocketMessages ?? []) m.data = redact(m.data);
  }
  return JSON.stringify(har, null, 2) + '\n';
}

/** ejabberd's debug log without its supervisor PROGRESS REPORT records (start-up noise, not BOSH). */
function trimEjabberdLog(text: string): string {
  return text.replace(/^\S+ \S+ \[debug\] <[^>]*>@supervisor:report_progress\/2:\d+ PROGRESS REPORT:\n(?:(?!\d{4}-\d\d-\d\d ).*\n)*/gm, '');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const started = Date.now();
  const failures: string[] = [];
  for (const server of SERVERS) {
    const list = [...SCENARIOS, ...wsScenariosFor(server)];
    for (const scenario of list) {
      const id = `${server}-${scenario.name}`;
      if (only.length && !only.some((o) => id === o || server === o || (o === 'ws' && scenario.name.startsWith('ws-')))) continue;
      const t0 = Date.now();
      const tmp = mkdtempSync(join(tmpdir(), 'bosh-inspect-fixture-'));
      try {
        const result = await runScenario(server, scenario.name, tmp, list);
        const dir = join(OUT, id);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const files: string[] = [];
        for (const f of result.files) {
          const name = basename(f);
          let text = readFileSync(f, 'utf8');
          if (name.endsWith('.har')) text = trimHar(text);
          else {
            if (name === 'ejabberd.log') text = trimEjabberdLog(text);
            text = redact(text);
          }
          if (Buffer.byteLength(text) > MAX_BYTES) throw new Error(`${id}/${name} is ${Buffer.byteLength(text)} bytes, over the ${MAX_BYTES} a fixture may have`);
          writeFileSync(join(dir, name), text);
          files.push(name);
        }
        const expected = {
          server,
          scenario: scenario.name,
          title: scenario.title,
          client: scenario.name.startsWith('ws-') ? 'Strophe.js 5 over WebSocket in Chromium (playwright-core), frames recorded from the DevTools protocol' : 'Strophe.js 5 in Chromium (playwright-core)',
          files,
          sessions: result.expected,
        };
        writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
        console.log(`${id}: ${result.expected.map((e) => e.endCause + (e.condition ? ` (${e.condition})` : '')).join(', ')}  [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
      } catch (e) {
        failures.push(id);
        console.error(`${id}: FAILED: ${(e as Error).message}`);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
  console.log(`${failures.length ? `${failures.length} failed (${failures.join(', ')})` : 'all scenarios recorded'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = failures.length ? 1 : 0;
}

void main();
