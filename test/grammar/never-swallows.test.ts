// Property: whatever broken markup a line carries (unclosed tags, comments, CDATA, escaped tags,
// Finesse blocks, continuation lines that look like attributes), the next line that starts a log
// record is read as a record again. Lines are random joins of the pieces logs really contain.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MODES, hasScope, insideRegion, tokenizeText } from './scoped-lines';

const PIECES = [
  '<body xmlns="http://jabber.org/protocol/httpbind"', '<presence from="a@b/c" id="x', '<message', '</message>', '/>', '>',
  '<!-- ', ' -->', '<![CDATA[', ']]>', '<?xml version="1.0"', '?>', '&lt;Update', '&gt;', '&lt;state a=&quot;', '&quot;',
  '&amp;lt;user', '&amp;gt;', '%[presence=', '[', ']', '"', "'", ' sid=', 'f382a015', ' rid: ', '2779414706', ' READY ',
  ' item-not-found ', ' Closing idle session ', 'alice@example.org/phone', ' <<"', '">> ', ' a < b ', 'List<String>', ' ',
];
const CONTINUATIONS = ['    xmlns:stream="http://etherx.jabber.org/streams"', '   sid="3445afbe">', '  />', '', 'after inactivity for more than threshold value of 60', '\tat com.example.Foo.<init>(Foo.java:12)'];
const RECORD = '2020.05.12 10:11:12.345 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body rid="1"/>';

const brokenLine = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => `2020.05.12 10:11:12.000 DEBUG [x]: y - ${p.join('')}`);
const block = fc.tuple(brokenLine, fc.array(fc.constantFrom(...CONTINUATIONS), { maxLength: 3 })).map(([line, rest]) => [line, ...rest, RECORD]);

for (const mode of MODES) {
  describe(`no broken stanza swallows the next record (${mode})`, () => {
    it('holds for random broken lines and continuations', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 6 }), async (blocks) => {
          const lines = blocks.flat();
          const log = await tokenizeText(lines.join('\n'), mode);
          lines.forEach((line, i) => {
            assert.equal(log.tokens[i].reduce((n, t) => n + t.text.length, 0), line.length, `line ${i + 1} fully tokenized`);
            if (line === RECORD) {
              const first = log.tokens[i][0];
              assert.ok(hasScope(first, 'log.date') && !insideRegion(first), `line ${i + 1} is a record again:\n${lines.slice(0, i + 1).join('\n')}`);
              const last = log.tokens[i][log.tokens[i].length - 1];
              assert.ok(hasScope(last, 'punctuation.definition.tag.end'), `line ${i + 1} closes its own tag:\n${lines.slice(0, i + 1).join('\n')}`);
            }
          });
        }),
        { numRuns: 150 },
      );
    });
  });
}
