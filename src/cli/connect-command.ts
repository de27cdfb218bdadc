import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { XmppSession } from '../core/xmpp/session';
import { formatNotice, formatRecord, formatWrapper, recordJson } from '../core/xmpp/record-format';
import { Output } from './output';
import { badUsage } from './usage';
import { firstLine, PromptAborted, promptHidden } from './password-input';

export const CONNECT_USAGE = `Usage: bosh-inspect connect --url URL --jid JID [--password-env VAR | --password-stdin] [options]

Opens a live XMPP session, sends available presence and prints every stanza sent and
received, Finesse notifications decoded. The URL's scheme picks the binding: ws:// or wss://
a WebSocket (RFC 7395), http:// or https:// BOSH (XEP-0124/XEP-0206). Ends after --duration
or on Ctrl-C (which sends unavailable presence, then <close/> or the BOSH terminate).

  --url URL            wss://finesse.example.com:8445/ws/ (Finesse 12 and later), or
                       https://finesse.example.com:7443/http-bind/ (BOSH)
  --jid JID            user@domain (Finesse: agentid@finesse-host)
  --resource R         resource to bind (default: chosen by the server)
  --password-env VAR   name of the environment variable holding the password
  --password-stdin     read the password from the first line of standard input
                       (with neither, a terminal asks for it without echoing it)
  --ca FILE            trust this CA / certificate file for this connection
  --fingerprint FP     trust the certificate with this SHA-256 fingerprint for this connection
  --allow-plain        allow SASL PLAIN over plain http (trusted lab links only)
  --route xmpp:HOST:PORT  XEP-0124 'route', for BOSH connection managers that ask for it
  --duration SECONDS   disconnect cleanly after this long
  --reconnect          start a fresh session when the server goes away
  --json               one JSON object per stanza and line: {time, direction, rid, layers, xml}
                       (over a WebSocket, {time, direction, connection, layers, xml})
  --raw                also show the BOSH <body> wrappers, or the WebSocket <open/>, <close/>
                       and keepalive pings`;

/** Exit codes: 0 ended cleanly, 1 the session failed (login, certificate, server), 2 bad usage. */
export async function runConnect(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        jid: { type: 'string' },
        resource: { type: 'string' },
        'password-env': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        ca: { type: 'string' },
        fingerprint: { type: 'string' },
        'allow-plain': { type: 'boolean' },
        route: { type: 'string' },
        duration: { type: 'string' },
        reconnect: { type: 'boolean' },
        json: { type: 'boolean' },
        raw: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const v = args.values;
  if (v.help) {
    process.stdout.write(CONNECT_USAGE + '\n');
    return 0;
  }
  if (!v.url || !v.jid) return usage('--url and --jid are required');
  if (v['password-env'] && v['password-stdin']) return usage('give --password-env or --password-stdin, not both');
  let password: string | undefined;
  if (v['password-env']) {
    password = process.env[v['password-env']];
    if (password === undefined || password === '') return usage(`the environment variable ${v['password-env']} (named by --password-env) is not set`);
  } else if (v['password-stdin']) {
    password = await firstLine(process.stdin);
    if (password === '') return usage('--password-stdin read no password from standard input');
  } else if (process.stdin.isTTY && process.stderr.isTTY) {
    try {
      password = await promptHidden(process.stdin, process.stderr, `Password for ${v.jid}: `);
    } catch (e) {
      if (e instanceof PromptAborted) return 130;
      throw e;
    }
    if (password === '') return usage('no password was typed');
  } else return usage('give the password with --password-env VAR or --password-stdin (standard input is not a terminal to ask on)');
  if (v.ca && !existsSync(v.ca)) return usage(`the CA file ${v.ca} does not exist`);
  const duration = v.duration === undefined ? undefined : Number(v.duration);
  if (duration !== undefined && !(duration > 0)) return usage(`--duration takes a number of seconds, not "${v.duration}"`);

  let session: XmppSession;
  try {
    session = new XmppSession({
      url: v.url,
      jid: v.jid,
      resource: v.resource,
      password,
      trust: { caFile: v.ca, fingerprint: v.fingerprint },
      allowPlainOverHttp: v['allow-plain'],
      reconnect: v.reconnect,
      bosh: v.route ? { route: v.route } : undefined,
    });
  } catch (e) {
    return usage((e as Error).message);
  }

  const out = new Output();
  const err = (line: string) => process.stderr.write(line + '\n');
  let chain = Promise.resolve();
  const print = (text: string) => {
    chain = chain.then(async () => {
      await out.write(text + '\n');
      await out.flush();
    });
  };
  session.on('stanza', (r) => print(v.json ? recordJson(r) : formatRecord(r) + '\n'));
  if (v.raw && !v.json) session.on('wrapper', (w) => print(formatWrapper(w)));
  session.on('notice', (n) => err(formatNotice(n)));

  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let online = false;
  let stopAsked = false;
  // Ctrl-C, SIGTERM or --duration: while still logging in, the login is given up at once.
  const onStop = () => {
    stopAsked = true;
    stop();
    if (!online) void session.disconnect();
  };
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  let failure: string | undefined;
  session.on('state', (state, detail) => {
    if (state === 'closed' && detail !== 'disconnected') {
      failure = detail;
      stop();
    }
  });
  const timer = duration ? setTimeout(onStop, duration * 1000) : undefined;

  try {
    await session.connect();
    online = true;
    err(`-- online as ${session.jid} (${session.transportLabel}); Ctrl-C disconnects`);
    await stopped;
    if (!failure) await session.disconnect();
  } catch (e) {
    if (stopAsked && !online) err('-- stopped before the session was online');
    else failure = (e as Error).message;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    await chain;
    await out.flush();
  }
  if (failure) {
    err(`bosh-inspect connect: ${failure}`);
    return 1;
  }
  return 0;
}

function usage(message: string): number {
  return badUsage('connect', message, CONNECT_USAGE);
}
