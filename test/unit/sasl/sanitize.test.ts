// bosh-inspect sanitize and the core rewrite behind "Export Sanitised Capture…": the copy keeps
// everything but the credentials, a HAR stays valid JSON, and nothing is held twice.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sanitize, sanitizedName } from '../../../src/core/sanitize';
import { HarSanitizer } from '../../../src/core/sanitize/har-stream';
import { FIXTURES } from '../fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const SECRETS = join(FIXTURES, 'secrets');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const AGENT_SECRETS = ['Ag3nt-Pass-1001003', b64('\0' + '1001003\0Ag3nt-Pass-1001003'), b64('1001003:Ag3nt-Pass-1001003'), '6F92740079722068015E0AGHDIFC260F', '0D1C4E5A9B8F7E6D5C4B3A2918F7E6D5'];

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function clean(text: string, size = 1000) {
  let out = '';
  const report = await sanitize(chunks(text, size), (t) => {
    out += t;
  });
  return { out, report };
}

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: ROOT, input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('sanitised copies of logs and captures', () => {
  it('a log: each line with its credentials hidden, every other byte and line break kept', async () => {
    const text = readFileSync(join(SECRETS, 'prosody-debug.log'), 'utf8').replace(/\n/g, '\r\n');
    const { out, report } = await clean(text, 7);
    assert.ok(!out.includes(b64('\0agent2\0secret2')));
    assert.equal(out.split('\r\n').length, text.split('\r\n').length);
    assert.equal(out.replace('[redacted]', b64('\0agent2\0secret2')), text, 'only the payload changed');
    assert.deepEqual(report, { read: 'log', hidden: [{ kind: 'sasl-plain', who: 'agent2' }], changed: 1 });
  });

  it('a console that pretty-printed the <auth> over lines: hidden up to its closing tag, the next records kept', async () => {
    const text = readFileSync(join(SECRETS, 'console.log'), 'utf8');
    const { out } = await clean(text);
    assert.ok(!out.includes('AGFnZW50NQBzZWNyZXQ1'));
    assert.ok(!out.includes(b64('agent5:secret5')));
    assert.match(out, /<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"\/>/);
    assert.match(out, /Authorization: Basic \[redacted\]/);
  });

  it("a Finesse desktop's HAR: Authorization, cookies and the PLAIN login gone, valid JSON, untouched entries byte for byte", async () => {
    const text = readFileSync(join(SECRETS, 'finesse-agent-desktop.har'), 'utf8');
    const { out, report } = await clean(text, 333);
    for (const s of AGENT_SECRETS) assert.ok(!out.includes(s), `the copy still holds ${s.slice(0, 6)}…`);
    const before = JSON.parse(text);
    const after = JSON.parse(out);
    assert.equal(after.log.entries.length, before.log.entries.length);
    const rest = after.log.entries[0];
    assert.deepEqual(rest.request.headers.find((h: { name: string }) => h.name === 'Authorization'), { name: 'Authorization', value: 'Basic [redacted]' });
    assert.equal(rest.response.headers.find((h: { name: string }) => h.name === 'Set-Cookie').value, 'JSESSIONID=[redacted]; Path=/finesse; Secure; HttpOnly');
    assert.equal(rest.response.content.text, before.log.entries[0].response.content.text, 'bodies without secrets stay');
    assert.match(after.log.entries[2].request.postData.text, /mechanism="PLAIN">\[redacted\]<\/auth>/);
    assert.equal(report.read, 'har');
    assert.deepEqual(new Set(report.hidden.map((h) => h.who)), new Set(['1001003', 'JSESSIONID', 'hne-sse-ag_extension']));
    // Nothing around the entries moved: the same creator, pages and layout.
    assert.equal(out.slice(0, out.indexOf('"entries"')), text.slice(0, text.indexOf('"entries"')));
  });

  it('a HAR entry with nothing to hide is copied as it stood, layout and all', () => {
    const entry = '{ "request": {"method":"GET","url":"https://fin1/x","headers":[ {"name":"Accept","value":"*/*"} ]},\n  "response": {"status": 200} }';
    const s = new HarSanitizer();
    const out = s.push(`{"log":{"entries":[${entry}]}}`) + s.end();
    assert.equal(out, `{"log":{"entries":[${entry}]}}`);
    assert.deepEqual([s.entries, s.changed], [1, 0]);
  });

  it('a HAR cut off while saving: the entries before the cut are cleaned as JSON, the cut one as text', async () => {
    const text = readFileSync(join(SECRETS, 'finesse-agent-desktop.har'), 'utf8');
    // Cut in the middle of the entry that logs in, just after its request body.
    const cut = text.slice(0, text.indexOf('"response"', text.indexOf('mechanism=\\"PLAIN')));
    assert.ok(cut.length > 4000);
    const { out } = await clean(cut, 500);
    for (const s of AGENT_SECRETS) assert.ok(!out.includes(s), `the cut copy still holds ${s.slice(0, 6)}…`);
    assert.match(out, /mechanism=\\"PLAIN\\">\[redacted\]<\/auth>/);
  });

  it('bosh-inspect sanitize writes IN.sanitized.EXT and says whose credentials it hid; refuses to overwrite its input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanitize-'));
    try {
      const input = join(dir, 'agent.har');
      writeFileSync(input, readFileSync(join(SECRETS, 'finesse-agent-desktop.har')));
      const r = cli(['sanitize', input]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /password of 1001003 \(HTTP Basic\), cookie .*, password of 1001003 hidden \(\d+ HAR entries\); wrote .*agent\.sanitized\.har/);
      const copy = readFileSync(join(dir, 'agent.sanitized.har'), 'utf8');
      JSON.parse(copy);
      for (const s of AGENT_SECRETS) assert.ok(!copy.includes(s));
      assert.equal(cli(['sanitize', input, '-o', input]).code, 2);
      const piped = cli(['sanitize', '-', '-o', '-'], readFileSync(join(SECRETS, 'ejabberd.log'), 'utf8'));
      assert.equal(piped.code, 0);
      assert.ok(!piped.out.includes('secret4') && !piped.out.includes(b64('\0agent3\0secret3')));
      assert.match(piped.err, /password of agent3, password of agent4 \(jabber:iq:auth\) hidden \(2 lines\)/);
      assert.ok(!existsSync(join(dir, '.agent.sanitized.har.partial')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the copy beside the original', () => {
    assert.equal(sanitizedName('/incident/openfire/debug.log'), '/incident/openfire/debug.sanitized.log');
    assert.equal(sanitizedName('capture.har'), 'capture.sanitized.har');
    assert.equal(sanitizedName('/var/log/messages'), '/var/log/messages.sanitized');
  });
});
