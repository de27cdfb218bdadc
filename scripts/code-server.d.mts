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

export function startServer(opts: { stateDir: string; settings?: Record<string, unknown> }): Promise<RunningServer>;
