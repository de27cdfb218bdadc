import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { diagnose } from '../../../src/core/diagnose';
import { expandInputs } from '../../../src/core/input';
import type { Incident } from '../../../src/core/sessions/model';
import { FIXTURES } from '../fixtures';

const INCIDENT = join(FIXTURES, 'incidents/finesse-logout');

async function scan(paths: string[]): Promise<Incident> {
  const { files, dispose } = await expandInputs(paths);
  try {
    return await diagnose(files);
  } finally {
    await dispose();
  }
}

describe('diagnosis of a Finesse agent logged out after the desktop stopped polling (four files, three clocks)', () => {
  let incident: Incident;
  before(async () => {
    incident = await scan([INCIDENT]);
  });

  it('finds one session, joined across the HAR, both Openfire logs and Desktop-webservices', () => {
    assert.equal(incident.sessions.length, 1);
    const s = incident.sessions[0];
    assert.equal(s.sid, 'f382a015');
    assert.equal(s.jid, '1001003@fin1.ucce.local/desktop');
    assert.equal(s.agent, '1001003');
    assert.deepEqual(s.files.map((f) => f.split('/').pop()).sort(), ['Desktop-webservices.2017-06-17T00-00-00.000.log', 'agent-desktop.har', 'debug.log', 'info.log']);
    assert.deepEqual(s.params, { wait: 60, inactivity: 60, polling: 5, hold: 1, requests: 2, maxpause: 300 });
    assert.equal(s.sasl?.outcome, 'success');
    assert.equal(s.bound, '1001003@fin1.ucce.local/desktop');
    assert.equal(s.restarts, 1);
  });

  it('says the server closed it for inactivity, and names the evidence in words', () => {
    const s = incident.sessions[0];
    assert.equal(s.endCause, 'inactivity-timeout');
    assert.match(s.explanation, /closed by the server for inactivity at 00:16:04/);
    assert.match(s.explanation, /last request was answered at 00:14:50 and no other came for 7\d s \(inactivity 60 s\)/);
    assert.match(s.explanation, /Finesse logged agent 1001003 out \(PRESENCE_DRIVEN_LOGOUT, reason code 255\) at 00:17:04/);
    assert.match(s.explanation, /next request, at 00:17:41, found it gone/);
    assert.ok(s.restsOn.some((f) => f.endsWith('debug.log') || f.endsWith('info.log')), 'rests on the server log');
    assert.ok(s.evidence.some((e) => /Closing idle session \(id=f382a015\)/.test(e.text)));
    assert.equal(s.end?.time, Date.parse('2017-06-16T18:46:04.003Z'), 'the end placed in UTC through the inferred clock');
  });

  it("infers each file's clock and says from what", () => {
    const by = (name: string) => incident.clocks.find((c) => c.file.endsWith(name))!;
    assert.equal(by('agent-desktop.har').kind, 'utc');
    assert.equal(by('.000.log').kind, 'zoned');
    assert.equal(by('.000.log').offsetMinutes, 330);
    assert.equal(by('debug.log').kind, 'inferred');
    assert.equal(by('debug.log').offsetMinutes, 330);
    assert.match(by('debug.log').words, /debug\.log's clock taken as UTC\+05:30, matched on 9 requests of session f382a015 with agent-desktop\.har/);
    assert.equal(by('info.log').offsetMinutes, 330);
  });

  it('lists the findings of the logout chain', () => {
    const kinds = (k: string) => incident.findings.filter((f) => f.kind === k);
    const polling = kinds('polling-stopped');
    assert.equal(polling.length, 1);
    assert.equal(polling[0].severity, 'error');
    assert.equal(polling[0].sid, 'f382a015');
    const logout = kinds('forced-logout');
    assert.equal(logout.length, 1);
    assert.equal(logout[0].agent, '1001003');
    assert.equal(logout[0].reason, '255');
    assert.equal(kinds('presence-unavailable').length, 1, 'the presence and the agent line are one loss');
    assert.equal(kinds('undelivered').length, 1);
    assert.equal(kinds('undelivered')[0].jid, '1001003@fin1.ucce.local');
    assert.ok(kinds('unknown-session').length >= 1);
    const end = kinds('session-end');
    assert.equal(end.length, 1);
    assert.equal(end[0].severity, 'error');
    const times = incident.findings.map((f) => f.time ?? Infinity);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'findings in time order');
  });

  it('sums the incident up: who Finesse logged out, and which sessions did not end by logout', () => {
    assert.deepEqual(incident.summary.loggedOut.map((l) => [l.agent, l.reason]), [['1001003', '255']]);
    assert.deepEqual(incident.summary.abnormal.map((a) => [a.sid, a.endCause]), [['f382a015', 'inactivity-timeout']]);
  });

  it('draws the Finesse lane and the request bars of the timeline', () => {
    const s = incident.sessions[0];
    assert.ok(s.events.some((e) => e.lane === 'finesse' && /PRESENCE_DRIVEN_LOGOUT/.test(e.text)));
    assert.ok(s.events.some((e) => e.lane === 'finesse' && /NOT_READY/.test(e.text)));
    const held = s.spans.find((x) => x.rid === 2779414708)!;
    assert.equal(held.answered!.time! - held.sent.time!, 60_705, 'the poll held for wait (60 s), as the browser saw it');
    const times = s.events.map((e) => e.time ?? 0);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  it('reads the same incident from a zip bundle, naming each member by its path', async () => {
    const { writeZip, tempFolder } = await import('../input/helpers');
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const walk = (dir: string, base = ''): Array<{ name: string; data: Buffer }> =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n), `${base}${n}/`) : [{ name: `finA/${base}${n}`, data: readFileSync(join(dir, n)) }]));
    const tmp = await tempFolder();
    const zip = join(tmp.dir, 'bundle.zip');
    await writeZip(zip, walk(INCIDENT));
    const fromZip = await scan([zip]);
    await tmp.remove();
    assert.equal(fromZip.sessions.length, 1);
    assert.equal(fromZip.sessions[0].endCause, 'inactivity-timeout');
    assert.ok(fromZip.sessions[0].files.every((f) => f.includes('.zip!/')), fromZip.sessions[0].files.join());
  });
});

describe('diagnosis of the samples, one file at a time', () => {
  const cause = async (file: string) => (await scan([join(__dirname, '../../../samples', file)])).sessions.map((s) => [s.sid, s.endCause]);

  it('a transcript that ends with terminate is a client logout, with no error finding', async () => {
    const incident = await scan([join(__dirname, '../../../samples/transcript/bosh-session-2026-11-23.xmpp.log')]);
    assert.deepEqual(incident.sessions.map((s) => s.endCause), ['client-logout']);
    assert.ok(!incident.findings.some((f) => f.severity === 'error'), JSON.stringify(incident.findings));
    assert.equal(incident.findings.find((f) => f.kind === 'session-end')!.severity, 'info');
  });

  it('an Openfire debug.log alone: inactivity, times shown as written and the clock said to be unplaced', async () => {
    const incident = await scan([join(__dirname, '../../../samples/finesse/openfire/debug.log')]);
    assert.deepEqual(incident.sessions.map((s) => s.endCause), ['inactivity-timeout']);
    assert.equal(incident.sessions[0].end?.time, undefined, 'no UTC time for a clock nothing places');
    assert.equal(incident.sessions[0].end?.stamp, '2019-01-11 23:59:44.003');
    assert.equal(incident.clocks[0].kind, 'assumed');
    assert.match(incident.sessions[0].wouldSettle ?? '', /HAR/);
  });

  it('a Prosody log whose client logged out, then sent one more request: the logout, not the item-not-found after it', async () => {
    assert.deepEqual(await cause('prosody/prosody.log'), [['0b4e1b0c-2c5d-4f5a-9a55-1c6c4d2b8e11', 'client-logout']]);
  });

  it('a Converse console where the server lost its XMPP server: server-shutdown', async () => {
    assert.deepEqual(await cause('browser/converse-console.log'), [['3117c5ef', 'server-shutdown']]);
  });
});
