// Entry of dist/diagnose-worker.js: one diagnosis run on a worker thread. It gets its request as
// workerData, posts one DiagnoseResult and ends; the extension terminates it when the run is stale.
import { parentPort, workerData } from 'node:worker_threads';
import { runRequest, type DiagnoseRequest } from './diagnose-request';

void runRequest(workerData as DiagnoseRequest).then(
  (result) => parentPort?.postMessage(result),
  (e: unknown) => parentPort?.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) }),
);
