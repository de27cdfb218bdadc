// XEP-0156: which WebSocket and BOSH URLs a domain announces in its host-meta documents,
// read over verified HTTPS (or the one certificate the user chose to trust for that host).
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createAgent, explainCertificateError, isCertificateError, type CertificateError, type TrustSettings } from '../bosh/tls-trust';
import { childElements, type XmlElement } from '../xml/element';
import { parseXml } from '../xml/parse';
import type { TransportKind } from './transport';

export const DISCOVERY_LIMITS = {
  timeoutMs: 10_000,
  /** A host-meta document is a few hundred bytes; anything past this is not one. */
  maxBytes: 64 * 1024,
  redirects: 3,
};

/** The link relations of XEP-0156, and the ones an earlier draft (and older Prosody modules) used. */
const RELATIONS: Record<string, TransportKind> = {
  'urn:xmpp:alt-connections:websocket': 'websocket',
  'urn:xmpp:alt-connections:xbosh': 'bosh',
  'urn:xmpp:altconnect:websocket': 'websocket',
  'urn:xmpp:altconnect:bosh': 'bosh',
};

export type HostMetaDocument = 'host-meta' | 'host-meta.json';

export interface AltConnection {
  kind: TransportKind;
  url: string;
  rel: string;
  /** Which document announced it (the first, when both did). */
  from: HostMetaDocument;
}

export interface Discovery {
  /** The XMPP domain asked about. */
  domain: string;
  /** The user part when a JID was given, for the profile. */
  local?: string;
  /** WebSocket first, then BOSH; encrypted before plain within each. */
  connections: AltConnection[];
  /** What each document gave, in words (`host-meta: 2 links`, `host-meta.json: HTTP 404`). */
  notes: string[];
}

/** Why discovery found nothing to offer. */
export type DiscoveryFailure = 'no-host-meta' | 'not-xrd' | 'no-links' | 'tls' | 'network' | 'http' | 'input';

export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
  constructor(
    readonly reason: DiscoveryFailure,
    message: string,
    options?: { cause?: CertificateError | Error },
    /** The document's URL, when the failure is about one (a certificate is trusted for its host and port). */
    readonly url?: string,
  ) {
    super(message, options);
  }

  /** The certificate refused, with its fingerprint, when the reason is 'tls'. */
  get certificate(): CertificateError | undefined {
    return this.reason === 'tls' ? (this.cause as CertificateError | undefined) : undefined;
  }
}

export interface DiscoveryTarget {
  domain: string;
  local?: string;
  /** https://domain[:port]: where the well-known documents are. */
  origin: URL;
}

/**
 * What the user typed: a domain, a JID (its domain is asked), `host:port`, or an https URL
 * whose origin serves the documents (a test server on another port).
 */
export function discoveryTarget(input: string): DiscoveryTarget {
  const s = input.trim();
  if (!s) throw new DiscoveryError('input', 'give a domain (example.com) or a JID (user@example.com)');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      throw new DiscoveryError('input', `"${s}" is not a URL`);
    }
    if (u.protocol !== 'https:') throw new DiscoveryError('input', `host-meta is read over https only (XEP-0156: a document over plain ${u.protocol.slice(0, -1)} could be forged on the way), not ${u.protocol}`);
    return { domain: u.hostname.toLowerCase(), origin: new URL(u.origin) };
  }
  const bare = s.split('/')[0];
  const at = bare.lastIndexOf('@');
  const local = at >= 0 ? bare.slice(0, at) : undefined;
  const hostPort = at >= 0 ? bare.slice(at + 1) : bare;
  const m = /^(\[[0-9a-f:.]+\]|[^\s:@[\]]+)(?::(\d{1,5}))?$/i.exec(hostPort);
  if (!m || (at >= 0 && !local)) throw new DiscoveryError('input', `"${s}" is neither a domain nor a JID: write example.com or user@example.com`);
  const domain = m[1].toLowerCase();
  let origin: URL;
  try {
    origin = new URL(`https://${domain}${m[2] ? `:${m[2]}` : ''}`);
  } catch {
    throw new DiscoveryError('input', `"${domain}" is not a host name`);
  }
  return { domain, ...(local ? { local } : {}), origin };
}

/** The links of an XRD host-meta document (RFC 6415): `<XRD><Link rel=… href=…/></XRD>`. */
export function parseXrd(text: string): Array<{ rel: string; href: string }> {
  let root: XmlElement;
  try {
    root = parseXml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DiscoveryError('not-xrd', `not an XRD document: the XML does not parse (${(e as Error).message})${htmlHint(text)}`);
  }
  if (localName(root.name) !== 'XRD') throw new DiscoveryError('not-xrd', `not an XRD document: its root element is <${root.name}>, not <XRD>${htmlHint(text)}`);
  return childElements(root)
    .filter((l) => localName(l.name) === 'Link' && typeof l.attrs.rel === 'string' && typeof l.attrs.href === 'string')
    .map((l) => ({ rel: String(l.attrs.rel), href: String(l.attrs.href) }));
}

/** The links of a JSON host-meta document (RFC 6415 appendix A): `{"links": [{"rel", "href"}]}`. */
export function parseJrd(text: string): Array<{ rel: string; href: string }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DiscoveryError('not-xrd', `not a JSON host-meta document: ${(e as Error).message}${htmlHint(text)}`);
  }
  const links = (doc as { links?: unknown })?.links;
  if (!doc || typeof doc !== 'object' || (links !== undefined && !Array.isArray(links))) {
    throw new DiscoveryError('not-xrd', 'not a JSON host-meta document: no "links" list');
  }
  return ((links as unknown[]) ?? [])
    .filter((l): l is { rel: string; href: string } => !!l && typeof (l as { rel?: unknown }).rel === 'string' && typeof (l as { href?: unknown }).href === 'string')
    .map((l) => ({ rel: l.rel, href: l.href }));
}

/**
 * The XMPP connection methods among a document's links. An href whose scheme does not fit its
 * relation (a BOSH link to ws://) is left out with a note, never offered.
 */
export function altConnections(links: Array<{ rel: string; href: string }>, from: HostMetaDocument, notes: string[] = []): AltConnection[] {
  const out: AltConnection[] = [];
  for (const { rel, href } of links) {
    const kind = RELATIONS[rel];
    if (!kind) continue;
    let u: URL;
    try {
      u = new URL(href.trim());
    } catch {
      notes.push(`${from}: ${rel} names "${href}", which is not a URL`);
      continue;
    }
    const fits = kind === 'websocket' ? u.protocol === 'wss:' || u.protocol === 'ws:' : u.protocol === 'https:' || u.protocol === 'http:';
    if (!fits) {
      notes.push(`${from}: ${rel} names ${href}, whose scheme is not ${kind === 'websocket' ? 'wss: or ws:' : 'https: or http:'}`);
      continue;
    }
    out.push({ kind, url: u.href, rel, from });
  }
  return out;
}

/** WebSocket before BOSH, encrypted before plain; the same URL once. */
export function rankConnections(list: AltConnection[]): AltConnection[] {
  const seen = new Set<string>();
  const unique = list.filter((c) => !seen.has(c.url) && seen.add(c.url));
  const score = (c: AltConnection) => (c.kind === 'websocket' ? 0 : 2) + (/^(wss|https):/.test(c.url) ? 0 : 1);
  return unique.map((c, i) => ({ c, i })).sort((a, b) => score(a.c) - score(b.c) || a.i - b.i).map((x) => x.c);
}

export interface DiscoveryOptions {
  /** The trust for a host (`host:port`): verified unless this names a CA file or a pinned fingerprint. */
  trustFor?: (url: URL) => TrustSettings | undefined;
  timeoutMs?: number;
}

interface Fetched {
  url: URL;
  status: number;
  contentType: string;
  body: string;
}

/**
 * Reads `/.well-known/host-meta` and `/.well-known/host-meta.json` of the domain and returns the
 * WebSocket and BOSH URLs they announce. Throws a DiscoveryError saying why there is nothing:
 * a certificate refused (with its fingerprint), no such documents (404), a document that is
 * not host-meta, no XMPP links, or the network.
 */
export async function discoverConnections(input: string, opts: DiscoveryOptions = {}): Promise<Discovery> {
  const target = discoveryTarget(input);
  const notes: string[] = [];
  const found: AltConnection[] = [];
  const failures: DiscoveryError[] = [];
  const docs: HostMetaDocument[] = ['host-meta', 'host-meta.json'];
  const results = await Promise.allSettled(docs.map((d) => fetchDocument(new URL(`/.well-known/${d}`, target.origin), d === 'host-meta' ? 'application/xrd+xml' : 'application/json', opts)));
  let documents = 0;
  for (const [i, r] of results.entries()) {
    const doc = docs[i];
    if (r.status === 'rejected') {
      const e = r.reason instanceof DiscoveryError ? r.reason : new DiscoveryError('network', String((r.reason as Error)?.message ?? r.reason));
      failures.push(e);
      notes.push(`${doc}: ${e.message}`);
      continue;
    }
    const f = r.value;
    if (f.status === 404 || f.status === 410) {
      notes.push(`${doc}: HTTP ${f.status} at ${f.url.href}`);
      failures.push(new DiscoveryError('no-host-meta', `${f.url.href} answered ${f.status}`));
      continue;
    }
    if (f.status < 200 || f.status >= 300) {
      notes.push(`${doc}: HTTP ${f.status} at ${f.url.href}`);
      failures.push(new DiscoveryError('http', `${f.url.href} answered HTTP ${f.status}`));
      continue;
    }
    try {
      // The server's content type is a hint only: Prosody answers /host-meta with JSON when asked for it.
      const json = doc === 'host-meta.json' || /json/i.test(f.contentType) || /^\s*\{/.test(f.body);
      const links = json ? parseJrd(f.body) : parseXrd(f.body);
      documents++;
      const alt = altConnections(links, doc, notes);
      notes.push(`${doc}: ${alt.length} XMPP connection link${alt.length === 1 ? '' : 's'} of ${links.length} link${links.length === 1 ? '' : 's'}`);
      found.push(...alt);
    } catch (e) {
      const err = e instanceof DiscoveryError ? e : new DiscoveryError('not-xrd', (e as Error).message);
      failures.push(new DiscoveryError(err.reason, `${f.url.href}: ${err.message}`));
      notes.push(`${doc}: ${err.message}`);
    }
  }
  const connections = rankConnections(found);
  if (connections.length) return { domain: target.domain, ...(target.local ? { local: target.local } : {}), connections, notes };
  throw whyNothing(target, failures, documents);
}

/** The one error that says most: a refused certificate first, then what the documents were. */
function whyNothing(target: DiscoveryTarget, failures: DiscoveryError[], documents: number): DiscoveryError {
  const where = `${target.origin.origin}/.well-known/host-meta`;
  const tls = failures.find((f) => f.reason === 'tls');
  if (tls) return tls;
  if (documents > 0) {
    return new DiscoveryError('no-links', `${where} announces no XMPP WebSocket or BOSH URL (no Link with rel urn:xmpp:alt-connections:websocket or urn:xmpp:alt-connections:xbosh): give the URL yourself`);
  }
  if (failures.length && failures.every((f) => f.reason === 'no-host-meta')) {
    return new DiscoveryError(
      'no-host-meta',
      `no host-meta: ${where} and ${where}.json answered 404, so ${target.domain} publishes no XEP-0156 connection methods (ejabberd: mod_host_meta, Prosody: mod_http_altconnect); give the URL yourself (Finesse: wss://<finesse>:8445/ws/ or https://<finesse>:7443/http-bind/)`,
    );
  }
  const notXrd = failures.find((f) => f.reason === 'not-xrd');
  if (notXrd) return notXrd;
  return failures.find((f) => f.reason === 'http') ?? failures[0] ?? new DiscoveryError('no-links', `${where} gave nothing`);
}

async function fetchDocument(url: URL, accept: string, opts: DiscoveryOptions, hops = 0): Promise<Fetched> {
  const f = await get(url, accept, opts);
  if (f.status >= 300 && f.status < 400 && f.location) {
    if (hops >= DISCOVERY_LIMITS.redirects) throw new DiscoveryError('http', `${url.href} redirects more than ${DISCOVERY_LIMITS.redirects} times`);
    const next = new URL(f.location, url);
    // A redirect to plain http would let anyone on the way rewrite the answer.
    if (next.protocol !== 'https:') throw new DiscoveryError('http', `${url.href} redirects to ${next.href}, which is not https: not followed`);
    return fetchDocument(next, accept, opts, hops + 1);
  }
  return f;
}

function get(url: URL, accept: string, opts: DiscoveryOptions): Promise<Fetched & { location?: string }> {
  const timeoutMs = opts.timeoutMs ?? DISCOVERY_LIMITS.timeoutMs;
  let agent: https.Agent;
  try {
    agent = createAgent(url, opts.trustFor?.(url) ?? {}, 1) as https.Agent;
  } catch (e) {
    return Promise.reject(new DiscoveryError(isCertificateError(e) ? 'tls' : 'input', (e as Error).message, { cause: e as Error }, url.href));
  }
  return new Promise<Fetched & { location?: string }>((resolve, reject) => {
    const req = https.request(url, { agent, method: 'GET', headers: { accept, 'user-agent': 'bosh-inspect' }, timeout: timeoutMs }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
        if (size > DISCOVERY_LIMITS.maxBytes) {
          res.destroy();
          reject(new DiscoveryError('not-xrd', `${url.href} sent more than ${DISCOVERY_LIMITS.maxBytes / 1024} KB: not a host-meta document`));
        } else chunks.push(d);
      });
      res.on('end', () =>
        resolve({
          url,
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
      res.on('error', (e) => reject(new DiscoveryError('network', `${url.href}: ${e.message}`)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => {
      if (isCertificateError(e)) {
        void explainCertificateError(url, e).then((c) => reject(new DiscoveryError('tls', `TLS failure: ${c.message}`, { cause: c }, url.href)));
      } else reject(new DiscoveryError('network', `${url.href}: ${networkWords(e, url)}`));
    });
    req.end();
  }).finally(() => agent.destroy());
}

function networkWords(e: Error, url: URL): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return `nothing listens on ${url.host} (ECONNREFUSED)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host ${url.hostname} is not known (${code})`;
  if (code === 'ETIMEDOUT') return e.message;
  if (code === 'ECONNRESET') return 'the connection was reset (ECONNRESET)';
  if (code === 'EPROTO' || /wrong version number|SSL routines/i.test(e.message)) return `no TLS on ${url.host} (${e.message.split('\n')[0]})`;
  return code ? `${code} (${e.message})` : e.message;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function htmlHint(text: string): string {
  return /^\s*(?:<!doctype html|<html)/i.test(text) ? ' (an HTML page: the web server answers this path with its own page)' : '';
}
