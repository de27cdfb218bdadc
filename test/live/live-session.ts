// Test-side conveniences around a real XmppSession: collect what it records, wait for it.
import { XmppSession, type SessionProfile } from '../../src/core/xmpp/session';
import type { SessionNotice, StanzaRecord } from '../../src/core/xmpp/stanza-record';
import type { SessionState } from '../../src/core/xmpp/session';
import { Prosody } from './prosody';

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

/**
 * Inside a describe(): a private Prosody for the suite, and `connect`, which logs a session in
 * and disconnects it after the test whatever the test did.
 */
export function privateProsody(): { prosody: Prosody; connect: (r: Recorded) => Promise<Recorded> } {
  const prosody = new Prosody();
  const open: Recorded[] = [];
  before(async function () {
    this.timeout(30_000);
    await prosody.start();
  });
  after(async () => {
    await prosody.dispose();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.session.disconnect().catch(() => undefined)));
  });
  const connect = async (r: Recorded) => {
    open.push(r);
    await r.session.connect();
    return r;
  };
  return { prosody, connect };
}
