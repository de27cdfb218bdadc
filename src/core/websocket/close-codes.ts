import { l10n } from '../l10n';

/** RFC 6455 §7.4.1 close codes (and the IANA registry's 1012–1015), in words. */
const CLOSE_CODE_WORDS: Readonly<Record<number, () => string>> = {
  1000: () => l10n.t('normal closure'),
  1001: () => l10n.t('going away (the server is shutting down or the page was left)'),
  1002: () => l10n.t('protocol error'),
  1003: () => l10n.t('unsupported data'),
  1005: () => l10n.t('closed without a status code'),
  1006: () => l10n.t('closed abnormally: the connection dropped without a close frame'),
  1007: () => l10n.t('invalid frame payload data (not UTF-8)'),
  1008: () => l10n.t('policy violation'),
  1009: () => l10n.t('message too big'),
  1010: () => l10n.t('a required extension was not negotiated'),
  1011: () => l10n.t('internal server error'),
  1012: () => l10n.t('service restart'),
  1013: () => l10n.t('try again later'),
  1014: () => l10n.t('bad gateway'),
  1015: () => l10n.t('TLS handshake failure'),
};

/** `1006 (closed abnormally: …)`, with the reason the peer gave when it gave one. */
export function closeCodeWords(code: number, reason?: string): string {
  const words = Object.hasOwn(CLOSE_CODE_WORDS, code) ? CLOSE_CODE_WORDS[code]() : code >= 4000 ? l10n.t('an application-defined code') : l10n.t('an unregistered code');
  return reason ? l10n.t('close code {0} ({1}), reason "{2}"', code, words, reason) : l10n.t('close code {0} ({1})', code, words);
}
