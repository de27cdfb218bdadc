import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Strophe / Converse / JSXC browser consoles (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('browser-console.log', mode);
    });

    it('reads the console time, direction and the BOSH body', () => {
      log.expect('10:11:12.345 SENT', '10:11:12.345', 'log.date');
      log.expect('10:11:12.345 SENT', 'SENT', 'keyword.other.direction.sent');
      log.expect('10:11:12.345 SENT', '2779414707', 'constant.numeric.rid');
      log.expect('10:11:12.345 SENT', '3117c5ef', 'constant.other.sid');
      log.expect('10:11:12.890 RECV', 'RECV', 'keyword.other.direction.received');
    });

    it('reads the source location the console appends', () => {
      log.expect('10:11:12.345 SENT', 'converse.js', 'entity.name.type.source');
      log.expect('xmlOutput', 'strophe.umd.js', 'entity.name.type.source');
    });

    it('reads entities in message text', () => {
      log.expect('Hi Bob', '&«amp»;', 'constant.character.entity');
      log.expect('Hi Bob', '«&»amp;', 'punctuation.definition.constant');
    });

    it('marks "> " and "< " copied from an XML console', () => {
      log.expect("> <body rid='2779414708'", '>', 'keyword.other.direction.sent');
      log.expect("< <body xmlns", '<', 'keyword.other.direction.received');
      log.expect("< <body xmlns", 'remote-connection-failed', 'keyword.control.condition');
    });

    it("reads Strophe's xmlOutput in an ISO-dated line", () => {
      log.expect('xmlOutput', '2024-05-02T09:07:52.329Z', 'log.date');
      log.expect('xmlOutput', 'DEBUG', 'log.debug');
      log.expect('xmlOutput', 'xmlOutput', 'keyword.other.direction.sent');
    });

    it('reads XML comments', () => {
      log.expect('keep-alive', '<!--', 'punctuation.definition.comment');
      log.expect('keep-alive', ' keep-alive ', 'comment.block');
    });
  });
}
