// The decoded view's text from real samples: the first-line comment, layers marked, secrets hidden, and HAR bodies by line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comment, decodedCopy, decodedDocument } from '../../../src/core/decoded-document';
import { findInText } from '../../../src/core/find/finder';
import { HarText } from '../../../src/core/find/har-at';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const read = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

describe('decoded view of a stanza', () => {
  const finesse = findInText(read('finesse/openfire/debug.log'));
  const notification = finesse.find((f) => f.text.includes('&lt;Update&gt;') && f.text.includes('NOT_READY'))!;
  // The sample's own credentials are redacted already: a PLAIN payload put back in its line.
  const authLine = read('finesse/openfire/debug.log').split('\n').find((l) => l.includes('<auth'))!.replace('[redacted]', 'AGlzYWFjAHNlY3JldA==');
  const auth = findInText(authLine)[0];

  it('names the log, line, time and direction first, then the stanza with its decoded layer marked', () => {
    const text = decodedDocument([notification], { source: 'debug.log' });
    const lines = text.split('\n');
    assert.equal(lines[0], `<!-- debug.log, line ${notification.line} · 2019-01-11T23:56:54.802 · sent · 1 nested layer decoded -->`);
    assert.equal(lines[1].trim().startsWith('<body'), true);
    const mark = lines.findIndex((l) => l.trim() === '<!-- decoded from escaped text, layer 1 -->');
    assert.ok(mark > 0, text);
    assert.match(lines[mark - 1], /<notification xmlns="http:\/\/jabber.org\/protocol\/pubsub">/);
    assert.match(lines[mark + 1], /^\s+<Update>$/);
    assert.match(text, /<state>NOT_READY<\/state>/);
    assert.doesNotMatch(text, /&lt;/);
  });

  it('says in its first line that the cursor left the stanza, and keeps showing it', () => {
    const text = decodedDocument([notification], { source: 'debug.log', staleAtLine: 30 });
    assert.match(text.split('\n')[0], new RegExp(`^<!-- No stanza at line 30; still showing debug\\.log, line ${notification.line} · `));
    assert.match(text, /<state>NOT_READY<\/state>/);
  });

  it('hides SASL credentials unless asked, and says whose they were', () => {
    const hidden = decodedDocument([auth]);
    const payload = /<auth[^>]*>([^<]+)<\/auth>/.exec(auth.text)![1];
    assert.ok(!hidden.includes(payload), hidden);
    assert.match(hidden, /\[redacted\]/);
    assert.match(hidden, /<!-- .*xmppBosh\.showSecrets shows them\) -->/);
    assert.ok(!decodedCopy([auth]).includes(payload));
    assert.ok(decodedCopy([auth], { showSecrets: true }).includes(payload));
  });

  it('shows each stanza of a selection under a comment of its own', () => {
    const two = finesse.slice(0, 2);
    const text = decodedDocument(two, { source: 'debug.log' });
    assert.match(text.split('\n')[0], new RegExp(`^<!-- debug\\.log, 2 stanzas from lines ${two[0].line}-${two[1].endLine} -->$`));
    assert.equal(text.match(/^<!-- line \d+ · /gm)?.length, 2);
    assert.equal(decodedCopy(two).split('\n\n').length, 2);
  });

  it('keeps a comment a comment whatever the log put in it', () => {
    assert.equal(comment('a -- b --> c\nd-'), '<!-- a - - b - -> c d-  -->');
    const inside = comment('x--->').slice('<!--'.length, -'-->'.length);
    assert.doesNotMatch(inside, /--/);
    assert.doesNotMatch(inside, /-$/);
  });
});

describe('stanza at a line of a HAR opened as text', () => {
  const text = read('finesse/finesse-desktop.har');
  const har = new HarText(text);
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  it('is the body on that line, named by its own line, not its entry’s', () => {
    const at = lineOf('K7hYG');
    const f = har.at(at)!;
    assert.equal(f.line, at);
    assert.equal(f.direction, 'received');
    assert.match(f.text, /K7hYG/);
  });

  it('is the request body between an entry’s request and its response', () => {
    const request = lineOf('rid=\\"2779414707\\"');
    const f = har.at(request + 3)!;
    assert.equal(f.direction, 'sent');
    assert.match(f.text, /rid="2779414707"/);
  });

  it('is nothing before the first entry', () => {
    assert.equal(har.at(3), undefined);
  });
});

describe('hover links', () => {
  it('puts Open in Stanza Inspector and Open Decoded Beside on one line, and only those given', async () => {
    const { hoverAt } = await import('../../../src/features/hover/hover-content');
    const lines = read('finesse/openfire/debug.log').split('\n');
    const text = { lineCount: lines.length, lineAt: (n: number) => lines[n] };
    const line = lines.findIndex((l) => l.includes('&lt;Update&gt;'));
    const both = hoverAt(text, line, lines[line].indexOf('&lt;Update'), { inspectorLink: 'command:a?1', decodedLink: 'command:b?2' })!;
    assert.match(both.markdown, /\n\n\[Open in Stanza Inspector\]\(command:a\?1\) · \[Open Decoded Beside\]\(command:b\?2\)$/);
    const decodedOnly = hoverAt(text, line, lines[line].indexOf('&lt;Update'), { decodedLink: 'command:b?2' })!;
    assert.match(decodedOnly.markdown, /\n\n\[Open Decoded Beside\]\(command:b\?2\)$/);
    assert.doesNotMatch(decodedOnly.markdown, /Stanza Inspector\]/);
  });
});
