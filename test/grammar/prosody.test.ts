import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Prosody log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('prosody.log', mode);
    });

    it('reads timestamp, source and level', () => {
      log.expect('New BOSH session', 'Nov 23 21:07:47', 'log.date');
      log.expect('New BOSH session', 'mod_bosh', 'entity.name.type.class.logger');
      log.expect('New BOSH session', 'info', 'log.info');
      log.expect('BOSH session created', 'bosh0b4e1b0c', 'entity.name.type.class.logger');
      log.expect('BOSH session created', 'debug', 'log.debug');
      log.expect('BOSH client disconnected', 'warn', 'log.warning');
      log.expect('Traceback', 'error', 'log.error');
    });

    it("reads the sid Prosody assigns (sid '…')", () => {
      log.expect('New BOSH session', 'sid', 'variable.other.key');
      log.expect('New BOSH session', '0b4e1b0c-2c5d-4f5a-9a55-1c6c4d2b8e11', 'constant.other.sid');
    });

    it('marks Received[c2s] / Sending[c2s] and highlights the stanza', () => {
      log.expect('Received[c2s]', 'Received', 'keyword.other.direction.received');
      log.expect('Sending[c2s]', 'Sending', 'keyword.other.direction.sent');
      log.expect('Sending[c2s]', '<«bind» ', 'entity.name.tag');
      log.expect('Sending[c2s]', 'urn:ietf:params:xml:ns:xmpp-bind', 'string.quoted.single');
      log.expect('Sending[c2s]', 'agent', 'string.unquoted.jid.local');
      log.expect('Sending[c2s]', '</', 'punctuation.definition.tag.begin');
    });

    it('reads rid and sid attributes of a request body', () => {
      log.expect('Request data', '1573741820', 'constant.numeric.rid');
      log.expect('Request data', "sid='«0b4e1b0c-2c5d-4f5a-9a55-1c6c4d2b8e11»'", 'constant.other.sid');
    });

    it('marks the disconnect and its condition', () => {
      log.expect('BOSH client disconnected', 'BOSH client disconnected', 'keyword.control.troubleshooting');
      log.expect('BOSH client disconnected', 'item-not-found', 'keyword.control.condition');
    });
  });
}
