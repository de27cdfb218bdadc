import type { VocabularyEntry } from './entry';

// In MongooseIM 4+ (logfmt) the session's fields follow "what=…" in any order: sid=…, rid=…, from_jid=….
const SID = '(?:.*?\\bsid=(?:<<")?(?<sid>[0-9a-f]+))?';

/** MongooseIM mod_bosh_socket.erl: lager text to 3.7, structured (what=…) from 4.0. */
export const MONGOOSEIM: readonly VocabularyEntry[] = [
  {
    source: 'mongooseim', side: 'server', note: 'session-closed', keyword: 'Closing session <<"',
    pattern: /Closing session <<"(?<sid>[0-9a-f]+)">> in '(?<state>\w+)' state/,
    origin: 'MongooseIM 1.x–3.7, mod_bosh_socket:terminate (debug): "Closing session ~p in \'~s\' state. Handlers: ~p Pending: ~p"',
  },
  {
    source: 'mongooseim', side: 'server', note: 'idle-close', keyword: 'terminating due to client inactivity',
    pattern: /terminating due to client inactivity/,
    origin: 'MongooseIM 1.x–3.7, mod_bosh_socket:handle_info (info)',
  },
  {
    source: 'mongooseim', side: 'server', note: 'rid-out-of-range', keyword: 'invalid rid ',
    pattern: /invalid rid (?<rid>\d+), expected \d+, difference (?<diff>-?\d+)/,
    origin: 'MongooseIM 1.x–3.7, mod_bosh_socket:handle_stream_event (error)',
  },
  {
    source: 'mongooseim', side: 'server', note: 'idle-close', keyword: 'what=bosh_socket_terminating',
    pattern: new RegExp(`what=bosh_socket_terminating\\b${SID}`),
    origin: 'MongooseIM 4.0+, mod_bosh_socket / mongoose_bosh_socket (info, reason=inactivity_timeout)',
  },
  {
    source: 'mongooseim', side: 'server', note: 'session-closed', keyword: 'what=bosh_socket_closing_session',
    pattern: new RegExp(`what=bosh_socket_closing_session\\b${SID}`),
    origin: 'MongooseIM 4.0+, mod_bosh_socket:terminate (debug)',
  },
  {
    source: 'mongooseim', side: 'server', note: 'rid-out-of-range', keyword: 'what=bosh_socket_invalid_rid',
    pattern: /what=bosh_socket_invalid_rid\b(?:.*?\bdifference=(?<diff>-?\d+))?/,
    origin: 'MongooseIM 4.0+, mod_bosh_socket (error; difference=, event_rid=, expected_rid=)',
  },
];
