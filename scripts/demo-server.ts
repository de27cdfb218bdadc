// A local stand-in for a Finesse notification service, for `npm start` and the UI scenario: a private Prosody on
// 127.0.0.1 (the same launcher the live tests use) whose pubsub service publishes Finesse-style user updates,
// escaped inside <notification> as Finesse sends them, to the agent's node.
import { Prosody, ADMIN, AGENT, DOMAIN, PUBSUB } from '../test/live/prosody';
import { XmlElement } from '../src/core/xml/element';
import { XmppSession } from '../src/core/xmpp/session';

export const DEMO_AGENT_JID = `${AGENT.user}@${DOMAIN}`;
export const DEMO_PROFILE_NAME = 'Demo Finesse (local Prosody)';
export const DEMO_WS_PROFILE_NAME = 'Demo Finesse over WebSocket (local Prosody)';
export const DEMO_AGENT_PASSWORD = AGENT.password;
const AGENT_NODE = `/finesse/api/User/${AGENT.user}`;
const STATES = ['READY', 'NOT_READY', 'TALKING', 'WORK_READY', 'READY'] as const;

export class DemoFinesseServer {
  readonly prosody = new Prosody();
  private publisher?: XmppSession;
  private published = 0;
  private timer?: NodeJS.Timeout;

  /** The BOSH URL a profile connects to (plain http on loopback; Prosody treats BOSH there as secure). */
  get boshUrl(): string {
    return this.prosody.httpUrl;
  }

  /** The RFC 7395 WebSocket URL of the same server (mod_websocket, plain ws on loopback). */
  get wsUrl(): string {
    return this.prosody.wsUrl;
  }

  /** The entry of the setting xmppBosh.connections that "XMPP: Connect" offers for this server over BOSH (no password). */
  profile(): Record<string, unknown> {
    return { name: DEMO_PROFILE_NAME, url: this.boshUrl, jid: DEMO_AGENT_JID, resource: 'desktop' };
  }

  /** The same agent over WebSocket, on a resource of its own so both sessions can be online at once. */
  wsProfile(): Record<string, unknown> {
    return { name: DEMO_WS_PROFILE_NAME, url: this.wsUrl, jid: DEMO_AGENT_JID, resource: 'desktop-ws' };
  }

  async start(): Promise<void> {
    await this.prosody.start();
    const publisher = new XmppSession({ url: this.prosody.httpUrl, jid: `${ADMIN.user}@${DOMAIN}`, resource: 'finesse', password: ADMIN.password });
    await publisher.connect();
    this.publisher = publisher;
    await publisher.createNode(PUBSUB, AGENT_NODE);
    // As Finesse does: the notification service's admin subscribes the agent to its own node.
    await publisher.subscribe(PUBSUB, AGENT_NODE, DEMO_AGENT_JID);
  }

  /** Publishes the agent's next state change; returns the state published. */
  async publishNextState(): Promise<string> {
    if (!this.publisher) throw new Error('the demo server is not started');
    const n = ++this.published;
    const state = STATES[n % STATES.length];
    const update =
      `<Update><data><user><loginId>${AGENT.user}</loginId><firstName>Ada</firstName><lastName>Lovelace</lastName>` +
      `<extension>1000${AGENT.user}</extension><state>${state}</state>` +
      (state === 'NOT_READY' ? '<reasonCodeId>12</reasonCodeId>' : '') +
      `<stateChangeTime>${new Date().toISOString()}</stateChangeTime><teamName>Maths</teamName></user></data>` +
      `<event>PUT</event><requestId></requestId><source>${AGENT_NODE}</source></Update>`;
    // ltx escapes the text on the wire, giving <notification>&lt;Update&gt;… exactly as Finesse sends it.
    const notification = new XmlElement('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }).t(update) as XmlElement;
    await this.publisher.publish(PUBSUB, AGENT_NODE, notification, `demo-${n}`);
    return state;
  }

  /** Keeps publishing a state change every `everyMs`, as a busy agent's desktop would see. */
  publishEvery(everyMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => this.publishNextState().catch(onError), everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.publisher?.disconnect().catch(() => undefined);
    await this.prosody.dispose();
  }
}
