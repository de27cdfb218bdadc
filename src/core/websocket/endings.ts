import { l10n } from '../l10n';
import { TransportEnded } from '../xmpp/transport';

/** Stream errors (RFC 6120 §4.9.3) after which a fresh connection may well succeed. */
const RECOVERABLE = new Set(['connection-lost', 'system-shutdown', 'connection-timeout', 'internal-server-error', 'reset', 'remote-connection-failed', 'see-other-host', 'see-other-uri', 'server-close']);

/**
 * Why a WebSocket session ended (a stream error condition, or 'connection-lost' /
 * 'connection-failed' / 'server-close' / 'certificate' / 'client-terminate' / 'http-<status>'),
 * in the words a person troubleshooting it needs.
 */
export class WebSocketEnded extends TransportEnded {
  override name = 'WebSocketEnded';

  get recoverable(): boolean {
    return RECOVERABLE.has(this.condition);
  }
}

/**
 * An HTTP answer instead of the 101 upgrade. Finesse, Openfire and proxies answer a wrong path
 * with 404, or with 200 and an HTML page (a login page, a servlet container's index).
 */
export function refusedUpgrade(url: URL, status: number, contentType: string, body: string): WebSocketEnded {
  const html = /html/i.test(contentType) || /^\s*(?:<!doctype html|<html)/i.test(body);
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
  const page = html ? (title ? l10n.t(' with an HTML page ("{0}")', title) : l10n.t(' with an HTML page')) : body.trim() ? `: ${body.trim().slice(0, 120)}` : '';
  let why: string;
  if (status === 404 || (status === 200 && html) || status === 405) {
    why = l10n.t('no XMPP WebSocket endpoint at this path: check the URL (Finesse: wss://<finesse>:8445/ws/, Openfire: /ws/, Prosody: /xmpp-websocket, ejabberd: /ws)');
  } else if (status === 401 || status === 403) why = l10n.t('the server or a proxy refused the upgrade (not authorised)');
  else if (status === 400 || status === 426) why = l10n.t('the server refused the WebSocket handshake (a proxy in between may not pass WebSocket upgrades)');
  else if (status >= 500) why = l10n.t('the server or a proxy in front of it failed');
  else if (status >= 300 && status < 400) why = l10n.t('the server redirects this URL; give the final URL');
  else why = l10n.t('the server did not switch protocols');
  return new WebSocketEnded(`http-${status}`, l10n.t('{0} answered HTTP {1}{2} instead of upgrading to a WebSocket: {3}', url.href, status, page, why));
}

/** A socket-level error in words: nothing listening, host unknown, reset, handshake timeout. */
export function socketErrorWords(e: Error, url: URL): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('nothing listens on {0} (ECONNREFUSED)', url.host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('the host {0} is not known ({1})', url.hostname, code);
    case 'ECONNRESET':
      return l10n.t('the connection was reset (ECONNRESET)');
    case 'ETIMEDOUT':
      return l10n.t('the connection timed out (ETIMEDOUT)');
    case 'EPIPE':
      return l10n.t('the connection was broken while writing (EPIPE)');
  }
  if (/Opening handshake has timed out/.test(e.message)) return l10n.t('no answer to the WebSocket handshake in time');
  if (/Server sent no subprotocol|Server sent an invalid subprotocol/.test(e.message)) {
    return l10n.t("the server did not accept the 'xmpp' sub-protocol (RFC 7395): not an XMPP WebSocket endpoint ({0})", e.message);
  }
  return code ? `${code} (${e.message})` : e.message;
}

