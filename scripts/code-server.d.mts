// Types of code-server.mjs for the TypeScript tests that start the VS Code server.
export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const vscodeDir: string;
export const WORKBENCH_SETTINGS: Record<string, unknown>;

export function ensureCodeServer(opts?: { log?: (message: string) => void }): string;

export interface RunningServer {
  host: string;
  port: number;
  url: string;
  extensionsDir: string;
  userDataDir: string;
  output(): string;
  workbenchUrl(folder?: string, payload?: [string, string][]): string;
  remoteUri(path: string): string;
  installVsix(vsixPath: string): string;
  stop(): Promise<void>;
}

export function startServer(opts: {
  stateDir: string;
  settings?: Record<string, unknown>;
  log?: (chunk: string) => void;
  timeoutMs?: number;
}): Promise<RunningServer>;
