// Runs a diagnosis off the extension host's thread.
//
// Why a worker thread: diagnosing a large log is CPU work of seconds (finding, parsing and decoding
// every stanza). On the extension host's thread it would stall every extension's hovers,
// completions and this extension's own providers while someone types, debounce or not, because
// the async reading only yields between chunks. A worker runs on the other core, and a stale run
// (the log grew again, the pick changed) is cancelled at once with terminate() instead of running
// on to a result nobody wants. Each run gets a fresh worker: start-up is a few tens of ms, small
// beside the ~1 s debounce, and nothing can leak from one run to the next.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { runRequest, type DiagnoseProgress, type DiagnoseRequest, type DiagnoseResult } from './diagnose-request';
import { workerBundle } from '../translation';

export interface DiagnosisRun {
  /** The result, or undefined when the run was cancelled. */
  result: Promise<DiagnoseResult | undefined>;
  cancel(): void;
}

export function startDiagnosis(workerFile: string, req: DiagnoseRequest, onProgress?: (p: DiagnoseProgress) => void): DiagnosisRun {
  if (!existsSync(workerFile)) {
    // A build without the worker bundle: run here, and drop the result if it was cancelled meanwhile.
    let cancelled = false;
    return { result: runRequest(req, onProgress).then((r) => (cancelled ? undefined : r)), cancel: () => void (cancelled = true) };
  }
  // The worker has no vscode.l10n of its own: it gets the host's bundle with its request.
  const bundle = req.bundle ?? workerBundle();
  const worker = new Worker(workerFile, { workerData: bundle ? { ...req, bundle } : req });
  let cancelled = false;
  const result = new Promise<DiagnoseResult | undefined>((resolve) => {
    worker.on('message', (m: DiagnoseResult | { progress: DiagnoseProgress }) => {
      if ('progress' in m) {
        if (!cancelled) onProgress?.(m.progress);
        return;
      }
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => resolve({ ok: false, message: e.message }));
    worker.once('exit', (code) => resolve(cancelled ? undefined : { ok: false, message: vscode.l10n.t('the diagnosis stopped (exit code {0})', code) }));
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
