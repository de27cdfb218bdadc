// What the extension asks a diagnosis run to read, and how the run reads it. No vscode import:
// the same code runs in the worker thread and, when the worker cannot start, in the extension host.
import { diagnose, type ReadableInput } from '../../core/diagnose';
import { expandInputs } from '../../core/input';
import type { Incident } from '../../core/sessions/model';

export interface DiagnoseRequest {
  /** Files, folders, .gz and .zip bundles on disk (absolute paths). */
  paths: string[];
  /** Texts read from editors or live sessions, each under the name its places will carry. */
  texts: Array<{ name: string; text: string }>;
  /** The host's translations (`vscode.l10n.bundle`), so a worker words its findings in the editor's language. */
  bundle?: Record<string, string>;
}

export type DiagnoseResult = { ok: true; incident: Incident; problems: string[] } | { ok: false; message: string };

/** How far a run has read: bytes of all inputs, and their total when every size is known. */
export interface DiagnoseProgress {
  read: number;
  total?: number;
}

/** Reads every input and diagnoses the incident; a plain file on disk is named by its absolute path, so a place maps back to its URI. */
export async function runRequest(req: DiagnoseRequest, onProgress?: (p: DiagnoseProgress) => void): Promise<DiagnoseResult> {
  const problems: string[] = [];
  const expanded = await expandInputs(req.paths, { onProblem: (name, message) => problems.push(`${name}: ${message}`) });
  try {
    const sizes = [...expanded.files.map((f) => f.size), ...req.texts.map((t) => t.text.length)];
    const total = sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a! + b!, 0) : undefined;
    let read = 0;
    let told = 0;
    const counted = <T extends { length: number }>(chunks: AsyncIterable<T>) =>
      (async function* () {
        for await (const c of chunks) {
          read += c.length;
          if (onProgress && Date.now() - told >= PROGRESS_MS) {
            told = Date.now();
            onProgress({ read, ...(total !== undefined ? { total } : {}) });
          }
          yield c;
        }
      })();
    const inputs: ReadableInput[] = expanded.files.map((f) => ({ name: f.path ?? f.name, ...(f.node ? { node: f.node } : {}), ...(f.mtime ? { mtime: f.mtime } : {}), open: () => counted(f.open()) }));
    for (const t of req.texts) inputs.push({ name: t.name, open: () => counted(textChunks(t.text)) });
    const incident = await diagnose(inputs, { onInput: (n) => void (n.problem && problems.push(`${n.file}: ${n.problem}`)) });
    return { ok: true, incident, problems };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    await expanded.dispose();
  }
}

/** Least time between two progress reports. */
const PROGRESS_MS = 200;

/** A document's text in slices, as a file stream would give it. */
async function* textChunks(text: string): AsyncIterable<string> {
  const SLICE = 64 * 1024;
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}
