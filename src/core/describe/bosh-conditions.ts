// XEP-0124 §17.2 terminal binding conditions, said the way a person troubleshooting a session needs them.
import { l10n } from '../l10n';

/** Each condition's words, said in the editor's language when it installs a translator (English in the CLI). */
export const BOSH_CONDITIONS: Readonly<Record<string, () => string>> = {
  'bad-request': () => l10n.t('the connection manager could not accept the request: an HTTP header or the <body> element was malformed'),
  'host-gone': () => l10n.t("the domain in 'to' (or the host in 'route') is no longer served by this connection manager"),
  'host-unknown': () => l10n.t("the domain in 'to' (or the host in 'route') is unknown to this connection manager"),
  'improper-addressing': () => l10n.t("the session request lacks the 'to' or 'route' attribute this connection manager requires, or names a domain it does not serve"),
  'internal-server-error': () => l10n.t('the connection manager hit an internal error and cannot serve the request'),
  'item-not-found': () =>
    l10n.t("the server no longer knows this session: the 'sid' is unknown (often closed after the inactivity timeout), the 'rid' is outside the expected window, a lost response cannot be resent, or the 'key' sequence is wrong"),
  'other-request': () => l10n.t('another request processed at the same time caused the session to end'),
  'policy-violation': () => l10n.t('the client broke the session rules: polling too often, too many simultaneous requests, or requests too large'),
  'remote-connection-failed': () => l10n.t('the connection manager could not connect (or connect securely) to the XMPP server, or lost that connection'),
  'remote-stream-error': () => l10n.t('the XMPP server ended the stream with an error; the stream error is inside the <body>'),
  'see-other-uri': () => l10n.t('the connection manager does not serve this URI; the client should POST to the URI given in the <uri/> child (e.g. https instead of http)'),
  'system-shutdown': () => l10n.t('the connection manager is shutting down: every HTTP session is being terminated and no new session can be created'),
  'undefined-condition': () => l10n.t('an error without a defined condition; any application-specific detail is inside the <body>'),
};

/** Words for a terminal binding condition; unknown conditions are named as such rather than guessed at. */
export function explainBoshCondition(condition: string): string {
  return Object.hasOwn(BOSH_CONDITIONS, condition) ? BOSH_CONDITIONS[condition]() : l10n.t('"{0}" is not a condition XEP-0124 defines', condition);
}
