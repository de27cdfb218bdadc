// The check a stanza typed by a person passes before it is sent, apart from the session so the
// composer's diagnostics load without the transports.
import type { XmlElement } from '../xml/element';
import { parseXml } from '../xml/parse';

/** Checks user-typed stanza text: one well-formed message, presence or iq. */
export function parseStanza(text: string): XmlElement {
  const el = parseXml(text.trim());
  if (!['message', 'presence', 'iq'].includes(el.name)) {
    throw new Error(`<${el.name}> is not a stanza: send a <message>, <presence> or <iq>`);
  }
  if (el.name === 'iq' && !['get', 'set', 'result', 'error'].includes(el.attrs.type)) {
    throw new Error(`an <iq> needs type='get' or 'set' (or result/error), not ${el.attrs.type ? `'${el.attrs.type}'` : 'nothing'}`);
  }
  return el;
}
