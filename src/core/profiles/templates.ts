// The kinds of server "Add Connection Profile…" knows, with the URLs they serve BOSH and WebSocket on by default.
import { l10n } from '../l10n';

export type ServerKind = 'finesse' | 'openfire' | 'prosody' | 'ejabberd' | 'generic';
export type Binding = 'websocket' | 'bosh';

export interface ServerTemplate {
  kind: ServerKind;
  label: string;
  detail: string;
  /** What the host is called when asked for ('Finesse server'); the JID's domain defaults to it. */
  hostWord: string;
  /** What the JID's local part is called ('agent ID'). */
  userWord: string;
  /** The URL for a host and binding; undefined for the generic server, whose URL is typed. */
  url?: (host: string, binding: Binding) => string;
}

export function serverTemplates(): ServerTemplate[] {
  return [
    {
      kind: 'finesse',
      label: l10n.t('Cisco Finesse'),
      detail: l10n.t('notifications of an agent: wss://<finesse>:8445/ws/ or https://<finesse>:7443/http-bind/, JID agentid@<finesse>'),
      hostWord: l10n.t('Finesse server (host name as in its certificate)'),
      userWord: l10n.t('agent ID'),
      url: (host, b) => (b === 'websocket' ? `wss://${host}:8445/ws/` : `https://${host}:7443/http-bind/`),
    },
    {
      kind: 'openfire',
      label: l10n.t('Openfire'),
      detail: l10n.t('wss://<host>:7443/ws/ or https://<host>:7443/http-bind/'),
      hostWord: l10n.t('Openfire server'),
      userWord: l10n.t('user name'),
      url: (host, b) => (b === 'websocket' ? `wss://${host}:7443/ws/` : `https://${host}:7443/http-bind/`),
    },
    {
      kind: 'prosody',
      label: l10n.t('Prosody'),
      detail: l10n.t('wss://<host>:5281/xmpp-websocket or https://<host>:5281/http-bind'),
      hostWord: l10n.t('Prosody server'),
      userWord: l10n.t('user name'),
      url: (host, b) => (b === 'websocket' ? `wss://${host}:5281/xmpp-websocket` : `https://${host}:5281/http-bind`),
    },
    {
      kind: 'ejabberd',
      label: l10n.t('ejabberd'),
      detail: l10n.t('wss://<host>:5443/ws or https://<host>:5443/bosh'),
      hostWord: l10n.t('ejabberd server'),
      userWord: l10n.t('user name'),
      url: (host, b) => (b === 'websocket' ? `wss://${host}:5443/ws` : `https://${host}:5443/bosh`),
    },
    {
      kind: 'generic',
      label: l10n.t('Other XMPP server'),
      detail: l10n.t('type the BOSH or WebSocket URL and the JID'),
      hostWord: l10n.t('server'),
      userWord: l10n.t('user name'),
    },
  ];
}

/** Why a host name typed for a template cannot be used, or undefined. */
export function hostProblem(text: string): string | undefined {
  const host = text.trim();
  if (!host) return l10n.t('a host name, e.g. finesse1.example.com');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return l10n.t('only the host name, without {0}', host.slice(0, host.indexOf('//') + 2));
  if (/[\s/?#@]/.test(host)) return l10n.t('a host name has no spaces, slashes, ? # or @');
  if (/:\d*$/.test(host) && !host.startsWith('[')) return l10n.t('only the host name: the template sets the port');
  return undefined;
}
