import { l10n } from '../l10n';
import { XmlElement, childElements } from '../xml/element';
import { child, childText, childrenNamed, findFirst, localName } from './element-query';

/** What a Cisco Finesse notification (`<Update>` inside a pubsub `<notification>`) says. */
export interface FinesseUpdate {
  /** The object updated: User, Dialog, Dialogs, Queue, Team, SystemInfo, ApiErrors… */
  entity: string;
  id?: string;
  state?: string;
  /** PUT, POST, DELETE as Finesse names the change. */
  event?: string;
  summary: string;
}

/** Finds the first `<Update>` in a decoded tree and summarises it; undefined when there is none. */
export function describeFinesse(root: XmlElement, node?: string): FinesseUpdate | undefined {
  const update = findFirst(root, 'Update');
  if (!update) return undefined;
  const event = childText(update, 'event');
  const data = child(update, 'data');
  const payload = data ? childElements(data)[0] : undefined;
  // The pubsub node names the object when the update itself does not (`/finesse/api/User/47483648`).
  const source = childText(update, 'source') ?? node;
  const withEvent = (summary: string) => (event ? l10n.t('{0} ({1})', summary, event) : summary);
  if (!payload) {
    const entity = source ? entityOfUri(source) : 'Update';
    return { entity, event, summary: withEvent(source ? l10n.t('{0} {1} without data', entity, source) : l10n.t('{0} update without data', entity)) };
  }
  const u = describePayload(payload, source);
  return { ...u, event, summary: withEvent(u.summary) };
}

type Payload = Omit<FinesseUpdate, 'event'>;

function describePayload(p: XmlElement, source: string | undefined): Payload {
  switch (localName(p).toLowerCase()) {
    case 'user':
      return user(p, source);
    case 'dialog':
      return dialog(p);
    case 'dialogs':
      return dialogs(p);
    case 'queue':
      return queue(p, source);
    case 'team':
      return team(p);
    case 'systeminfo':
      return systemInfo(p);
    case 'apierrors':
      return apiErrors(p);
    default: {
      const entity = localName(p);
      const id = childText(p, 'id') ?? (source ? lastSegment(source) : undefined);
      return { entity, id, summary: id ? l10n.t('{0} {1} update', cap(entity), id) : l10n.t('{0} update', cap(entity)) };
    }
  }
}

function user(u: XmlElement, source: string | undefined): Payload {
  const id = childText(u, 'loginId') ?? childText(u, 'id') ?? (source ? lastSegment(source) : undefined) ?? '?';
  const state = childText(u, 'state');
  const pending = childText(u, 'pendingState');
  const reason = childText(u, 'reasonCodeId') ?? (child(u, 'reasonCode') && childText(child(u, 'reasonCode')!, 'code'));
  const label = child(u, 'reasonCode') && childText(child(u, 'reasonCode')!, 'label');
  let s = l10n.t('User {0} → {1}', id, state ?? l10n.t('state not given'));
  if (reason && reason !== '-1') s = label ? l10n.t('{0}, reason {1} “{2}”', s, reason, label) : l10n.t('{0}, reason {1}', s, reason);
  if (pending) s = l10n.t('{0}, pending {1}', s, pending);
  return { entity: 'User', id, state, summary: s };
}

function dialogSummary(d: XmlElement): { id: string; state?: string; text: string } {
  const id = childText(d, 'id') ?? '?';
  const state = childText(d, 'state');
  const participants = child(d, 'participants');
  const n = participants ? childElements(participants).length : 0;
  const said = state ?? l10n.t('state not given');
  let text = n === 1 ? l10n.t('{0} {1}, 1 participant', id, said) : l10n.t('{0} {1}, {2} participants', id, said, n);
  const from = childText(d, 'fromAddress');
  const to = childText(d, 'toAddress');
  if (from || to) text = l10n.t('{0}, {1} → {2}', text, from ?? '?', to ?? '?');
  return { id, state, text };
}

function dialog(d: XmlElement): Payload {
  const s = dialogSummary(d);
  return { entity: 'Dialog', id: s.id, state: s.state, summary: l10n.t('Dialog {0}', s.text) };
}

function dialogs(d: XmlElement): Payload {
  const list = childrenNamed(d, 'Dialog');
  if (list.length === 0) return { entity: 'Dialogs', summary: l10n.t('Dialogs: none') };
  const first = dialogSummary(list[0]);
  const summary = list.length > 1 ? l10n.t('Dialogs: {0} and {1} more', first.text, list.length - 1) : l10n.t('Dialogs: {0}', first.text);
  return { entity: 'Dialogs', id: first.id, state: first.state, summary };
}

function queue(q: XmlElement, source: string | undefined): Payload {
  const id = childText(q, 'id') ?? (source ? lastSegment(source) : undefined);
  const name = childText(q, 'name');
  const stats = child(q, 'statistics');
  const parts: string[] = [];
  if (stats) {
    const waiting = childText(stats, 'callsInQueue');
    const ready = childText(stats, 'agentsReady');
    const talking = childText(stats, 'agentsTalkingInbound');
    const longest = childText(stats, 'startTimeOfLongestCallInQueue');
    if (waiting !== undefined) parts.push(l10n.t('{0} in queue', waiting));
    if (ready !== undefined) parts.push(l10n.t('{0} agents ready', ready));
    if (talking !== undefined) parts.push(l10n.t('{0} talking inbound', talking));
    if (longest) parts.push(l10n.t('longest waiting since {0}', longest));
  }
  const who = name ? (id ? l10n.t('{0} ({1})', name, id) : name) : (id ?? '?');
  return { entity: 'Queue', id, summary: parts.length ? l10n.t('Queue {0}: {1}', who, parts.join(', ')) : l10n.t('Queue {0}', who) };
}

function team(t: XmlElement): Payload {
  const id = childText(t, 'id');
  const name = childText(t, 'name');
  const users = child(t, 'users');
  const n = users ? childElements(users).length : undefined;
  let s = name ? l10n.t('Team {0} “{1}”', id ?? '?', name) : l10n.t('Team {0}', id ?? '?');
  if (n !== undefined) s = n === 1 ? l10n.t('{0}, 1 user', s) : l10n.t('{0}, {1} users', s, n);
  return { entity: 'Team', id, summary: s };
}

function systemInfo(si: XmlElement): Payload {
  const status = childText(si, 'status');
  const domain = childText(si, 'xmppDomain');
  const type = childText(si, 'deploymentType');
  let s = l10n.t('SystemInfo {0}', status ?? l10n.t('status not given'));
  if (domain) s = l10n.t('{0}, XMPP domain {1}', s, domain);
  if (type) s = `${s}, ${type}`;
  return { entity: 'SystemInfo', state: status, summary: s };
}

function apiErrors(e: XmlElement): Payload {
  const first = child(e, 'apiError');
  if (!first) return { entity: 'ApiErrors', summary: l10n.t('API error without details') };
  const type = childText(first, 'errorType');
  const message = childText(first, 'errorMessage') ?? childText(first, 'errorData');
  const code = childText(first, 'peripheralErrorCode');
  let s = `${l10n.t('API error {0}', type ?? '')}${message ? `: ${message}` : ''}`.replace(/ +/g, ' ').trim();
  if (code) s = l10n.t('{0} (peripheral code {1})', s, code);
  return { entity: 'ApiErrors', summary: s };
}

/** `/finesse/api/User/47483648` → 'User'. */
function entityOfUri(uri: string): string {
  const m = /\/finesse\/api\/([A-Za-z]+)/.exec(uri);
  return m ? m[1] : 'Update';
}

/** The object id in a Finesse URI: `/finesse/api/User/47483648/Dialogs` → '47483648'. */
function lastSegment(uri: string): string | undefined {
  const m = /\/finesse\/api\/[A-Za-z]+\/([^/]+)/.exec(uri);
  if (m) return m[1];
  const seg = uri.split('/').filter(Boolean).pop();
  return seg && /\d/.test(seg) ? seg : undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

