// Entry of dist/diagnose-worker.js: one diagnosis run on a worker thread. It gets its request as
// workerData, posts how far it has read as it goes, then one DiagnoseResult, and ends; the extension terminates it when the run is stale.
import { parentPort, workerData } from 'node:worker_threads';
import { bundleTranslator, isolatingTranslator, setTranslator } from '../../core/l10n';
import { runRequest, type DiagnoseRequest } from './diagnose-request';

const request = workerData as DiagnoseRequest;
// A worker has no vscode.l10n: it words findings from the host's bundle (English without one), isolating
// right-to-left values as the host does.
setTranslator(isolatingTranslator(bundleTranslator(request.bundle ?? {})));

// Progress messages come first, then the one result.
void runRequest(request, (progress) => parentPort?.postMessage({ progress })).then(
  (result) => parentPort?.postMessage(result),
  (e: unknown) => parentPort?.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) }),
);
