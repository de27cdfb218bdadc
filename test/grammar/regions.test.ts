// Multi-line stanzas are followed onto their continuation lines, and a fragment that never
// closes ends at the next line that starts a log record instead of swallowing the file.
import { strict as assert } from 'node:assert';
import { MODES, type ScopedLines, hasScope, insideRegion, tokenizeText } from './scoped-lines';

const RECORD = (n: number) => `2020.05.12 10:11:${String(n % 60).padStart(2, '0')}.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body rid="${2779414706 + n}" sid="f382a015"/>`;

/** Every record line after `from` still starts with a timestamp and ends outside any region. */
function assertRecordsIntact(log: ScopedLines, from: number): void {
  for (let i = from; i < log.source.length; i++) {
    if (!log.source[i].startsWith('2020.05.12')) continue;
    const first = log.tokens[i][0];
    assert.ok(hasScope(first, 'log.date'), `line ${i + 1} should open with a timestamp: ${first.scopes.join(' ')}`);
    assert.ok(!insideRegion(first), `line ${i + 1} should start outside any region: ${first.scopes.join(' ')}`);
    const last = log.tokens[i][log.tokens[i].length - 1];
    assert.ok(hasScope(last, 'punctuation.definition.tag.end'), `line ${i + 1} should end its own tag: ${last.scopes.join(' ')}`);
  }
}

const records = (count: number) => Array.from({ length: count }, (_, n) => RECORD(n)).join('\n');

const UNCLOSED: Record<string, string> = {
  'a tag cut off inside an attribute value': '2020.05.12 10:11:00.000 DEBUG [x]: y - HTTP SENT(f382a015): <body xmlns="http://jabber.org/protocol/httpbind"><presence from="a@b/c" id="x',
  'a tag cut off after its name': '2020.05.12 10:11:00.000 DEBUG [x]: y - HTTP SENT(f382a015): <message',
  'an escaped tag cut off': '2020.05.12 10:11:00.000 DEBUG [x]: y - HTTP SENT(f382a015): <notification>&lt;Update&gt;&lt;state attr=&quot;REA',
  'a doubly escaped tag cut off': '2020.05.12 10:11:00.000 DEBUG [x]: y - &amp;lt;Update a=&amp;quot;1',
  'a comment that never ends': '2020.05.12 10:11:00.000 DEBUG [x]: y - <!-- keep-alive',
  'a CDATA section that never ends': '2020.05.12 10:11:00.000 DEBUG [x]: y - Socket data: <![CDATA[POST /http-bind/ HTTP/1.1',
  'a processing instruction that never ends': "2020.05.12 10:11:00.000 DEBUG [x]: y - <?xml version='1.0'",
  'a Finesse parameter block that never closes': '0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_Smack Listener Processor (1)-6-PRESENCE_NOTIFICATION: %[presence=<presence from="1001003@fin1.ucce.local/desktop"/>',
};

for (const mode of MODES) {
  describe(`regions over several lines (${mode})`, () => {
    for (const [what, line] of Object.entries(UNCLOSED)) {
      it(`${what}: the 300 records after it are unaffected`, async () => {
        const log = await tokenizeText(`${line}\ncontinuation text\n${records(300)}`, mode);
        assertRecordsIntact(log, 1);
      });
    }

    it('follows a tag whose attributes continue on indented lines', async () => {
      const log = await tokenizeText(`${RECORD(0).replace('/>', '')}\n    xmlns:xmpp="urn:xmpp:xbosh"\n    xmpp:version="1.0"/>\n${RECORD(1)}`, mode);
      log.expect('    xmlns:xmpp', 'xmpp', 'entity.other.attribute-name.localname');
      log.expect('    xmpp:version', 'version', 'entity.other.attribute-name.localname');
      log.expect('    xmpp:version', '1.0', 'string.quoted.double');
      log.expect('    xmpp:version', '/>', 'punctuation.definition.tag.end');
      assertRecordsIntact(log, 3);
    });

    it('ends an open tag at a following line that is not more of the tag', async () => {
      const log = await tokenizeText(`${RECORD(0).replace('/>', '')}\nCaused by: java.io.EOFException\n${RECORD(1)}`, mode);
      log.expectNot('Caused by', 'Caused by: java.io.EOFException', 'meta.tag');
    });

    it('follows a comment and a CDATA section over several lines up to their end', async () => {
      const log = await tokenizeText(`${RECORD(0)} <!-- first\nsecond -->\nSocket data: <![CDATA[POST /http-bind/ HTTP/1.1\nHost: fin1.ucce.local\n\n<body rid="1"/>]]> after\n${RECORD(1)}`, mode);
      log.expect('second -->', 'second ', 'comment.block');
      log.expect('Host: fin1', 'Host: fin1.ucce.local', 'string.unquoted.cdata');
      log.expect('<body rid="1"/>]]>', 'body', 'entity.name.tag');
      log.expectNot(']]> after', ' after', 'string.unquoted.cdata');
      assertRecordsIntact(log, 6);
    });
  });
}
