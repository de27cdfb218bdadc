import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Finesse Desktop-webservices log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('finesse-webservices.log', mode);
    });

    it('reads sequence number, host and timestamp', () => {
      const line = '0000001043:';
      log.expect(line, '0000001043', 'constant.numeric.sequence');
      log.expect(line, '10.10.10.21', 'constant.other.host');
      log.expect(line, 'Jun 17 2017 00:16:04.630 +0530', 'log.date');
    });

    it('splits %CCBU_<thread>-<severity>-<MNEMONIC>, threads with spaces and dashes included', () => {
      log.expect('0000001043:', '%CCBU_', 'keyword.other.facility.finesse');
      log.expect('0000001043:', 'Smack Listener Processor (1)', 'variable.other.thread');
      log.expect('0000001043:', '(1)-«6»-PRESENCE', 'log.info');
      log.expect('0000001043:', 'PRESENCE_NOTIFICATION', 'entity.name.function.mnemonic.finesse');
      log.expect('0000001051:', 'pool-8-thread-1', 'variable.other.thread');
      log.expect('0000001051:', 'AGENT_PRESENCE_MONITOR', 'entity.name.function.mnemonic.finesse');
      log.expect('0000001066:', 'CTIMessageEventExecutor-0', 'variable.other.thread');
      log.expect('0000001066:', '-0-«3»-DECODED', 'log.error');
      log.expect('0000001070:', 'Sender-«7»-SENDING', 'log.debug');
      log.expect('0000001071:', 'pool-3-thread-7', 'variable.other.thread');
      log.expect('0000001071:', '-7-«4»-DUPLICATE', 'log.warning');
    });

    it('reads %[key=value] blocks, with a stanza inside', () => {
      const line = '0000001043:';
      log.expect(line, '%[', 'punctuation.section.parameter.finesse');
      log.expect(line, 'presence', 'variable.parameter.finesse');
      log.expect(line, '=<«presence»', 'entity.name.tag');
      log.expect(line, 'type', 'entity.other.attribute-name');
      log.expect(line, ']', 'punctuation.section.parameter.finesse');
      log.expect(line, 'Received', 'keyword.other.direction.received');
    });

    it('reads consecutive blocks and nested brackets', () => {
      log.expect('0000001051:', 'agentId', 'variable.parameter.finesse');
      log.expect('0000001051:', 'timeout', 'variable.parameter.finesse');
      log.expect('0000001066:', 'cti_response', 'variable.parameter.finesse');
      log.expect('0000001066:', '(LOGOUT), eventReasonCode=255]«]»:', 'punctuation.section.parameter.finesse');
      log.expect('0000001066:', 'LOGOUT', 'constant.language.state.finesse');
    });

    it('highlights the escaped <Update> Finesse publishes', () => {
      const line = '0000001070:';
      log.expect(line, '&lt;', 'punctuation.definition.tag.begin.escaped');
      log.expect(line, 'Update', 'entity.name.tag');
      log.expect(line, 'loginId', 'entity.name.tag');
      log.expect(line, '&lt;/', 'punctuation.definition.tag.begin.escaped');
      log.expect(line, 'LOGOUT', 'constant.language.state.finesse');
      log.expect(line, 'reasonCodeId', 'entity.name.tag');
    });

    it('keeps a continuation line outside any region', () => {
      log.expectNot(' reason code: 255', 'reason code', 'meta.parameter');
    });
  });
}
