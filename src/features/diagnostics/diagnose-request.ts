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
}

export type DiagnoseResult = { ok: true; incident: Incident; problems: string[] } | { ok: false; message: string };

/** Reads every input and diagnoses the incident; a plain file on disk is named by its absolute path, so a place maps back to its URI. */
export async function runRequest(req: DiagnoseRequest): Promise<DiagnoseResult> {
  const problems: string[] = [];
  const expanded = await expandInputs(req.paths, { onProblem: (name, message) => problems.push(`${name}: ${message}`) });
  try {
    const inputs: ReadableInput[] = expanded.files.map((f) => ({ name: f.path ?? f.name, ...(f.node ? { node: f.node } : {}), ...(f.mtime ? { mtime: f.mtime } : {}), open: () => f.open() }));
    for (const t of req.texts) inputs.push({ name: t.name, open: () => textChunks(t.text) });
    const incident = await diagnose(inputs, { onInput: (n) => void (n.problem && problems.push(`${n.file}: ${n.problem}`)) });
    return { ok: true, incident, problems };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    await expanded.dispose();
  }
}

/** A document's text in slices, as a file stream would give it. */
async function* textChunks(text: string): AsyncIterable<string> {
  const SLICE = 64 * 1024;
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}
