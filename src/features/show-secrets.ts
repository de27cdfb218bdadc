// Whether the user chose to see credentials in logs and captures (`xmppBosh.showSecrets`).
import * as vscode from 'vscode';
import type { DecodeOptions } from '../core/decode';

export const SHOW_SECRETS_SETTING = 'showSecrets';

/**
 * Only the user's (or the remote machine's) own settings count: the setting is machine-scoped,
 * and a workspace value, which a downloaded incident folder could carry, is never read.
 */
export function secretsOptions(): DecodeOptions {
  const value = vscode.workspace.getConfiguration('xmppBosh').inspect<boolean>(SHOW_SECRETS_SETTING)?.globalValue;
  return value === true ? { showSecrets: true } : {};
}
