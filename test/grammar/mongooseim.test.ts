import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`MongooseIM logfmt log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('mongooseim.log', mode);
    });

    it('reads when= and level=', () => {
      log.expect('c2s_send_packet', '2021-05-04T12:13:14.123456+00:00', 'log.date');
      log.expect('c2s_send_packet', 'debug', 'log.debug');
      log.expect('mod_bosh_socket_terminate', 'warning', 'log.warning');
    });

    it('highlights the quoted packet as XML, not as one long string', () => {
      const line = 'c2s_send_packet';
      log.expect(line, 'message', 'entity.name.tag');
      log.expect(line, 'chat', 'string.quoted.single');
      log.expectNot(line, "<message to='bob@localhost'", 'log.string');
    });

    it('reads the sid and the terminate reason', () => {
      log.expect('mod_bosh_socket_terminate', '8f3ac2d1e0', 'constant.other.sid');
      log.expect('mod_bosh_socket_terminate', 'item-not-found', 'keyword.control.condition');
    });
  });
}
