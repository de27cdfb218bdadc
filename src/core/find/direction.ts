import type { Direction } from '../fragment';

// The words loggers put before a stanza, as the logging side sees it: an Openfire "HTTP RECV"
// is a request the server received. Checked on the text between the log prefix and the fragment.
const SENT = /(?:^|[\s\[(:|])(?:SENT|SEND|Sent|sent|Sending|sending|Send XML|OUT|Out|Outgoing|outgoing|xmlOutput|rawOutput|C2S|>>|=>|->)(?=[\s:(\[\]|=]|$)/;
const RECEIVED = /(?:^|[\s\[(:|])(?:RECV|RCV|RCVD|RECEIVED|Received|received|Receiving|receiving|Recv|IN|In|Incoming|incoming|xmlInput|rawInput|S2C|<<|<=|<-)(?=[\s:(\[\]|=]|$)/;
// Raw HTTP in captures and CDATA sections: a request line is sent, a status line received.
const HTTP_REQUEST = /\b(?:POST|GET) \S+ HTTP\/\d/;
const HTTP_STATUS = /\bHTTP\/\d(?:\.\d)? \d{3}\b/;
// Prosody's own words (mod_bosh.lua, mod_c2s.lua): a request it handles came from the client,
// the stream error it disconnects a client with goes to it.
const PROSODY_RECEIVED = /\bHandling new request\b/;
const PROSODY_SENT = /\bDisconnecting client\b/;
// Strophe/JSXC consoles mark lines with a bare '>' (out) or '<' (in) before the XML.
const ARROW = /^\s*([<>])\s+$/;

/** The direction named in a lead-in, or undefined when it names none (or both). */
export function directionIn(leadIn: string): Direction | undefined {
  if (leadIn.length === 0) return undefined;
  const arrow = ARROW.exec(leadIn);
  if (arrow) return arrow[1] === '>' ? 'sent' : 'received';
  if (PROSODY_RECEIVED.test(leadIn)) return 'received';
  if (PROSODY_SENT.test(leadIn)) return 'sent';
  if (HTTP_REQUEST.test(leadIn)) return 'sent';
  if (HTTP_STATUS.test(leadIn)) return 'received';
  const s = SENT.exec(leadIn);
  const r = RECEIVED.exec(leadIn);
  if (s && r) return s.index > r.index ? 'sent' : 'received';
  return s ? 'sent' : r ? 'received' : undefined;
}
