// WebSocket lines of Prosody 0.12, ejabberd 23.01, Strophe.js 5 and Converse.js 14, copied from
// the real logs in test/fixtures/logs/websocket/.
import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`WebSocket log lines (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('websocket.log', mode);
    });

    it('Prosody: the session as source, the direction and the framing <open> top tag', () => {
      log.expect('Sending[c2s_unauthed]: <open', 'c2s564e74f2ac30', 'entity.name.type.class.logger');
      log.expect('Sending[c2s_unauthed]: <open', 'Sending', 'keyword.other.direction.sent');
      log.expect('Sending[c2s_unauthed]: <open', '<«open» ', 'entity.name.tag');
      log.expect('Sending[c2s_unauthed]: <open', 'urn:ietf:params:xml:ns:xmpp-framing', 'string.quoted.single');
      log.expect('Received[c2s]: <iq', 'Received', 'keyword.other.direction.received');
      log.expect('Received </stream:stream>', '</', 'punctuation.definition.tag.begin');
    });

    it('Prosody: a disconnect is a troubleshooting keyword', () => {
      log.expect('Client disconnected: closed', 'Client disconnected', 'keyword.control.troubleshooting');
      log.expect('Client disconnected: closed', 'info', 'log.info');
    });

    it('ejabberd: the direction and the stanza inside its Erlang binary; a close frame and the c2s close', () => {
      log.expect('Send XML on stream = <<"<iq', 'Send', 'keyword.other.direction.sent');
      log.expect('Send XML on stream = <<"<iq', '<«iq» ', 'entity.name.tag');
      log.expect('Received XML on stream = <<"<presence', 'Received', 'keyword.other.direction.received');
      log.expect('WebSocket close op: 1001', 'WebSocket close op', 'keyword.control.troubleshooting');
      log.expect('WebSocket close op: 1001', 'ejabberd_websocket', 'entity.name.type.class.logger');
      log.expect('Closing c2s session', 'Closing c2s session', 'keyword.control.troubleshooting');
    });

    it('Strophe console: SENT:/RECV:, the stanza, and WebSocket failures', () => {
      log.expect('SENT: <open', 'SENT', 'keyword.other.direction.sent');
      log.expect('SENT: <open', '<«open» ', 'entity.name.tag');
      log.expect('RECV: <message', 'RECV', 'keyword.other.direction.received');
      log.expect('Websocket closed unexcectedly', 'Websocket closed unexcectedly', 'keyword.control.troubleshooting');
      log.expect('Error during WebSocket handshake', 'Error during WebSocket handshake', 'keyword.control.troubleshooting');
    });

    it('Converse console: the stanza is highlighted, and nothing claims a direction the line does not give', () => {
      log.expect('<close xmlns', '<«close» ', 'entity.name.tag');
      log.expectNot('<close xmlns', '<close', 'keyword.other.direction');
    });
  });
}
