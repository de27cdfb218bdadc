// Checks of a connection URL beyond "can it be used": the paths and ports servers serve BOSH and WebSocket on,
// so a profile pointing at the wrong one is named before the first Connect times out on it.
import { l10n } from '../l10n';
import { connectionUrlProblem } from '../xmpp/connection-words';
import type { ServerKind } from './templates';

export interface UrlAdvice {
  /** Why the URL cannot be used at all; the profile is not saved with it. */
  error?: string;
  /** What looks wrong but may be right on a particular server. */
  warnings: string[];
}

const BOSH_PATH = /http-bind|bosh/i;
const WEBSOCKET_PATH = /(?:^|\/)ws(?:\/|$)|websocket/i;

export function connectionUrlAdvice(text: string, server: ServerKind = 'generic'): UrlAdvice {
  const error = connectionUrlProblem(text);
  if (error) return { error, warnings: [] };
  const u = new URL(text.trim());
  const warnings: string[] = [];
  const websocket = u.protocol === 'ws:' || u.protocol === 'wss:';
  const path = u.pathname;
  if (websocket && BOSH_PATH.test(path) && !WEBSOCKET_PATH.test(path)) {
    warnings.push(l10n.t('{0} is a BOSH path, but {1}// opens a WebSocket: use https:// for BOSH, or the WebSocket path (/ws/ on Finesse and Openfire)', path, u.protocol));
  } else if (!websocket && WEBSOCKET_PATH.test(path) && !BOSH_PATH.test(path)) {
    warnings.push(l10n.t('{0} is a WebSocket path, but {1}// speaks BOSH: use wss:// for a WebSocket, or the BOSH path (/http-bind/)', path, u.protocol));
  } else if (websocket && !WEBSOCKET_PATH.test(path)) {
    warnings.push(l10n.t('WebSocket endpoints are usually at /ws/ (Finesse, Openfire, ejabberd) or /xmpp-websocket (Prosody), not {0}', path));
  } else if (!websocket && !BOSH_PATH.test(path)) {
    warnings.push(l10n.t('BOSH endpoints are usually at /http-bind/ (Finesse, Openfire, Prosody) or /bosh (ejabberd), not {0}', path));
  }
  if (u.search || u.hash) warnings.push(l10n.t('the query or fragment ({0}) is not sent to the server as you might expect', `${u.search}${u.hash}`));
  if (u.username || u.password) warnings.push(l10n.t('the user name and password belong in the JID and the password prompt, not in the URL'));
  if (server === 'finesse') {
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80');
    if (u.protocol === 'wss:' && port !== '8445') warnings.push(l10n.t("Finesse serves its WebSocket on port 8445 (wss://<finesse>:8445/ws/); port {0} is unusual", port));
    if (u.protocol === 'https:' && port !== '7443') warnings.push(l10n.t("Finesse serves BOSH on port 7443 (https://<finesse>:7443/http-bind/); port {0} is unusual", port));
    if (u.protocol === 'http:' || u.protocol === 'ws:') warnings.push(l10n.t('Finesse accepts notifications over TLS only (wss:// on 8445, https:// on 7443); plain {0}// is for lab servers', u.protocol));
  }
  return { warnings };
}
