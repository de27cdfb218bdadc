// One-line descriptions of decoded fragments: kind, from → to, pubsub node, BOSH and Finesse facts.
export { describe, describeDecoded, type Description } from './describe';
export { describeBody, type BoshFacts } from './bosh';
export { BOSH_CONDITIONS, explainBoshCondition } from './bosh-conditions';
export { describeFinesse, type FinesseUpdate } from './finesse';
export { kindOf, type StanzaKind } from './kind';
export { describeStanza, pubsubNode } from './stanza';
export { describeFraming, isFraming, FRAMING, type FramingFacts } from './framing';
