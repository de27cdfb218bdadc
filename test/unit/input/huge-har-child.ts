// Child of huge-har.test.ts, so RSS is measured in a fresh process: reads generated HAR
// captures of tens of MB as a stream (mode "stream") or, gzipped and zipped, through the input
// layer and diagnosis (mode "inputs" DIR), and prints what it found and its RSS as JSON.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import yazl from 'yazl';
import { findInHarStream } from '../../../src/core/find/har';
import { expandInputs } from '../../../src/core/input';
import { diagnose } from '../../../src/core/diagnose';

export const MB = 50;
/** Diagnosis does more per request than finding: its captures are smaller, to stay inside a few seconds. */
export const GZ_MB = 20;

/** A BOSH capture of about `mb` MB, made as it is read, never whole in memory. */
function* harText(mb: number, sid = 'a382b015'): Generator<string> {
  yield '{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2020-05-12T04:40:59.000Z","id":"page_1"}],"entries":[\n';
  let written = 0;
  let batch: string[] = [];
  for (let i = 0; written < mb * 1048576; i++) {
    const started = new Date(Date.UTC(2020, 4, 12, 4, 41, 0) + i * 5000).toISOString();
    const req = `<body xmlns="http://jabber.org/protocol/httpbind" rid="${3779414706 + i}" sid="${sid}"/>`;
    const res = `<body xmlns="http://jabber.org/protocol/httpbind"><message xmlns="jabber:client" from="pubsub.fin1" to="1001@fin1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/1001"><item id="${i}"><notification xmlns="http://jabber.org/protocol/pubsub">&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;/Update&gt;</notification></item></items></event></message></body>`;
    const s = (i ? ',\n' : '') + JSON.stringify({ startedDateTime: started, time: 4200, request: { method: 'POST', url: 'https://fin1:7443/http-bind/', headers: [{ name: 'Content-Type', value: 'text/xml' }], postData: { mimeType: 'text/xml', text: req } }, response: { status: 200, content: { mimeType: 'text/xml', text: res } }, timings: { send: 0, wait: 4200, receive: 1 } });
    written += s.length;
    batch.push(s);
    if (batch.length === 64) {
      yield batch.join('');
      batch = [];
    }
  }
  yield batch.join('') + '\n]}}\n';
}

export function entries(mb: number): number {
  let n = 0;
  for (const s of harText(mb)) n += s.split('"startedDateTime"').length - 1;
  return n - 1; // the page's
}

function rssMb(): number {
  return process.memoryUsage().rss / 1048576;
}


function rss(): number {
  return process.memoryUsage().rss / 1048576;
}

async function streamMode() {
  const start = rss();
  let peak = start;
  let fragments = 0;
  let ordered = true;
  let lastLine = 0;
  const it = findInHarStream(Readable.from(harText(MB)));
  let r = await it.next();
  for (; !r.done; r = await it.next()) {
    fragments++;
    if (!(r.value.line > lastLine || (r.value.direction === 'received' && r.value.line === lastLine))) ordered = false;
    lastLine = r.value.line;
    if (fragments % 2000 === 0) peak = Math.max(peak, rss());
  }
  return { fragments, ordered, lines: r.value.lines, entries: entries(MB), start, peak };
}

async function inputsMode(dir: string) {
  const gz = join(dir, 'agent.har.gz');
  await pipeline(Readable.from(harText(GZ_MB)), createGzip({ level: 1 }), createWriteStream(gz));
  const zip = join(dir, 'bundle.zip');
  const z = new yazl.ZipFile();
  z.addReadStream(Readable.from(harText(GZ_MB / 2, 'b493c126')), 'agent.har');
  z.end();
  const out = createWriteStream(zip);
  z.outputStream.pipe(out);
  await once(out, 'close');
  const start = rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const problems: string[] = [];
  const expanded = await expandInputs([gz, zip], { onProblem: (name, m) => problems.push(`${name}: ${m}`) });
  try {
    const incident = await diagnose(expanded.files, { onInput: (n) => void (n.problem && problems.push(n.problem)) });
    const requests = (sid: string) => incident.sessions.find((s) => s.sid === sid)?.requests;
    return { problems, inputs: incident.inputs.length, requests: [requests('a382b015'), requests('b493c126')], expected: [entries(GZ_MB), entries(GZ_MB / 2)], start, peak };
  } finally {
    clearInterval(sampler);
    await expanded.dispose();
  }
}

void (process.argv[2] === 'stream' ? streamMode() : inputsMode(process.argv[3])).then((result) => process.stdout.write(JSON.stringify(result)));
