// XML as it appears in logs: tags, attributes, comments, CDATA, and the same again escaped one or
// more times (&lt;Update&gt; in a Finesse <notification>, &amp;lt;state&amp;gt; when the log escaped it
// once more). Each tag is its own region from "<" to ">", never a whole element, so text between
// tags stays on the log's own patterns and nothing depends on an element ever closing.
import { alt, cap, match, opt, region } from './regex-parts.mjs';
import { RECORD_START } from './record-prefixes.mjs';
import { MSG, XML } from './scopes.mjs';

const NAME = String.raw`[A-Za-z_][\w.\-]*+`;
/** &lt; &amp;lt; &amp;amp;lt; …: the markup character escaped any number of times. */
const esc = (entity) => String.raw`&(?:amp;)*+${entity};`;
/**
 * A tag opens "<" (or "&lt;") anywhere except inside a word, a Java signature (Foo.<init>) or a
 * generic type (List<String>); a closing "</" may follow text directly (READY</state>).
 */
const opener = (scope, lt) => cap(scope, alt(`${lt}/`, String.raw`(?<![\w.$])${lt}`));

/** A region ends at a line that starts a new log record, even if its closer never came. */
export const RECORD_GUARD = `(?=^(?:${RECORD_START}))`;
/**
 * An open tag continues onto the next line only if that line looks like more of the tag: an
 * indented attribute or the closer. Anything else (a new record, prose, a blank line) ends it.
 */
const tagGuard = (closer) => String.raw`(?=^(?!\s+[A-Za-z_][\w.:\-]*+\s*=|\s*/?${closer}))`;

const tagName = () => [opt(cap(XML.tagNamespace, NAME), cap(XML.nsSeparator, ':')), cap(XML.tagName, NAME)];

const attributeName = match(
  null,
  String.raw`(?<![\w.:\-])`,
  opt(cap(XML.attrNamespace, NAME), cap(XML.nsSeparator, ':')),
  cap(XML.attrName, NAME),
  String.raw`(?=\s*=)`,
);
const equals = match(null, cap(XML.equals, '='));
// Attribute values are small regions rather than one match with patterns on a capture: vscode-textmate
// re-reads a capture from a copy of the line, which costs time proportional to the line per value.
// A value ends at its quote or at the end of the line, so a cut-off value cannot run on.
const quoted = (quote, scope) =>
  region({ name: scope, begin: cap(XML.stringBegin, quote), end: alt(cap(XML.stringEnd, quote), '$'), patterns: [{ include: '#entity' }] });

/** An attribute whose value matters when troubleshooting BOSH (sid, rid, condition, type='terminate'). */
function valued(names, value, valueScope) {
  return match(
    null,
    String.raw`(?<![\w.:\-])`,
    cap(XML.attrName, names),
    String.raw`\s*`,
    cap(XML.equals, '='),
    String.raw`\s*`,
    alt(
      cap(XML.double, [cap(XML.stringBegin, '"'), cap(valueScope, value('"')), cap(XML.stringEnd, '"')]),
      cap(XML.single, [cap(XML.stringBegin, "'"), cap(valueScope, value("'")), cap(XML.stringEnd, "'")]),
    ),
  );
}
const anyValue = (q) => `[^${q}\\n]*+`;

/** What may stand inside a tag written as plain XML. */
const tagInside = [
  valued('sid|authid|stream', anyValue, MSG.sid),
  valued('rid|ack', anyValue, MSG.rid),
  valued('condition', anyValue, MSG.condition),
  valued('type', () => '(?:terminate|error)', MSG.condition),
  attributeName,
  equals,
  quoted('"', XML.double),
  quoted("'", XML.single),
];

/** Attribute values inside an escaped tag: &quot;…&quot; or &apos;…&apos; at any depth, or plain quotes. */
function escapedQuoted(entity, scope) {
  return region({ name: scope, begin: cap(XML.stringBegin, esc(entity)), end: alt(cap(XML.stringEnd, esc(entity)), '$'), patterns: [{ include: '#entity' }] });
}

const escapedTagInside = [attributeName, equals, escapedQuoted('quot', XML.double), escapedQuoted('apos', XML.single), quoted('"', XML.double), quoted("'", XML.single)];

export const stanzaRepository = {
  xml: {
    patterns: [
      { include: '#comment' },
      { include: '#cdata' },
      { include: '#processing-instruction' },
      { include: '#tag' },
      { include: '#escaped-comment' },
      { include: '#escaped-processing-instruction' },
      { include: '#escaped-tag' },
      { include: '#entity' },
    ],
  },
  tag: region({
    name: XML.tag,
    begin: [opener(XML.tagBegin, '<'), ...tagName(), String.raw`(?=[\s/>]|$)`],
    end: alt(cap(XML.tagEnd, '/?>'), tagGuard('>')),
    patterns: tagInside,
  }),
  'escaped-tag': region({
    name: XML.escapedTag,
    begin: [opener(XML.escapedTagBegin, esc('lt')), ...tagName(), String.raw`(?=\s|/?${esc('gt')}|$)`],
    end: alt(cap(XML.escapedTagEnd, ['/?', esc('gt')]), tagGuard(esc('gt'))),
    patterns: escapedTagInside,
  }),
  comment: region({
    name: XML.comment,
    begin: cap(XML.commentPunct, '<!--'),
    end: alt(cap(XML.commentPunct, '-->'), RECORD_GUARD),
    patterns: [],
  }),
  'escaped-comment': region({
    name: XML.comment,
    begin: cap(XML.commentPunct, [esc('lt'), '!--']),
    end: alt(cap(XML.commentPunct, ['--', esc('gt')]), RECORD_GUARD),
    patterns: [],
  }),
  // Servers such as Tigase wrap raw socket data in CDATA; the stanzas inside are worth reading.
  cdata: region({
    name: XML.cdata,
    begin: cap(XML.cdataBegin, String.raw`<!\[CDATA\[`),
    end: alt(cap(XML.cdataEnd, String.raw`\]\]>`), RECORD_GUARD),
    patterns: [{ include: '#tag' }],
  }),
  'processing-instruction': region({
    name: XML.pi,
    begin: [cap(XML.tagBegin, String.raw`<\?`), cap(XML.tagName, NAME)],
    end: alt(cap(XML.tagEnd, String.raw`\?>`), tagGuard(String.raw`\?>`)),
    patterns: tagInside,
  }),
  'escaped-processing-instruction': region({
    name: XML.pi,
    begin: [cap(XML.escapedTagBegin, [esc('lt'), String.raw`\?`]), cap(XML.tagName, NAME)],
    end: alt(cap(XML.escapedTagEnd, [String.raw`\?`, esc('gt')]), tagGuard(String.raw`\?${esc('gt')}`)),
    patterns: escapedTagInside,
  }),
  entity: match(XML.entity, cap(XML.entityPunct, '&'), String.raw`(?:[A-Za-z][\w.\-]*+|#\d++|#x\h++)`, cap(XML.entityPunct, ';')),
};
