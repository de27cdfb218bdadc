import { escapeXml } from '../xml/escape';
import { parseJid } from './jid';

export interface StanzaPreset {
  label: string;
  detail: string;
  xml: string;
}

/** Ready-made stanzas for "Send Stanza…", filled in for the session's own JID. */
export function stanzaPresets(jid: string): StanzaPreset[] {
  const { local, domain } = parseJid(jid);
  const a = (s: string) => escapeXml(s);
  return [
    { label: 'Available presence', detail: 'priority 0: Finesse ignores clients below 0', xml: `<presence><priority>0</priority></presence>` },
    { label: 'Ping the server', detail: 'XEP-0199', xml: `<iq type="get" to="${a(domain)}"><ping xmlns="urn:xmpp:ping"/></iq>` },
    { label: 'Server features (disco#info)', detail: 'XEP-0030', xml: `<iq type="get" to="${a(domain)}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>` },
    {
      label: 'Subscribe to my Finesse user node',
      detail: 'pubsub subscribe',
      xml: `<iq type="set" to="pubsub.${a(domain)}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="/finesse/api/User/${a(local)}" jid="${a(`${local}@${domain}`)}"/></pubsub></iq>`,
    },
    { label: 'My pubsub subscriptions', detail: 'pubsub subscriptions', xml: `<iq type="get" to="pubsub.${a(domain)}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscriptions/></pubsub></iq>` },
    { label: 'Chat message', detail: 'to a JID of your choice', xml: `<message type="chat" to="someone@${a(domain)}"><body>hello</body></message>` },
  ];
}
