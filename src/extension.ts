import * as vscode from 'vscode';
import { registerDecodedView } from './features/decoded-view';
import { registerDiagnostics } from './features/diagnostics';
import type { IncidentStore } from './features/diagnostics/incident-state';
import { registerHover } from './features/hover';
import { registerInspector, type InspectorApi } from './features/inspector';
import { registerOutline } from './features/outline';
import { registerSanitize } from './features/sanitize';
import { registerSession, type LiveSessionsApi } from './features/session';
import { COMPOSER_ACTIVE_KEY, registerComposer, type ComposerApi } from './features/composer';
import { HAS_LIVE_SESSION_KEY, hasLiveSessionContext } from './features/session/session-context';
import { registerProfiles, type ProfilesApi } from './features/profiles';
import type { SessionsTree } from './features/sessions-view/sessions-tree';
import { registerSessionsView } from './features/sessions-view';
import { registerTimeline } from './features/timeline';
import { registerWalkthrough } from './features/walkthrough';
import { installTranslator } from './features/translation';

/**
 * What the extension hands to callers of `activate`: its tests read the incident and the Sessions view through it,
 * and open live sessions as Connect does once it has the password.
 */
export interface ExtensionApi {
  incident: IncidentStore;
  sessionsTree: SessionsTree;
  liveSessions: LiveSessionsApi;
  inspector: InspectorApi;
  composer: ComposerApi;
  profiles: ProfilesApi;
  /** The values VS Code last accepted for the context keys that show the session and composer commands. */
  contextKeys(): Record<string, boolean>;
}

/** Registers each feature; features live in src/features/, one folder each. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  installTranslator();
  const inspector = registerInspector(context);
  registerHover(context);
  registerOutline(context);
  registerDecodedView(context);
  const liveSessions = registerSession(context);
  const incident = registerDiagnostics(context);
  const sessionsTree = registerSessionsView(context, incident);
  registerTimeline(context, incident);
  registerSanitize(context);
  registerWalkthrough(context);
  // Features register themselves here as they land.
  const composer = registerComposer(context);
  const profiles = registerProfiles(context);
  const contextKeys = () => ({ [HAS_LIVE_SESSION_KEY]: hasLiveSessionContext(), [COMPOSER_ACTIVE_KEY]: composer.composerActive() });
  return { incident, sessionsTree, liveSessions, inspector, composer, profiles, contextKeys };
}

export function deactivate(): void {}
