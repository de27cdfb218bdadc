// Hover on WebSocket log lines of real servers and clients (test/fixtures/logs/websocket/).
import assert from 'node:assert/strict';
import { hoverAt } from '../../src/features/hover/hover-content';
import { fixture } from './fixtures';

const lines = (text: string) => {
  const all = text.split('\n');
  return { lineCount: all.length, lineAt: (n: number) => all[n] };
};

/** The 0-based number of the first line matching `re`. */
function lineOf(doc: ReturnType<typeof lines>, re: RegExp): number {
  for (let n = 0; n < doc.lineCount; n++) if (re.test(doc.lineAt(n))) return n;
  throw new Error(`no line matches ${re}`);
}

describe('hover: WebSocket log lines', () => {
  it('a Strophe console RECV: line with a pubsub notification shows it decoded', () => {
    const doc = lines(fixture('logs/websocket/strophe-console.log'));
    const n = lineOf(doc, /RECV: .*pubsub#event/);
    const h = hoverAt(doc, n, doc.lineAt(n).indexOf('<message') + 3)!;
    assert.ok(h, 'a hover');
    assert.match(h.markdown, /<!-- decoded from escaped text, layer 1 -->\n\s*<Update>/);
    assert.match(h.markdown, /READY/);
  });

  it('a Prosody Sending[c2s]: top tag is hovered and said to be partial, never a whole stanza', () => {
    const doc = lines(fixture('logs/websocket/prosody-debug.log'));
    const n = lineOf(doc, /Sending\[c2s\]: <message [^>]*type='headline'/);
    const h = hoverAt(doc, n, doc.lineAt(n).indexOf('<message') + 3)!;
    assert.ok(h, 'a hover');
    assert.match(h.markdown, /pubsub\.localhost/);
    assert.match(h.markdown, /partial|truncated|cut off/i);
  });

  it('an ejabberd Send XML on stream line is hovered from inside its Erlang binary', () => {
    const doc = lines(fixture('logs/websocket/ejabberd.log'));
    const n = lineOf(doc, /Send XML on stream = <<"<iq type='result' id='_bind_auth_2'>/);
    const h = hoverAt(doc, n, doc.lineAt(n).indexOf('<iq') + 2)!;
    assert.ok(h, 'a hover');
    assert.match(h.markdown, /1001@localhost\/desktop/);
  });
});
