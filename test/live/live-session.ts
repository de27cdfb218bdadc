// Test-side conveniences around a real XmppSession: collect what it records, wait for it.
import { XmppSession, type SessionProfile } from '../../src/core/xmpp/session';
import type { SessionNotice, StanzaRecord } from '../../src/core/xmpp/stanza-record';
import type { SessionState } from '../../src/core/xmpp/session';

export class Recorded {
  stanzas: StanzaRecord[] = [];
  notices: SessionNotice[] = [];
  states: Array<[SessionState, string]> = [];
  constructor(readonly session: XmppSession) {
    session.on('stanza', (r) => this.stanzas.push(r));
    session.on('notice', (n) => this.notices.push(n));
    session.on('state', (s, d) => this.states.push([s, d]));
  }
  received(pred: (r: StanzaRecord) => boolean = () => true): StanzaRecord[] {
    return this.stanzas.filter((r) => r.direction === 'received' && pred(r));
  }
}

export function session(profile: SessionProfile): Recorded {
  return new Recorded(new XmppSession(profile));
}

export async function until(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
