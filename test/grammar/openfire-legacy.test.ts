import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Openfire before 4.3 debug.log / info.log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('openfire-legacy.log', mode);
    });

    it('reads the timestamp and the short logger name', () => {
      log.expect('00:14:04 HttpBindServlet', '2017.06.17 00:14:04', 'log.date');
      log.expect('00:14:04 HttpBindServlet', 'HttpBindServlet', 'entity.name.type.class.logger');
      log.expect('00:14:04 HttpBindServlet', 'HTTP RECV', 'keyword.other.direction.received');
    });

    it('reads the thread of an SSL session line', () => {
      log.expect('[Session-1', 'Session-1, SSL_NULL_WITH_NULL_NULL', 'variable.other.thread');
    });

    it('highlights "Session (id=…) was last active N ms ago"', () => {
      const line = 'was last active 43230';
      log.expect(line, 'id', 'variable.other.key');
      log.expect(line, 'f382a015', 'constant.other.sid');
      log.expect(line, 'was last active', 'keyword.control.troubleshooting');
      log.expect(line, '43230', 'constant.numeric.duration');
      log.expect(line, '1001003', 'string.unquoted.jid.local');
    });

    it('highlights the idle-session close, its continuation line and the closed session', () => {
      log.expect('Closing idle session', 'Closing idle session', 'keyword.control.troubleshooting');
      log.expect('after inactivity', 'after inactivity for more than threshold value of', 'keyword.control.troubleshooting');
      log.expect('after inactivity', '60', 'constant.numeric.duration');
      log.expect('A session is closed', 'A session is closed', 'keyword.control.troubleshooting');
    });

    it('highlights the stanza Openfire could not route, with its escaped Finesse update', () => {
      const line = 'Unable to route packet';
      log.expect(line, 'Unable to route packet', 'keyword.control.troubleshooting');
      log.expect(line, 'message', 'entity.name.tag');
      log.expect(line, 'Update', 'entity.name.tag');
      log.expect(line, 'LOGOUT', 'constant.language.state.finesse');
    });

    it('reads a bare session id (id: 3445afbe)', () => {
      log.expect('id: 3445afbe', 'id', 'variable.other.key');
      log.expect('id: 3445afbe', '3445afbe', 'constant.other.sid');
    });

    it('does not take a Java object id (HashSessionManager@1761e4) for a JID', () => {
      log.expectNot('HashSessionManager@', 'HashSessionManager@1761e4', 'meta.jid');
    });
  });
}
