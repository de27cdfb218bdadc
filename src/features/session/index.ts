// "XMPP: Connect BOSH" and the commands of a live session.
import * as vscode from 'vscode';
import { CertificateError } from '../../core/bosh/tls-trust';
import { parseJid } from '../../core/xmpp/jid';
import { stanzaPresets } from '../../core/xmpp/presets';
import { parseStanza } from '../../core/xmpp/session';
import { LiveSession } from './live-session';
import { addSession, allSessions, disposeRegistry, removeSession, sessionById } from './live-sessions';
import { Credentials, savedProfiles, type ConnectionProfile } from './profiles';
import { SESSION_SCHEME, SessionDocuments } from './session-document';

export { getSessionStanzas, listLiveSessions, onDidRecordStanza } from './live-sessions';

export const SESSION_COMMANDS = {
  connect: 'xmppBosh.connect',
  disconnect: 'xmppBosh.disconnect',
  sendStanza: 'xmppBosh.sendStanza',
  subscribe: 'xmppBosh.subscribeNode',
  saveTranscript: 'xmppBosh.saveTranscript',
  openInInspector: 'xmppBosh.openSessionInInspector',
  actions: 'xmppBosh.sessionActions',
} as const;

export function registerSession(context: vscode.ExtensionContext): void {
  const credentials = new Credentials(context);
  const documents = new SessionDocuments();
  const cmd = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(SESSION_SCHEME, documents),
    cmd(SESSION_COMMANDS.connect, () => connect(credentials)),
    cmd(SESSION_COMMANDS.disconnect, (id?: string) => withSession(id, (s) => disconnect(s, documents))),
    cmd(SESSION_COMMANDS.sendStanza, (id?: string) => withSession(id, sendStanza, true)),
    cmd(SESSION_COMMANDS.subscribe, (id?: string) => withSession(id, subscribe, true)),
    cmd(SESSION_COMMANDS.saveTranscript, (id?: string) => withSession(id, saveTranscript)),
    cmd(SESSION_COMMANDS.openInInspector, (id?: string) => withSession(id, openInInspector)),
    cmd(SESSION_COMMANDS.actions, (id?: string) => withSession(id, actions)),
    { dispose: () => void Promise.all(allSessions().map((s) => s.session.disconnect().finally(() => s.dispose()))) },
    { dispose: disposeRegistry },
  );
}

async function connect(credentials: Credentials): Promise<void> {
  const profile = await pickProfile();
  if (!profile) return;
  let password = await credentials.password(profile);
  let fromStore = password !== undefined;
  if (!password) {
    password = await vscode.window.showInputBox({ title: `Password for ${profile.jid}`, password: true, ignoreFocusOut: true, prompt: 'Stored in the OS keychain (VS Code SecretStorage) if you choose to remember it' });
    if (!password) return;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const fingerprint = profile.fingerprint ?? credentials.trustedFingerprint(profile.url);
    const live = new LiveSession(
      {
        url: profile.url,
        jid: profile.jid,
        resource: profile.resource,
        password,
        trust: { caFile: profile.caFile, fingerprint },
        allowPlainOverHttp: profile.allowPlainOverHttp,
        reconnect: profile.reconnect ?? true,
        bosh: profile.route ? { route: profile.route } : undefined,
      },
      profile.name,
    );
    addSession(live);
    live.channel.show(true);
    let cancelled = false;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting ${profile.jid} over BOSH…`, cancellable: true }, (_progress, token) => {
        // A server that never answers would otherwise hold the login for minutes.
        token.onCancellationRequested(() => {
          cancelled = true;
          void live.session.disconnect();
        });
        return live.session.connect();
      });
      if (!fromStore) {
        const remember = await vscode.window.showInformationMessage(`Online as ${live.session.jid}. Remember the password for ${profile.jid} in the OS keychain?`, 'Remember', 'Not now');
        if (remember === 'Remember') await credentials.remember(profile, password);
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
      if (cert?.fingerprint && !fingerprint && attempt === 0) {
        removeSession(live.id);
        live.dispose();
        const choice = await vscode.window.showWarningMessage(
          `The certificate of ${new URL(profile.url).host} is not trusted.`,
          { modal: true, detail: `${err.message}\n\nTrust this certificate (SHA-256 ${cert.fingerprint}) for this host? Only do so if you recognise it, e.g. a Finesse server's self-signed certificate.` },
          'Trust This Certificate',
        );
        if (choice !== 'Trust This Certificate') return;
        await credentials.trust(profile.url, cert.fingerprint);
        continue;
      }
      if ((e as { condition?: string }).condition === 'not-authorized' && fromStore) {
        await credentials.forget(profile);
        fromStore = false;
      }
      void vscode.window.showErrorMessage(`XMPP BOSH ${profile.jid}: ${err.message}`);
      return;
    }
  }
}

/** The certificate error behind a failed login: thrown as it is, or the cause of the session's end. */
function certificateOf(e: Error): CertificateError | undefined {
  const c = e instanceof CertificateError ? e : e.cause;
  return c instanceof CertificateError ? c : undefined;
}

async function pickProfile(): Promise<ConnectionProfile | undefined> {
  const profiles = savedProfiles();
  const NEW = 'New connection…';
  if (profiles.length) {
    const pick = await vscode.window.showQuickPick(
      [...profiles.map((p) => ({ label: p.name, description: p.jid, detail: p.url, profile: p })), { label: NEW, description: 'enter URL, JID and resource', detail: 'save profiles in the setting xmppBosh.connections', profile: undefined }],
      { title: 'XMPP: Connect BOSH', placeHolder: 'Pick a connection' },
    );
    if (!pick) return undefined;
    if (pick.profile) return pick.profile;
  }
  const url = await vscode.window.showInputBox({
    title: 'BOSH URL (1/3)',
    placeHolder: 'https://finesse.example.com:7443/http-bind/',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'a BOSH URL starts with https:// or http://';
      } catch {
        return 'not a URL; for Finesse: https://<finesse host>:7443/http-bind/';
      }
    },
  });
  if (!url) return undefined;
  const jid = await vscode.window.showInputBox({
    title: 'JID (2/3)',
    placeHolder: 'agentid@finesse-host',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        parseJid(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (!jid) return undefined;
  const resource = await vscode.window.showInputBox({ title: 'Resource (3/3)', placeHolder: 'leave empty to let the server choose', ignoreFocusOut: true });
  if (resource === undefined) return undefined;
  let allowPlainOverHttp = false;
  if (url.startsWith('http:')) {
    const plain = await vscode.window.showQuickPick(['No: SCRAM only', 'Yes: allow PLAIN over plain http (trusted lab link only)'], { title: 'This URL is not encrypted. Allow the PLAIN mechanism, which sends the password readable?' });
    if (!plain) return undefined;
    allowPlainOverHttp = plain.startsWith('Yes');
  }
  return { name: jid, url, jid, resource: resource || undefined, allowPlainOverHttp };
}

async function withSession(id: string | undefined, fn: (s: LiveSession) => unknown, needOnline = false): Promise<void> {
  let s = id ? sessionById(id) : undefined;
  if (!s) {
    const candidates = allSessions().filter((x) => !needOnline || x.state === 'online');
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(needOnline ? 'No BOSH session is online. Run "XMPP: Connect BOSH" first.' : 'No BOSH session is open.');
      return;
    }
    if (candidates.length === 1) s = candidates[0];
    else {
      const pick = await vscode.window.showQuickPick(
        candidates.map((x) => ({ label: x.jid, description: x.state, detail: x.url, s: x })),
        { placeHolder: 'Which session?' },
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
    [...presets.map((p) => ({ label: p.label, description: p.detail, xml: p.xml })), { label: 'Custom stanza…', description: 'any <message>, <presence> or <iq>', xml: '' }],
    { title: `Send Stanza as ${s.jid}` },
  );
  if (!pick) return;
  const xml = await vscode.window.showInputBox({
    title: `Send Stanza as ${s.jid}`,
    value: pick.xml,
    ignoreFocusOut: true,
    prompt: 'One <message>, <presence> or <iq>; checked before it is sent',
    validateInput: (v) => {
      try {
        parseStanza(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (!xml) return;
  try {
    s.session.send(xml);
  } catch (e) {
    void vscode.window.showErrorMessage(`Not sent: ${(e as Error).message}`);
  }
}

async function subscribe(s: LiveSession): Promise<void> {
  const { local, domain } = parseJid(s.session.bareJid);
  const service = await vscode.window.showInputBox({ title: 'Pubsub service (1/2)', value: `pubsub.${domain}`, ignoreFocusOut: true });
  if (!service) return;
  const node = await vscode.window.showInputBox({ title: 'Node (2/2)', value: `/finesse/api/User/${local}`, ignoreFocusOut: true, prompt: 'For Finesse: /finesse/api/User/<agentid>, /finesse/api/Team/<id>/Users …' });
  if (!node) return;
  const action = await vscode.window.showQuickPick(['Subscribe', 'Unsubscribe'], { title: `${node} on ${service}` });
  if (!action) return;
  try {
    if (action === 'Subscribe') await s.session.subscribe(service, node);
    else await s.session.unsubscribe(service, node);
    void vscode.window.showInformationMessage(`${action}d ${s.session.bareJid} ${action === 'Subscribe' ? 'to' : 'from'} ${node}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`${action} failed: ${(e as Error).message}`);
  }
}

async function saveTranscript(s: LiveSession): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${s.session.bareJid.replace(/[^\w.@-]/g, '_')}-${stamp}.xmpp.log`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { 'XMPP transcript': ['log'] }, title: 'Save Session Transcript' });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(s.transcript(), 'utf8'));
  const open = await vscode.window.showInformationMessage(`Saved ${s.buffer.length} stanzas to ${target.fsPath} (SASL data redacted).`, 'Open');
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
    online && { label: '$(send) Send Stanza…', run: () => sendStanza(s) },
    online && { label: '$(bell) Subscribe to Node…', run: () => subscribe(s) },
    { label: '$(save) Save Session Transcript', run: () => saveTranscript(s) },
    { label: '$(inspect) Open Session in Inspector', run: () => openInInspector(s) },
    { label: '$(output) Show Output', run: () => s.channel.show() },
    // A closed session (failed login, server gone) is dismissed the same way: its status item goes.
    { label: s.state === 'closed' ? '$(close) Close Session' : '$(debug-disconnect) Disconnect', run: () => vscode.commands.executeCommand(SESSION_COMMANDS.disconnect, s.id) },
  ].filter(Boolean) as Array<{ label: string; run: () => unknown }>;
  const pick = await vscode.window.showQuickPick(items, { title: `${s.jid}: ${s.state}` });
  await pick?.run();
}
