import assert from 'node:assert/strict';
import { codeBlock, fragmentAt, hoverAt, md } from '../../src/features/hover/hover-content';
import { fixture } from './fixtures';

const lines = (text: string) => {
  const all = text.split('\n');
  return { lineCount: all.length, lineAt: (n: number) => all[n] };
};

describe('hover: the stanza under the cursor', () => {
  const openfire = lines(fixture('logs/openfire.log'));

  it('finds a stanza spread over lines from any line inside it', () => {
    // Line 8 (0-based 7) is inside the pretty-printed <body> that starts on line 2.
    const f = fragmentAt(openfire, 7, 10);
    assert.equal(f?.line, 2);
    assert.equal(f?.endLine, 10);
  });

  it('answers nothing on the log prefix or on a line without XML', () => {
    assert.equal(fragmentAt(openfire, 0, 3), undefined, 'the timestamp is not the stanza');
    assert.equal(fragmentAt(openfire, 10, 40), undefined, 'the Session … was last active line has no XML');
  });

  it('shows the summary, the decoded XML with its layer marked, and the Inspector link', () => {
    const h = hoverAt(openfire, 1, 200, { inspectorLink: 'command:xmppBosh.openInspector?x' })!;
    assert.ok(h.markdown.startsWith('**User 47483648 → NOT\\_READY, reason 12 \\(PUT\\)**'), h.markdown.slice(0, 100));
    assert.match(h.markdown, /```xml\n<body [^\n]*\n/);
    assert.match(h.markdown, /<!-- decoded from escaped text, layer 1 -->\n\s*<Update>/);
    assert.match(h.markdown, /\[Open in Stanza Inspector\]\(command:xmppBosh\.openInspector\?x\)$/);
    assert.deepEqual(h.start, { line: 1, character: openfire.lineAt(1).indexOf('<body') });
    assert.equal(h.end.line, 9);
    assert.equal(h.cut, false);
  });

  it('explains a BOSH terminal condition', () => {
    const h = hoverAt(openfire, 11, 200)!;
    assert.match(h.markdown, /BOSH condition `item-not-found`: the server no longer knows this session/);
  });

  it('cuts big payloads at the configured size and says where to change it', () => {
    const big = `<message to="a@b"><body>${'word '.repeat(400_000)}</body></message>`;
    const h = hoverAt(lines(big), 0, 5, { maxChars: 5000 })!;
    assert.equal(h.cut, true);
    assert.ok(h.markdown.length < 7000, `${h.markdown.length} characters`);
    assert.match(h.markdown, /Cut at 5,000 characters \(setting `xmppBosh\.hover\.maxChars`\)/);
  });

  it('keeps stanza text from becoming Markdown links, HTML or a closed code fence', () => {
    const evil = '<message to="a@b"><body>[click](javascript:alert(1)) <img src=x onerror=alert(1)> ```</body></message>';
    const h = hoverAt(lines(evil.replace(/<img[^>]*>/, '&lt;img src=x onerror=alert(1)&gt;')), 0, 3)!;
    const summary = h.markdown.split('\n')[0];
    assert.ok(!summary.includes('](javascript'), summary);
    assert.ok(!/<img/.test(summary), summary);
    assert.match(h.markdown, /````xml\n/, 'the fence is longer than the backticks inside');
    assert.equal(md('a_b*[c](d)<e>&'), 'a\\_b\\*\\[c\\]\\(d\\)&lt;e&gt;&amp;');
    assert.equal(codeBlock('x', 'xml'), '```xml\nx\n```');
  });

  it('keeps a BOSH condition from closing its code span or starting a block of its own', () => {
    const image = '![i](https://example.invalid/t.png)';
    const conditions: Array<[string, string]> = [
      [`x\` ${image} \``, `\`\` x\` ${image} \` \`\``],
      [`a&#10;&#10;${image}`, `\`a ${image}\``],
    ];
    for (const [attribute, span] of conditions) {
      const h = hoverAt(lines(`<body xmlns="http://jabber.org/protocol/httpbind" type="terminate" condition="${attribute}"/>`), 0, 3)!;
      const before = h.markdown.split('```xml')[0];
      assert.ok(before.includes(`BOSH condition ${span}: `), before);
      assert.equal(before.split(image).length, 2, `the only unescaped copy is inside the code span: ${before}`);
      assert.ok(!/\n\n(?!BOSH condition|body)/.test(before.trimEnd()), `no paragraph of the stanza's own: ${JSON.stringify(before)}`);
    }
    assert.equal(md('one\n\n# two'), 'one \\# two');
  });

  it('decodes an escaped payload where the cursor is inside it (Finesse webservices log)', () => {
    const ws = lines(fixture('logs/finesse-webservices.log'));
    const n = fixture('logs/finesse-webservices.log').split('\n').findIndex((l) => l.includes('Publishing &lt;Update'));
    const col = ws.lineAt(n).indexOf('LOGOUT');
    const h = hoverAt(ws, n, col)!;
    assert.ok(h.markdown.startsWith('**Finesse User 1001003 → LOGOUT, reason 255 \\(PUT\\)**'), h.markdown.slice(0, 80));
    assert.match(h.markdown, /escaped 1× in the log/);
    assert.match(h.markdown, /<state>LOGOUT<\/state>/);
  });
});
