// RFC 7395 framing elements described as the stream headers they stand for.
import { strict as assert } from 'node:assert';
import { decodeFragment } from '../../../src/core/decode';
import { describeDecoded } from '../../../src/core/describe';
import { findInText } from '../../../src/core/find/finder';

const describeXml = (xml: string) => describeDecoded(decodeFragment(findInText(xml)[0]));
const NS = 'urn:ietf:params:xml:ns:xmpp-framing';

describe('describe: WebSocket framing (RFC 7395)', () => {
  it("the client's <open/> names the domain it opens the stream to", () => {
    const d = describeXml(`<open xmlns='${NS}' to='localhost' version='1.0'/>`);
    assert.equal(d.kind, 'stream');
    assert.equal(d.summary, 'stream opened to localhost');
    assert.equal(d.to, 'localhost');
  });

  it("the server's <open/> carries the stream id", () => {
    const d = describeXml(`<open xmlns="${NS}" xml:lang="en" version="1.0" from="localhost" id="a1b2-c3"/>`);
    assert.equal(d.summary, 'stream opened from localhost id=a1b2-c3');
    assert.equal(d.id, 'a1b2-c3');
    assert.equal(d.from, 'localhost');
  });

  it('<close/> closes the stream, and a see-other-uri says where to go', () => {
    assert.equal(describeXml(`<close xmlns="${NS}"/>`).summary, 'stream closed');
    assert.equal(describeXml(`<close xmlns="${NS}" see-other-uri="wss://fin2.example:8445/ws/"/>`).summary, 'stream closed: see-other-uri wss://fin2.example:8445/ws/');
  });

  it('an <open> or <close> of another namespace is not framing', () => {
    assert.notEqual(describeXml(`<open xmlns="urn:example:doors" to="garden"/>`).summary, 'stream opened to garden');
    assert.equal(describeXml(`<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>`).summary, 'stream header to localhost, version 1.0');
  });
});
