import type { VocabularyEntry } from './entry';

// A bound address, or the 'null' an unbound session prints.
const JID = '(?<jid>[^\\s/@]+@[^\\s/]+(?:/\\S*)?|[^\\s@]+(?:/\\S*)?)';
// Openfire 4.3 printed the session itself: "org.jivesoftware.openfire.http.HttpSession@5e2de80c status: 3 address: a@b/c id: f382a015 presence: …"
const SESSION_43 = '(?:\\S+@[0-9a-f]+ status: -?\\d+ address: )?(?<jid>\\S+)(?: id: (?<sid>[0-9a-zA-Z]+))?';

/** Openfire's BOSH (http-bind) messages, from org.jivesoftware.openfire.http. */
export const OPENFIRE: readonly VocabularyEntry[] = [
  {
    source: 'openfire', side: 'server', note: 'idle-close', keyword: 'Closing idle session',
    pattern: new RegExp(`Closing idle session \\(id=(?<sid>[^)\\s]+)\\): ${JID}(?: after inactivity for more than threshold value of (?<threshold>\\d+))?`),
    origin: 'Openfire as shipped in Cisco Finesse 11–12 (not in the igniterealtime sources)',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-close', keyword: 'Closing idle session',
    pattern: /Closing idle session (?<sid>[0-9a-zA-Z]+): (?<jid>\S+)(?: from IP (?<ip>\S+))?/,
    origin: 'Openfire 4.4+, HttpSessionManager.java: "Closing idle session {}: {} from IP {}" (info)',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-close', keyword: 'Closing idle session:',
    pattern: new RegExp(`Closing idle session: ${SESSION_43}`),
    origin: 'Openfire 3.x–4.2 ("Closing idle session: " + address) and 4.3 (the session\'s toString), HttpSessionManager.java (info)',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-warning', keyword: 'was last active',
    pattern: new RegExp(`Session \\(id=(?<sid>[^)\\s]+)\\) was last active (?:(?<ms>\\d+) ms|(?<duration>-?PT[\\d.HMS]+)) ago(?:: ${JID})?`),
    origin: 'Openfire as shipped in Cisco Finesse 11–12 (not in the igniterealtime sources)',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-warning', keyword: 'was last active',
    pattern: /Session (?<sid>[0-9a-zA-Z]+) was last active (?:(?<ms>\d+) ms|(?<duration>-?PT[\d.HMS]+)) ago: (?<jid>\S+)(?: from IP (?<ip>\S+))?(?:\s+currently on rid (?<rid>\d+))?/,
    origin: 'Openfire 4.4+, HttpSessionManager.java: "Session {} was last active {} ago: {} from IP {}  currently on rid {}" (info, with xmpp.httpbind.log.httpbind.enabled); "N ms" to 4.6, a java.time.Duration from 4.7',
  },
  {
    source: 'openfire', side: 'server', note: 'idle-warning', keyword: 'Session was last active',
    pattern: new RegExp(`Session was last active (?<ms>\\d+) ms ago: ${SESSION_43}`),
    origin: 'Openfire 3.x–4.3, HttpSessionManager.java (debug): address to 4.2, the session\'s toString in 4.3',
  },
  {
    source: 'openfire', side: 'server', note: 'invalid-sid', keyword: 'Client provided invalid session',
    pattern: /Client provided invalid session: (?<sid>[0-9a-zA-Z]+)\.?(?: \[(?<ip>[^\]\s]+)\])?/,
    origin: 'Openfire HttpBindServlet.java: "Client provided invalid session: {}. [{}]" (warn to 3.9, debug after)',
  },
  {
    source: 'openfire', side: 'server', note: 'rid-out-of-range', keyword: ', ending session',
    pattern: /Request (?<rid>\d+) > \d+, ending session(?: (?<sid>[0-9a-zA-Z]+))?/,
    origin: 'Openfire HttpSession.java (warn): "Request N > M, ending session." to 4.3, "… ending session <sid>" from 4.4',
  },
  {
    source: 'openfire', side: 'server', note: 'overactivity', keyword: 'Overactivity detected',
    pattern: /Overactivity detected(?:, too many simultaneous requests\.|, minimum polling interval is (?:(?<duration>PT[\d.HMS]+)|(?<seconds>\d+)))?/,
    origin: 'Openfire HttpSession.java (debug; the HttpBindException message): interval in seconds to 4.6, a Duration from 4.7',
  },
  {
    source: 'openfire', side: 'server', note: 'binding-error', keyword: 'HTTP ERR(',
    pattern: /HTTP ERR\((?<sid>[0-9a-zA-Z]+)\): (?<state>terminate|recoverable), (?<condition>[a-z-]+)\./,
    origin: 'Openfire 4.4+, HttpBindServlet.sendError (info, with xmpp.httpbind.log.httpbind.enabled)',
  },
  {
    source: 'openfire', side: 'server', note: 'session-closed', keyword: 'Closing session due to error:',
    pattern: /Closing session due to error: (?<condition>\w+)\. Affected session: (?:HttpSession\{address=(?<jid>[^,\s]+), streamID=(?<sid>[0-9a-zA-Z]+))?/,
    origin: 'Openfire 4.3+, HttpBindServlet.sendError (debug); the condition is the BoshBindingError name (itemNotFound, policyViolation …)',
  },
  {
    source: 'openfire', side: 'server', note: 'client-terminate', keyword: 'is a request to terminate',
    pattern: /Connection \(for session (?<sid>[0-9a-zA-Z]+)\) with request ID \((?<rid>\d+)\) is a request to terminate\./,
    origin: 'Openfire 4.7+, HttpSession.java (debug)',
  },
  {
    source: 'openfire', side: 'server', note: 'server-shutdown', keyword: 'Closing as session manager instance is being stopped',
    pattern: /Closing as session manager instance is being stopped: (?:HttpSession\{address=(?<jid>[^,\s]+), streamID=(?<sid>[0-9a-zA-Z]+))?/,
    origin: 'Openfire 4.7+, HttpSessionManager.stop (debug)',
  },
  {
    source: 'openfire', side: 'server', note: 'session-created', keyword: 'being opened with initial connection',
    pattern: /Session (?<sid>[0-9a-zA-Z]+) being opened with initial connection/,
    origin: 'Openfire HttpSession.java ("Session <sid> being opened with initial connection …", info in 4.x, debug later)',
  },
  {
    source: 'openfire', side: 'server', note: 'undeliverable', keyword: 'Unable to route packet',
    pattern: /Unable to route packet(?:\. (?:No session is available so store offline|Packet should only be sent to available sessions and the route is not available)\.)?/,
    origin: 'Openfire RoutingTableImpl.java (debug; error "Unable to route packet <xml>" on exceptions)',
  },
];
