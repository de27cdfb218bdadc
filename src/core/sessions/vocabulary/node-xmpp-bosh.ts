import type { VocabularyEntry } from './entry';

/** node-xmpp-bosh (src/session.js, src/bosh.js): the message starts with the sid. */
export const NODE_XMPP_BOSH: readonly VocabularyEntry[] = [
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'invalid-sid', keyword: 'Invalid session ID',
    pattern: /message=["']Invalid session ID["']/,
    origin: 'node-xmpp-bosh session-store send_invalid_session_terminate_response: the message attribute of the terminate body, seen in the debug "SENT(…)" line',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'invalid-sid', keyword: ' Invalid Session',
    pattern: /(?<sid>\S+) Invalid Session$/m,
    origin: 'node-xmpp-bosh bosh.js (trace)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'idle-close', keyword: 'Terminating Session due to inactivity',
    pattern: /(?<sid>\S+) Terminating Session due to inactivity/,
    origin: 'node-xmpp-bosh session.js reset_inactivity_timeout (info)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'rid-out-of-range', keyword: 'Terminating due to out of bound rid',
    pattern: /(?<sid>\S+) Terminating due to out of bound rid: (?<rid>\d+), session\.rid: \d+/,
    origin: 'node-xmpp-bosh session.js (error)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'overactivity', keyword: 'will terminate due to MAX_BOSH_CONNECTIONS exceeded',
    pattern: /(?<sid>\S+) will terminate due to MAX_BOSH_CONNECTIONS exceeded/,
    origin: 'node-xmpp-bosh session.js (info)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'overactivity', keyword: 'max stream violation - will terminate',
    pattern: /(?<sid>\S+) \S+ max stream violation - will terminate/,
    origin: 'node-xmpp-bosh session.js (info)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'client-terminate', keyword: 'Stream Terminate Request',
    pattern: /(?<sid>\S+) Stream Terminate Request/,
    origin: 'node-xmpp-bosh session.js (debug)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'session-closed', keyword: 'send_terminate_response - ro:',
    pattern: /(?<sid>\S+) send_terminate_response - ro: (?:true|false), condition: (?:no-condition|(?<condition>[\w-]+))/,
    origin: 'node-xmpp-bosh session.js (debug)',
  },
  {
    source: 'node-xmpp-bosh', side: 'server', note: 'session-closed', keyword: 'send_invalid_packet_terminate_response -- will terminate',
    pattern: /(?<sid>\S+) send_invalid_packet_terminate_response -- will terminate/,
    origin: 'node-xmpp-bosh session.js (info)',
  },
];
