import type { EventEmitter } from 'node:events';
import type { XmlElement } from '../xml/element';
import type { TrustSettings } from '../bosh/tls-trust';

/** What carries the XMPP stream: BOSH requests (XEP-0124/0206) or one WebSocket (RFC 7395). */
export type TransportKind = 'bosh' | 'websocket';

/** Stanzas as they travelled, with the wrapper that carried them when there is one. */
export interface TransportExchange {
  time: Date;
  stanzas: XmlElement[];
  /** The BOSH <body>, or a WebSocket framing element (<open/>, <close/>) or keepalive ping. */
  wrapper?: XmlElement;
  /** BOSH: the request id of the request (sent) or of the request it answered (received). */
  rid?: number;
  /** WebSocket: which connection of the session carried it (1, 2… after reconnects). */
  connection?: string;
}

/** Why a transport ended, in words, and whether a fresh session may help. */
export abstract class TransportEnded extends Error {
  constructor(
    /** An XEP-0124 condition, a stream error condition, or 'connection-lost' / 'certificate' / 'client-terminate'. */
    readonly condition: string,
    message: string,
    /** Stanzas that were queued or in requests never answered: not delivered. */
    readonly undelivered: number = 0,
    /** `cause`: the CertificateError (with the fingerprint to trust) when the condition is 'certificate'. */
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** True when a fresh session may succeed (the server went away or forgot us), false for configuration problems. */
  abstract get recoverable(): boolean;
}

export interface TransportEvents {
  sent: [TransportExchange];
  received: [TransportExchange];
  retry: [{ rid: number; attempt: number; delayMs: number; reason: string }];
  notice: [string];
  terminated: [TransportEnded];
}

/**
 * The one interface the XMPP session drives; nothing above it knows which binding carries
 * the stanzas.
 */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly kind: TransportKind;
  /** TLS protects the connection (https:, wss:). */
  readonly secure: boolean;
  /** True while stanzas can be sent. */
  readonly isOpen: boolean;
  /** How the session is known to the server, for a person: `sid 1234` or `stream id abcd`. */
  readonly label: string;
  /** Opens the session; resolves with the stanzas that came with its creation (BOSH may send features there). */
  start(): Promise<XmlElement[]>;
  /** Queues stanzas; they go out as soon as the binding allows. */
  send(stanzas: XmlElement | XmlElement[]): void;
  /** RFC 6120 stream restart after SASL success. */
  restart(): void;
  /** The session is online: the binding may start its keepalive. */
  online(): void;
  /** Ends cleanly, the given stanzas (e.g. unavailable presence) sent first. */
  terminate(stanzas?: XmlElement[], timeoutMs?: number): Promise<void>;
  /** Stanzas that never reached the server, for a fresh session to send again. */
  undeliveredStanzas(): XmlElement[];
}

/** What a transport needs to know, whichever binding it is. */
export interface TransportTarget {
  url: string;
  /** The XMPP domain. */
  to: string;
  trust?: TrustSettings;
}

/** The URL's scheme picks the binding: ws:/wss: RFC 7395, http:/https: BOSH. */
export function transportOf(url: string): TransportKind {
  return /^wss?:/i.test(url.trim()) ? 'websocket' : 'bosh';
}
