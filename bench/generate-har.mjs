// Writes an agent desktop's HAR capture of about the given size: BOSH polls whose answers carry
// escaped Finesse User updates, one JSON entry per line as DevTools writes them minified.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function generateHar(file, mb) {
  const out = createWriteStream(file);
  out.write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2020-05-12T04:40:59.000Z","id":"page_1","title":"Finesse"}],"entries":[\n');
  let written = 0;
  let entries = 0;
  for (let i = 0; written < mb * 1048576; i++) {
    const started = new Date(Date.UTC(2020, 4, 12, 4, 41, 0) + i * 5000).toISOString();
    const req = `<body xmlns="http://jabber.org/protocol/httpbind" rid="${3779414706 + i}" sid="a382b015"/>`;
    const res = `<body xmlns="http://jabber.org/protocol/httpbind"><message xmlns="jabber:client" from="pubsub.fin1.ucce.local" to="47483648@fin1.ucce.local"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/47483648"><item id="${i}"><notification xmlns="http://jabber.org/protocol/pubsub">&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;47483648&lt;/loginId&gt;&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;</notification></item></items></event></message></body>`;
    const entry = JSON.stringify({ startedDateTime: started, time: 4200, request: { method: 'POST', url: 'https://fin1.ucce.local:7443/http-bind/', postData: { mimeType: 'text/xml', text: req } }, response: { status: 200, content: { mimeType: 'text/xml', text: res } } });
    const s = (i ? ',\n' : '') + entry;
    written += s.length;
    entries++;
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end('\n]}}\n');
  await once(out, 'finish');
  return { entries };
}
