// Every face of a log or capture (decode, scan, hover, Inspector, its copies and export) hides
// credentials unless the user asks to see them, and says whose they were.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFragment, decodeFragmentWith } from '../../../src/core/decode';
import { FragmentFinder } from '../../../src/core/find/finder';
import { fragmentsOfFile } from '../../../src/core/find/source';
import type { Fragment } from '../../../src/core/fragment';
import { redactSecrets } from '../../../src/core/sasl/redact';
import { redactSecretText } from '../../../src/core/sasl/redact-text';
import type { HiddenSecret } from '../../../src/core/sasl/hidden';
import { compactXml } from '../../../src/core/xml/pretty';
import { parseXml } from '../../../src/core/xml/parse';
import { hoverAt } from '../../../src/features/hover/hover-content';
import { FragmentIndex } from '../../../src/features/inspector/fragment-index';
import { FIXTURES } from '../fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const SECRETS = join(FIXTURES, 'secrets');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The forms a password may take in an output: as typed, PLAIN's base64, HTTP Basic's base64. */
function forms(user: string, password: string): string[] {
  return [password, b64(`\0${user}\0${password}`), b64(`${user}:${password}`)];
}

function assertNone(text: string, secrets: string[], where: string): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${where} shows ${JSON.stringify(s.slice(0, 6))}…`);
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function fragmentsOfLines(text: string): Fragment[] {
  const finder = new FragmentFinder();
  const out: Fragment[] = [];
  for (const line of text.split('\n')) out.push(...finder.push(line));
  out.push(...finder.end());
  return out;
}

describe('credentials hidden wherever a log or capture is shown', () => {
  describe('in the decoded tree', () => {
    it('hides a PLAIN <auth> and names its authcid', () => {
      const hidden: HiddenSecret[] = [];
      const body = parseXml(`<body xmlns='http://jabber.org/protocol/httpbind'><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${b64('\0agent2\0secret2')}</auth></body>`);
      const out = compactXml(redactSecrets(body, hidden));
      assert.match(out, /mechanism="PLAIN">\[redacted\]<\/auth>/);
      assert.deepEqual(hidden, [{ kind: 'sasl-plain', who: 'agent2' }]);
    });

    it('hides XEP-0078 <password> and <digest>, naming the <username>, and leaves other <password> elements alone', () => {
      const hidden: HiddenSecret[] = [];
      const iq = parseXml(`<iq type='set'><query xmlns='jabber:iq:auth'><username>agent4</username><digest>48fc78be9ec8f86d8ce1c39c320c97c21d62334d</digest><resource>desk</resource></query></iq>`);
      const out = compactXml(redactSecrets(iq, hidden));
      assert.ok(!out.includes('48fc78be'));
      assert.match(out, /<username>agent4<\/username><digest>\[redacted\]<\/digest><resource>desk<\/resource>/);
      assert.deepEqual(hidden, [{ kind: 'iq-auth', who: 'agent4' }]);
      const form = parseXml(`<x xmlns='jabber:x:data'><field var='password'><password>not a credential element</password></field></x>`);
      assert.equal(redactSecrets(form), form);
    });

    it('names the user of a SCRAM client-first-message and leaves a Finesse <response> alone', () => {
      const hidden: HiddenSecret[] = [];
      redactSecrets(parseXml(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>${b64('n,,n=agent5,r=fyko+d2lbbFgONRv9qkxdawL')}</auth>`), hidden);
      assert.deepEqual(hidden, [{ kind: 'sasl-scram', who: 'agent5' }]);
      const finesse = parseXml(`<Update><response>ok</response></Update>`);
      assert.equal(redactSecrets(finesse), finesse);
    });
  });

  describe('in text as a log writes it', () => {
    const cases: Array<[string, string, string]> = [
      ['escaped once inside another element', `<notification>&lt;auth xmlns=&quot;urn:ietf:params:xml:ns:xmpp-sasl&quot; mechanism=&quot;PLAIN&quot;&gt;${b64('\0agent2\0secret2')}&lt;/auth&gt;</notification>`, 'agent2'],
      ['escaped twice', `&amp;lt;auth xmlns=&amp;quot;urn:ietf:params:xml:ns:xmpp-sasl&amp;quot; mechanism=&amp;quot;PLAIN&amp;quot;&amp;gt;${b64('\0agent2\0secret2')}&amp;lt;/auth&amp;gt;`, 'agent2'],
      ['in an Erlang binary', `Received XML on stream = <<"<auth xmlns=\\"urn:ietf:params:xml:ns:xmpp-sasl\\" mechanism=\\"PLAIN\\">${b64('\0agent2\0secret2')}</auth>">>`, 'agent2'],
      ['as an HTTP Basic header', `GET /finesse/api/User/agent2 HTTP/1.1\r\nAuthorization: Basic ${b64('agent2:secret2')}\r\n`, 'agent2'],
    ];
    for (const [what, text, who] of cases) {
      it(`hides a password ${what}`, () => {
        const hidden: HiddenSecret[] = [];
        const out = redactSecretText(text, hidden);
        assertNone(out, forms('agent2', 'secret2'), what);
        assert.ok(out.includes('[redacted]'));
        assert.equal(hidden[0].who, who);
      });
    }

    it('hides cookie values, keeping their names and a Set-Cookie\'s attributes', () => {
      const hidden: HiddenSecret[] = [];
      const out = redactSecretText('Cookie: hne-sse-ag_extension=10005; JSESSIONID=6F9274007972\nSet-Cookie: JSESSIONID=0D1C4E5A; Path=/finesse; Secure', hidden);
      assert.equal(out, 'Cookie: hne-sse-ag_extension=[redacted]; JSESSIONID=[redacted]\nSet-Cookie: JSESSIONID=[redacted]; Path=/finesse; Secure');
      assert.deepEqual(hidden.map((h) => h.who), ['hne-sse-ag_extension', 'JSESSIONID']);
    });

    it('leaves text without credentials exactly as it was', () => {
      const line = `Dec 01 10:04:54 bosh… debug Offering usable mechanisms: PLAIN, SCRAM-SHA-256 <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>`;
      assert.equal(redactSecretText(line), line);
    });
  });

  describe('bosh-inspect decode', () => {
    const log = join(SECRETS, 'prosody-debug.log');
    it('prints the Prosody PLAIN login hidden, saying whose, in text and --json', () => {
      const text = cli(['decode', log]);
      assert.equal(text.code, 0);
      assertNone(text.out, forms('agent2', 'secret2'), 'decode');
      assert.match(text.out, /password of agent2 hidden \(--show-secrets shows them\)/);
      const json = cli(['decode', '--json', log]);
      const rows = json.out.trim().split('\n').map((l) => JSON.parse(l));
      assertNone(json.out, forms('agent2', 'secret2'), 'decode --json');
      assert.deepEqual(rows.find((r) => r.hidden)?.hidden, ['password of agent2']);
    });

    it('shows them with --show-secrets', () => {
      const { out } = cli(['decode', '--show-secrets', log]);
      assert.ok(out.includes(b64('\0agent2\0secret2')));
      assert.ok(!out.includes('hidden'));
    });

    it('hides the HAR capture of a Finesse desktop: PLAIN login in the BOSH bodies', () => {
      const { out } = cli(['decode', '--json', join(SECRETS, 'finesse-agent-desktop.har')]);
      assertNone(out, forms('1001003', 'Ag3nt-Pass-1001003'), 'decode of the HAR');
      assert.match(out, /"hidden":\["password of 1001003"\]/);
    });

    it('hides ejabberd\'s Erlang-escaped login and a jabber:iq:auth password, and a console\'s pretty-printed one', async () => {
      const { out } = cli(['decode', join(SECRETS, 'ejabberd.log')]);
      assertNone(out, [...forms('agent3', 'secret3'), 'secret4'], 'decode of ejabberd');
      assert.match(out, /password of agent3 hidden/);
      assert.match(out, /password of agent4 \(jabber:iq:auth\) hidden/);
      const console = cli(['decode', join(SECRETS, 'console.log')]);
      assertNone(console.out, [...forms('agent5', 'secret5')], 'decode of the console');
    });
  });

  describe('bosh-inspect scan', () => {
    it('reports the capture holds a password, whose and where, with no secret in its evidence', () => {
      const { code, out } = cli(['scan', '--json', join(SECRETS, 'finesse-agent-desktop.har'), join(SECRETS, 'prosody-debug.log')]);
      assert.equal(code, 0);
      assertNone(out, [...forms('1001003', 'Ag3nt-Pass-1001003'), ...forms('agent2', 'secret2'), '6F92740079722068015E0AGHDIFC260F'], 'scan');
      const findings = out.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.kind === 'credentials-in-capture');
      assert.equal(findings.length, 2);
      const har = findings.find((f) => f.file.endsWith('.har'))!;
      assert.equal(har.severity, 'warning');
      assert.match(har.message, /holds the password of 1001003, and cookie .*JSESSIONID/);
      assert.equal(har.line, 23, 'the first Authorization header, on the REST call before the login');
      const log = findings.find((f) => f.file.endsWith('.log'))!;
      assert.match(log.message, /holds the password of agent2 \(once, first on line 2\)/);
      assert.equal(log.line, 2);
    });
  });

  describe('the hover and the Inspector', () => {
    const text = readFileSync(join(SECRETS, 'prosody-debug.log'), 'utf8');
    const lines = text.split('\n');
    const doc = { lineCount: lines.length, lineAt: (n: number) => lines[n] };

    it('the hover hides the PLAIN payload and says whose, unless the setting shows it', () => {
      const h = hoverAt(doc, 1, 120)!;
      assertNone(h.markdown, forms('agent2', 'secret2'), 'hover');
      assert.match(h.markdown, /Password of agent2 hidden \(setting `xmppBosh\.showSecrets` shows them\)/);
      assert.ok(hoverAt(doc, 1, 120, { showSecrets: true })!.markdown.includes(b64('\0agent2\0secret2')));
    });

    it('detail, Copy decoded, Copy original and Export decoded… carry no password; the detail says whose', async () => {
      const index = new FragmentIndex();
      for (const f of fragmentsOfLines(text)) index.add(f);
      let found = false;
      for (let k = 0; k < index.size; k++) {
        const d = (await index.detail(k))!;
        const all = [d.decoded, d.original, JSON.stringify(d.tree), JSON.stringify(d.facts), (await index.decodedText(k))!, (await index.originalText(k))!].join('\n');
        assertNone(all, forms('agent2', 'secret2'), `Inspector row ${k}`);
        if (d.facts.some(([k2, v]) => k2 === 'secrets' && /password of agent2 hidden/.test(v))) found = true;
      }
      assert.ok(found, 'one detail names the hidden password');
      assertNone(await index.exportLog([...Array(index.size).keys()], 'prosody-debug.log'), forms('agent2', 'secret2'), 'export');
      const shown = new FragmentIndex(undefined, { showSecrets: true });
      for (const f of fragmentsOfLines(text)) shown.add(f);
      const originals = await Promise.all([...Array(shown.size).keys()].map((k) => shown.originalText(k)));
      assert.ok(originals.some((o) => o!.includes(b64('\0agent2\0secret2'))), 'the setting shows them');
    });

    it('decodeFragment hides by default; decodeFragmentWith shows only when asked', async () => {
      const frags: Fragment[] = [];
      for await (const f of fragmentsOfFile(join(SECRETS, 'prosody-debug.log'))) frags.push(f);
      const auth = frags.find((f) => f.text.includes('PLAIN') && f.text.includes('</auth>'))!;
      assert.deepEqual(decodeFragment({ ...auth }).hidden, [{ kind: 'sasl-plain', who: 'agent2' }]);
      const shown = decodeFragmentWith({ ...auth }, { showSecrets: true });
      assert.equal(shown.hidden, undefined);
      assert.ok(shown.text.includes(b64('\0agent2\0secret2')));
    });
  });
});
