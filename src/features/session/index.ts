// "XMPP: Connect" (BOSH or WebSocket, as the URL says) and the commands of a live session.
import * as vscode from 'vscode';
import type { CertificateError } from '../../core/bosh/tls-trust';
import { connectionUrlProblem, transportName, transportOf } from '../../core/xmpp/connection-words';
import { parseJid } from '../../core/xmpp/jid';
import { stanzaPresets } from '../../core/xmpp/presets';
import { liveCode } from './live-code';
import type { LiveSession } from './live-session';
import { allSessions, disposeRegistry, removeSession, sessionById } from './live-sessions';
import { liveSessionsApi, openSession, type LiveSessionsApi } from './open-session';
import { askAccount } from './account-prompt';
import { DISCOVER_COMMAND, discoverConnection } from './discover-connection';
import { Credentials, offeredProfiles, withheldProfiles, type ConnectionProfile } from './profiles';
import { confirmCertificate } from './trust-prompt';
import { watchLiveSessionContext } from './session-context';
import { SESSION_SCHEME, SessionDocuments } from './session-document';
import { objectionOf } from './input-check';

export { getSessionStanzas, listLiveSessions, onDidRecordStanza } from './live-sessions';

export const SESSION_COMMANDS = {
  connect: 'xmppBosh.connect',
  disconnect: 'xmppBosh.disconnect',
  sendStanza: 'xmppBosh.sendStanza',
  subscribe: 'xmppBosh.subscribeNode',
  saveTranscript: 'xmppBosh.saveTranscript',
  openInInspector: 'xmppBosh.openSessionInInspector',
  actions: 'xmppBosh.sessionActions',
  discover: DISCOVER_COMMAND,
} as const;

export type { LiveSessionsApi } from './open-session';

/** Registers Connect and the session commands; returns the API through which callers open sessions without the prompts. */
export function registerSession(context: vscode.ExtensionContext): LiveSessionsApi {
  const credentials = new Credentials(context);
  const documents = new SessionDocuments();
  const cmd = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(SESSION_SCHEME, documents),
    cmd(SESSION_COMMANDS.connect, (name?: string) => connect(credentials, name)),
    cmd(SESSION_COMMANDS.discover, () => discoverConnection(credentials, (p) => connectProfile(credentials, p))),
    cmd(SESSION_COMMANDS.disconnect, (id?: string) => withSession(id, (s) => disconnect(s, documents))),
    cmd(SESSION_COMMANDS.sendStanza, (id?: string) => withSession(id, sendStanza, true)),
    cmd(SESSION_COMMANDS.subscribe, (id?: string) => withSession(id, subscribe, true)),
    cmd(SESSION_COMMANDS.saveTranscript, (id?: string) => withSession(id, saveTranscript)),
    cmd(SESSION_COMMANDS.openInInspector, (id?: string) => withSession(id, openInInspector)),
    cmd(SESSION_COMMANDS.actions, (id?: string) => withSession(id, actions)),
    { dispose: () => void Promise.all(allSessions().map((s) => s.session.disconnect().finally(() => s.dispose()))) },
    watchLiveSessionContext(),
    { dispose: disposeRegistry },
  );
  return liveSessionsApi(credentials);
}

/** Connect: the saved profile of that name when given (Add Connection Profile's "Connect"), else the picker. */
async function connect(credentials: Credentials, name?: string): Promise<void> {
  const named = typeof name === 'string' ? offeredProfiles().profiles.find((p) => p.name === name) : undefined;
  const profile = named ?? (await pickProfile(credentials));
  if (profile) await connectProfile(credentials, profile);
}

/**
 * Logs in with a profile: the password from SecretStorage or asked for, a certificate refused
 * for the first time offered for trust by fingerprint (whichever binding refused it).
 */
async function connectProfile(credentials: Credentials, profile: ConnectionProfile): Promise<void> {
  const over = transportName(transportOf(profile.url));
  let password = await credentials.password(profile);
  let fromStore = password !== undefined;
  if (!password) {
    password = await vscode.window.showInputBox({ title: vscode.l10n.t('Password for {0}', profile.jid), password: true, ignoreFocusOut: true, prompt: vscode.l10n.t('Stored in the OS keychain (VS Code SecretStorage) if you choose to remember it') });
    if (!password) return;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const fingerprint = profile.fingerprint ?? credentials.trustedFingerprint(profile.url);
    const live = openSession(credentials, profile, password, fingerprint);
    let cancelled = false;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting {0} over {1}…', profile.jid, over), cancellable: true }, (_progress, token) => {
        // A server that never answers would otherwise hold the login for minutes.
        token.onCancellationRequested(() => {
          cancelled = true;
          void live.session.disconnect();
        });
        return live.session.connect();
      });
      if (!fromStore) {
        const REMEMBER = vscode.l10n.t('Remember');
        const remember = await vscode.window.showInformationMessage(vscode.l10n.t('Online as {0}. Remember the password for {1} in the OS keychain?', live.session.jid ?? profile.jid, profile.jid), REMEMBER, vscode.l10n.t('Not now'));
        if (remember === REMEMBER) await credentials.remember(profile, password);
      }
      return;
    } catch (e) {
      if (cancelled) {
        removeSession(live.id);
        live.dispose();
        return;
      }
      const err = e as Error;
      const cert = certificateOf(err);
      // A fingerprint the profile itself pins is the user's setting; one trusted here may be asked about again.
      if (cert?.fingerprint && !profile.fingerprint && attempt === 0) {
        removeSession(live.id);
        live.dispose();
        const trusted = await confirmCertificate(credentials, profile.url, err.message, cert.fingerprint);
        if (trusted === false) return;
        if (trusted) continue;
      }
      if ((e as { condition?: string }).condition === 'not-authorized' && fromStore) {
        await credentials.forget(profile);
        fromStore = false;
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('XMPP {0} over {1}: {2}', profile.jid, over, err.message));
      return;
    }
  }
}

/**
 * The certificate error behind a failed login: thrown as it is, or the cause of the session's end
 * (BoshTerminated and WebSocketEnded both carry it as their cause, with condition 'certificate').
 */
function certificateOf(e: Error): CertificateError | undefined {
  const { CertificateError: Certificate } = liveCode();
  const c = e instanceof Certificate ? e : e.cause;
  return c instanceof Certificate ? c : undefined;
}

async function pickProfile(credentials: Credentials): Promise<ConnectionProfile | undefined> {
  const { profiles } = offeredProfiles();
  const withheld = await withheldProfiles();
  const NEW = vscode.l10n.t('New connection…');
  const DISCOVER = vscode.l10n.t('Discover connection…');
  const TRUST = withheld === 1 ? vscode.l10n.t('1 profile of this folder is not offered until you trust it') : vscode.l10n.t('{0} profiles of this folder are not offered until you trust it', withheld);
  if (profiles.length || withheld) {
    const pick = await vscode.window.showQuickPick(
      [
        ...profiles.map((p) => ({ label: p.name, description: `${p.jid} · ${transportName(transportOf(p.url))}`, detail: p.url, profile: p })),
        // Restricted Mode: a folder's settings could name any host, plain authentication over http:// or a CA file.
        ...(withheld ? [{ label: `$(shield) ${TRUST}`, description: vscode.l10n.t('Manage Workspace Trust'), detail: vscode.l10n.t('only profiles of your user settings are offered in Restricted Mode'), profile: undefined }] : []),
        { label: NEW, description: vscode.l10n.t('enter URL, JID and resource'), detail: vscode.l10n.t('save profiles in the setting xmppBosh.connections'), profile: undefined },
        { label: DISCOVER, description: vscode.l10n.t('from a domain or JID'), detail: vscode.l10n.t("read the domain's XEP-0156 host-meta for its WebSocket and BOSH URLs"), profile: undefined },
      ],
      { title: vscode.l10n.t('XMPP: Connect'), placeHolder: vscode.l10n.t('Pick a connection') },
    );
    if (!pick) return undefined;
    if (pick.profile) return pick.profile;
    if (pick.label === `$(shield) ${TRUST}`) {
      await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    if (pick.label === DISCOVER) {
      await discoverConnection(credentials, (p) => connectProfile(credentials, p));
      return undefined;
    }
  }
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connection URL (1/3): wss:// or ws:// for WebSocket, https:// or http:// for BOSH'),
    placeHolder: vscode.l10n.t('wss://finesse.example.com:8445/ws/  or  https://finesse.example.com:7443/http-bind/'),
    ignoreFocusOut: true,
    validateInput: (v) => connectionUrlProblem(v),
  });
  if (!url) return undefined;
  return askAccount(url.trim());
}

async function withSession(id: string | undefined, fn: (s: LiveSession) => unknown, needOnline = false): Promise<void> {
  let s = id ? sessionById(id) : undefined;
  if (!s) {
    const candidates = allSessions().filter((x) => !needOnline || x.state === 'online');
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(needOnline ? vscode.l10n.t('No XMPP session is online. Run "XMPP: Connect" first.') : vscode.l10n.t('No XMPP session is open.'));
      return;
    }
    if (candidates.length === 1) s = candidates[0];
    else {
      const pick = await vscode.window.showQuickPick(
        candidates.map((x) => ({ label: x.jid, description: `${x.state} · ${x.transportName}`, detail: x.url, s: x })),
        { placeHolder: vscode.l10n.t('Which session?') },
      );
      s = pick?.s;
    }
  }
  if (s) await fn(s);
}

async function disconnect(s: LiveSession, documents: SessionDocuments): Promise<void> {
  await s.session.disconnect();
  documents.forget(s.id);
  removeSession(s.id);
  // The channel stays readable until the user closes it; the status item goes.
  s.status.dispose();
}

async function sendStanza(s: LiveSession): Promise<void> {
  const presets = stanzaPresets(s.session.bareJid);
  const pick = await vscode.window.showQuickPick(
    [...presets.map((p) => ({ label: p.label, description: p.detail, xml: p.xml })), { label: vscode.l10n.t('Custom stanza…'), description: vscode.l10n.t('any <message>, <presence> or <iq>'), xml: '' }],
    { title: vscode.l10n.t('Send Stanza as {0}', s.jid) },
  );
  if (!pick) return;
  const xml = await vscode.window.showInputBox({
    title: vscode.l10n.t('Send Stanza as {0}', s.jid),
    value: pick.xml,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('One <message>, <presence> or <iq>; checked before it is sent'),
    validateInput: objectionOf(liveCode().parseStanza),
  });
  if (!xml) return;
  try {
    s.session.send(xml);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', (e as Error).message));
  }
}

async function subscribe(s: LiveSession): Promise<void> {
  const { local, domain } = parseJid(s.session.bareJid);
  const service = await vscode.window.showInputBox({ title: vscode.l10n.t('Pubsub service (1/2)'), value: `pubsub.${domain}`, ignoreFocusOut: true });
  if (!service) return;
  const node = await vscode.window.showInputBox({ title: vscode.l10n.t('Node (2/2)'), value: `/finesse/api/User/${local}`, ignoreFocusOut: true, prompt: vscode.l10n.t('For Finesse: /finesse/api/User/<agentid>, /finesse/api/Team/<id>/Users …') });
  if (!node) return;
  const SUBSCRIBE = vscode.l10n.t('Subscribe');
  const action = await vscode.window.showQuickPick([SUBSCRIBE, vscode.l10n.t('Unsubscribe')], { title: vscode.l10n.t('{0} on {1}', node, service) });
  if (!action) return;
  const subscribing = action === SUBSCRIBE;
  try {
    if (subscribing) await s.session.subscribe(service, node);
    else await s.session.unsubscribe(service, node);
    void vscode.window.showInformationMessage(subscribing ? vscode.l10n.t('Subscribed {0} to {1}.', s.session.bareJid, node) : vscode.l10n.t('Unsubscribed {0} from {1}.', s.session.bareJid, node));
  } catch (e) {
    void vscode.window.showErrorMessage(subscribing ? vscode.l10n.t('Subscribe failed: {0}', (e as Error).message) : vscode.l10n.t('Unsubscribe failed: {0}', (e as Error).message));
  }
}

async function pause(s: LiveSession): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Pause {0} (XEP-0124 §10)', s.jid),
    value: '60',
    prompt: vscode.l10n.t('Seconds the connection manager keeps the session without requests (at most its maxpause); requests resume by themselves'),
    validateInput: (v) => (/^\d{1,5}$/.test(v.trim()) && Number(v) > 0 ? undefined : vscode.l10n.t('a number of seconds')),
  });
  if (!text) return;
  try {
    const granted = await s.session.pause(Number(text));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} paused for {1} s.', s.jid, granted));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not paused: {0}', (e as Error).message));
  }
}

async function saveTranscript(s: LiveSession): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${s.session.bareJid.replace(/[^\w.@-]/g, '_')}-${stamp}.xmpp.log`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { [vscode.l10n.t('XMPP transcript')]: ['log'] }, title: vscode.l10n.t('Save Session Transcript') });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(s.transcript(), 'utf8'));
  const open = await vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} stanzas to {1} (SASL data redacted).', s.buffer.length, target.fsPath), vscode.l10n.t('Open'));
  if (open) await vscode.window.showTextDocument(target);
}

async function openInInspector(s: LiveSession): Promise<void> {
  const uri = SessionDocuments.uriFor(s.id, s.session.bareJid);
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('xmppBosh.openInspector')) await vscode.commands.executeCommand('xmppBosh.openInspector', uri);
  else await vscode.window.showTextDocument(uri);
}

async function actions(s: LiveSession): Promise<void> {
  const online = s.state === 'online';
  const items = [
    online && { label: vscode.l10n.t('$(send) Send Stanza…'), run: () => sendStanza(s) },
    online && { label: vscode.l10n.t('$(new-file) New Stanza… (an editor to write it in)'), run: () => vscode.commands.executeCommand('xmppBosh.newStanza', s.id) },
    online && { label: vscode.l10n.t('$(bell) Subscribe to Node…'), run: () => subscribe(s) },
    // XEP-0124 §10 pause belongs to BOSH; a WebSocket has nothing like it.
    online && s.canPause && { label: vscode.l10n.t('$(debug-pause) Pause BOSH Session…'), run: () => pause(s) },
    { label: vscode.l10n.t('$(save) Save Session Transcript'), run: () => saveTranscript(s) },
    { label: vscode.l10n.t('$(inspect) Open Session in Inspector'), run: () => openInInspector(s) },
    { label: vscode.l10n.t('$(output) Show Output'), run: () => s.channel.show() },
    // A closed session (failed login, server gone) is dismissed the same way: its status item goes.
    { label: s.state === 'closed' ? vscode.l10n.t('$(close) Close Session') : vscode.l10n.t('$(debug-disconnect) Disconnect'), run: () => vscode.commands.executeCommand(SESSION_COMMANDS.disconnect, s.id) },
  ].filter(Boolean) as Array<{ label: string; run: () => unknown }>;
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0} over {1}: {2}', s.jid, s.transportName, s.state) });
  await pick?.run();
}
