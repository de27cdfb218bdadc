import { strict as assert } from 'node:assert';
import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Tigase log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('tigase.log', mode);
    });

    it('reads timestamp, thread, class.method() and the java.util.logging level', () => {
      const line = 'SessionManager.processPacket()  FINEST';
      log.expect(line, '2019-05-14 12:34:56.789', 'log.date');
      log.expect(line, 'in_0-sess-man', 'variable.other.thread');
      log.expect(line, 'SessionManager.processPacket()', 'entity.name.type.class.logger');
      log.expect(line, 'FINEST', 'log.verbose');
      log.expect('WARNING: Session timeout', 'WARNING', 'log.warning');
      log.expect('back to normal', 'INFO', 'log.info');
    });

    it('reads the packet dump: JID, stanza, direction', () => {
      const line = 'Received packet';
      log.expect(line, 'Received', 'keyword.other.direction.received');
      log.expect(line, 'bosh', 'string.unquoted.jid.local');
      log.expect(line, '127.0.0.1_5280_127.0.0.1_41962', 'string.unquoted.jid.resource');
      log.expect(line, 'query', 'entity.name.tag');
      log.expect('Sending packet', 'Sending', 'keyword.other.direction.sent');
      log.expect('Sending packet', 'ack="«5»"', 'constant.numeric.rid');
    });

    it('highlights the stanza inside socket data wrapped in CDATA, over several lines', () => {
      log.expect('Socket data: <![CDATA[POST', '<![CDATA[', 'punctuation.definition.string.begin');
      log.expect('Host: tigase.example', 'Host: tigase.example:5280', 'string.unquoted.cdata');
      log.expect("<body rid='2779414706'", 'body', 'entity.name.tag');
      log.expect("<body rid='2779414706'", ']]>', 'punctuation.definition.string.end');
    });

    it('reads sid= in message text', () => {
      log.expect('Session timeout', '3117c5ef', 'constant.other.sid');
    });

    it('ends a CDATA section that never closes at the next record', () => {
      const next = log.lineIndex('back to normal');
      assert.ok(!log.lineScopes(next).some((s) => s.startsWith('string.unquoted.cdata')), 'the next record is not CDATA');
    });
  });
}
