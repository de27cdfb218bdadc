// Lines built to make a regular expression backtrack: each must tokenize to the end, and the log
// must carry on normally after it. How long they take is measured by `npm run bench:grammar`;
// mocha's timeout only keeps a catastrophic regex from hanging the suite.
import { strict as assert } from 'node:assert';
import { MODES, hasScope, insideRegion, tokenizeText } from './scoped-lines';

const LENGTH = 20_000;
const fill = (head: string, unit: string) => (head + unit.repeat(Math.ceil(LENGTH / unit.length))).slice(0, LENGTH);

const HOSTILE_LINES: Record<string, string> = {
  'unclosed attribute full of escaped markup': fill('<a b="', '&lt;&lt;&amp;lt; <c d=&quot;e '),
  'a thousand opening brackets without names': fill('', '&lt;'),
  'one endless tag name': fill('<', 'a'),
  'one endless escaped tag name': fill('&lt;', 'a.b-'),
  'dotted words without an @': fill('', 'a.'),
  'escapes nested without end': fill('&', 'amp;'),
  'unbalanced Finesse brackets': fill('%[k=', '[x=<a b="]'),
  'an escaped attribute that never closes': fill('&lt;a b=&quot;', 'x&amp;y&amp;quot'),
  'a thread that never closes': fill('2020.05.12 10:11:12.345 DEBUG [', 'Jetty-QTP '),
  'a Finesse thread full of dashes': fill('0000001043: 10.10.10.21: Jun 17 2017 00:16:04.630 +0530: %CCBU_', 'a-1-b-'),
  'ids without values': fill('', 'sid= rid: id= '),
  'JID-like runs': fill('', 'a@b.c/d@'),
  'quotes and angle brackets alternating': fill('', `"<'>`),
};

const NEXT = '2020.05.12 10:11:13.000 DEBUG [Jetty-QTP-BOSH-1]: org.jivesoftware.openfire.http.HttpBindServlet - HTTP RECV(f382a015): <body rid="1"/>';

for (const mode of MODES) {
  describe(`hostile ${LENGTH}-character lines (${mode})`, () => {
    for (const [what, line] of Object.entries(HOSTILE_LINES)) {
      it(`${what}: tokenized to the end, next record intact`, async () => {
        const log = await tokenizeText(`${line}\n${NEXT}`, mode);
        const tokens = log.tokens[0];
        const covered = tokens.reduce((n, t) => n + t.text.length, 0);
        assert.equal(covered, line.length, 'every character belongs to a token');
        const first = log.tokens[1][0];
        assert.ok(hasScope(first, 'log.date') && !insideRegion(first), `next record starts with: ${first.scopes.join(' ')}`);
      });
    }
  });
}
