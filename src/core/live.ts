// What live sessions need and reading logs does not: the BOSH and WebSocket clients (and the `ws` package), TLS trust,
// SASL and XEP-0156 host-meta discovery. The extension bundles this apart, as dist/live.js, and loads it at the first
// Connect or Discover, so opening a log pays only for highlighting, hover and diagnostics.
export { XmppSession, parseStanza } from './xmpp/session';
export { CertificateError } from './bosh/tls-trust';
export { DiscoveryError, discoverConnections, discoveryTarget } from './xmpp/discover';
