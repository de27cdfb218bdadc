// How a connection is named to a person: its binding, its short status, what a URL may be.
import { transportOf, type TransportKind } from './transport';

export function transportName(kind: TransportKind): 'BOSH' | 'WebSocket' {
  return kind === 'bosh' ? 'BOSH' : 'WebSocket';
}

/** The status bar's few words for an online session: `sid 1a2b3c4d` over BOSH, `WebSocket, stream 9f8e7d6c` over a WebSocket. */
export function statusShort(s: { transportKind: TransportKind; sid?: string; streamId?: string }): string {
  if (s.transportKind === 'bosh') return `sid ${(s.sid ?? '').slice(0, 8)}`;
  return s.streamId ? `WebSocket, stream ${s.streamId.slice(0, 8)}` : 'WebSocket';
}

/** Why a connection URL cannot be used, or undefined when it can: ws:, wss: (RFC 7395), http:, https: (BOSH). */
export function connectionUrlProblem(text: string): string | undefined {
  const notUrl = 'not a URL; for Finesse: wss://<finesse host>:8445/ws/ or https://<finesse host>:7443/http-bind/';
  // 'host:8445' parses as a URL of scheme 'host:'; a person meant a host, so say what a URL is.
  if (/^[^\s:/]+:\d+(?:\/|$)/.test(text.trim())) return notUrl;
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return notUrl;
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(u.protocol)) {
    return `a connection URL starts with wss:// or ws:// (WebSocket) or https:// or http:// (BOSH), not ${u.protocol}//`;
  }
  if (!u.hostname) return 'the URL names no host';
  return undefined;
}

/** True when the URL carries the password unencrypted: PLAIN would send it readable. */
export function isUnencrypted(url: string): boolean {
  return /^(?:http|ws):/i.test(url.trim());
}

/**
 * Where a trusted certificate applies: host and port, whatever the scheme, so a certificate
 * trusted for https://fin:8445/ (host-meta) holds for wss://fin:8445/ws/ too.
 */
export function certificateScope(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}

export { transportOf };
