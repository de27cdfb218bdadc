// WebSocket sessions (RFC 7395): how a connection is named, and what a refused upgrade means.
import type { HttpExchange } from '../fragment';
import { l10n } from '../l10n';

/**
 * The key a WebSocket connection's session parts share. A HAR names its connections by entry
 * index, which only its own file knows (`client.har#3`); a log's connection id (Prosody's
 * `c2s55e8d13d8120`, an ejabberd pid) is the server's own and is shared by all its files.
 */
export function socketKey(file: string, connection: string, perFile: boolean): string {
  if (!perFile) return connection;
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1);
  return `${name}#${connection}`;
}

/** A refused upgrade in words: a 404 or a 200 page where the WebSocket should answer is a wrong URL. */
export function upgradeWords(x: HttpExchange): string {
  const status = x.status ?? 0;
  if (status === 0) return x.error ? l10n.t('the WebSocket upgrade got no answer ({0})', x.error) : l10n.t('the WebSocket upgrade got no answer');
  const what = x.answer === 'html' ? l10n.t(' with an HTML page') : '';
  const wrong = status === 404 || (status >= 200 && status < 300);
  const refused = l10n.t('the WebSocket upgrade was refused: HTTP {0}{1} instead of 101 Switching Protocols', status, what);
  return wrong ? l10n.t('{0}: nothing serves WebSocket at this URL, a wrong URL (for Finesse, wss://<finesse>:8445/ws/)', refused) : refused;
}
