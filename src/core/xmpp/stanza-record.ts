import type { Direction } from '../fragment';
import type { XmlElement } from '../xml/element';

/** One stanza of a live session, as shown and as kept. */
export interface StanzaRecord {
  /** 1, 2, 3… in the order the session saw them. */
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  time: string;
  direction: Direction;
  /** BOSH: the request id of the request (sent) or of the request it answered (received). */
  rid?: number;
  /** WebSocket: which connection of the session carried it (1, then 2… after reconnects). */
  connection?: string;
  /** As it travelled, on one line, SASL data redacted (the transcript keeps this form). */
  wire: string;
  /** Parsed, SASL data redacted, nested escaped layers decoded into elements. */
  stanza: XmlElement;
  /** How many escaped layers were decoded (a Finesse notification: 1). */
  layers: number;
}

/** A BOSH <body> wrapper or a WebSocket framing element or keepalive, for users who want to see the binding itself. */
export interface WrapperRecord {
  time: string;
  direction: Direction;
  rid?: number;
  connection?: string;
  /** The <body …> start tag with its attributes (self-closed when it carried nothing). */
  tag: string;
  stanzas: number;
}

/** Something the session did or saw that is not a stanza: a retry, a reconnect, why it ended. */
export interface SessionNotice {
  time: string;
  level: 'info' | 'warning' | 'error';
  text: string;
}

/**
 * `2026-11-23T21:07:47.123Z SENT rid=4242` over BOSH, `… SENT ws=1` over a WebSocket (its
 * connection): how every transcript and output line of a record starts.
 */
export function recordHead(r: { time: string; direction: Direction; rid?: number; connection?: string }): string {
  return `${r.time} ${r.direction === 'sent' ? 'SENT' : 'RECV'} ${r.rid !== undefined ? `rid=${r.rid}` : `ws=${r.connection ?? '1'}`}`;
}

/**
 * One line of a session transcript: `2026-11-23T21:07:47.123Z SENT rid=4242 <presence/>`
 * (or `SENT ws=1 <presence/>`).
 * The finder reads these back as the 'transcript' dialect.
 */
export function transcriptLine(r: StanzaRecord): string {
  return `${recordHead(r)} ${r.wire}`;
}

/**
 * Notices go into the transcript as '#' comment lines without markup: no log dialect starts
 * with '#', so readers never take them for a record of another layout.
 */
export function transcriptNotice(n: SessionNotice): string {
  return `# ${n.time} ${n.level.toUpperCase()} ${n.text.replace(/[<>\n]/g, ' ')}`;
}
