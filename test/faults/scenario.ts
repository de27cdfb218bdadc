// One fault scenario: a Finesse-style publisher (straight to Prosody) sends sequenced
// notifications while our BOSH client, behind the fault proxy, receives them.
import { performance } from 'node:perf_hooks';
import { XmppSession } from '../../src/core/xmpp/session';
import { XmlElement } from '../../src/core/xml/element';
import type { StanzaRecord } from '../../src/core/xmpp/stanza-record';
import { ADMIN, AGENT, DOMAIN, PUBSUB, type Prosody } from '../live/prosody';
import { finesseUpdate, notification } from '../live/finesse-payloads';
import { until } from '../live/live-session';
import { FaultProxy, type Fault, type FaultPlan } from './fault-proxy';

export type Scenario = Fault | 'none' | 'restart-prosody';

/** The client asks for this `wait`; Prosody runs with `inactivity` (both scaled down from Finesse's 60 s). */
export const FAULT_TIMING = { wait: 2, inactivity: 4 };

export interface ScenarioResult {
  scenario: Scenario;
  published: number;
  received: number;
  lost: number;
  duplicated: number;
  inOrder: boolean;
  injected: number;
  /** The longest wait between two notifications in a row: what the fault cost. */
  recoverMs: number;
  durationMs: number;
  /** What the session reported: retries, stalls, endings, reconnects. */
  notices: string[];
  /** The first session's end, when the server really lost it. */
  ended?: string;
  reconnected: boolean;
}

/** One-shot faults hit one request; the others hit every fifth (20 % of the requests). */
function planFor(scenario: Scenario): FaultPlan {
  if (scenario === 'none' || scenario === 'restart-prosody') return () => undefined;
  if (scenario === 'delay-past-wait' || scenario === 'stall') return (n) => (n === 4 ? scenario : undefined);
  return (n) => (n % 5 === 2 ? scenario : undefined);
}

export async function runScenario(prosody: Prosody, scenario: Scenario, count: number, paceMs = 40): Promise<ScenarioResult> {
  const proxy = new FaultProxy(prosody.httpPort, planFor(scenario), { delayMs: (FAULT_TIMING.wait + 1.5) * 1000 });
  await proxy.start();
  const node = `/finesse/api/User/${AGENT.user}/${scenario}-${Date.now()}`;
  const publisher = new XmppSession({ url: prosody.wsUrl, jid: `${ADMIN.user}@${DOMAIN}`, resource: `publisher-${scenario}`, password: ADMIN.password, reconnect: true });
  const agent = new XmppSession({
    url: proxy.url,
    jid: `${AGENT.user}@${DOMAIN}`,
    resource: `agent-${scenario}`,
    password: AGENT.password,
    reconnect: true,
    bosh: { wait: FAULT_TIMING.wait, retryBaseMs: 100 },
  });
  const seen: number[] = [];
  const arrivals: number[] = [];
  const notices: string[] = [];
  let ended: string | undefined;
  agent.on('stanza', (r: StanzaRecord) => {
    if (r.direction !== 'received' || r.stanza.name !== 'message' || r.stanza.attrs.from !== PUBSUB) return;
    const n = Number(r.stanza.getChild('event')?.getChild('items')?.getChild('item')?.getChild('notification')?.getChild('Update')?.getChild('data')?.getChild('user')?.getChildText('reasonCodeId'));
    if (n) {
      seen.push(n);
      arrivals.push(performance.now());
    }
  });
  agent.on('notice', (n) => {
    notices.push(n.text);
    if (!ended && n.level === 'error' && n.text.startsWith('session ended: ')) ended = n.text;
  });
  const started = performance.now();
  try {
    await publisher.connect();
    await publisher.createNode(PUBSUB, node);
    await publisher.subscribe(PUBSUB, node, `${AGENT.user}@${DOMAIN}`);
    await agent.connect();
    // Bare-JID notifications go to available resources only: one round trip after login proves
    // the server has processed our presence, so nothing is published before it counts.
    await agent.iq(serverPing());
    for (let i = 1; i <= count; i++) {
      if (scenario === 'restart-prosody' && i === Math.ceil(count / 3)) {
        const firstLabel = agent.transportLabel;
        await prosody.stop('SIGTERM');
        await prosody.start();
        await until('the agent back online', () => agent.state === 'online' && agent.transportLabel !== firstLabel, 30_000);
        await until('the publisher back online', () => publisher.state === 'online', 30_000);
        await publisher.createNode(PUBSUB, node).catch(() => undefined);
        await publisher.subscribe(PUBSUB, node, `${AGENT.user}@${DOMAIN}`);
        await agent.iq(serverPing());
      }
      await publisher.publish(PUBSUB, node, notification(finesseUpdate(i)), `item-${i}`);
      await new Promise((r) => setTimeout(r, paceMs));
    }
    await until(`${count} notifications`, () => new Set(seen).size >= count, 20_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await agent.disconnect().catch(() => undefined);
    await publisher.disconnect().catch(() => undefined);
    await proxy.close();
  }
  const distinct = new Set(seen);
  let recoverMs = 0;
  for (let k = 1; k < arrivals.length; k++) recoverMs = Math.max(recoverMs, arrivals[k] - arrivals[k - 1]);
  return {
    scenario,
    published: count,
    received: distinct.size,
    lost: count - distinct.size,
    duplicated: seen.length - distinct.size,
    inOrder: seen.every((n, k) => k === 0 || n > seen[k - 1]),
    injected: [...proxy.injected.values()].reduce((a, b) => a + b, 0),
    recoverMs,
    durationMs: performance.now() - started,
    notices,
    ended,
    reconnected: notices.some((n) => n.startsWith('reconnected as ')),
  };
}

function serverPing(): XmlElement {
  const iq = new XmlElement('iq', { type: 'get', to: DOMAIN });
  iq.c('ping', { xmlns: 'urn:xmpp:ping' });
  return iq;
}
