// Types of code-server.mjs for the TypeScript tests that start the VS Code server.
export const repoRoot: string;

export interface RunningServer {
  host: string;
  port: number;
  extensionsDir: string;
  workbenchUrl(folder?: string, payload?: [string, string][]): string;
  remoteUri(path: string): string;
  installVsix(vsixPath: string): void;
  stop(): Promise<void>;
}

/** `workspaceTrust`: folders open in Restricted Mode until trusted (by default every folder is trusted). */
export function startServer(opts: { stateDir: string; settings?: Record<string, unknown>; workspaceTrust?: boolean }): Promise<RunningServer>;
