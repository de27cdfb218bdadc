import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const INCIDENT = join(FIXTURES, 'incidents/finesse-logout');

function cli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { input, encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bosh-inspect scan', () => {
  it('--json prints the sessions, then the findings, one object per line, times in UTC', () => {
    const { code, out, err } = cli(['scan', '--json', INCIDENT]);
    assert.equal(code, 0, err);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l));
    const sessions = rows.filter((r) => r.type === 'session');
    const findings = rows.filter((r) => r.type === 'finding');
    assert.equal(rows.indexOf(findings[0]), sessions.length, 'sessions first');
    const s = sessions[0];
    assert.equal(s.sid, 'f382a015');
    assert.equal(s.endCause, 'inactivity-timeout');
    assert.equal(s.end, '2017-06-16T18:46:04.003Z');
    assert.equal(s.endStamp, '2017-06-17 00:16:04.003');
    assert.equal(s.agent, '1001003');
    assert.equal(s.requests, 9);
    assert.match(s.lastResponse, /Z$/);
    assert.ok(Array.isArray(s.evidence) && s.evidence.every((e: { file: string; line: number; text: string }) => e.file && e.line > 0 && typeof e.text === 'string'));
    for (const f of findings) {
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(f.file && f.line > 0 && f.message, JSON.stringify(f));
      if (f.time) assert.match(f.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    assert.ok(findings.some((f) => f.kind === 'forced-logout' && f.agent === '1001003' && f.reason === '255'));
  });

  it('prints a report per session: its timeline, then the cause and the explanation, then the other findings and the clocks', () => {
    const { code, out } = cli(['scan', INCIDENT]);
    assert.equal(code, 0);
    assert.match(out, /── session f382a015 · 1001003@fin1\.ucce\.local\/desktop · agent 1001003/);
    assert.match(out, /END inactivity-timeout\n {3}Session f382a015/);
    assert.ok(out.indexOf('SASL success') < out.indexOf('END inactivity-timeout'));
    assert.match(out, /── findings not tied to a session\n.*presence-unavailable/);
    assert.match(out, /agent 1001003 logged out by Finesse, reason code 255/);
    assert.match(out, /debug\.log's clock taken as UTC\+05:30/);
  });

  it('reads stdin', () => {
    const { code, out } = cli(['scan', '--json', '-'], readFileSync(join(INCIDENT, 'openfire/debug.log')));
    assert.equal(code, 0);
    assert.equal(JSON.parse(out.split('\n')[0]).endCause, 'inactivity-timeout');
  });

  it('says what it cannot read on stderr and exits 2, after scanning the rest', () => {
    const { code, out, err } = cli(['scan', '--json', join(INCIDENT, 'openfire/debug.log'), join(INCIDENT, 'no-such.log')]);
    assert.equal(code, 2);
    assert.match(err, /no-such\.log/);
    assert.equal(JSON.parse(out.split('\n')[0]).sid, 'f382a015');
  });

  it('bad content is never fatal: garbage and truncated XML scan to nothing, exit 0', () => {
    const { code, out } = cli(['scan', '--json', '-'], '\u0000\u0001<body rid="1" sid="x" xmlns="http://jabber.org/protocol/httpbind"><message>\n<<<&&&\n');
    assert.equal(code, 0);
    for (const line of out.trim().split('\n').filter(Boolean)) JSON.parse(line);
  });
});

describe('bosh-inspect decode --json and the flow', () => {
  it("carries the flow beside the log writer's direction: a server's RECV is the client's request", () => {
    const rows = cli(['decode', '--json', join(INCIDENT, 'openfire/debug.log')]).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([rows[0].direction, rows[0].flow], ['received', 'c2s']);
    assert.deepEqual([rows[1].direction, rows[1].flow], ['sent', 's2c']);
    const har = cli(['decode', '--json', join(INCIDENT, 'agent-desktop.har')]).out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([har[0].direction, har[0].flow], ['sent', 'c2s']);
  });
});
