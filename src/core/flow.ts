import type { DialectId, Fragment } from './fragment';
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
  if (!f.direction || !f.dialect) return undefined;
  if (SERVER_WRITTEN.has(f.dialect)) return f.direction === 'received' ? 'c2s' : 's2c';
  if (CLIENT_WRITTEN.has(f.dialect)) return f.direction === 'sent' ? 'c2s' : 's2c';
  return undefined;
}

/** True when the dialect is a server's log, so lines without a sid of their own belong to the server's view. */
export function writtenByServer(dialect: DialectId | undefined): boolean {
  return dialect !== undefined && SERVER_WRITTEN.has(dialect);
}
