import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XmlElement } from '../../src/core/xml/element';
import { ADMIN, AGENT, DOMAIN, Prosody } from './prosody';
import { session, until } from './live-session';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: Record<string, string>; onStdout?: (all: string, child: ReturnType<typeof spawn>) => void; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'connect', ...args], {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bosh-inspect connect against Prosody', function () {
  const prosody = new Prosody();
  before(async function () {
    this.timeout(30_000);
    await prosody.start();
  });
  after(() => prosody.dispose());

  const base = () => ['--url', prosody.httpUrl, '--jid', `${AGENT.user}@${DOMAIN}`, '--resource', 'cli', '--password-env', 'AGENT_PASSWORD'];
  const env = { AGENT_PASSWORD: AGENT.password };

  it('--json prints one object per stanza, a Finesse notification decoded, and ends cleanly after --duration', async () => {
    const publisher = session({ url: prosody.httpUrl, jid: `${ADMIN.user}@${DOMAIN}`, password: ADMIN.password });
    await publisher.session.connect();
    let sent = false;
    const run = await cli([...base(), '--json', '--duration', '3'], {
      env,
      onStdout: (all) => {
        if (!sent && all.includes('"direction":"sent"') && all.includes('presence')) {
          sent = true;
          const m = new XmlElement('message', { to: `${AGENT.user}@${DOMAIN}/cli`, type: 'headline' });
          m.c('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t('<Update><event>PUT</event></Update>');
          publisher.session.send(m);
        }
      },
    });
    await publisher.session.disconnect();
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) {
      assert.match(l.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(l.direction === 'sent' || l.direction === 'received');
      assert.equal(typeof l.xml, 'string');
    }
    const note = lines.find((l) => l.xml.includes('<notification'));
    assert.ok(note, run.stdout);
    assert.ok(note.xml.includes('<Update><event>PUT</event></Update>'), 'nested layer decoded');
    assert.ok(lines.some((l) => l.direction === 'sent' && l.xml.includes('type="unavailable"')), 'clean disconnect');
    assert.ok(!run.stdout.includes(Buffer.from(`\0${AGENT.user}\0${AGENT.password}`).toString('base64')));
  });

  it('a wrong password exits non-zero naming not-authorized', async () => {
    const run = await cli(base(), { env: { AGENT_PASSWORD: 'wrong' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not-authorized/);
  });

  it('an untrusted certificate ends at once with a message about the certificate', async () => {
    const run = await cli(['--url', prosody.httpsUrl, '--jid', `${AGENT.user}@${DOMAIN}`, '--password-env', 'AGENT_PASSWORD'], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /certificate of localhost:\d+ is self-signed.*SHA-256 fingerprint/);
    const ok = await cli(['--url', prosody.httpsUrl, '--jid', `${AGENT.user}@${DOMAIN}`, '--password-env', 'AGENT_PASSWORD', '--ca', prosody.certFile, '--duration', '0.5'], { env });
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('Ctrl-C disconnects cleanly with exit 0, text output pretty-printed', async () => {
    let signalled = false;
    const run = await cli(base(), {
      env,
      onStdout: (all, child) => {
        if (!signalled && /SENT rid=\d+\n<presence/.test(all)) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d{4}-\d\d-\d\dT[\d:.]+Z SENT rid=\d+\n<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-256">\[redacted\]<\/auth>/m);
    assert.match(run.stdout, /SENT rid=\d+\n<presence xmlns="jabber:client" type="unavailable"\/>/);
  });

  it('Ctrl-C while the server has not answered the login gives it up at once, exit 0', async () => {
    let child: ReturnType<typeof spawn> | undefined;
    // Takes the session request and never answers it, as a hung connection manager does.
    const silent = createServer(() => setTimeout(() => child?.kill('SIGINT'), 200));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/http-bind/`;
    const run = await cli(['--url', url, '--jid', `${AGENT.user}@${DOMAIN}`, '--password-env', 'AGENT_PASSWORD'], { env, onSpawn: (c) => (child = c) });
    silent.closeAllConnections();
    silent.close();
    assert.equal(run.code, 0, run.stderr);
    // No clock here: waiting for the login instead would outlast the suite's 30 s test timeout.
    assert.match(run.stderr, /stopped before the session was online/);
  });

  it('--url ws:// opens a WebSocket session: --json records name their connection, --raw shows the framing', async () => {
    const publisher = session({ url: prosody.wsUrl, jid: `${ADMIN.user}@${DOMAIN}`, password: ADMIN.password });
    await publisher.session.connect();
    let sent = false;
    const args = ['--url', prosody.wsUrl, '--jid', `${AGENT.user}@${DOMAIN}`, '--resource', 'cli-ws', '--password-env', 'AGENT_PASSWORD'];
    const run = await cli([...args, '--json', '--duration', '2'], {
      env,
      onStdout: (all) => {
        if (!sent && all.includes('"direction":"sent"') && all.includes('presence')) {
          sent = true;
          const m = new XmlElement('message', { to: `${AGENT.user}@${DOMAIN}/cli-ws`, type: 'headline' });
          m.c('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t('<Update><event>PUT</event></Update>');
          publisher.session.send(m);
        }
      },
    });
    await publisher.session.disconnect();
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /-- online as 1001@localhost\/cli-ws \(WebSocket connection 1, stream id \S+\)/);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.every((l) => l.connection === '1' && l.rid === undefined), run.stdout);
    assert.ok(lines.find((l) => l.xml.includes('<Update><event>PUT</event></Update>')), 'nested layer decoded');

    let signalled = false;
    const raw = await cli([...args, '--raw'], {
      env,
      onStdout: (all, child) => {
        if (!signalled && /SENT ws=1\n<presence/.test(all)) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    assert.equal(raw.code, 0, raw.stderr);
    assert.match(raw.stdout, /SENT ws=1 <open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0" xml:lang="en"\/>/);
    assert.match(raw.stdout, /RECV ws=1 <open [^>]*id="[^"]+"/);
    assert.match(raw.stdout, /SENT ws=1 <close xmlns="urn:ietf:params:xml:ns:xmpp-framing"\/>/);
  });

  it('--url wss:// with an untrusted certificate ends at once; with --fingerprint it connects', async () => {
    const args = ['--url', prosody.wssUrl, '--jid', `${AGENT.user}@${DOMAIN}`, '--password-env', 'AGENT_PASSWORD'];
    const run = await cli(args, { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /certificate of localhost:\d+ is self-signed.*SHA-256 fingerprint/);
    const ok = await cli([...args, '--fingerprint', prosody.fingerprint, '--duration', '0.5'], { env });
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('missing password variable and bad arguments are usage errors (exit 2)', async () => {
    const run = await cli(base(), { env: { AGENT_PASSWORD: '' } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /AGENT_PASSWORD \(named by --password-env\) is not set/);
    assert.equal((await cli(['--jid', 'x@y'])).code, 2);
  });
});
