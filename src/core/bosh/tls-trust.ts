import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';

/**
 * How a connection decides to trust the server's certificate. Verification is on unless
 * one of these says otherwise, and only for this connection's own agent: nothing here
 * touches process-wide TLS settings.
 */
export interface TrustSettings {
  /** PEM file with the CA (or the self-signed certificate itself) to trust for this connection. */
  caFile?: string;
  /** SHA-256 fingerprint (hex, with or without colons) of the exact certificate the user chose to trust. */
  fingerprint?: string;
}

export class CertificateError extends Error {
  override name = 'CertificateError';
  constructor(
    message: string,
    /** The server certificate's SHA-256 fingerprint, so the user can decide to trust it. */
    readonly fingerprint?: string,
    readonly subject?: string,
  ) {
    super(message);
  }
}

export function normaliseFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
  if (hex.length !== 64) throw new CertificateError(`"${fp}" is not a SHA-256 fingerprint (64 hex digits)`);
  return hex.match(/../g)!.join(':');
}

/** An agent for one BOSH connection: keep-alive, at most `maxSockets`, with its own trust. */
export function createAgent(url: URL, trust: TrustSettings, maxSockets: number): http.Agent {
  // noDelay: a BOSH body is one small write, and Nagle's algorithm would hold it back waiting for an ACK.
  const base = { keepAlive: true, noDelay: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' as const };
  if (url.protocol === 'http:') return new http.Agent(base);
  if (url.protocol !== 'https:') throw new Error(`a BOSH URL is http or https, not ${url.protocol}`);
  if (trust.fingerprint) return new PinnedAgent({ ...base }, normaliseFingerprint(trust.fingerprint));
  const ca = trust.caFile ? readCa(trust.caFile) : undefined;
  return new https.Agent({ ...base, ...(ca ? { ca } : {}) });
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CertificateError(`cannot read the CA file ${file}: ${(e as Error).message}`);
  }
}

/**
 * Trusts exactly one certificate, by fingerprint. The socket is handed to the HTTP client
 * only after the handshake and the fingerprint check, so not a byte of a request reaches
 * a server presenting another certificate.
 */
class PinnedAgent extends https.Agent {
  constructor(
    opts: https.AgentOptions,
    private readonly pinned: string,
  ) {
    super(opts);
  }
  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, socket: Duplex) => void): Duplex | undefined {
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    socket.setNoDelay(true);
    const fail = (e: Error) => {
      socket.destroy();
      callback?.(e, socket);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      const cert = socket.getPeerCertificate();
      const got = cert?.fingerprint256;
      if (got === this.pinned) return callback?.(null, socket);
      fail(new CertificateError(`the server presented a certificate with SHA-256 fingerprint ${got ?? '(none)'}, not the trusted ${this.pinned}`, got, subjectOf(cert)));
    });
    return undefined;
  }
}

/** Reads the server's certificate without sending anything, to show the user what they would trust. */
export function peekCertificate(url: URL, timeoutMs = 10_000): Promise<{ fingerprint: string; subject: string; issuer: string; validTo: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), servername: isIp(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TLS handshake with ${url.host} within ${timeoutMs / 1000} s`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.fingerprint256) return reject(new Error(`${url.host} presented no certificate`));
      resolve({ fingerprint: cert.fingerprint256, subject: subjectOf(cert) ?? '', issuer: nameOf(cert.issuer), validTo: cert.valid_to });
    });
  });
}

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

/** True for errors that retrying cannot fix: the certificate is not trusted. */
export function isCertificateError(e: unknown): boolean {
  return e instanceof CertificateError || CERT_CODES.has((e as NodeJS.ErrnoException)?.code ?? '');
}

/** Words for a certificate failure, with the fingerprint the user may choose to trust. */
export async function explainCertificateError(url: URL, e: Error): Promise<CertificateError> {
  if (e instanceof CertificateError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const why =
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
      ? 'is self-signed'
      : code === 'CERT_HAS_EXPIRED'
        ? 'has expired'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? `does not name ${url.hostname}`
          : 'is not signed by a trusted authority';
  try {
    const cert = await peekCertificate(url, 5000);
    return new CertificateError(
      `the certificate of ${url.host} ${why} (${code || e.message}); subject ${cert.subject}, SHA-256 fingerprint ${cert.fingerprint}. Trust it only if you recognise it: give its CA file, or trust this fingerprint for this connection`,
      cert.fingerprint,
      cert.subject,
    );
  } catch {
    return new CertificateError(`the certificate of ${url.host} ${why} (${code || e.message})`);
  }
}

function subjectOf(cert: tls.PeerCertificate | undefined): string | undefined {
  return cert?.subject ? nameOf(cert.subject) : undefined;
}

function nameOf(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
