import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../fixtures';
import { cli, ROOT } from './cli-run';

const ESC = '\x1b[';
const LOG = join(FIXTURES, 'logs/openfire.log');
const INCIDENT = join(FIXTURES, 'incidents/finesse-logout');

describe('bosh-inspect manners', () => {
  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const { code, out } = cli(['--version']);
    assert.equal(code, 0);
    assert.equal(out, `bosh-inspect ${version}\n`);
  });

  it('no colour on a pipe; FORCE_COLOR colours decode and scan, never --json; FORCE_COLOR=0 and NO_COLOR do not', () => {
    assert.ok(!cli(['decode', LOG]).out.includes(ESC));
    const forced = cli(['decode', LOG], undefined, { FORCE_COLOR: '1' }).out;
    assert.ok(forced.includes(`${ESC}36m2020-05-12T10:11:12.345${ESC}0m`), forced.slice(0, 200));
    assert.match(forced, /\x1b\[3[23]m(sent|received)/);
    assert.ok(!cli(['decode', '--json', LOG], undefined, { FORCE_COLOR: '1' }).out.includes(ESC));
    assert.ok(!cli(['decode', LOG], undefined, { FORCE_COLOR: '0' }).out.includes(ESC));
    assert.ok(!cli(['decode', LOG], undefined, { NO_COLOR: '1' }).out.includes(ESC));
    assert.ok(cli(['scan', INCIDENT], undefined, { FORCE_COLOR: '1' }).out.includes(`${ESC}1;35minactivity-timeout`));
    assert.ok(!cli(['scan', '--json', INCIDENT], undefined, { FORCE_COLOR: '1' }).out.includes(ESC));
  });

  it('bad arguments: the usage text on stderr and exit 2, for every command', () => {
    for (const args of [[], ['nope'], ['decode', '--jsn'], ['decode', '--kind', 'messages'], ['decode', '--since', 'yesterday'], ['scan', '--x'], ['sanitize'], ['discover'], ['connect', '--url', 'ws://x/']]) {
      const { code, out, err } = cli(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '', args.join(' '));
      assert.match(err, /Usage: bosh-inspect/, args.join(' '));
    }
  });

  it('other failures end with the usage line on stderr too', () => {
    const { code, err } = cli(['decode', join(FIXTURES, 'no-such.log')]);
    assert.equal(code, 2);
    assert.match(err, /no-such\.log: no such file/);
    assert.match(err, /Usage: bosh-inspect decode/);
  });
});

describe('bosh-inspect connect --password-stdin', () => {
  it('reads the password from stdin; nothing listening: exit 1, the refused connection named, the password never printed', () => {
    const { code, out, err } = cli(['connect', '--url', 'ws://127.0.0.1:9/', '--jid', 'agent@localhost', '--password-stdin'], 'Secret-Word-42\nmore\n');
    assert.equal(code, 1, err);
    assert.match(err, /ECONNREFUSED|nothing listens/);
    assert.ok(!(out + err).includes('Secret-Word-42'));
    assert.match(err, /Usage: bosh-inspect connect/);
  });

  it('without a password source and no terminal: a usage error', () => {
    const { code, err } = cli(['connect', '--url', 'ws://127.0.0.1:9/', '--jid', 'agent@localhost'], '');
    assert.equal(code, 2);
    assert.match(err, /--password-env VAR or --password-stdin/);
  });
});
