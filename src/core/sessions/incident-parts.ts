import { HeadTail } from './bounded';
import { CAUSE_OF_BOSH_CONDITION } from './conditions';
import { own } from './own';
import type { EndCause, Severity } from './model';
import { durationText } from './moment';
import { SessionPart, type EndSignal, type Mark } from './session-part';
import type { NoteKind } from './vocabulary/entry';
import type { Note } from './vocabulary/match';
import { closeCodeWords } from '../websocket/close-codes';
import { l10n } from '../l10n';

/** A note read from a line, where it stands and its evidence text. */
export interface LooseNote {
  note: Note;
  mark: Mark;
  text: string;
  serverSide: boolean;
  order?: number;
}

/** The moments a session's end is seen from every side at once: the server closing it, Finesse seeing the presence go. */
const GONE: ReadonlySet<NoteKind> = new Set(['idle-close', 'presence-unavailable', 'replaced', 'client-terminate']);

/** How many shared events per input are kept to set clocks against each other. */
const MAX_SAMPLES_PER_FILE = 2000;

/** What each note says about the session it names: an end signal, a timeline event, or both. */
interface NoteMeaning {
  cause?: EndCause;
  authority?: number;
  kind: string;
  severity?: Severity;
  words: (n: Note) => string;
}

const secs = (n: Note) => (n.ms !== undefined ? l10n.t(' (last active {0} ago)', durationText(n.ms)) : '');

export const NOTE_MEANINGS: Partial<Record<NoteKind, NoteMeaning>> = {
  'session-created': { kind: 'created', words: () => l10n.t('the server created the session') },
  'idle-warning': { kind: 'idle', severity: 'warning', words: (n) => l10n.t('the server saw no request{0}', secs(n)) },
  'idle-close': {
    cause: 'inactivity-timeout',
    authority: 1,
    kind: 'idle-close',
    severity: 'error',
    words: (n) => l10n.t('the server closed the session for inactivity{0}{1}', n.threshold !== undefined ? l10n.t(' (threshold {0} s)', n.threshold) : '', secs(n)),
  },
  'invalid-sid': { cause: 'unknown-session', authority: 1.5, kind: 'unknown-sid', severity: 'error', words: () => l10n.t('the server no longer knew the session when a request named it') },
  'rid-out-of-range': {
    cause: 'rid-out-of-window',
    authority: 1,
    kind: 'rid-out-of-range',
    severity: 'error',
    words: (n) =>
      n.rid === undefined
        ? l10n.t("a request's rid was out of the window the server accepts")
        : n.diff !== undefined
          ? l10n.t("a request's rid was out of the window the server accepts (rid {0}, {1} ahead)", n.rid, n.diff)
          : l10n.t("a request's rid was out of the window the server accepts (rid {0})", n.rid),
  },
  overactivity: { cause: 'policy-violation', authority: 1, kind: 'overactivity', severity: 'error', words: () => l10n.t('overactivity: too many simultaneous requests, or polling faster than allowed') },
  replaced: { cause: 'conflict', authority: 1, kind: 'replaced', severity: 'error', words: () => l10n.t('another login with the same resource replaced this session (conflict)') },
  'client-terminate': { cause: 'client-logout', authority: 1, kind: 'terminate', words: () => l10n.t('the server recorded that the client ended the session') },
  'session-closed': { kind: 'closed', words: () => l10n.t('the server recorded the session closed') },
  'host-unknown': { cause: 'unknown', authority: 1, kind: 'host-unknown', severity: 'error', words: () => l10n.t('the server refused the session: it does not serve the host the client named') },
  'server-shutdown': { cause: 'server-shutdown', authority: 1, kind: 'shutdown', severity: 'error', words: () => l10n.t('the server was shutting down') },
  'auth-failed': { cause: 'auth-failed', authority: 1, kind: 'auth', severity: 'error', words: () => l10n.t('the server recorded a failed authentication') },
  'stream-error': { cause: 'unknown', authority: 2, kind: 'stream-error', severity: 'error', words: (n) => (n.condition ? l10n.t('a stream error {0}', n.condition) : l10n.t('a stream error')) },
  'request-timeout': { cause: 'network', authority: 3, kind: 'no-answer', severity: 'error', words: (n) => (n.rid !== undefined ? l10n.t('a request got no answer in time (rid {0})', n.rid) : l10n.t('a request got no answer in time')) },
  'request-error': { cause: 'network', authority: 3, kind: 'http-error', severity: 'error', words: (n) => (n.status ? l10n.t('a request failed with HTTP {0}', n.status) : l10n.t('a request failed without an HTTP answer (status 0)')) },
  'invalid-response': { cause: 'http-error', authority: 3, kind: 'http-error', severity: 'error', words: () => l10n.t('the client received an answer that was not a BOSH body') },
  cors: { cause: 'http-error', authority: 3, kind: 'cors', severity: 'error', words: () => l10n.t('the browser refused the answer for lack of CORS headers (a proxy or a wrong URL in between)') },
  certificate: { cause: 'network', authority: 3, kind: 'certificate', severity: 'error', words: () => l10n.t("the browser refused the server's certificate") },
  'binding-error': { cause: 'unknown', authority: 2, kind: 'terminate', severity: 'error', words: (n) => (n.condition ? l10n.t('the server answered with the binding error {0}', n.condition) : l10n.t('the server answered with the binding error')) },
  disconnected: { kind: 'disconnected', severity: 'warning', words: () => l10n.t('the client reported the connection lost') },
  'client-closing': {
    kind: 'client-closing',
    words: (n) => (n.state === 'DISCONNECTED' ? l10n.t("the client's connection is closed") : n.condition ? l10n.t('the client is disconnecting: {0}', n.condition) : l10n.t('the client is disconnecting')),
  },
  'socket-closed': { kind: 'socket-closed', words: (n) => (n.status ? l10n.t('the WebSocket closed: {0}', closeCodeWords(n.status)) : l10n.t('the WebSocket closed')) },
  'ping-timeout': { kind: 'ping-timeout', severity: 'warning', words: () => l10n.t('the server closed the WebSocket: its pings went unanswered') },
};

/** Every session part of every input, the notes not tied to a sid, and the events inputs share for their clocks. */
export class IncidentParts {
  readonly byFile = new Map<string, Map<string, SessionPart>>();
  /** Notes without a sid (Finesse agent lines, undeliverable stanzas, JID-only server lines), by kind. */
  readonly looseNotes = new Map<NoteKind, HeadTail<LooseNote>>();
  /** Per file: key (`rid:N`, `sid:S`) → where it was first seen. */
  readonly samples = new Map<string, Map<string, Mark>>();

  part(sid: string, file: string, node: string | undefined, serverSide: boolean): SessionPart {
    let parts = this.byFile.get(file);
    if (!parts) this.byFile.set(file, (parts = new Map()));
    let p = parts.get(sid);
    if (!p) parts.set(sid, (p = new SessionPart(own(sid), file, node, serverSide)));
    return p;
  }

  sample(file: string, key: string, at: Mark): void {
    if (at.local === undefined) return;
    let m = this.samples.get(file);
    if (!m) this.samples.set(file, (m = new Map()));
    if (m.size < MAX_SAMPLES_PER_FILE && !m.has(key)) m.set(key, at);
  }

  learnJid(part: SessionPart, found: string): void {
    const jid = own(found);
    // A full JID (with resource) says more than a bare one.
    if (!part.jid || (jid.includes('/') && !part.jid.includes('/'))) part.jid = jid;
  }

  /** Applies a note that names its session. */
  apply(part: SessionPart, n: LooseNote, order: number): void {
    const meaning = NOTE_MEANINGS[n.note.note];
    const words = meaning ? meaning.words(n.note) : n.note.note;
    part.cite({ file: n.mark.file, line: n.mark.line, text: n.text });
    if (n.note.note === 'session-created' || n.note.note === 'idle-close' || n.note.note === 'invalid-sid') this.sample(n.mark.file, `${n.note.note}:${part.sid}`, n.mark);
    const who = part.agent ?? (part.jid ?? n.note.jid)?.split('/')[0];
    if (who && GONE.has(n.note.note)) this.sample(n.mark.file, `gone:${who}`, n.mark);
    const lane = n.note.side === 'server' ? 'server' : n.note.side === 'client' ? 'client' : 'finesse';
    part.event({ ...n.mark, lane, kind: meaning?.kind ?? n.note.note, text: words, ...(meaning?.severity ? { severity: meaning.severity } : {}), ...(n.note.rid !== undefined ? { rid: n.note.rid } : {}) });
    if (meaning?.cause && meaning.authority !== undefined) {
      const cause = n.note.note === 'binding-error' && n.note.condition ? (CAUSE_OF_BOSH_CONDITION[n.note.condition] ?? 'unknown') : meaning.cause;
      const s: EndSignal = { cause, authority: meaning.authority, mark: n.mark, text: n.text, words, order };
      if (n.note.condition) s.condition = n.note.condition;
      if (n.note.threshold !== undefined) s.threshold = n.note.threshold;
      if (n.note.status !== undefined) s.status = n.note.status;
      part.end(s);
    }
    if (n.note.note === 'session-closed') part.closedAt = n.mark;
  }

  loose(n: LooseNote, order: number): void {
    let list = this.looseNotes.get(n.note.note);
    if (!list) this.looseNotes.set(n.note.note, (list = new HeadTail(200, 2000)));
    list.push({ ...n, order });
    const who = n.note.agent ?? n.note.jid?.split('/')[0];
    if (who && GONE.has(n.note.note)) this.sample(n.mark.file, `gone:${who}`, n.mark);
    if (who && n.note.jid && GONE.has(n.note.note)) this.sample(n.mark.file, `gone:${n.note.jid.split('/')[0]}`, n.mark);
  }
}
