// What diagnosis knows about the sessions of an incident: plain data that the CLI prints, the
// Problems panel and the Sessions view show and the timeline draws. No vscode import.
import { l10n } from '../l10n';

/** Who sent it, whoever wrote the file: a server log's "HTTP RECV" is the client's request (c2s). */
export type Flow = 'c2s' | 's2c';

/** Why a session ended, in a fixed vocabulary (see the README's "Session diagnostics"). */
export type EndCause =
  | 'client-logout'
  | 'inactivity-timeout'
  | 'unknown-session'
  | 'auth-failed'
  | 'rid-out-of-window'
  | 'conflict'
  | 'policy-violation'
  | 'server-shutdown'
  | 'http-error'
  | 'network'
  | 'open'
  | 'unknown';

export const END_CAUSES: readonly EndCause[] = ['client-logout', 'inactivity-timeout', 'unknown-session', 'auth-failed', 'rid-out-of-window', 'conflict', 'policy-violation', 'server-shutdown', 'http-error', 'network', 'open', 'unknown'];

/** Each end cause in a few words, for a tree item, a picture, a picker: in the editor's language (English in the CLI). */
export function endCauseWords(cause: EndCause): string {
  switch (cause) {
    case 'client-logout': return l10n.t('logged out');
    case 'inactivity-timeout': return l10n.t('inactivity timeout');
    case 'unknown-session': return l10n.t('unknown session');
    case 'auth-failed': return l10n.t('authentication failed');
    case 'rid-out-of-window': return l10n.t('rid out of window');
    case 'conflict': return l10n.t('conflict (replaced)');
    case 'policy-violation': return l10n.t('policy violation');
    case 'server-shutdown': return l10n.t('server shut down');
    case 'http-error': return l10n.t('HTTP error');
    case 'network': return l10n.t('network failure');
    case 'open': return l10n.t('still open');
    case 'unknown': return l10n.t('end unknown');
  }
}

export type FindingKind =
  | 'session-end'
  | 'polling-stopped'
  | 'forced-logout'
  | 'presence-unavailable'
  | 'undelivered'
  | 'retransmission'
  | 'rid-gap'
  | 'overactivity'
  | 'stream-error'
  | 'sasl-failure'
  | 'http-error'
  | 'certificate'
  | 'cors'
  | 'unknown-session'
  | 'credentials-in-capture';

export type Severity = 'error' | 'warning' | 'info';

/** A line of an input, named as the user knows it (`bundle.zip!/finA/openfire/debug.log`). */
export interface Place {
  file: string;
  /** 1-based. */
  line: number;
}

/** A line shown as evidence: where it is and its text, cut to a readable length. */
export interface Evidence extends Place {
  text: string;
}

/** A moment as the log wrote it and, when the file's clock is known or inferred, in UTC. */
export interface Moment {
  /** Milliseconds since the epoch, UTC; absent when the file's clock could not be placed. */
  time?: number;
  /** The timestamp exactly as the file wrote it. */
  stamp?: string;
}

/** The session parameters the connection manager granted in its session creation response. */
export interface SessionParams {
  wait?: number;
  inactivity?: number;
  hold?: number;
  requests?: number;
  polling?: number;
  maxpause?: number;
}

/** One client request and what became of it: a bar of the timeline. */
export interface RequestSpan {
  rid: number;
  sent: Moment & Place;
  /** When its answer came, if it did. */
  answered?: Moment & Place;
  /** Sent again with the same rid. */
  retransmission?: boolean;
  /** Carried no stanza (a poll). */
  empty: boolean;
  /** The request body's own meaning: session request, restart, terminate, pause. */
  marker?: 'create' | 'restart' | 'terminate' | 'pause';
  /** What the request carried, in words (`presence`, `iq bind`, `2 stanzas`). */
  summary: string;
  /** What the answer carried, in words. */
  answer?: string;
  /** HTTP status of the answer (HAR, consoles), 0 when the request got none. */
  status?: number;
  /** What went wrong with the request as the client saw it (`net::ERR_INTERNET_DISCONNECTED`, a timeout). */
  error?: string;
}

export type EventLane = 'client' | 'server' | 'finesse';

/** One WebSocket frame of a session: a tick on its sender's lane of the timeline. */
export interface FrameTick extends Moment, Place {
  lane: 'client' | 'server';
  /** What the frame carried, in words (`stream opened to localhost`, `presence`, `message: User 1001 → READY`). */
  summary: string;
}

/** One line of a session's timeline: something the client, the server or Finesse did or said. */
export interface TimelineEvent extends Moment, Place {
  lane: EventLane;
  /** A short word for the picture and the icon: created, auth, bind, presence, restart, terminate, idle, log, agent-state… */
  kind: string;
  text: string;
  rid?: number;
  severity?: Severity;
}

/** One end of a session worth naming: the last request or response with when and where. */
export interface Exchange extends Moment, Place {
  rid?: number;
}

/** How an input's clock was read: what each of its times means in UTC. */
export interface ClockNote {
  file: string;
  /**
   * utc: the file writes UTC (HAR, our transcripts); zoned: every stamp has an offset (Finesse
   * webservices); inferred: offset taken from events shared with another file; assumed: no zone
   * and nothing to infer it from, read as UTC (said so); none: the file has no times or no year.
   */
  kind: 'utc' | 'zoned' | 'inferred' | 'assumed' | 'none';
  /** Minutes to add to UTC to get the file's clock (+330 for UTC+05:30). */
  offsetMinutes?: number;
  /** What was inferred and from what, in words ("debug.log's clock taken as UTC+05:30, matched on 3 requests of session f382a015"). */
  words: string;
}

export interface Session {
  /**
   * The BOSH sid (or, for a transcript without one, a name made from the file); for a WebSocket
   * session the connection as its source names it (`client.har#3` for a HAR's entry, the id a log gives it).
   */
  sid: string;
  transport: 'bosh' | 'websocket';
  /** WebSocket: the ws:// or wss:// URL, when the source names it. */
  url?: string;
  /** WebSocket: the stream ids the server gave, in order (a new one at each restart after SASL). */
  streams?: string[];
  /** WebSocket: frames seen, both ways (they take the place of requests). */
  frames?: number;
  /** WebSocket: the frames as ticks (bounded like the events). */
  ticks?: FrameTick[];
  jid?: string;
  /** The Finesse agent id, when the session is an agent desktop's. */
  agent?: string;
  /** Every input that has lines of this session. */
  files: string[];
  /** The Finesse node (side A/B) or the server whose log holds the session, when a bundle says so. */
  nodes?: string[];
  params: SessionParams;
  start?: Moment & Place;
  end?: Moment & Place;
  /** Client requests seen (retransmissions included). */
  requests: number;
  retransmissions: number;
  /** Requests whose rid skipped ahead of the last by more than one. */
  ridGaps: number;
  restarts: number;
  sasl?: { outcome: 'success' | 'failure'; mechanism?: string; condition?: string } & Place;
  bound?: string;
  lastRequest?: Exchange;
  lastResponse?: Exchange;
  endCause: EndCause;
  /** The BOSH condition (or stream error) the server sent, if it sent one. */
  condition?: string;
  explanation: string;
  /** The files the cause rests on, and what another file would settle. */
  restsOn: string[];
  wouldSettle?: string;
  evidence: Evidence[];
  /** The timeline, in time order (bounded: the first and the last events of a very long session). */
  events: TimelineEvent[];
  /** Requests as bars (bounded the same way). */
  spans: RequestSpan[];
  /** True when events or spans were cut to their bound. */
  trimmed?: boolean;
}

export interface Finding extends Moment, Place {
  kind: FindingKind;
  severity: Severity;
  sid?: string;
  jid?: string;
  agent?: string;
  /** Finesse reason code. */
  reason?: string;
  message: string;
  evidence: Evidence[];
  /** How many findings like this one it stands for (the same kind, session and words), when more than one. */
  count?: number;
}

/** What the incident comes to: who Finesse logged out, and every session that did not end by logout. */
export interface IncidentSummary {
  loggedOut: Array<{ agent: string; reason?: string } & Moment & Place>;
  abnormal: Array<{ sid: string; jid?: string; endCause: EndCause } & Moment>;
}

export interface InputNote {
  file: string;
  /** What kind of input it was read as: a log dialect, 'har', 'transcript', 'live'. */
  read: string;
  lines?: number;
  /** Why part of it could not be read, in words. */
  problem?: string;
}

export interface Incident {
  inputs: InputNote[];
  clocks: ClockNote[];
  /** By start time. */
  sessions: Session[];
  /** By time. */
  findings: Finding[];
  summary: IncidentSummary;
}
