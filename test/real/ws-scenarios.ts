// The same failures over RFC 7395 WebSocket: Strophe.js in Chromium connects to the server's
// WebSocket endpoint, and its frames are recorded into a HAR of the Chromium DevTools shape
// (see socket-har.ts). Each scenario's name starts with 'ws-'; `expected` is what this run saw.
import { ADMIN, PUBSUB } from './prosody-server';
import { ended, login, PASSWORD, received, SHUTDOWN, type Ctx, type ExpectedSession, type Scenario } from './scenarios';
import { sleep } from '../support/processes';

export { ADMIN };

/** Finesse notifications published in the Finesse scenario; every tenth is escaped twice, as some Finesse releases send them. */
export const FINESSE_UPDATES = 12;
export const FINESSE_NODE = '/finesse/api/User/1001';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function finesseUpdate(n: number): string {
  return `<Update><data><user><loginId>1001</loginId><state>${n % 2 ? 'READY' : 'NOT_READY'}</state><reasonCodeId>${n}</reasonCodeId><extension>4${n}</extension></user></data><event>PUT</event><requestId></requestId><source>${FINESSE_NODE}</source></Update>`;
}

async function wsClient(ctx: Ctx, tag?: string) {
  return ctx.client(tag, true);
}

async function logout(c: Awaited<ReturnType<typeof wsClient>>): Promise<void> {
  await sleep(200);
  const n = (await c.statuses()).length;
  await c.run(`lab.disconnect('logout')`);
  await ended(c, 10_000, n);
}

export const WS_SCENARIOS: Scenario[] = [
  {
    name: 'ws-clean',
    title: 'over WebSocket: login, presence, a message and a ping, then logout with <close/>',
    async run(ctx) {
      const c = await wsClient(ctx);
      await login(ctx, c, 'clean', 60, ctx.server.wsUrl);
      await c.run(`lab.message(${JSON.stringify(ctx.bareJid)}, 'over the socket')`);
      const ping = await c.run<string>(`lab.ping(${JSON.stringify(ctx.server.domain)})`);
      if (ping !== 'result') throw new Error(`${ctx.server.kind}: the ping got ${ping}`);
      await logout(c);
      return [{ description: 'Strophe logs in over WebSocket, sends presence, a message and a ping, and closes the stream', jid: ctx.fullJid('clean'), endCause: 'client-logout' }];
    },
  },
  {
    name: 'ws-killed',
    title: 'over WebSocket: the server is stopped under a live session',
    async run(ctx) {
      const c = await wsClient(ctx);
      await login(ctx, c, 'killed', 60, ctx.server.wsUrl);
      await sleep(500);
      const n = (await c.statuses()).length;
      await ctx.server.stop();
      // Strophe over WebSocket reports a stream error as its status's condition, not as a RECV line.
      const condition = await ended(c, 15_000, n);
      const streamErrors = [...received(c).streamErrors, ...(condition ? [condition] : [])];
      const shutdownLogged = SHUTDOWN[ctx.server.kind].test(ctx.server.log());
      if (!shutdownLogged) throw new Error(`${ctx.server.kind} did not log its shutdown`);
      await ctx.server.start();
      const description = streamErrors.length
        ? `the server stops under a live WebSocket session and ends the stream with ${streamErrors.at(-1)}`
        : 'the server stops under a live WebSocket session; the socket closes without a stream error';
      return [{ description, jid: ctx.fullJid('killed'), endCause: streamErrors.at(-1) === 'system-shutdown' ? 'server-shutdown' : 'open', condition: streamErrors.at(-1) }];
    },
  },
  {
    name: 'ws-auth-failure',
    title: 'over WebSocket: wrong password',
    async run(ctx) {
      const c = await wsClient(ctx);
      await c.connect(ctx.server.wsUrl, ctx.fullJid('auth'), 'not-the-password-1001');
      const s = await c.waitStatus(['CONNECTED', 'AUTHFAIL', 'CONNFAIL'], 15_000);
      if (s.name !== 'AUTHFAIL') throw new Error(`${ctx.server.kind}: a wrong password gave ${s.name}`);
      await c.waitStatus(['DISCONNECTED'], 2_000).catch(() => {});
      const failure = c.lines.map((l) => / RECV: .*<failure xmlns=["']urn:ietf:params:xml:ns:xmpp-sasl["']>\s*<([a-z-]+)/.exec(l)?.[1]).find(Boolean);
      if (!failure) throw new Error(`${ctx.server.kind}: no SASL <failure> in the console`);
      return [{ description: 'SASL authentication over WebSocket with a wrong password is refused', jid: ctx.fullJid('auth'), endCause: 'auth-failed', condition: failure }];
    },
  },
  {
    name: 'ws-conflict',
    title: 'over WebSocket: a second login on the same resource replaces the first',
    async run(ctx) {
      const a = await wsClient(ctx, 'a');
      await login(ctx, a, 'desk', 60, ctx.server.wsUrl);
      await sleep(300);
      const n = (await a.statuses()).length;
      const b = await wsClient(ctx, 'b');
      await login(ctx, b, 'desk', 60, ctx.server.wsUrl);
      const condition = await ended(a, 15_000, n);
      const streamErrors = [...received(a).streamErrors, ...(condition ? [condition] : [])];
      await logout(b);
      return [
        { description: 'the first WebSocket login, replaced when the same full JID logs in again', jid: ctx.fullJid('desk'), endCause: 'conflict', condition: streamErrors.at(-1) ?? condition },
        { description: 'the second login on the same resource, then logout', jid: ctx.fullJid('desk'), endCause: 'client-logout' },
      ];
    },
  },
  {
    name: 'ws-finesse',
    title: `over WebSocket: a publisher sends ${FINESSE_UPDATES} escaped Finesse <Update> notifications to a subscribed agent, who then logs out`,
    servers: ['prosody'],
    async run(ctx) {
      const agent = await wsClient(ctx, 'agent');
      await login(ctx, agent, 'desktop', 60, ctx.server.wsUrl);
      const publisher = await wsClient(ctx, 'publisher');
      const adminJid = `${ADMIN.user}@${ctx.server.domain}/finesse`;
      await publisher.connect(ctx.server.wsUrl, adminJid, ADMIN.password);
      const s = await publisher.waitStatus(['CONNECTED', 'AUTHFAIL', 'CONNFAIL'], 15_000);
      if (s.name !== 'CONNECTED') throw new Error(`the publisher's login ended ${s.name}`);
      const iq = async (xml: string) => {
        const r = await publisher.run<string>(`lab.iq(${JSON.stringify(xml)})`);
        if (r !== 'result') throw new Error(`${xml.slice(0, 80)}… got ${r}`);
      };
      const ps = `xmlns="http://jabber.org/protocol/pubsub"`;
      await iq(`<iq xmlns="jabber:client" type="set" to="${PUBSUB}"><pubsub ${ps}><create node="${FINESSE_NODE}"/></pubsub></iq>`);
      // As Finesse does: the service's admin subscribes the agent.
      await iq(`<iq xmlns="jabber:client" type="set" to="${PUBSUB}"><pubsub ${ps}><subscribe node="${FINESSE_NODE}" jid="${ctx.bareJid}"/></pubsub></iq>`);
      for (let i = 1; i <= FINESSE_UPDATES; i++) {
        // The notification's text is the Update, escaped once on the wire; every tenth escaped once more.
        const text = i % 10 === 0 ? escapeXml(escapeXml(finesseUpdate(i))) : escapeXml(finesseUpdate(i));
        await iq(`<iq xmlns="jabber:client" type="set" to="${PUBSUB}"><pubsub ${ps}><publish node="${FINESSE_NODE}"><item id="item-${i}"><notification xmlns="http://jabber.org/protocol/pubsub">${text}</notification></item></publish></pubsub></iq>`);
      }
      const got = () => agent.run<number>(`lab.received.filter(function (m) { return m.indexOf('Update') >= 0; }).length`);
      for (let t = 0; t < 50 && (await got()) < FINESSE_UPDATES; t++) await sleep(100);
      const n = await got();
      if (n !== FINESSE_UPDATES) throw new Error(`the agent received ${n} of ${FINESSE_UPDATES} notifications`);
      await logout(agent);
      await logout(publisher);
      return [
        { description: `the agent's desktop over WebSocket receives ${FINESSE_UPDATES} Finesse notifications, then logs out`, jid: ctx.fullJid('desktop'), endCause: 'client-logout' },
        { description: 'the publisher over WebSocket creates the node, subscribes the agent, publishes, then logs out', jid: adminJid, endCause: 'client-logout' },
      ];
    },
  },
];

/** The WebSocket scenarios a server can play (ejabberd's test config has no pubsub service). */
export function wsScenariosFor(server: 'prosody' | 'ejabberd'): Scenario[] {
  return WS_SCENARIOS.filter((s) => !s.servers || s.servers.includes(server));
}

export type { ExpectedSession };
export { PASSWORD };
