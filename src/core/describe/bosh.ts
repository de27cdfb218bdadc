import type { XmlElement } from '../xml/element';
import { childElements } from '../xml/element';
import { attr } from './element-query';
import { explainBoshCondition } from './bosh-conditions';

/** What a BOSH `<body>` wrapper says about its session (XEP-0124, XEP-0206). */
export interface BoshFacts {
  rid?: string;
  sid?: string;
  type?: string;
  condition?: string;
  /** The condition in words. */
  conditionText?: string;
  /** How many stanzas the wrapper carries. */
  payloads: number;
  summary: string;
}

export function describeBody(body: XmlElement): BoshFacts {
  const rid = attr(body, 'rid');
  const sid = attr(body, 'sid');
  const type = attr(body, 'type');
  const condition = attr(body, 'condition');
  const payloads = childElements(body).length;
  const ids = [rid && `rid ${rid}`, sid && `sid ${sid}`].filter(Boolean).join(' ');
  const at = ids ? ` ${ids}` : '';
  let summary: string;

  if (type === 'terminate' && condition) {
    summary = `BOSH terminate${at}: ${condition} — ${explainBoshCondition(condition)}`;
  } else if (type === 'terminate') {
    summary = `BOSH terminate${at}: the ${rid ? 'client ends' : 'server ends'} the session`;
  } else if (type === 'error') {
    summary = `BOSH error${at}${condition ? `: ${condition} — ${explainBoshCondition(condition)}` : ' (legacy HTTP error binding)'}`;
  } else if (attr(body, 'xmpp:restart') === 'true') {
    summary = `BOSH stream restart${at}`;
  } else if (!sid && (attr(body, 'to') || attr(body, 'wait'))) {
    summary = `BOSH session request${attr(body, 'to') ? ` to ${attr(body, 'to')}` : ''}${rid ? `, rid ${rid}` : ''}${settings(body)}`;
  } else if (sid && !rid && (attr(body, 'wait') || attr(body, 'requests') || attr(body, 'inactivity'))) {
    summary = `BOSH session created sid ${sid}${settings(body)}`;
  } else {
    const what = rid ? 'request' : 'response';
    summary = `BOSH ${what}${at}${payloads === 0 ? (rid ? ', empty (poll)' : ', empty') : `, ${payloads} stanza${payloads === 1 ? '' : 's'}`}`;
  }
  return { rid, sid, type, condition, conditionText: condition ? explainBoshCondition(condition) : undefined, payloads, summary };
}

function settings(body: XmlElement): string {
  const bits: string[] = [];
  const wait = attr(body, 'wait');
  const inactivity = attr(body, 'inactivity');
  const hold = attr(body, 'hold');
  const requests = attr(body, 'requests');
  const polling = attr(body, 'polling');
  if (wait) bits.push(`wait ${wait} s`);
  if (inactivity) bits.push(`inactivity ${inactivity} s`);
  if (polling) bits.push(`polling ${polling} s`);
  if (hold) bits.push(`hold ${hold}`);
  if (requests) bits.push(`requests ${requests}`);
  return bits.length ? ', ' + bits.join(', ') : '';
}
