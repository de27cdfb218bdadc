import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`node-xmpp-bosh log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('node-xmpp-bosh.log', mode);
    });

    it('reads the log4js prefix', () => {
      const line = 'Sending response';
      log.expect(line, '2012-10-12 13:14:15.123', 'log.date');
      log.expect(line, 'DEBUG', 'log.debug');
      log.expect(line, 'bosh_server', 'entity.name.type.class.logger');
      log.expect('Terminating session', 'WARN', 'log.warning');
      log.expect('Error in stream', 'ERROR', 'log.error');
      log.expect('Error in stream', 'xmpp_proxy', 'entity.name.type.class.logger');
    });

    it('reads the session creation response: prefixed tags and attributes, sid', () => {
      const line = 'Sending response';
      log.expect(line, 'Sending', 'keyword.other.direction.sent');
      log.expect(line, 'b0f9e2', 'constant.other.sid');
      log.expect(line, '«stream»:features', 'entity.name.tag.namespace');
      log.expect(line, 'stream:«features»', 'entity.name.tag.localname');
      log.expect(line, '<«mechanism»>', 'entity.name.tag');
    });

    it('reads the request: direction, rid, sid', () => {
      log.expect('Incoming data', 'Incoming', 'keyword.other.direction.received');
      log.expect('Incoming data', 'rid="«1»"', 'constant.numeric.rid');
      log.expect('Incoming data', 'sid="«b0f9e2»"', 'constant.other.sid');
    });

    it('marks terminate conditions in message text', () => {
      log.expect('Terminating session', 'b0f9e2', 'constant.other.sid');
      log.expect('Terminating session', 'remote-connection-failed', 'keyword.control.condition');
      log.expect('Error in stream', 'host-unknown', 'keyword.control.condition');
    });
  });
}
