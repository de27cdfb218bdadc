import type { DialectId, Direction, Fragment } from './fragment';
import type { XmlElement } from './xml/element';
import type { Flow } from './sessions/model';

/** Logs written by a server (or a connection manager in front of it): what it received, the client sent. */
const SERVER_WRITTEN: ReadonlySet<DialectId> = new Set(['openfire', 'openfire-legacy', 'prosody', 'ejabberd', 'tigase', 'mongooseim', 'node-xmpp-bosh']);

/** Logs and captures written on the client's side: what they sent went to the server. */
const CLIENT_WRITTEN: ReadonlySet<DialectId> = new Set(['har', 'console', 'smack', 'transcript', 'finesse']);

/**
 * Which way a fragment travelled between client and server, whoever wrote the file. A BOSH
 * `<body>` says so itself (only requests carry a rid); otherwise the writer's side and its
 * word ('sent', 'received') decide. Undefined when neither tells.
 */
export function flowOf(f: Pick<Fragment, 'direction' | 'dialect'>, root?: XmlElement): Flow | undefined {
  if (root && (root.name === 'body' || root.name.endsWith(':body')) && root.attrs.xmlns === 'http://jabber.org/protocol/httpbind') {
    return root.attrs.rid !== undefined ? 'c2s' : 's2c';
  }
  if (!f.direction) return undefined;
  return flowOfDirection(f.direction, f.dialect);
}

/** The flow a writer's 'sent' or 'received' means; undefined when it is unknown who wrote the file. */
export function flowOfDirection(direction: Direction, dialect: DialectId | undefined): Flow | undefined {
  if (!dialect) return undefined;
  if (SERVER_WRITTEN.has(dialect)) return direction === 'received' ? 'c2s' : 's2c';
  if (CLIENT_WRITTEN.has(dialect)) return direction === 'sent' ? 'c2s' : 's2c';
  return undefined;
}

/** The word the writer of a dialect would use for a flow (a server received what the client sent). */
export function directionOfFlow(flow: Flow, dialect: DialectId | undefined): Direction | undefined {
  if (!dialect) return undefined;
  if (SERVER_WRITTEN.has(dialect)) return flow === 'c2s' ? 'received' : 'sent';
  if (CLIENT_WRITTEN.has(dialect)) return flow === 'c2s' ? 'sent' : 'received';
  return undefined;
}

/** True when the dialect is a server's log, so lines without a sid of their own belong to the server's view. */
export function writtenByServer(dialect: DialectId | undefined): boolean {
  return dialect !== undefined && SERVER_WRITTEN.has(dialect);
}
