// Full sessions against a real Prosody, over both transports and with each SASL mechanism: no
// artifact the core or the CLI produces (records, transcripts, notices, errors, connect --json,
// decode and scan of the transcript) carries the password in any form a reader could use.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MechanismName } from '../../src/core/sasl/mechanisms';
import { formatNotice, formatRecord, recordJson } from '../../src/core/xmpp/record-format';
import { transcriptLine, transcriptNotice } from '../../src/core/xmpp/stanza-record';
import { compactXml } from '../../src/core/xml/pretty';
import { XmlElement } from '../../src/core/xml/element';
import { AGENT, DOMAIN, SHA1_DOMAIN } from './prosody';
import { privateProsody, session, until, type Recorded } from './live-session';

const ROOT = join(__dirname, '..', '..');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Every form of the agent's password that would let a reader log in or attack it offline. */
function passwordForms(dataDir: string, host: string, hash: 'sha1' | 'sha256'): string[] {
  const forms = [AGENT.password, b64(`\0${AGENT.user}\0${AGENT.password}`), b64(`${AGENT.user}\0${AGENT.password}`), b64(AGENT.password)];
  // The server's stored salt and iteration count give the SCRAM SaltedPassword and ClientKey exactly.
  const account = readFileSync(join(dataDir, encodeURIComponent(host).replace(/\./g, '%2e'), 'accounts', `${AGENT.user}.dat`), 'utf8');
  const salt = /\["salt"\]\s*=\s*"([^"]+)"/.exec(account)![1];
  const iterations = Number(/\["iteration_count"\]\s*=\s*(\d+)/.exec(account)![1]);
  const salted = pbkdf2Sync(AGENT.password, salt, iterations, hash === 'sha1' ? 20 : 32, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  // The forms are the real ones: the server stores the same StoredKey.
  assert.equal(storedKey.toString('hex'), /\["stored_key"\]\s*=\s*"([0-9a-f]+)"/.exec(account)![1]);
  for (const k of [salted, clientKey, storedKey]) forms.push(k.toString('hex'), k.toString('base64'), k.toString('base64').slice(0, 16));
  return forms;
}

function assertClean(artifacts: Record<string, string>, forms: string[], where: string): void {
  for (const [name, text] of Object.entries(artifacts)) {
    for (const f of forms) assert.ok(!text.includes(f), `${where}: ${name} holds the password in a form starting ${JSON.stringify(f.slice(0, 4))}`);
  }
}

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return `${r.stdout}\n${r.stderr}`;
}

/** `bosh-inspect connect --json` for a few seconds; stdout and stderr together. */
function connectCli(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'connect', ...args, '--password-env', 'AGENT_SECRET_PW', '--json', '--duration', '2'], {
      cwd: ROOT,
      env: { ...process.env, AGENT_SECRET_PW: AGENT.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let all = '';
    child.stdout.on('data', (d) => (all += d));
    child.stderr.on('data', (d) => (all += d));
    child.on('close', (code) => resolve(`${all}\nexit ${code}`));
  });
}

interface Case {
  mechanism: MechanismName;
  host: string;
  hash: 'sha1' | 'sha256';
}

const CASES: Case[] = [
  { mechanism: 'SCRAM-SHA-256', host: DOMAIN, hash: 'sha256' },
  { mechanism: 'SCRAM-SHA-1', host: SHA1_DOMAIN, hash: 'sha1' },
  { mechanism: 'PLAIN', host: DOMAIN, hash: 'sha256' },
];

describe('no artifact of a live session carries the password', function () {
  this.timeout(60_000);
  const { prosody, connect } = privateProsody();
  const dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const transport of ['BOSH', 'WebSocket'] as const) {
    for (const c of CASES) {
      it(`over ${transport} with ${c.mechanism}: records, transcript, notices, decode and scan of the transcript`, async () => {
        const url = transport === 'BOSH' ? prosody.httpUrl : prosody.wsUrl;
        const jid = `${AGENT.user}@${c.host}`;
        const r: Recorded = await connect(session({ url, jid, resource: 'secrets', password: AGENT.password, mechanisms: [c.mechanism], allowPlainOverHttp: c.mechanism === 'PLAIN' }));
        assert.ok(r.notices.some((n) => n.text.includes(`with ${c.mechanism} `)), r.notices.map((n) => n.text).join('\n'));
        // Some traffic after the login, then a clean end.
        const m = new XmlElement('message', { to: r.session.jid!, type: 'chat' });
        m.c('body').t('hello');
        r.session.send(m);
        await until('the message back', () => r.received((x) => x.stanza.name === 'message').length > 0);
        await r.session.disconnect();

        const auth = r.stanzas.find((s) => s.stanza.name === 'auth');
        assert.ok(auth, 'the login is among the records');
        assert.match(auth.wire, /\[redacted\]<\/auth>$/);
        const transcript = [...r.notices.map(transcriptNotice), ...r.stanzas.map(transcriptLine)].join('\n') + '\n';
        const file = join(dir, `${transport}-${c.mechanism}.xmpp.log`);
        writeFileSync(file, transcript);
        const forms = passwordForms(join(prosody.dir, 'data'), c.host, c.hash);
        assertClean(
          {
            records: r.stanzas.map((s) => `${s.wire}\n${compactXml(s.stanza)}\n${formatRecord(s)}\n${recordJson(s)}`).join('\n'),
            notices: r.notices.map((n) => `${formatNotice(n)}\n${transcriptNotice(n)}`).join('\n'),
            states: r.states.map(([s, d]) => `${s} ${d}`).join('\n'),
            transcript,
            decode: cli(['decode', file]),
            'decode --json': cli(['decode', '--json', file]),
            'decode --json --show-secrets': cli(['decode', '--json', '--show-secrets', file]),
            'scan --json': cli(['scan', '--json', file]),
            scan: cli(['scan', file]),
          },
          forms,
          `${transport} ${c.mechanism}`,
        );
      });
    }

    it(`over ${transport}: bosh-inspect connect --json prints no form of the password`, async () => {
      const url = transport === 'BOSH' ? prosody.httpUrl : prosody.wsUrl;
      const forms = passwordForms(join(prosody.dir, 'data'), DOMAIN, 'sha256');
      const run = await connectCli(['--url', url, '--jid', `${AGENT.user}@${DOMAIN}`]);
      assert.match(run, /"direction":"sent"/);
      assert.match(run, /\[redacted\]<\/auth>/);
      assert.match(run, /exit 0/);
      assertClean({ 'connect --json': run }, forms, transport);
    });
  }

  it('a wrong password: the error and the notices name the condition, never the password tried', async () => {
    const tried = `${AGENT.password}-typo`;
    for (const url of [prosody.httpUrl, prosody.wsUrl]) {
      for (const mechanisms of [['SCRAM-SHA-256'], ['PLAIN']] as MechanismName[][]) {
        const r = session({ url, jid: `${AGENT.user}@${DOMAIN}`, password: tried, mechanisms, allowPlainOverHttp: true });
        const error = await r.session.connect().then(
          () => assert.fail('logged in with a wrong password'),
          (e: Error) => `${e.message}\n${e.stack}`,
        );
        assert.match(error, /not-authorized/);
        const all = { error, notices: r.notices.map(formatNotice).join('\n'), states: r.states.map(([s, d]) => `${s} ${d}`).join('\n'), records: r.stanzas.map(recordJson).join('\n') };
        assertClean(all, [tried, b64(`\0${AGENT.user}\0${tried}`), AGENT.password], `${url} ${mechanisms[0]}`);
      }
    }
  });
});
