// Which way a fragment travelled when its log does not say (Converse.js's console marks sent and
// received only by colour): read from the traffic itself. Rules of the protocols, then what the
// stream has shown so far (the bound JID, iq requests awaiting their answer). Only the start tag
// and, for a bind result, the JID are read: no fragment is parsed here.
import type { Flow } from './sessions/model';
import { unescapeXml } from './xml/escape';

/** iq requests remembered per connection for their answers; the oldest are dropped (flat memory on huge logs). */
const MAX_PENDING_IQ = 1024;
/** Connections tracked per file; the oldest are dropped. */
const MAX_CONNECTIONS = 256;
/** How much of a fragment is read for its start tag. */
const HEAD_CHARS = 2048;

const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';
const HTTPBIND_NS = 'http://jabber.org/protocol/httpbind';

/** Roots that only one side ever sends (RFC 6120 SASL and STARTTLS, XEP-0198, the stream's features). */
const ONE_SIDED: Readonly<Record<string, Flow>> = {
  auth: 'c2s',
  response: 'c2s',
  abort: 'c2s',
  starttls: 'c2s',
  enable: 'c2s',
  resume: 'c2s',
  challenge: 's2c',
  success: 's2c',
  failure: 's2c',
  proceed: 's2c',
  enabled: 's2c',
  resumed: 's2c',
  failed: 's2c',
  'stream:features': 's2c',
  features: 's2c',
};

const START_TAG = /^<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>?/;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const BOUND_JID = /<jid(?:\s[^>]*)?>([^<]+)<\/jid>/;

export interface StartTag {
  name: string;
  attrs: Record<string, string>;
}

/** The root's name and attributes, read from the start of a fragment as it will be parsed. */
export function startTagOf(text: string): StartTag | undefined {
  const m = START_TAG.exec(text);
  if (!m) return undefined;
  const attrs: Record<string, string> = {};
  for (const a of m[2].matchAll(ATTR)) attrs[a[1]] = a[2] ?? a[3];
  return { name: m[1], attrs };
}

/**
 * The flow the protocol alone tells, without context: a BOSH `<body>` with a rid is a request
 * (XEP-0124: the connection manager's answers carry none); in RFC 7395 framing and RFC 6120 stream
 * headers only the server's header carries an id; SASL, STARTTLS and XEP-0198 elements belong to
 * one side. Undefined for stanzas, which either side sends.
 */
export function protocolFlow(tag: StartTag): Flow | undefined {
  const { name, attrs } = tag;
  const local = name.includes(':') && name !== 'stream:features' && name !== 'stream:stream' ? name.slice(name.indexOf(':') + 1) : name;
  if (local === 'body' && (attrs.rid !== undefined || attrs.xmlns === HTTPBIND_NS)) return attrs.rid !== undefined ? 'c2s' : 's2c';
  if ((local === 'open' && attrs.xmlns === FRAMING_NS) || name === 'stream:stream') return attrs.id !== undefined ? 's2c' : 'c2s';
  return ONE_SIDED[name] ?? ONE_SIDED[local];
}

interface StreamState {
  /** The full JID the server bound, once its bind result was seen. */
  jid?: string;
  /** id of an iq get/set → the way it went; its result or error goes the other way. */
  pending: Map<string, Flow>;
}

/**
 * Infers flows over one file's fragments in order, per connection. Fed every fragment (those whose
 * direction the log gives too, so their requests and bound JID are known to what follows).
 */
export class FlowInference {
  private readonly streams = new Map<string, StreamState>();

  /**
   * The flow of a fragment given as it stands in the input. `known`: the flow its log gives, if any
   * (then only learnt from). `escaped` levels and ejabberd's Erlang quoting are undone on the head.
   */
  observe(text: string, escaped: number, erlang: boolean, connection: string | undefined, known: Flow | undefined): Flow | undefined {
    let head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
    if (erlang) head = head.replace(/\\"/g, '"');
    for (let k = 0; k < escaped; k++) head = unescapeXml(head);
    const tag = startTagOf(head);
    if (!tag) return known;
    const byProtocol = protocolFlow(tag);
    if (byProtocol) return known ?? byProtocol;
    const local = tag.name.slice(tag.name.indexOf(':') + 1);
    if (local !== 'iq' && local !== 'message' && local !== 'presence') return known;
    const s = this.stream(connection ?? '');
    const flow = known ?? this.stanzaFlow(s, local, tag.attrs);
    const { id, type } = tag.attrs;
    if (local === 'iq' && id !== undefined) {
      if (type === 'get' || type === 'set') {
        if (flow) remember(s.pending, id, flow);
      } else if (type === 'result') {
        s.pending.delete(id);
        // RFC 6120 §7.6.1: the server's answer to a bind names the full JID of this stream.
        if (flow !== 'c2s' && text.includes('urn:ietf:params:xml:ns:xmpp-bind')) {
          const jid = BOUND_JID.exec(erlang ? text.replace(/\\"/g, '"') : escaped ? unescapeN(text, escaped) : text)?.[1];
          if (jid) s.jid = jid.trim();
        }
      } else s.pending.delete(id);
    }
    return flow;
  }

  /**
   * A stanza's flow from its addresses: an answer goes the other way from its request; what is
   * addressed to this stream's full JID came from the server; a client leaves `from` out (RFC 6120
   * §8.1.2.1: the server stamps it) or gives its own JID with a recipient; anything else was stamped
   * and delivered by the server.
   */
  private stanzaFlow(s: StreamState, name: string, attrs: Record<string, string>): Flow | undefined {
    if (name === 'iq' && (attrs.type === 'result' || attrs.type === 'error') && attrs.id !== undefined) {
      const request = s.pending.get(attrs.id);
      if (request) return request === 'c2s' ? 's2c' : 'c2s';
    }
    const { to, from } = attrs;
    if (s.jid && to === s.jid) return 's2c';
    if (from === undefined) return 'c2s';
    if (to !== undefined && s.jid && bare(from) === bare(s.jid) && to !== s.jid) return 'c2s';
    return 's2c';
  }

  private stream(connection: string): StreamState {
    let s = this.streams.get(connection);
    if (!s) {
      s = { pending: new Map() };
      if (this.streams.size >= MAX_CONNECTIONS) this.streams.delete(this.streams.keys().next().value!);
      this.streams.set(connection, s);
    }
    return s;
  }
}

function remember(map: Map<string, Flow>, id: string, flow: Flow): void {
  map.delete(id);
  if (map.size >= MAX_PENDING_IQ) map.delete(map.keys().next().value!);
  map.set(id, flow);
}

function bare(jid: string): string {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
}

function unescapeN(s: string, n: number): string {
  for (let k = 0; k < n; k++) s = unescapeXml(s);
  return s;
}
