// Saved passwords and trusted certificates in the real extension host: Forget Saved Password deletes the secret from
// SecretStorage; a server whose certificate changed since it was trusted is not connected to, its question names the
// old and the new fingerprint, and nothing becomes trusted without the user's choice (the test workbench refuses
// every modal dialog, as a user pressing Escape would, and reports the dialog's message in the refusal).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AGENT, DOMAIN } from '../../live/prosody';
import { theExtension } from './extension-under-test';

interface Profile {
  name: string;
  url: string;
  jid: string;
  resource?: string;
  reconnect?: boolean;
}
interface Api {
  profiles: {
    rememberPassword(p: Profile, password: string): Promise<void>;
    hasSavedPassword(p: Profile): Promise<boolean>;
    trustCertificate(url: string, fingerprint: string): Promise<void>;
    trustedCertificates(): Array<{ scope: string; fingerprint: string; since?: string }>;
  };
}

/** A self-signed certificate for localhost, as a Finesse server makes one, and its SHA-256 fingerprint. */
function selfSigned(dir: string, name: string): { key: Buffer; cert: Buffer; fingerprint: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', key, '-out', cert, '-subj', `/CN=localhost/O=${name}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'pipe' });
  return { key: readFileSync(key), cert: readFileSync(cert), fingerprint: new X509Certificate(readFileSync(cert)).fingerprint256 };
}

async function saveToUserSettings(profiles: Profile[]): Promise<void> {
  await vscode.workspace.getConfiguration('xmppBosh').update('connections', profiles, vscode.ConfigurationTarget.Global);
}

describe('saved passwords and trusted certificates', function () {
  this.timeout(60_000);
  const tag = Math.random().toString(36).slice(2, 8);
  let api: Api;
  let original: unknown;

  before(async () => {
    api = (await theExtension().activate()) as Api;
    original = vscode.workspace.getConfiguration('xmppBosh').inspect('connections')?.globalValue;
  });

  after(async () => {
    // The user settings as they were, for the files that run after this one.
    await vscode.workspace.getConfiguration('xmppBosh').update('connections', original, vscode.ConfigurationTarget.Global);
  });

  it('Forget Saved Password deletes the password from SecretStorage, and says whose without the password', async () => {
    const profile = { name: `forget ${tag}`, url: process.env.XMPP_SUITE_WS_URL ?? 'ws://127.0.0.1:1/xmpp-websocket', jid: `${AGENT.user}@${DOMAIN}` };
    await api.profiles.rememberPassword(profile, AGENT.password);
    assert.equal(await api.profiles.hasSavedPassword(profile), true);
    const forgotten = await vscode.commands.executeCommand<Array<{ jid: string; url: string }>>('xmppBosh.forgetSavedPassword', profile.name);
    assert.deepEqual(forgotten.map((a) => [a.jid, a.url]), [[profile.jid, profile.url]]);
    assert.ok(!JSON.stringify(forgotten).includes(AGENT.password), 'the password is not in what the command returns');
    assert.equal(await api.profiles.hasSavedPassword(profile), false, 'the secret is gone');
    // A second time there is nothing left to forget.
    assert.deepEqual(await vscode.commands.executeCommand('xmppBosh.forgetSavedPassword', profile.name), []);
  });

  describe('a server whose certificate changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bosh-inspect-certs-'));
    const old = selfSigned(dir, 'old');
    const renewed = selfSigned(dir, 'renewed');
    let server: Server;
    let requests = 0;
    let url = '';
    const password = `cert-${tag}-secret`;

    before(async () => {
      server = createServer({ key: renewed.key, cert: renewed.cert }, (req, res) => {
        requests++;
        res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `https://localhost:${(server.address() as AddressInfo).port}/http-bind/`;
    });

    after(async () => {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows the old and the new fingerprint, connects to nothing and keeps the old trust until the user confirms', async () => {
      assert.notEqual(old.fingerprint, renewed.fingerprint);
      const profile = { name: `changed ${tag}`, url, jid: `${AGENT.user}@${DOMAIN}`, reconnect: false };
      await saveToUserSettings([profile]);
      await api.profiles.rememberPassword(profile, password);
      await api.profiles.trustCertificate(url, old.fingerprint);
      const scope = `localhost:${(server.address() as AddressInfo).port}`;

      const refusal = await Promise.resolve(vscode.commands.executeCommand('xmppBosh.connect', profile.name)).then(
        () => assert.fail('Connect went on without asking about the changed certificate'),
        (e: Error) => e.message,
      );
      // The workbench refused the modal and quotes its message: the question the user would have been asked.
      assert.match(refusal, /refused to show dialog in tests/);
      assert.match(refusal, new RegExp(`${scope} has CHANGED since you trusted it`));
      assert.ok(refusal.includes(`Trusted: SHA-256 ${old.fingerprint}`), refusal);
      assert.ok(refusal.includes(`Now presented: SHA-256 ${renewed.fingerprint}`), refusal);
      assert.ok(!refusal.includes(password), 'the password is not in the question');

      const trusted = api.profiles.trustedCertificates().filter((t) => t.scope === scope);
      assert.deepEqual(trusted.map((t) => t.fingerprint), [old.fingerprint], 'the renewed certificate is not trusted without the confirmation');
      assert.equal(requests, 0, 'not a request reached the server presenting the other certificate');
      await vscode.commands.executeCommand('xmppBosh.forgetSavedPassword', profile.name);
    });

    it('a certificate never trusted gets the first-time question, and stays untrusted when it is refused', async () => {
      const profile = { name: `first ${tag}`, url, jid: `${AGENT.user}@${DOMAIN}`, reconnect: false };
      const scope = `localhost:${(server.address() as AddressInfo).port}`;
      await vscode.commands.executeCommand('xmppBosh.manageTrustedCertificates', scope);
      assert.deepEqual(api.profiles.trustedCertificates().filter((t) => t.scope === scope), [], 'Manage Trusted Certificates removed the old trust');
      await saveToUserSettings([profile]);
      await api.profiles.rememberPassword(profile, password);
      const refusal = await Promise.resolve(vscode.commands.executeCommand('xmppBosh.connect', profile.name)).then(
        () => assert.fail('Connect went on without asking about the certificate'),
        (e: Error) => e.message,
      );
      assert.match(refusal, /refused to show dialog in tests.*is not trusted/);
      assert.deepEqual(api.profiles.trustedCertificates().filter((t) => t.scope === scope), []);
      await vscode.commands.executeCommand('xmppBosh.forgetSavedPassword', profile.name);
    });
  });
});
