import type { VocabularyEntry } from './entry';

// BoshConnectionManager / BoshSession log "{0} : {1} ({2})": the operation, the sid and what happened.
const OP = (op: string, what: string): RegExp =>
  new RegExp(`${op} : (?<sid>[0-9a-f-]+) \\(${what}\\)`);

/** Tigase tigase.server.bosh (BoshConnectionManager.java, BoshSession.java). */
export const TIGASE: readonly VocabularyEntry[] = [
  {
    source: 'tigase', side: 'server', note: 'idle-close', keyword: '(Closing session, inactivity timeout expired)',
    pattern: OP('REMOVE', 'Closing session, inactivity timeout expired'),
    origin: 'Tigase BoshSession.task (finest)',
  },
  {
    source: 'tigase', side: 'server', note: 'idle-warning', keyword: '(inactivityTimer fired)',
    pattern: OP('TIMER', 'inactivityTimer fired'),
    origin: 'Tigase BoshSession.task (finest)',
  },
  {
    source: 'tigase', side: 'server', note: 'invalid-sid', keyword: '(Invalid SID)',
    pattern: OP('INVALID_SID', 'Invalid SID'),
    origin: 'Tigase BoshConnectionManager.processSocketData (fine)',
  },
  {
    source: 'tigase', side: 'server', note: 'session-created', keyword: 'CREATE : ',
    pattern: OP('CREATE', '(?:Socket bosh session|Pre-bind)'),
    origin: 'Tigase BoshConnectionManager (fine)',
  },
  {
    source: 'tigase', side: 'server', note: 'session-closed', keyword: 'REMOVE : ',
    pattern: OP('REMOVE', '(?:Closing bosh session|Closing session for command CLOSE|Closing session for timeout)'),
    origin: 'Tigase BoshConnectionManager (finest/fine): stream closed, CLOSE command from the session manager, no answer from the session manager in time',
  },
  {
    source: 'tigase', side: 'server', note: 'rid-out-of-range', keyword: 'Incorrect RID value:',
    pattern: /Incorrect RID value: (?<rid>\d+)/,
    origin: 'Tigase BoshSession.processSocketPacket (warning)',
  },
];
