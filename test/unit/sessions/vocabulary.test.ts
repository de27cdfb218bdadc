import * as assert from 'node:assert';
import { readNotes, entriesMatching, type Note } from '../../../src/core/sessions/vocabulary/match';
import { VOCABULARY } from '../../../src/core/sessions/vocabulary/index';

type Case = [line: string, expected: Partial<Note> & { note: Note['note'] }];

const PSID = '0b4e1b0c-2c5d-4f5a-9a55-1c6c4d2b8e11';
const OF = '2020.05.12 10:12:13.001';

// Lines as each server or client writes them, prefix included.
const CASES: Case[] = [
  // ejabberd stopping (a real 23.01 log of a restart under a live session)
  ['2026-12-01 10:07:04.695184+00:00 [notice] <0.61.0> SIGTERM received - shutting down', { note: 'server-shutdown', source: 'ejabberd' }],
  // Prosody stopping (a real 0.12 log of a restart under a live session)
  ['Dec 01 10:05:07 startup\tinfo\tShutting down: Received SIGTERM', { note: 'server-shutdown', source: 'prosody', condition: 'Received SIGTERM' }],
  // Openfire
  ['2017.06.17 00:16:04 Closing idle session (id=f382a015): 1001003@fin1.ucce.local/desktop after inactivity for more than threshold value of 60',
    { note: 'idle-close', source: 'openfire', sid: 'f382a015', jid: '1001003@fin1.ucce.local/desktop', threshold: 60 }],
  [`${OF} INFO  [TaskEngine-pool-3]: org.jivesoftware.openfire.http.HttpSessionManager - Closing idle session f382a015: 1001003@fin1.ucce.local/desktop from IP 10.10.10.50`,
    { note: 'idle-close', sid: 'f382a015', jid: '1001003@fin1.ucce.local/desktop', ip: '10.10.10.50' }],
  ['2016.03.01 09:00:00 INFO  [pool-3-thread-1]: org.jivesoftware.openfire.http.HttpSessionManager - Closing idle session: 1001003@fin1.ucce.local/desktop',
    { note: 'idle-close', jid: '1001003@fin1.ucce.local/desktop' }],
  ['2019.01.10 09:00:00.123 INFO  [TaskEngine-pool-1]: org.jivesoftware.openfire.http.HttpSessionManager - Closing idle session: org.jivesoftware.openfire.http.HttpSession@5e2de80c status: 3 address: alice@example.org/web id: 3445afbe presence: <presence/>',
    { note: 'idle-close', jid: 'alice@example.org/web', sid: '3445afbe' }],
  ['2017.04.14 21:34:26 Session (id=3445afbe) was last active 0 ms ago: 1001003@fin1.ucce.local/desktop',
    { note: 'idle-warning', sid: '3445afbe', ms: 0, jid: '1001003@fin1.ucce.local/desktop' }],
  [`${OF} INFO  [TaskEngine-pool-3]: org.jivesoftware.openfire.http.HttpSessionManager - Session f382a015 was last active 63231 ms ago: 1001003@fin1.ucce.local/desktop from IP 10.10.10.50  currently on rid 2779414706`,
    { note: 'idle-warning', sid: 'f382a015', ms: 63231, ip: '10.10.10.50', rid: 2779414706 }],
  ['2023.02.01 08:00:00.500 INFO  [TaskEngine-pool-3]: org.jivesoftware.openfire.http.HttpSessionManager - Session 6xq1ab2c3d was last active PT13.23S ago: alice@example.org/converse from IP 192.0.2.7  currently on rid 412',
    { note: 'idle-warning', sid: '6xq1ab2c3d', ms: 13230, jid: 'alice@example.org/converse' }],
  ['2016.03.01 09:00:00 DEBUG [pool-3-thread-1]: org.jivesoftware.openfire.http.HttpSessionManager - Session was last active 4501 ms ago: 1001003@fin1.ucce.local/desktop',
    { note: 'idle-warning', ms: 4501, jid: '1001003@fin1.ucce.local/desktop' }],
  [`${OF} DEBUG [Jetty-QTP-BOSH-4]: org.jivesoftware.openfire.http.HttpBindServlet - Client provided invalid session: f382a015. [10.10.10.50]`,
    { note: 'invalid-sid', sid: 'f382a015', ip: '10.10.10.50' }],
  [`${OF} WARN  [Jetty-QTP-BOSH-4]: org.jivesoftware.openfire.http.HttpSession - Request 2779414712 > 2779414709, ending session f382a015`,
    { note: 'rid-out-of-range', rid: 2779414712, sid: 'f382a015' }],
  [`${OF} DEBUG [Jetty-QTP-BOSH-4]: org.jivesoftware.openfire.http.HttpSession - Overactivity detected, too many simultaneous requests.`,
    { note: 'overactivity' }],
  ['2019.01.10 09:00:00.123 DEBUG [Jetty-QTP-BOSH-4]: org.jivesoftware.openfire.http.HttpSession - Overactivity detected, minimum polling interval is 2, current session  interval 0',
    { note: 'overactivity', ms: 2000 }],
  [`${OF} INFO  [Jetty-QTP-BOSH-9]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP ERR(f382a015): terminate, item-not-found.`,
    { note: 'binding-error', sid: 'f382a015', state: 'terminate', condition: 'item-not-found' }],
  [`${OF} DEBUG [Jetty-QTP-BOSH-9]: org.jivesoftware.openfire.http.HttpBindServlet - Closing session due to error: policyViolation. Affected session: HttpSession{address=alice@example.org/web, streamID=f382a015, status=3}`,
    { note: 'session-closed', condition: 'policyViolation', jid: 'alice@example.org/web', sid: 'f382a015' }],
  [`${OF} DEBUG [Jetty-QTP-BOSH-2]: org.jivesoftware.openfire.http.HttpSession - Connection (for session f382a015) with request ID (2779414720) is a request to terminate.`,
    { note: 'client-terminate', sid: 'f382a015', rid: 2779414720 }],
  [`${OF} DEBUG [main]: org.jivesoftware.openfire.http.HttpSessionManager - Closing as session manager instance is being stopped: HttpSession{address=alice@example.org/web, streamID=f382a015, status=3}`,
    { note: 'server-shutdown', sid: 'f382a015' }],
  [`${OF} DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpSession - Session f382a015 being opened with initial connection HttpConnection{requestId=2779414705}`,
    { note: 'session-created', sid: 'f382a015' }],
  ['2017.06.17 00:17:04 Unable to route packet. No session is available so store offline. <message from="pubsub.fin1.ucce.local" to="1001003@fin1.ucce.local" id="x1"/>',
    { note: 'undeliverable' }],
  // Prosody
  [`Nov 23 21:07:47 mod_bosh\tinfo\tNew BOSH session, assigned it sid '${PSID}'`, { note: 'session-created', source: 'prosody', sid: PSID }],
  [`Nov 23 21:07:47 bosh${PSID}\tdebug\tBOSH session created for request from 127.0.0.1`, { note: 'session-created', sid: PSID, ip: '127.0.0.1' }],
  [`Nov 23 21:07:48 bosh${PSID}\tdebug\tBOSH session marked as inactive (for 60s)`, { note: 'idle-warning', sid: PSID, ms: 60000 }],
  [`Nov 23 21:08:48 bosh${PSID}\tdebug\tUnbinding resource for agent@localhost/inspector (agent@localhost): BOSH client silent for over 60 seconds`,
    { note: 'idle-close', sid: PSID, jid: 'agent@localhost/inspector', ms: 60000 }],
  [`Nov 23 21:08:48 bosh${PSID}\tdebug\tDestroying unbound session for <(unknown)@localhost>: BOSH client silent for over 60 seconds`,
    { note: 'idle-close', sid: PSID, jid: '(unknown)@localhost' }],
  [`Jul 11 11:07:36 bosh${PSID}\tdebug\tBOSH client inactive too long, destroying session at 1499771256`, { note: 'idle-close', sid: PSID }],
  [`Jul 11 11:07:36 bosh${PSID}\tinfo\tBOSH client disconnected: session close`, { note: 'session-closed', sid: PSID }],
  [`Jul 11 11:07:36 bosh${PSID}\tinfo\tBOSH client disconnected: conflict`, { note: 'session-closed', condition: 'conflict' }],
  [`Jul 11 11:07:36 mod_bosh\tinfo\tDisconnecting client, <stream:error> is: <body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='remote-stream-error'><stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></body>`,
    { note: 'stream-error', condition: 'conflict' }],
  [`Nov 23 21:09:00 mod_bosh\tinfo\tClient tried to use sid '${PSID}' which we don't know about`, { note: 'invalid-sid', sid: PSID }],
  [`Nov 23 21:09:00 bosh${PSID}\tdebug\trid out of range: 1573741830 (diff 9)`, { note: 'rid-out-of-range', sid: PSID, rid: 1573741830, diff: 9 }],
  [`Nov 23 21:09:00 bosh${PSID}\twarn\trid too large (means a request was lost). Last rid: 1573741820 New rid: 1573741823`, { note: 'rid-out-of-range', rid: 1573741823 }],
  ['Nov 23 21:09:00 mod_bosh\tdebug\tBOSH client tried to connect to non-existent host: example.net', { note: 'host-unknown', state: 'non-existent' }],
  ['Nov 23 21:09:00 mod_bosh\tdebug\tBOSH client sent invalid rid or wait attributes: rid=nil, wait=60', { note: 'binding-error' }],
  // ejabberd
  ['2023-06-01 10:00:00.123456+00:00 [info] <0.608.0>@ejabberd_c2s:process_terminated/2:295 (http_bind|<0.607.0>) Closing c2s session for alice@example.org/conv: Stream closed by local host: Replaced by new connection (conflict)',
    { note: 'replaced', source: 'ejabberd', jid: 'alice@example.org/conv' }],
  ['2023-06-01 10:00:00.123456+00:00 [info] <0.608.0>@ejabberd_c2s:process_terminated/2:295 (http_bind|<0.607.0>) Closing c2s session for alice@example.org/conv: Stream closed by peer: system-shutdown',
    { note: 'stream-error', condition: 'system-shutdown' }],
  ['2023-06-01 10:00:00.123456+00:00 [info] <0.608.0>@ejabberd_c2s:process_terminated/2:295 (http_bind|<0.607.0>) Closing c2s session for alice@example.org/conv: Connection failed: connection closed',
    { note: 'session-closed', jid: 'alice@example.org/conv', condition: 'connection closed' }],
  ['2023-06-01 10:00:00.123456+00:00 [info] <0.608.0>@ejabberd_c2s:handle_session_established/1:450 (http_bind|<0.607.0>) Opened c2s session for alice@example.org/conv',
    { note: 'session-created', jid: 'alice@example.org/conv' }],
  ['2023-06-01 10:00:00.123456+00:00 [warning] <0.608.0>@ejabberd_c2s:handle_auth_failure/4:290 (http_bind|<0.607.0>) Failed c2s PLAIN authentication for alice@example.org from ::ffff:192.0.2.7: Invalid username or password',
    { note: 'auth-failed', jid: 'alice@example.org', ip: '::ffff:192.0.2.7' }],
  ['2016-09-01 10:00:00.123 [info] <0.600.0>@ejabberd_http_bind:handle_info:508 Session timeout. Closing the HTTP bind session: <<"9c2b0f7e1a">>',
    { note: 'idle-close', sid: '9c2b0f7e1a' }],
  ['** Reply: {body,<<"Request ID is out of range">>,[{<<"type">>,<<"terminate">>},{<<"condition">>,<<"item-not-found">>}],[],0}',
    { note: 'rid-out-of-range', condition: 'item-not-found' }],
  ['** Reply: {body,<<"Too many requests">>,[{<<"type">>,<<"terminate">>},{<<"condition">>,<<"policy-violation">>}],[],0}',
    { note: 'overactivity', condition: 'policy-violation' }],
  ['2023-06-01 10:00:00.123456+00:00 [debug] <0.600.0>@ejabberd_bosh:bosh_response_with_msg/3:952 Send error reply:{body,<<"Session ID mismatch">>,[{type,<<"terminate">>},{condition,<<"item-not-found">>}],[],0}',
    { note: 'invalid-sid', condition: 'item-not-found' }],
  ['{body,<<"BOSH session not found">>,[{type,<<"terminate">>},{condition,<<"item-not-found">>}],[],0}', { note: 'invalid-sid' }],
  ['** Reply: {body,<<"Session close">>,[{<<"type">>,<<"terminate">>}],[],0}', { note: 'client-terminate' }],
  ['** Reply: {body,<<"Session closed">>,[{type,<<"terminate">>},{condition,<<"other-request">>}],[],0}', { note: 'session-closed', condition: 'other-request' }],
  // MongooseIM
  ['2019-05-04 12:13:14.123 [debug] <0.1234.0>@mod_bosh_socket:terminate:399 Closing session <<"5e0a9c3d1b">> in \'normal\' state. Handlers: [] Pending: []',
    { note: 'session-closed', source: 'mongooseim', sid: '5e0a9c3d1b', state: 'normal' }],
  ['2019-05-04 12:13:14.123 [info] <0.1234.0>@mod_bosh_socket:handle_info:376 terminating due to client inactivity', { note: 'idle-close' }],
  ['2019-05-04 12:13:14.123 [error] <0.1234.0>@mod_bosh_socket:handle_stream_event:435 invalid rid 20, expected 12, difference 8:', { note: 'rid-out-of-range', rid: 20, diff: 8 }],
  ['when=2021-05-04T12:13:14.123456+00:00 level=info what=bosh_socket_terminating reason=inactivity_timeout pid=<0.1234.0> rid=17 sid=5e0a9c3d1b', { note: 'idle-close', sid: '5e0a9c3d1b' }],
  ['when=2021-05-04T12:13:14.123456+00:00 level=debug what=bosh_socket_closing_session reason=normal state_name=normal sid=5e0a9c3d1b', { note: 'session-closed', sid: '5e0a9c3d1b' }],
  ['when=2021-05-04T12:13:14.123456+00:00 level=error what=bosh_socket_invalid_rid difference=8 event_rid=20 expected_rid=12', { note: 'rid-out-of-range', diff: 8 }],
  // Tigase
  ['2019-05-14 12:34:56.789 [pool-5-thread-1]  BoshSession.task()  FINEST: REMOVE : 5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90 (Closing session, inactivity timeout expired)',
    { note: 'idle-close', source: 'tigase', sid: '5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90' }],
  ['2019-05-14 12:34:56.789 [pool-5-thread-1]  BoshSession.task()  FINEST: TIMER : 5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90 (inactivityTimer fired)', { note: 'idle-warning' }],
  ['2019-05-14 12:34:56.789 [in_0-bosh]  BoshConnectionManager.processSocketData()  FINE: INVALID_SID : 5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90 (Invalid SID)', { note: 'invalid-sid' }],
  ['2019-05-14 12:34:56.789 [in_0-bosh]  BoshConnectionManager.processSocketData()  FINE: CREATE : 5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90 (Socket bosh session)', { note: 'session-created' }],
  ['2019-05-14 12:34:56.789 [in_0-bosh]  BoshConnectionManager.addOutStreamClosed()  FINEST: REMOVE : 5b9f0c2e-4f0a-4c1d-9e33-3d2f1c7a8b90 (Closing bosh session)', { note: 'session-closed' }],
  ['2019-05-14 12:34:56.789 [in_0-bosh]  BoshSession.processSocketPacket()  WARNING: Incorrect RID value: 2779414799', { note: 'rid-out-of-range', rid: 2779414799 }],
  // node-xmpp-bosh
  ['[2012-10-12 13:14:15.123] [DEBUG] response - invalid-sid SENT(undefined): <body xmlns="http://jabber.org/protocol/httpbind" type="terminate" condition="item-not-found" message="Invalid session ID"/>',
    { note: 'invalid-sid', source: 'node-xmpp-bosh' }],
  ['[2012-10-12 13:14:15.123] [TRACE] bosh - b0f9e2 Invalid Session', { note: 'invalid-sid', sid: 'b0f9e2' }],
  ['[2012-10-12 13:14:15.123] [INFO] session - b0f9e2 Terminating Session due to inactivity', { note: 'idle-close', sid: 'b0f9e2' }],
  ['[2012-10-12 13:14:15.123] [ERROR] session - b0f9e2 Terminating due to out of bound rid: 12, session.rid: 5', { note: 'rid-out-of-range', rid: 12 }],
  ['[2012-10-12 13:14:15.123] [INFO] session - b0f9e2 will terminate due to MAX_BOSH_CONNECTIONS exceeded', { note: 'overactivity' }],
  ['[2012-10-12 13:14:15.123] [INFO] session - b0f9e2 a1 max stream violation - will terminate', { note: 'overactivity', sid: 'b0f9e2' }],
  ['[2012-10-12 13:14:15.123] [DEBUG] session - b0f9e2 Stream Terminate Request', { note: 'client-terminate' }],
  ['[2012-10-12 13:14:15.123] [DEBUG] session - b0f9e2 send_terminate_response - ro: true, condition: remote-connection-failed', { note: 'session-closed', condition: 'remote-connection-failed' }],
  ['[2012-10-12 13:14:15.123] [INFO] session - b0f9e2 send_invalid_packet_terminate_response -- will terminate', { note: 'session-closed' }],
  // Browser consoles
  ['10:11:12.345 Request 2779414707 timed out, over 66 seconds since last activity  strophe.umd.js:2811', { note: 'request-timeout', source: 'strophe', rid: 2779414707, ms: 66000 }],
  ['Request 2779414707 timed out (secondary), restarting', { note: 'request-timeout', rid: 2779414707 }],
  ['request id 2779414707.1 error 404 happened', { note: 'request-error', rid: 2779414707, status: 404 }],
  ['10:11:12.345 request errored, status: 0, number of errors: 1  strophe.umd.js:2590', { note: 'request-error' }],
  ['XHR open failed: InvalidAccessError', { note: 'request-error' }],
  ['invalid response received: <parsererror/>', { note: 'invalid-response' }],
  ['BOSH-Connection failed: remote-connection-failed', { note: 'disconnected', condition: 'remote-connection-failed' }],
  ['Disconnect was called because: Logging out', { note: 'client-closing', condition: 'Logging out' }],
  [' 2024-01-05T10:11:12.345Z DEBUG: RECONNECTING: the connection has dropped, attempting to reconnect.', { note: 'disconnected', source: 'converse' }],
  [' 2024-01-05T10:11:12.345Z DEBUG: Status changed to: CONNFAIL', { note: 'disconnected', state: 'CONNFAIL' }],
  [' 2024-01-05T10:11:12.345Z DEBUG: Status changed to: AUTHFAIL', { note: 'auth-failed', state: 'AUTHFAIL' }],
  ["Access to XMLHttpRequest at 'https://chat.example.org/http-bind/' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    { note: 'cors', source: 'chromium', condition: "No 'Access-Control-Allow-Origin' header is present on the requested resource" }],
  ['POST https://fin1.ucce.local:7443/http-bind/ net::ERR_CERT_AUTHORITY_INVALID', { note: 'certificate', condition: 'AUTHORITY_INVALID' }],
  ['POST https://fin1.ucce.local:7443/http-bind/ net::ERR_INTERNET_DISCONNECTED', { note: 'disconnected', condition: 'INTERNET_DISCONNECTED' }],
  ['strophe.umd.js:3019 POST https://fin1.ucce.local:7443/http-bind/ net::ERR_CONNECTION_REFUSED', { note: 'request-error', condition: 'CONNECTION_REFUSED' }],
  ['Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://chat.example.org/http-bind/. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    { note: 'cors', source: 'firefox', condition: 'CORS header ‘Access-Control-Allow-Origin’ missing', status: 200 }],
  // Finesse
  ['0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_Smack Listener Processor (1)-6-PRESENCE_NOTIFICATION: %[presence=<presence from="1001003@fin1.ucce.local/desktop" to="finesse@fin1.ucce.local" type="unavailable"/>]: Received presence for user',
    { note: 'presence-unavailable', source: 'finesse', agent: '1001003', jid: '1001003@fin1.ucce.local/desktop' }],
  ['0000001050: 10.10.10.21: Jun 17 2017 00:16:04.632 +0530: %CCBU_pool-8-thread-1-6-AGENT_PRESENCE_UNAVAILABLE: %[agentId=1001003]: Agent presence unavailable', { note: 'presence-unavailable', agent: '1001003' }],
  ['0000001051: 10.10.10.21: Jun 17 2017 00:16:35.384 +0530: %CCBU_pool-8-thread-1-6-AGENT_PRESENCE_MONITOR: %[agentId=1001003][timeout=60]: Agent presence unavailable, waiting before logout',
    { note: 'logout-timer', agent: '1001003', threshold: 60 }],
  ['0000001060: 10.10.10.21: Jun 17 2017 00:17:04.632 +0530: %CCBU_CoreImpl-worker12-6-PRESENCE_DRIVEN_LOGOUT: %[agentId=1001003]: Logging out agent whose presence is unavailable', { note: 'forced-logout', agent: '1001003' }],
  ['0000001061: 10.10.10.21: Jun 17 2017 00:17:04.633 +0530: %CCBU_CoreImpl-worker12-6-MESSAGE_TO_CTI_SERVER: %[cti_message=CTISetAgentStateReq]: agentstate : 1, workmode : 0, reason code: 255, forceflag :1, agentcapacity: 1, agentext: 1001003, agentid: 1001003',
    { note: 'agent-state', agent: '1001003', reason: '255', state: '1' }],
  ['0000001065: 10.10.10.21: Jun 17 2017 00:17:04.690 +0530: %CCBU_CTIReader-6-DECODED_MESSAGE_FROM_CTI_SERVER: %[cti_message=AgentStateEvent]: agentState=1 (LOGOUT), eventReasonCode=255, agentID=1001003',
    { note: 'agent-state', reason: '255', state: '1 (LOGOUT)' }],
  // Over WebSocket. Prosody 0.12 and ejabberd 23.01 lines from test/fixtures/logs/websocket/ (real runs); the others from their sources.
  ['Dec 01 11:16:49 c2s55dde6c5b6d0\tdebug\tSending WebSocket handshake', { note: 'session-created', source: 'prosody', connection: 'c2s55dde6c5b6d0' }],
  ['Dec 01 11:16:50 mod_websocket\tdebug\tWebsocket received frame: opcode=8, 2 bytes', { note: 'socket-closed', source: 'prosody' }],
  ['Dec 01 11:16:50 c2s55dde6e8c380\tinfo\tClient disconnected: closed', { note: 'session-closed', connection: 'c2s55dde6e8c380', condition: 'closed' }],
  ['Dec 01 11:16:50 c2s55dde6c5b6d0\tinfo\tClient disconnected: connection closed', { note: 'session-closed', connection: 'c2s55dde6c5b6d0', condition: 'connection closed' }],
  ['Dec 01 11:16:50 c2s55dde6c5b6d0\tdebug\tc2s stream for 1001@localhost/desktop closed: session closed', { note: 'session-closed', connection: 'c2s55dde6c5b6d0', jid: '1001@localhost/desktop', condition: undefined }],
  // Prosody stopped under a live WebSocket session (test/fixtures/sessions/prosody-ws-killed, a real run)
  ['Dec 01 11:08:54 c2s559ea59d5470\tdebug\tc2s stream for 1001@localhost/killed closed: Received SIGTERM', { note: 'session-closed', jid: '1001@localhost/killed', condition: 'Received SIGTERM' }],
  ["Dec 01 11:08:54 c2s559ea59d5470\tdebug\tDisconnecting client, <stream:error> is: <stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Received SIGTERM</text></stream:error>",
    { note: 'stream-error', connection: 'c2s559ea59d5470', condition: 'system-shutdown' }],
  ['Dec 01 11:16:50 c2s55dde6c5b6d0\twarn\tFailed to receive a stream close response, closing connection anyway...', { note: 'session-closed', connection: 'c2s55dde6c5b6d0' }],
  ['Dec 01 11:16:50 c2s55dde6c5b6d0\twarn\twebsocket frame buffer full - terminating session', { note: 'stream-error', connection: 'c2s55dde6c5b6d0' }],
  ["Dec 01 11:16:50 mod_websocket\tdebug\tClient didn't want to talk XMPP, list of protocols was (empty)", { note: 'binding-error', condition: '(empty)' }],
  ['2026-12-01 11:18:30.506408+00:00 [debug] <0.484.0>@ejabberd_http_ws:init/1:135 Client connected through websocket {http_ws,<0.484.0>,{{127,0,0,1},55320}}',
    { note: 'session-created', source: 'ejabberd', connection: '<0.484.0>' }],
  ['2026-12-01 11:18:32.013101+00:00 [debug] <0.487.0>@ejabberd_websocket:handle_data_int/6:287 WebSocket close op: 1001 ', { note: 'socket-closed', status: 1001 }],
  ['2026-12-01 11:18:30.976465+00:00 [debug] <0.483.0>@ejabberd_websocket:handle_data_int/6:294 WebSocket close op unknown: <<>>', { note: 'socket-closed', status: undefined }],
  ['2026-12-01 11:18:31.079703+00:00 [debug] <0.483.0>@ejabberd_websocket:ws_loop/5:215 TCP connection was closed, exit', { note: 'socket-closed', source: 'ejabberd' }],
  ['2026-12-01 11:18:31.079703+00:00 [debug] <0.483.0>@ejabberd_websocket:ws_loop/5:218 TCP connection error: connection reset by peer', { note: 'socket-closed', condition: 'connection reset by peer' }],
  ['2026-12-01 11:18:31.079703+00:00 [debug] <0.483.0>@ejabberd_websocket:ws_loop/5:255 Shutdown request received, closing websocket with pid <0.483.0>', { note: 'socket-closed' }],
  ['2026-12-01 11:18:31.079703+00:00 [error] <0.483.0>@ejabberd_websocket:ws_loop/5:225 Linked websocket controlling loop crashed with reason: killed', { note: 'socket-closed', condition: 'killed' }],
  ['2026-12-01 11:18:31.079703+00:00 [debug] <0.483.0>@ejabberd_websocket:ws_loop/5:199 Websocket decode error unexpected_continuation', { note: 'stream-error', condition: 'unexpected_continuation' }],
  ['2026-12-01 11:20:00.000000+00:00 [debug] <0.484.0>@ejabberd_http_ws:handle_info/3:247 Closing websocket connection from hitting inactivity timeout', { note: 'idle-close', connection: '<0.484.0>' }],
  ['2026-12-01 11:20:00.000000+00:00 [debug] <0.484.0>@ejabberd_http_ws:handle_info/3:260 Closing websocket connection from missing pongs', { note: 'ping-timeout', connection: '<0.484.0>' }],
  ['2026-12-01 11:18:30.977492+00:00 [info] <0.485.0>@ejabberd_c2s:process_terminated/2:295 (websocket|<0.484.0>) Closing c2s session for 1001@localhost/desktop: Stream reset by peer',
    { note: 'session-closed', connection: '<0.484.0>', jid: '1001@localhost/desktop' }],
  ['2026-12-01 11:18:30.614278+00:00 [info] <0.485.0>@ejabberd_c2s:bind/2:450 (websocket|<0.484.0>) Opened c2s session for 1001@localhost/desktop', { note: 'session-created', connection: '<0.484.0>' }],
  ['2021-03-05 10:11:12.345 [info] <0.608.0>@ejabberd_c2s:bind/2:450 (http_bind|<0.607.0>) Opened c2s session for 1001@localhost/web', { note: 'session-created', connection: undefined }],
  [`${OF} WARN  [qtp123-45]: org.jivesoftware.openfire.websocket.OpenfireWebSocketServlet - Failed to create websocket for 10.10.10.50:51234 make a request at /ws/`, { note: 'binding-error', source: 'openfire', ip: '10.10.10.50' }],
  [`${OF} WARN  [qtp123-45]: org.jivesoftware.openfire.websocket.XmppWebSocket - Client closed stream before session was established`, { note: 'session-closed', source: 'openfire' }],
  [`${OF} WARN  [qtp123-45]: org.jivesoftware.openfire.websocket.XmppWebSocket - Closing session due to incorrect hostname in stream header. Host: fin2.ucce.local`, { note: 'stream-error', condition: 'fin2.ucce.local' }],
  [`${OF} WARN  [qtp123-45]: org.jivesoftware.openfire.websocket.XmppWebSocket - Failed to deliver packet; socket is closed:`, { note: 'undeliverable' }],
  [`${OF} ERROR [pool-4-thread-1]: org.jivesoftware.openfire.websocket.XmppWebSocket - Failed to ping remote peer: WebSocketSession[websocket=JettyListenerEventDriver,behavior=SERVER]`, { note: 'ping-timeout' }],
  [`${OF} WARN  [TaskEngine-pool-2]: org.jivesoftware.openfire.websocket.WebSocketClientConnectionHandler - Unable to send websocket ping to remote peer: WebSocketConnection{peer: /10.10.10.50:51234}`, { note: 'ping-timeout' }],
  [`${OF} WARN  [qtp123-45]: org.jivesoftware.openfire.websocket.WebSocketClientConnectionHandler - Attempting to close connection on which an error occurred: WebSocketConnection{peer: /10.10.10.50:51234}`, { note: 'socket-closed' }],
  [`${OF} WARN  [TaskEngine-pool-2]: org.jivesoftware.openfire.websocket.WebSocketClientConnectionHandler - Trying to ping a websocket connection (XMPP address: '1001003@fin1.ucce.local/desktop') that's idle, but has no corresponding Openfire session. Websocket connection: x`,
    { note: 'idle-warning', jid: '1001003@fin1.ucce.local/desktop' }],
  // Strophe.js 5 and Chromium, from test/fixtures/logs/websocket/strophe-console.log (a real run), and Strophe's source
  ['11:16:49.488 Websocket open  strophe.umd.js:179', { note: 'session-created', source: 'strophe' }],
  ['11:21:00.440 [error] Websocket closed unexcectedly  strophe.umd.js:170', { note: 'disconnected', source: 'strophe' }],
  ['11:21:00.440 [error] Websocket closed unexpectedly  strophe.umd.js:170', { note: 'disconnected', source: 'strophe' }],
  ['11:21:00.440 Websocket closed  strophe.umd.js:179', { note: 'socket-closed', source: 'strophe' }],
  ['11:16:50.877 WebSockets _doDisconnect was called  strophe.umd.js:179', { note: 'socket-closed', source: 'strophe' }],
  ['11:21:00.440 [error] Websocket error {"isTrusted":true}  strophe.umd.js:170', { note: 'disconnected', condition: '{"isTrusted":true}' }],
  ['11:21:00.440 [error] WebSocket stream error: system-shutdown  strophe.umd.js:170', { note: 'stream-error', condition: 'system-shutdown' }],
  ["11:21:00.440 [error] WebSocket connection to 'ws://127.0.0.1:35345/ws-wrong-path' failed: Error during WebSocket handshake: Unexpected response code: 404  strophe.umd.js:2757",
    { note: 'request-error', source: 'chromium', status: 404 }],
  ["11:21:00.440 [error] WebSocket connection to 'wss://fin1:8445/ws/' failed: Error during WebSocket handshake: net::ERR_CONNECTION_RESET  strophe.umd.js:2757",
    { note: 'request-error', source: 'chromium', condition: 'net::ERR_CONNECTION_RESET' }],
  // Converse.js 14, from test/fixtures/logs/websocket/converse-console.log (a real run)
  ['11:17:12.094 Status changed to: DISCONNECTED  converse-headless.js:3927', { note: 'client-closing', source: 'converse', state: 'DISCONNECTED' }],
  ['14:17:42.891 Status changed to: DISCONNECTING  converse-headless.js:3927', { note: 'client-closing', source: 'converse', state: 'DISCONNECTING' }],
  ['14:17:42.891 Status changed to: CONNFAIL  converse-headless.js:3927', { note: 'disconnected', source: 'converse', state: 'CONNFAIL' }],
];
describe('session vocabulary', () => {
  for (const [line, expected] of CASES) {
    it(`${expected.source ?? expected.note}: ${line.slice(0, 90)}`, () => {
      const notes = readNotes(line);
      const hit = notes.find((n) => n.note === expected.note);
      assert.ok(hit, `no ${expected.note} note in ${JSON.stringify(notes)}`);
      for (const [k, v] of Object.entries(expected)) {
        assert.deepStrictEqual((hit as unknown as Record<string, unknown>)[k], v, `${k} of ${JSON.stringify(hit)}`);
      }
    });
  }

  it('gives a WebSocket line that names no connection the record\'s, and never overrides one the line names', () => {
    const close = '2026-12-01 11:18:30.976465+00:00 [debug] <0.483.0>@ejabberd_websocket:handle_data_int/6:294 WebSocket close op unknown: <<>>';
    assert.strictEqual(readNotes(close, close.length, '<0.484.0>')[0].connection, '<0.484.0>');
    assert.strictEqual(readNotes(close)[0].connection, undefined);
    const c2s = '2026-12-01 11:18:30.977492+00:00 [info] <0.485.0>@ejabberd_c2s:process_terminated/2:295 (websocket|<0.484.0>) Closing c2s session for 1001@localhost/desktop: Stream reset by peer';
    assert.strictEqual(readNotes(c2s, c2s.length, '<0.9.0>')[0].connection, '<0.484.0>');
    // A BOSH line is no WebSocket line: it takes no connection.
    const bosh = 'Nov 23 21:07:47 mod_bosh\tinfo\tNew BOSH session, assigned it sid \'abc\'';
    assert.strictEqual(readNotes(bosh, bosh.length, 'c2s1')[0].connection, undefined);
  });

  it('gives no note for ordinary lines', () => {
    const ordinary = [
      '2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-12]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body xmlns="http://jabber.org/protocol/httpbind" rid="2779414706" sid="f382a015"/>',
      '\tat org.jivesoftware.openfire.http.HttpSession.forwardRequest(HttpSession.java:493)',
      'Nov 23 21:07:47 c2s55d8a0\tdebug\tReceived[c2s]: <iq type=\'set\' id=\'bind_1\'>',
      `Nov 23 21:07:48 mod_bosh\tdebug\tHandling new request table: 0x55d0c8a0: <body rid='1573741820' sid='${PSID}' xmlns='http://jabber.org/protocol/httpbind'/>`,
      '10:11:12.345 SENT: <body rid=\'2779414707\' xmlns=\'http://jabber.org/protocol/httpbind\' sid=\'3117c5ef\'/>  converse.js:47357:17',
    ];
    for (const line of ordinary) assert.deepStrictEqual(readNotes(line), [], line);
  });

  it('reads only the start of a 1 MB line, and a keyword after a stanza starts is not a note', () => {
    // Speed lives in bench:scan; here, what is read: messages stand before the stanza they name.
    assert.deepEqual(readNotes('Closing idle session ' + 'a'.repeat(1_000_000)), []);
    assert.deepEqual(readNotes('x'.repeat(3000) + ' Closing idle session (id=f382a015): 1@h/r'), []);
    const line = 'HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind">Closing idle session (id=f382a015): 1@h/r</body>';
    assert.deepEqual(readNotes(line, line.indexOf('<')), []);
  });

  it('has a test line for every entry, and no pattern with the g flag', () => {
    for (const entry of VOCABULARY) {
      assert.ok(!entry.pattern.global && !entry.pattern.sticky, entry.origin);
      const tested = CASES.some(([line, expected]) => expected.note === entry.note && entriesMatching(line).includes(entry));
      assert.ok(tested, `no test line for ${entry.source} ${entry.note} ${entry.pattern}`);
    }
  });
});
