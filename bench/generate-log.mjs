// Writes a BOSH-heavy Openfire 4.3+ debug.log of about the given size: polls, escaped Finesse
// User/Dialog notifications, idle-session lines and stack-trace noise, as a Finesse server logs them.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');

/** The path of the generated log of this size under bench/.data/, made on first use and reused after. */
export async function ensureLog(megabytes) {
  const file = join(DATA_DIR, `openfire-${megabytes}mb.log`);
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    process.stdout.write(`generating ${megabytes} MB log … `);
    const { exchanges } = await generateLog(file, megabytes);
    console.log(`${exchanges} BOSH exchanges`);
  }
  return file;
}

const states = ['READY', 'NOT_READY', 'TALKING', 'WORK', 'RESERVED', 'LOGOUT'];

function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function userUpdate(i) {
  const id = 47483648 + (i % 500);
  return esc(`<Update><data><user><dialogs>/finesse/api/User/${id}/Dialogs</dialogs><extension>${1000 + (i % 500)}</extension><firstName>Isaac</firstName><lastName>Newton</lastName><loginId>${id}</loginId><loginName>agent${i % 500}</loginName><mediaType>1</mediaType><pendingState></pendingState><reasonCodeId>${i % 30}</reasonCodeId><roles><role>Agent</role></roles><settings><wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming></settings><state>${states[i % states.length]}</state><stateChangeTime>2019-01-11T23:56:54.783Z</stateChangeTime><teamId>5000</teamId><teamName>Maths</teamName><uri>/finesse/api/User/${id}</uri></user></data><event>PUT</event><requestId>07114a42-6b3c-4555-a4c9-${String(i).padStart(12, '0')}</requestId><source>/finesse/api/User/${id}</source></Update>`);
}

function dialogUpdate(i) {
  return esc(`<Update><data><dialog><associatedDialogUri></associatedDialogUri><fromAddress>5551${i % 1000}</fromAddress><id>${16777229 + i}</id><mediaProperties><callvariables><CallVariable><name>callVariable1</name><value>Smith &amp; Sons &lt;VIP&gt;</value></CallVariable></callvariables><dialedNumber>1000581</dialedNumber></mediaProperties><mediaType>Voice</mediaType><participants><Participant><mediaAddress>1000581</mediaAddress><state>ALERTING</state></Participant><Participant><mediaAddress>5551</mediaAddress><state>ACTIVE</state></Participant></participants><state>ALERTING</state><toAddress>1000581</toAddress><uri>/finesse/api/Dialog/${16777229 + i}</uri></dialog></data><event>POST</event></Update>`);
}

export async function generateLog(path, megabytes) {
  const out = createWriteStream(path);
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let i = 0;
  let rid = 2779414706;
  while (written < target) {
    const t = `2020.05.12 10:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;
    const sid = (0xf382a015 + (i % 7)).toString(16);
    const id = 47483648 + (i % 500);
    const payload = i % 3 === 0 ? dialogUpdate(i) : userUpdate(i);
    const node = i % 3 === 0 ? `/finesse/api/User/${id}/Dialogs` : `/finesse/api/User/${id}`;
    let chunk =
      `${t} DEBUG [Jetty-QTP-BOSH-${i % 40}]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(${sid}): <body xmlns="http://jabber.org/protocol/httpbind" rid="${rid++}" sid="${sid}"/>\n` +
      `${t} DEBUG [Jetty-QTP-BOSH-${i % 40}]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP SENT(${sid}): <body xmlns="http://jabber.org/protocol/httpbind"><message xmlns="jabber:client" from="pubsub.fin1.ucce.local" to="${id}@fin1.ucce.local" id="${node}__${id}@fin1.ucce.local__K${i}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}"><item id="26a3e421-9d0c-4752-8a1d-${String(i).padStart(12, '0')}"><notification xmlns="http://jabber.org/protocol/pubsub">${payload}</notification></item></items></event></message></body>\n`;
    if (i % 10 === 0) chunk += `${t} INFO  [TaskEngine-pool-3]: org.jivesoftware.openfire.http.HttpSession - Session (id=${sid}) was last active ${i % 60000} ms ago: ${id}@fin1.ucce.local/desktop\n`;
    if (i % 50 === 0) chunk += `${t} WARN  [pool-8-thread-1]: org.jivesoftware.util.TaskEngine - Unable to route packet. No session is available so store offline.\n\tat org.jivesoftware.openfire.spi.RoutingTableImpl.routePacket(RoutingTableImpl.java:263)\n\tat com.example.Foo.<init>(Foo.java:12)\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    i++;
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, exchanges: i };
}
