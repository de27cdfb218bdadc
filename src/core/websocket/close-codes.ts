/** RFC 6455 §7.4.1 close codes (and the IANA registry's 1012–1015), in words. */
const CLOSE_CODE_WORDS: Readonly<Record<number, string>> = {
  1000: 'normal closure',
  1001: 'going away (the server is shutting down or the page was left)',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'closed without a status code',
  1006: 'closed abnormally: the connection dropped without a close frame',
  1007: 'invalid frame payload data (not UTF-8)',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'a required extension was not negotiated',
  1011: 'internal server error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** `1006 (closed abnormally: …)`, with the reason the peer gave when it gave one. */
export function closeCodeWords(code: number, reason?: string): string {
  const words = CLOSE_CODE_WORDS[code] ?? (code >= 4000 ? 'an application-defined code' : 'an unregistered code');
  return `close code ${code} (${words})${reason ? `, reason "${reason}"` : ''}`;
}
