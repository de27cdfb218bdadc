import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { FIXTURES } from '../fixtures';
import { cli } from './cli-run';

const rows = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('bosh-inspect decode --match', () => {
  const legacy = join(FIXTURES, 'logs/openfire-legacy.log');
  const openfire = join(FIXTURES, 'logs/openfire.log');
  const converse = join(FIXTURES, 'logs/websocket/converse-console.log');

  it('Update/user/state=NOT_READY prints the Finesse notification whose Update is escaped in the log', () => {
    const { code, out, err } = cli(['decode', '--json', '--match', 'Update/user/state=NOT_READY', legacy, openfire]);
    assert.equal(code, 0, err);
    const hits = rows(out);
    assert.equal(hits.length, 2);
    assert.ok(hits.every((r) => r.xml.includes('<state>NOT_READY</state>') && r.layers === 1), out);
    assert.equal(rows(cli(['decode', '--json', '--match', 'Update/user/state=READY', legacy]).out).length, 0);
  });

  it('iq[type=error] prints error answers only, and goes with the other filters', () => {
    const all = rows(cli(['decode', '--json', '--kind', 'iq', converse]).out);
    const errors = rows(cli(['decode', '--json', '--match', 'iq[type=error]', converse]).out);
    assert.ok(errors.length > 0 && errors.length < all.length);
    assert.ok(errors.every((r) => /^<iq [^>]*type="error"/.test(r.xml)), errors.map((r) => r.xml).join('\n'));
    assert.equal(rows(cli(['decode', '--json', '--match', 'iq[type=error]', '--kind', 'message', converse]).out).length, 0);
  });

  it('a bad path is a usage error naming the column, the path shown with a caret under it', () => {
    const { code, out, err } = cli(['decode', '--match', 'Update/user[state=NOT_READY', legacy]);
    assert.equal(code, 2);
    assert.equal(out, '');
    const [first, path, caret] = err.split('\n');
    assert.equal(first, 'bosh-inspect decode: --match: column 12: the "[" opened here is never closed with "]"');
    assert.equal(path, '  Update/user[state=NOT_READY');
    assert.equal(caret.indexOf('^'), path.indexOf('['));
    assert.match(err, /Usage: bosh-inspect decode/);
    assert.match(cli(['decode', '--help']).out, /--match PATH/);
  });
});
