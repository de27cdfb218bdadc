import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIXTURES } from '../fixtures';
import { writeZip } from '../input/helpers';
import { cli } from './cli-run';

const rows = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('bosh-inspect decode of several inputs', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decode-inputs-'));
    const openfire = await readFile(join(FIXTURES, 'logs/openfire.log'));
    await mkdir(join(dir, 'folder'));
    await writeFile(join(dir, 'folder/ejabberd.log'), await readFile(join(FIXTURES, 'logs/ejabberd.log')));
    await writeFile(join(dir, 'openfire.log.gz'), gzipSync(openfire));
    await writeZip(join(dir, 'bundle.zip'), [{ name: 'fin1/prosody.log', data: await readFile(join(FIXTURES, 'logs/prosody.log')) }]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads files, a folder, a .gz and a .zip, each record naming its file', () => {
    const { code, out, err } = cli(['decode', '--json', join(FIXTURES, 'logs/openfire-legacy.log'), join(dir, 'folder'), join(dir, 'openfire.log.gz'), join(dir, 'bundle.zip')]);
    assert.equal(code, 0, err);
    const files = new Set(rows(out).map((r) => r.file));
    assert.ok([...files].some((f) => f.endsWith('openfire-legacy.log')));
    assert.ok([...files].some((f) => f.endsWith('ejabberd.log')));
    assert.ok([...files].some((f) => f.endsWith('openfire.log.gz')));
    assert.ok([...files].some((f) => f.endsWith('bundle.zip!/fin1/prosody.log')), [...files].join(', '));
    assert.match(cli(['decode', join(dir, 'folder'), join(dir, 'openfire.log.gz')]).out, /^── \S*ejabberd\.log · line 2 · /m);
  });

  it('one file: records carry no file name', () => {
    assert.ok(rows(cli(['decode', '--json', join(dir, 'openfire.log.gz')]).out).every((r) => !('file' in r)));
  });
});

describe('bosh-inspect decode filters', () => {
  const legacy = join(FIXTURES, 'logs/openfire-legacy.log');
  const ws = join(FIXTURES, 'sessions/prosody-ws-finesse/client-agent.har');

  it('--kind', () => {
    const all = rows(cli(['decode', '--json', ws]).out);
    const presence = rows(cli(['decode', '--json', '--kind', 'presence', ws]).out);
    assert.ok(presence.length > 0 && presence.length < all.length);
    assert.ok(presence.every((r) => /^<presence/.test(r.xml)));
  });

  it('--jid, bare or full, over from and to', () => {
    const bare = rows(cli(['decode', '--json', '--jid', '47483648@fin1.ucce.local', legacy]).out);
    assert.ok(bare.length > 0 && bare.every((r) => r.xml.includes('47483648@fin1.ucce.local')));
    assert.equal(rows(cli(['decode', '--json', '--jid', 'nobody@nowhere', legacy]).out).length, 0);
  });

  it('--node', () => {
    const hits = rows(cli(['decode', '--json', '--node', '/finesse/api/User/47483648', legacy]).out);
    assert.equal(hits.length, 1);
    assert.match(hits[0].xml, /<Update>/);
  });

  it('--grep over the decoded XML, as a regular expression or as text', () => {
    const state = rows(cli(['decode', '--json', '--grep', '<state>NOT_READY</state>', legacy]).out);
    assert.equal(state.length, 1, 'the escaped Update is searched decoded');
    assert.equal(rows(cli(['decode', '--json', '--grep', 'reasonCodeId>1[2]<', legacy]).out).length, 1);
    assert.equal(cli(['decode', '--json', '--grep', '(unclosed', legacy]).code, 0);
  });

  it('--since/--until on a log that writes zones, by instant', () => {
    const log = join(FIXTURES, 'incidents/finesse-logout/webservices/Desktop-webservices.2017-06-17T00-00-00.000.log');
    const all = rows(cli(['decode', '--json', log]).out);
    assert.ok(all.length > 1 && all.every((r) => /\+05:30$/.test(r.time)));
    const cut = all[1].time as string;
    const utc = new Date(Date.parse(cut)).toISOString();
    const since = cli(['decode', '--json', '--since', utc, log]);
    assert.deepEqual(rows(since.out).map((r) => r.line), all.slice(1).map((r) => r.line));
    assert.equal(since.err, '', 'compared by instant: nothing to say');
    const until = cli(['decode', '--json', '--until', utc, log]);
    assert.deepEqual(rows(until.out).map((r) => r.line), all.slice(0, 2).map((r) => r.line));
  });

  it('--since/--until on a Prosody log without a year: compared as the log writes time, said once on stderr', () => {
    const log = join(FIXTURES, 'logs/prosody.log');
    const all = rows(cli(['decode', '--json', log]).out);
    const { code, out, err } = cli(['decode', '--json', '--since', '2024-11-23T21:07:48', '--until', '2024-11-23T21:07:48', log]);
    assert.equal(code, 0);
    const kept = rows(out);
    assert.ok(kept.length > 0 && kept.length < all.length);
    assert.ok(kept.every((r) => r.stamp.startsWith('11-23 21:07:48')));
    assert.equal(err.match(/no year/g)?.length, 1, err);
  });
});
