import assert from 'node:assert/strict';
import { XmlElement } from '../../src/core/xml/element';
import { AGENT, ADMIN, DOMAIN, Prosody } from './prosody';
import { session, until, type Recorded } from './live-session';

const INACTIVITY = 2;

describe('live BOSH sessions and the inactivity timeout', function () {
  const prosody = new Prosody({ inactivity: INACTIVITY });
  const open: Recorded[] = [];
  before(async function () {
    this.timeout(30_000);
    await prosody.start();
  });
  after(async () => {
    await Promise.all(open.map((r) => r.session.disconnect().catch(() => undefined)));
    await prosody.dispose();
  });

  it(`stays online through ${3 * INACTIVITY + 1} s of silence when the server drops sessions after ${INACTIVITY} s`, async () => {
    const agent = session({ url: prosody.httpUrl, jid: `${AGENT.user}@${DOMAIN}`, resource: 'quiet', password: AGENT.password, bosh: { wait: 1 } });
    open.push(agent);
    await agent.session.connect();
    await new Promise((r) => setTimeout(r, (3 * INACTIVITY + 1) * 1000));
    assert.equal(agent.session.state, 'online');
    const other = session({ url: prosody.httpUrl, jid: `${ADMIN.user}@${DOMAIN}`, password: ADMIN.password });
    open.push(other);
    await other.session.connect();
    const m = new XmlElement('message', { to: agent.session.jid!, type: 'chat' });
    m.c('body').t('still there?');
    other.session.send(m);
    await until('the message', () => agent.received((r) => r.stanza.getChildText('body') === 'still there?').length === 1);
  });

  it('a client that stops polling (a frozen desktop) is dropped, and the reason names the inactivity limit', async () => {
    const agent = session({ url: prosody.httpUrl, jid: `${AGENT.user}@${DOMAIN}`, resource: 'frozen', password: AGENT.password, bosh: { wait: 1 } });
    await agent.session.connect();
    // Block this process entirely, as a hung browser tab would: no request goes out.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, (INACTIVITY + 2.5) * 1000);
    await until('the session to close', () => agent.session.state === 'closed');
    const reason = agent.states.at(-1)![1];
    assert.match(reason, new RegExp(`item-not-found: the server no longer knows this session: it timed out after ${INACTIVITY} s of inactivity`));
  });
});
