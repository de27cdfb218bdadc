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
  const suffix = event ? ` (${event})` : '';
  if (!payload) {
    const entity = source ? entityOfUri(source) : 'Update';
    return { entity, event, summary: `${entity} ${source ?? 'update'} without data${suffix}` };
  }
  const u = describePayload(payload, source);
  return { ...u, event, summary: u.summary + suffix };
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
      return { entity, id, summary: `${cap(entity)}${id ? ' ' + id : ''} update` };
    }
  }
}

function user(u: XmlElement, source: string | undefined): Payload {
  const id = childText(u, 'loginId') ?? childText(u, 'id') ?? (source ? lastSegment(source) : undefined) ?? '?';
  const state = childText(u, 'state');
  const pending = childText(u, 'pendingState');
  const reason = childText(u, 'reasonCodeId') ?? (child(u, 'reasonCode') && childText(child(u, 'reasonCode')!, 'code'));
  const label = child(u, 'reasonCode') && childText(child(u, 'reasonCode')!, 'label');
  let s = `User ${id} → ${state ?? 'state not given'}`;
  if (reason && reason !== '-1') s += `, reason ${reason}${label ? ` “${label}”` : ''}`;
  if (pending) s += `, pending ${pending}`;
  return { entity: 'User', id, state, summary: s };
}

function dialogSummary(d: XmlElement): { id: string; state?: string; text: string } {
  const id = childText(d, 'id') ?? '?';
  const state = childText(d, 'state');
  const participants = child(d, 'participants');
  const n = participants ? childElements(participants).length : 0;
  let text = `${id} ${state ?? 'state not given'}, ${n} participant${n === 1 ? '' : 's'}`;
  const from = childText(d, 'fromAddress');
  const to = childText(d, 'toAddress');
  if (from || to) text += `, ${from ?? '?'} → ${to ?? '?'}`;
  return { id, state, text };
}

function dialog(d: XmlElement): Payload {
  const s = dialogSummary(d);
  return { entity: 'Dialog', id: s.id, state: s.state, summary: `Dialog ${s.text}` };
}

function dialogs(d: XmlElement): Payload {
  const list = childrenNamed(d, 'Dialog');
  if (list.length === 0) return { entity: 'Dialogs', summary: 'Dialogs: none' };
  const first = dialogSummary(list[0]);
  const more = list.length > 1 ? ` and ${list.length - 1} more` : '';
  return { entity: 'Dialogs', id: first.id, state: first.state, summary: `Dialogs: ${first.text}${more}` };
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
    if (waiting !== undefined) parts.push(`${waiting} in queue`);
    if (ready !== undefined) parts.push(`${ready} agents ready`);
    if (talking !== undefined) parts.push(`${talking} talking inbound`);
    if (longest) parts.push(`longest waiting since ${longest}`);
  }
  const who = name ? `${name}${id ? ` (${id})` : ''}` : (id ?? '?');
  return { entity: 'Queue', id, summary: `Queue ${who}${parts.length ? ': ' + parts.join(', ') : ''}` };
}

function team(t: XmlElement): Payload {
  const id = childText(t, 'id');
  const name = childText(t, 'name');
  const users = child(t, 'users');
  const n = users ? childElements(users).length : undefined;
  let s = `Team ${id ?? '?'}${name ? ` “${name}”` : ''}`;
  if (n !== undefined) s += `, ${n} user${n === 1 ? '' : 's'}`;
  return { entity: 'Team', id, summary: s };
}

function systemInfo(si: XmlElement): Payload {
  const status = childText(si, 'status');
  const domain = childText(si, 'xmppDomain');
  const type = childText(si, 'deploymentType');
  let s = `SystemInfo ${status ?? 'status not given'}`;
  if (domain) s += `, XMPP domain ${domain}`;
  if (type) s += `, ${type}`;
  return { entity: 'SystemInfo', state: status, summary: s };
}

function apiErrors(e: XmlElement): Payload {
  const first = child(e, 'apiError');
  if (!first) return { entity: 'ApiErrors', summary: 'API error without details' };
  const type = childText(first, 'errorType');
  const message = childText(first, 'errorMessage') ?? childText(first, 'errorData');
  const code = childText(first, 'peripheralErrorCode');
  const s = `API error ${type ?? ''}${message ? `: ${message}` : ''}${code ? ` (peripheral code ${code})` : ''}`.replace(/ +/g, ' ').trim();
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

