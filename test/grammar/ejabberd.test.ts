import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`ejabberd log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('ejabberd.log', mode);
    });

    it('reads timestamp, level, process and module:function/arity:line', () => {
      const line = 'handle_call/3:339';
      log.expect(line, '2021-03-05 10:11:12.345', 'log.date');
      log.expect(line, 'debug', 'log.debug');
      log.expect(line, '<0.600.0>', 'variable.other.thread');
      log.expect(line, 'mod_bosh', 'entity.name.type.class.logger');
      log.expect(line, 'handle_call', 'entity.name.function');
      log.expect(line, '339', 'log.constant');
      log.expect('process_auth_result', 'info', 'log.info');
      log.expect('Foo.<init>', 'error', 'log.error');
      log.expect('send/2:801', '2023-06-01 10:00:00.123456+00:00', 'log.date');
    });

    it('highlights the stanza inside an Erlang binary <<"…">>', () => {
      const line = 'Received XML on stream';
      log.expect(line, 'Received', 'keyword.other.direction.received');
      log.expect(line, '<<', 'punctuation.definition.string');
      log.expect(line, 'iq', 'entity.name.tag');
      log.expect(line, '<«ping» ', 'entity.name.tag');
      log.expect(line, '>>', 'punctuation.definition.string');
      log.expectNot(line, "jabber:client", 'log.string');
    });

    it('marks a terminate with its condition', () => {
      log.expect('Send XML on stream', 'Send', 'keyword.other.direction.sent');
      log.expect('Send XML on stream', 'terminate', 'keyword.control.condition');
      log.expect('Send XML on stream', 'policy-violation', 'keyword.control.condition');
    });

    it('marks a closed c2s session and its JID', () => {
      log.expect('Closing c2s session', 'Closing c2s session', 'keyword.control.troubleshooting');
      log.expect('Closing c2s session', 'alice', 'string.unquoted.jid.local');
      log.expect('Closing c2s session', 'converse.js-1234', 'string.unquoted.jid.resource');
    });

    it('does not take Erlang pids, Java generics or arrows for tags', () => {
      log.expectNot('Received BOSH request', '<0.598.0>', 'entity.name.tag');
      log.expectNot('Foo.<init>', '<init>', 'entity.name.tag');
      log.expectNot('Foo.<init>', 'List<String>', 'entity.name.tag');
      log.expectNot('Foo.<init>', 'a < b <- <->', 'meta.tag');
    });
  });
}
