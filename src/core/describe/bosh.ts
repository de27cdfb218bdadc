import { l10n } from '../l10n';
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
    summary = l10n.t('BOSH terminate{0}: {1} — {2}', at, condition, explainBoshCondition(condition));
  } else if (type === 'terminate') {
    summary = rid ? l10n.t('BOSH terminate{0}: the client ends the session', at) : l10n.t('BOSH terminate{0}: the server ends the session', at);
  } else if (type === 'error') {
    summary = condition ? l10n.t('BOSH error{0}: {1} — {2}', at, condition, explainBoshCondition(condition)) : l10n.t('BOSH error{0} (legacy HTTP error binding)', at);
  } else if (attr(body, 'xmpp:restart') === 'true') {
    summary = l10n.t('BOSH stream restart{0}', at);
  } else if (!sid && (attr(body, 'to') || attr(body, 'wait'))) {
    const to = attr(body, 'to');
    summary = `${to ? l10n.t('BOSH session request to {0}', to) : l10n.t('BOSH session request')}${rid ? `, rid ${rid}` : ''}${settings(body)}`;
  } else if (sid && !rid && (attr(body, 'wait') || attr(body, 'requests') || attr(body, 'inactivity'))) {
    summary = `${l10n.t('BOSH session created sid {0}', sid)}${settings(body)}`;
  } else {
    const content = payloads === 0 ? (rid ? l10n.t(', empty (poll)') : l10n.t(', empty')) : payloads === 1 ? l10n.t(', 1 stanza') : l10n.t(', {0} stanzas', payloads);
    summary = rid ? l10n.t('BOSH request{0}{1}', at, content) : l10n.t('BOSH response{0}{1}', at, content);
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
  if (wait) bits.push(l10n.t('wait {0} s', wait));
  if (inactivity) bits.push(l10n.t('inactivity {0} s', inactivity));
  if (polling) bits.push(l10n.t('polling {0} s', polling));
  if (hold) bits.push(`hold ${hold}`);
  if (requests) bits.push(`requests ${requests}`);
  return bits.length ? ', ' + bits.join(', ') : '';
}
