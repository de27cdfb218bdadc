import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Smack on Android (logcat) and Smack's debugger (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('smack-logcat.log', mode);
    });

    it('reads the logcat threadtime prefix', () => {
      const line = '21:07:47.123';
      log.expect(line, '11-23 21:07:47.123', 'log.date');
      log.expect(line, '1234', 'log.constant');
      log.expect(line, '5678', 'variable.other.thread');
      log.expect(line, 'D', 'log.debug');
      log.expect(line, 'SMACK', 'entity.name.type.class.logger');
      log.expect('Connection closed on error', 'W', 'log.warning');
      log.expect('Connection closed on error', 'AbstractXMPPConnection', 'entity.name.type.class.logger');
    });

    it('reads the logcat brief prefix', () => {
      log.expect('D/SMACK(', 'D', 'log.debug');
      log.expect('D/SMACK(', 'SMACK', 'entity.name.type.class.logger');
    });

    it('marks SENT / RECV / RCV and highlights the stanza', () => {
      log.expect('21:07:47.123', 'SENT', 'keyword.other.direction.sent');
      log.expect('21:07:47.311', 'RECV', 'keyword.other.direction.received');
      log.expect('21:07:49 RCV', 'RCV', 'keyword.other.direction.received');
      log.expect('21:07:47.311', 'identity', 'entity.name.tag');
      log.expect('21:07:47.311', 'category', 'entity.other.attribute-name');
      log.expect('21:07:48 SENT', '21:07:48', 'log.date');
      log.expect('21:07:48 SENT', 'priority', 'entity.name.tag');
    });

    it('marks the connection error', () => {
      log.expect('Connection closed on error', 'Connection closed on error', 'keyword.control.troubleshooting');
    });
  });
}
