import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { nodesOfPaths } from '../../../src/core/input';
import { expand, tempFolder, text, write, writeZip, zipBuffer } from './helpers';

const split = (paths: string[]) => paths.map((p) => p.split('/'));

describe('input: nodes of a side A/B collection', () => {
  it('names the first-level folders that hold the same paths', () => {
    assert.deepEqual(nodesOfPaths(split(['finA/openfire/debug.log', 'finB/openfire/debug.log', 'notes.txt'])), ['finA', 'finB', undefined]);
  });

  it('looks through one wrapping folder and past timestamps and rotation numbers', () => {
    const paths = [
      'incident-42/fin-a.example.com/2026-01-05_10-00-00/desktop/logs/webservices/Desktop-webservices.2026-01-05T09-00-00.001.log',
      'incident-42/fin-a.example.com/2026-01-05_10-00-00/desktop/logs/webservices/Desktop-webservices.log',
      'incident-42/fin-b.example.com/2026-01-05_10-00-07/desktop/logs/webservices/Desktop-webservices.log',
      'incident-42/fin-b.example.com/2026-01-05_10-00-07/openfire/debug.log.3',
    ];
    assert.deepEqual(nodesOfPaths(split(paths)), ['fin-a.example.com', 'fin-a.example.com', 'fin-b.example.com', 'fin-b.example.com']);
  });

  it('takes IP addresses as nodes, dates not, and says nothing of one server alone', () => {
    assert.deepEqual(nodesOfPaths(split(['10.0.0.1/debug.log', '10.0.0.2/debug.log'])), ['10.0.0.1', '10.0.0.2']);
    assert.deepEqual(nodesOfPaths(split(['2026-01-04/debug.log', '2026-01-05/debug.log'])), [undefined, undefined]);
    assert.deepEqual(nodesOfPaths(split(['finA/openfire/debug.log', 'finA/tomcat/catalina.out'])), [undefined, undefined]);
    assert.deepEqual(nodesOfPaths(split(['finA/openfire/debug.log', 'finB/tomcat/catalina.out'])), [undefined, undefined]);
  });

  describe('in bundles and folders', () => {
    let dir: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ dir, remove } = await tempFolder()));
    afterEach(() => remove());

    it('gives each file of a side A/B bundle its node', async () => {
      await writeZip(join(dir, 'bundle.zip'), [
        { name: 'finA/openfire/debug.log', data: 'A debug\n' },
        { name: 'finA/openfire/debug.log.1', data: 'A debug older\n' },
        { name: 'finA/desktop/Desktop-webservices.2026-01-05T09-00-00.001.log.zip', data: await zipBuffer([{ name: 'Desktop-webservices.2026-01-05T09-00-00.001.log', data: 'A ws\n' }]) },
        { name: 'finB/openfire/debug.log', data: 'B debug\n' },
        { name: 'finB/desktop/Desktop-webservices.2026-01-05T09-10-00.002.log.zip', data: await zipBuffer([{ name: 'Desktop-webservices.2026-01-05T09-10-00.002.log', data: 'B ws\n' }]) },
        { name: 'capture.har', data: '{"log":{}}' },
      ]);
      const { files, problems, dispose } = await expand([join(dir, 'bundle.zip')]);
      assert.deepEqual(problems, []);
      const b = join(dir, 'bundle.zip');
      assert.deepEqual(
        files.map((f) => [f.name.slice(b.length), f.node]),
        [
          ['!/capture.har', undefined],
          ['!/finA/desktop/Desktop-webservices.2026-01-05T09-00-00.001.log.zip!/Desktop-webservices.2026-01-05T09-00-00.001.log', 'finA'],
          ['!/finA/openfire/debug.log', 'finA'],
          ['!/finA/openfire/debug.log.1', 'finA'],
          ['!/finB/desktop/Desktop-webservices.2026-01-05T09-10-00.002.log.zip!/Desktop-webservices.2026-01-05T09-10-00.002.log', 'finB'],
          ['!/finB/openfire/debug.log', 'finB'],
        ],
      );
      assert.equal(await text(files[4]), 'B ws\n');
      await dispose();
    });

    it('finds nodes in an argument folder, and in per-node zips inside a bundle', async () => {
      await write(join(dir, 'logs/finA/openfire/debug.log'), 'A\n');
      await write(join(dir, 'logs/finB/openfire/debug.log'), 'B\n');
      await writeZip(join(dir, 'rtmt.zip'), [
        { name: 'fin-a.zip', data: await zipBuffer([{ name: 'openfire/debug.log', data: 'A\n' }]) },
        { name: 'fin-b.zip', data: await zipBuffer([{ name: 'openfire/debug.log', data: 'B\n' }]) },
      ]);
      const { files, dispose } = await expand([join(dir, 'logs'), join(dir, 'rtmt.zip')]);
      assert.deepEqual(
        files.map((f) => f.node),
        ['finA', 'finB', 'fin-a', 'fin-b'],
      );
      await dispose();
    });
  });
});
