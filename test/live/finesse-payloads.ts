// Finesse-style pubsub payloads for the live tests and benches: a user <Update>, escaped on the wire.
import { XmlElement } from '../../src/core/xml/element';
import { AGENT } from './prosody';

export function finesseUpdate(n: number): string {
  return `<Update><data><user><loginId>${AGENT.user}</loginId><state>${n % 2 ? 'READY' : 'NOT_READY'}</state><reasonCodeId>${n}</reasonCodeId><extension>4${n}</extension></user></data><event>PUT</event><requestId></requestId><source>/finesse/api/User/${AGENT.user}</source></Update>`;
}

export function notification(xmlText: string): XmlElement {
  // ltx escapes the text on the wire: <notification>&lt;Update&gt;…, as Finesse sends it.
  return new XmlElement('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t(xmlText) as XmlElement;
}
