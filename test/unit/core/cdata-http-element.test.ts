// CDATA sections holding whole HTTP messages inside an element, as XEP-0124 writes its own
// examples: the start line and headers stay text, the <body> and its stanzas are decoded.
import { strict as assert } from 'node:assert';
import { decodeFragment, decodedXml } from '../../../src/core/decode';
import { findInText } from '../../../src/core/find/finder';
import { isElement, type XmlElement } from '../../../src/core/xml/element';
import { find } from '../fixtures';

// XEP-0124 §8 "Sending and Receiving XML Payloads", examples as in xep-0124.xml.
const TRANSMITTING = `    <example caption="Transmitting payloads">
<![CDATA[POST /webclient HTTP/1.1
Host: httpcm.jabber.org
Accept-Encoding: gzip, deflate
Content-Type: text/xml; charset=utf-8
Content-Length: 188

<body rid='1249243562'
      sid='SomeSID'
      xmlns='http://jabber.org/protocol/httpbind'>
  <message to='contact@example.com'
           xmlns='jabber:client'>
    <body>Good morning!</body>
  </message>
  <message to='friend@example.com'
           xmlns='jabber:client'>
    <body>Hey, what&apos;s up?</body>
  </message>
</body>]]></example>`;

const SESSION_CREATED = `      <example caption="Session creation response">
<![CDATA[HTTP/1.1 200 OK
Content-Type: text/xml; charset=utf-8
Content-Length: 128

<body wait='60'
      inactivity='30'
      polling='5'
      requests='2'
      hold='1'
      ack='1573741820'
      accept='deflate,gzip'
      maxpause='120'
      sid='SomeSID'
      charsets='ISO_8859-1 ISO-2022-JP'
      ver='1.6'
      from='jabber.org'
      secure='true'
      xmlns='http://jabber.org/protocol/httpbind'/>]]></example>`;

function decodeOne(text: string) {
  const found = findInText(text);
  assert.equal(found.length, 1, 'the example is one fragment');
  return decodeFragment(found[0]);
}

function elements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

describe('CDATA holding a whole HTTP message inside an element', () => {
  it("a request: the headers stay text, the body and both messages are elements a layer down", () => {
    const d = decodeOne(TRANSMITTING);
    assert.equal(d.error, undefined);
    assert.equal(d.layers, 1);
    const [body] = elements(d.root!);
    assert.equal(body.name, 'body');
    assert.equal(body.layer, 1);
    assert.equal(body.attrs.rid, '1249243562');
    assert.deepEqual(elements(body).map((m) => m.attrs.to), ['contact@example.com', 'friend@example.com']);
    assert.equal(find(body, 'message', 'body')?.text(), 'Good morning!');
    const head = d.root!.children.find((c) => typeof c === 'string') as string;
    assert.match(head, /^\s*POST \/webclient HTTP\/1\.1\nHost: httpcm\.jabber\.org\n[\s\S]*Content-Length: 188\n\n$/);
    assert.match(decodedXml(d), /<message to="friend@example.com" xmlns="jabber:client">\s*<body>Hey, what's up\?<\/body>/);
  });

  it('a response: a status line, and the session creation attributes read', () => {
    const d = decodeOne(SESSION_CREATED);
    const [body] = elements(d.root!);
    assert.deepEqual([body.attrs.sid, body.attrs.wait, body.attrs.inactivity, body.attrs.requests], ['SomeSID', '60', '30', '2']);
  });

  it('on one log line, and with CRLF line ends as a capture keeps them', () => {
    const d = decodeOne("2019-05-14 12:34:56.789 DEBUG capture: <example><![CDATA[HTTP/1.1 200 OK\nContent-Type: text/xml\n\n<body xmlns='http://jabber.org/protocol/httpbind'><presence from='a@b/c'/></body>]]></example>");
    assert.equal(find(d.root, 'body', 'presence')?.attrs.from, 'a@b/c');
    const crlf = decodeFragment({ line: 1, endLine: 1, column: 0, escaped: 0, partial: false, text: "<example><![CDATA[HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<body xmlns='http://jabber.org/protocol/httpbind'/>]]></example>" });
    assert.equal(crlf.layers, 1);
    assert.equal(elements(crlf.root!)[0].attrs.xmlns, 'http://jabber.org/protocol/httpbind');
  });

  it('stays text when it is not a whole HTTP message with an XML body', () => {
    for (const inner of [
      'POST /webclient HTTP/1.1\nHost: h\n<body rid="1"/>', // no blank line before the body
      'HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html><p>not closed</html>', // the body is not well-formed
      'GET is a verb; HTTP/1.1 is a protocol\n\n<b/>', // prose, not a request line
    ]) {
      const d = decodeOne(`<example><![CDATA[${inner}]]></example>`);
      assert.equal(d.layers, 0, inner);
      assert.deepEqual(d.root!.children, [inner]);
    }
  });
});
