// Scope names. Log-line parts reuse the built-in Log grammar's names, so an injected .log file and
// our own xmpp-log language colour timestamps and levels exactly like any other log; everything
// else uses the standard TextMate names every theme colours (entity.name.tag, string.quoted …),
// with a final `.xml` / `.xmpp` segment saying where the token comes from.

export const LOG = {
  date: 'comment log.date',
  verbose: 'comment log.verbose',
  debug: 'markup.changed log.debug',
  info: 'markup.inserted log.info',
  warning: 'markup.deleted log.warning',
  error: 'string.regexp, strong log.error',
};

export const RECORD = {
  thread: 'variable.other.thread.xmpp',
  logger: 'entity.name.type.class.logger.xmpp',
  func: 'entity.name.function.xmpp',
  // Same as the Log grammar's numbers, so a pid keeps the colour it had without this extension.
  number: 'constant.language log.constant',
  host: 'constant.other.host.xmpp',
  sequence: 'constant.numeric.sequence.xmpp',
  bracket: 'punctuation.definition.bracket.xmpp',
  separator: 'punctuation.separator.xmpp',
  facility: 'keyword.other.facility.finesse.xmpp',
  mnemonic: 'entity.name.function.mnemonic.finesse.xmpp',
  key: 'variable.other.key.xmpp',
};

export const MSG = {
  sent: 'keyword.other.direction.sent.xmpp',
  received: 'keyword.other.direction.received.xmpp',
  sid: 'constant.other.sid.xmpp',
  rid: 'constant.numeric.rid.xmpp',
  idKey: 'variable.other.key.xmpp',
  jid: 'meta.jid.xmpp',
  jidLocal: 'string.unquoted.jid.local.xmpp',
  jidDomain: 'string.unquoted.jid.domain.xmpp',
  jidResource: 'string.unquoted.jid.resource.xmpp',
  jidSeparator: 'punctuation.separator.jid.xmpp',
  trouble: 'keyword.control.troubleshooting.xmpp',
  duration: 'constant.numeric.duration.xmpp',
  condition: 'keyword.control.condition.xmpp',
  state: 'constant.language.state.finesse.xmpp',
  quote: 'punctuation.definition.string.xmpp',
  source: 'entity.name.type.source.xmpp',
  param: 'meta.parameter.finesse.xmpp',
  paramKey: 'variable.parameter.finesse.xmpp',
  paramPunct: 'punctuation.section.parameter.finesse.xmpp',
  assign: 'keyword.operator.assignment.xmpp',
};

export const XML = {
  tag: 'meta.tag.xml',
  escapedTag: 'meta.tag.escaped.xml',
  tagBegin: 'punctuation.definition.tag.begin.xml',
  tagEnd: 'punctuation.definition.tag.end.xml',
  escapedTagBegin: 'punctuation.definition.tag.begin.escaped.xml',
  escapedTagEnd: 'punctuation.definition.tag.end.escaped.xml',
  tagNamespace: 'entity.name.tag.namespace.xml',
  tagName: 'entity.name.tag.localname.xml',
  nsSeparator: 'punctuation.separator.namespace.xml',
  attrNamespace: 'entity.other.attribute-name.namespace.xml',
  attrName: 'entity.other.attribute-name.localname.xml',
  equals: 'punctuation.separator.key-value.xml',
  double: 'string.quoted.double.xml',
  single: 'string.quoted.single.xml',
  stringBegin: 'punctuation.definition.string.begin.xml',
  stringEnd: 'punctuation.definition.string.end.xml',
  entity: 'constant.character.entity.xml',
  entityPunct: 'punctuation.definition.constant.xml',
  comment: 'comment.block.xml',
  commentPunct: 'punctuation.definition.comment.xml',
  cdata: 'string.unquoted.cdata.xml',
  cdataBegin: 'punctuation.definition.string.begin.xml',
  cdataEnd: 'punctuation.definition.string.end.xml',
  pi: 'meta.tag.preprocessor.xml',
};

/**
 * Regions the injection must stay out of: inside them our own patterns decide everything, so a
 * record prefix injected at column 0 cannot win over the region's end and keep it open.
 */
export const REGION_SCOPES = ['meta.tag', 'comment.block.xml', 'string.unquoted.cdata.xml', MSG.param];
