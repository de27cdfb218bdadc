import { strict as assert } from 'node:assert';
import { MODES, type ScopedLines, tokenizeFixture } from './scoped-lines';

for (const mode of MODES) {
  describe(`Openfire 4.3+ debug.log (${mode})`, () => {
    let log: ScopedLines;
    before(async () => {
      log = await tokenizeFixture('openfire.log', mode);
    });

    it('reads the record prefix: timestamp, level, thread and logger', () => {
      const line = '10:11:12.345 DEBUG';
      log.expect(line, '2020.05.12 10:11:12.345', 'log.date');
      log.expect(line, 'DEBUG', 'log.debug');
      log.expect(line, 'Jetty-QTP-BOSH-12', 'variable.other.thread');
      log.expect(line, 'org.jivesoftware.openfire.http.HttpBindServlet', 'entity.name.type.class.logger');
      log.expect('10:11:15.002 WARN', 'WARN', 'log.warning');
      log.expect('10:11:16.000 ERROR', 'ERROR', 'log.error');
      log.expect('10:11:15.001 INFO', 'TaskEngine-pool-3', 'variable.other.thread');
    });

    it('marks direction and the session id in HTTP RECV(…) / HTTP SENT(…)', () => {
      log.expect('10:11:12.345 DEBUG', 'HTTP RECV', 'keyword.other.direction.received');
      log.expect('10:11:12.402 DEBUG', 'HTTP SENT', 'keyword.other.direction.sent');
      log.expect('10:11:12.345 DEBUG', 'f382a015', 'constant.other.sid');
    });

    it('highlights the BOSH body: tag names, attributes, values, sid and rid', () => {
      const line = '10:11:12.345 DEBUG';
      log.expect(line, '<', 'punctuation.definition.tag.begin');
      log.expect(line, 'body', 'entity.name.tag');
      log.expect(line, 'xmlns', 'entity.other.attribute-name');
      log.expect(line, '=', 'punctuation.separator.key-value');
      log.expect(line, 'http://jabber.org/protocol/httpbind', 'string.quoted.double');
      log.expect(line, '2779414706', 'constant.numeric.rid');
      log.expect(line, 'sid="«f382a015»"', 'constant.other.sid');
      log.expect(line, '/>', 'punctuation.definition.tag.end');
    });

    it('keeps highlighting a pretty-printed stanza on its continuation lines', () => {
      log.expect('    xmlns:stream=', 'xmlns', 'entity.other.attribute-name.namespace');
      log.expect('    xmlns:stream=', 'stream', 'entity.other.attribute-name.localname');
      log.expect('  <message xmlns', 'message', 'entity.name.tag');
      log.expect('  <message xmlns', '47483648@fin1.ucce.local', 'string.quoted.double');
      log.expect('      <items node', 'items', 'entity.name.tag');
      log.expect('</body>', '</', 'punctuation.definition.tag.begin');
      log.expect('</body>', 'body', 'entity.name.tag');
    });

    it('highlights the escaped Finesse <Update> inside <notification>, also across lines', () => {
      const first = '<item id="i1">';
      log.expect(first, '&lt;', 'punctuation.definition.tag.begin.escaped');
      log.expect(first, 'Update', 'entity.name.tag');
      log.expect(first, '&gt;', 'punctuation.definition.tag.end.escaped');
      const middle = '&lt;data&gt;&lt;user&gt;';
      log.expect(middle, 'data', 'entity.name.tag');
      log.expect(middle, 'state', 'entity.name.tag');
      log.expect(middle, 'READY', 'constant.language.state.finesse');
      log.expect(middle, '&lt;/', 'punctuation.definition.tag.begin.escaped');
      log.expect('&lt;event&gt;PUT', 'event', 'entity.name.tag');
      log.expect('&lt;event&gt;PUT', '</', 'punctuation.definition.tag.begin');
    });

    it('highlights a doubly escaped payload: &amp;lt;Update&amp;gt; inside &lt;notification&gt;', () => {
      const line = '10:11:13.000 DEBUG';
      log.expect(line, '&lt;', 'punctuation.definition.tag.begin.escaped');
      log.expect(line, 'notification', 'entity.name.tag');
      log.expect(line, '&quot;', 'punctuation.definition.string.begin');
      log.expect(line, 'http://jabber.org/protocol/pubsub', 'string.quoted.double');
      log.expect(line, '&amp;lt;', 'punctuation.definition.tag.begin.escaped');
      log.expect(line, 'Update', 'entity.name.tag');
      log.expect(line, '&amp;gt;', 'punctuation.definition.tag.end.escaped');
      log.expect(line, 'NOT_READY', 'constant.language.state.finesse');
    });

    it('ends a stanza cut off mid-attribute at the next record', () => {
      const next = log.lineIndex('10:11:15.001 INFO');
      assert.ok(!log.lineScopes(next).some((s) => s.startsWith('meta.tag')), 'the record after a truncated stanza is not inside a tag');
      log.expect('10:11:15.001 INFO', '2020.05.12 10:11:15.001', 'log.date');
    });

    it('points at what explains a dropped session', () => {
      log.expect('was last active 63231', 'was last active', 'keyword.control.troubleshooting');
      log.expect('was last active 63231', '63231', 'constant.numeric.duration');
      log.expect('was last active 63231', 'ms ago', 'keyword.control.troubleshooting');
      log.expect('10:11:15.002 WARN', 'Closing idle session', 'keyword.control.troubleshooting');
      log.expect('10:11:15.002 WARN', '60', 'constant.numeric.duration');
      log.expect('10:11:16.000 ERROR', 'Unable to route packet', 'keyword.control.troubleshooting');
      log.expect('10:11:16.000 ERROR', 'No session is available so store offline', 'keyword.control.troubleshooting');
    });

    it('marks the terminate condition', () => {
      log.expect('condition="item-not-found"', 'terminate', 'keyword.control.condition');
      log.expect('condition="item-not-found"', 'item-not-found', 'keyword.control.condition');
    });

    it('reads JIDs in the message text', () => {
      const line = 'was last active 63231';
      log.expect(line, '47483648', 'string.unquoted.jid.local');
      log.expect(line, 'fin1.ucce.local', 'string.unquoted.jid.domain');
      log.expect(line, 'desktop', 'string.unquoted.jid.resource');
    });

    it('does not take Foo.<init> in a stack trace for a tag', () => {
      log.expectNot('Foo.<init>', '<init>', 'entity.name.tag');
    });

    it('reads prefixed attributes of a session request (xml:lang, xmpp:version)', () => {
      const line = '10:11:17.000 DEBUG';
      log.expect(line, '«xml»:lang', 'entity.other.attribute-name.namespace');
      log.expect(line, 'lang', 'entity.other.attribute-name.localname');
      log.expect(line, 'version', 'entity.other.attribute-name.localname');
      log.expect(line, 'urn:xmpp:xbosh', 'string.quoted.double');
    });
  });
}
