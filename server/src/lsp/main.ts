/**
 * The server bundle's entry (dist/server.js). VS Code's client starts it with node-ipc; other editors with
 * `--stdio` (vscode-languageserver reads the transport from the command line). Started as a worker thread with
 * the analysis flag, the same bundle is the analysis worker instead.
 * (The protocol side is imported only where it runs: the worker never initialises vscode-languageserver, which was
 * an eighth of its start-up before the first analysis.)
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAnalysisWorker, WORKER_FLAG } from './analyzer';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  runAnalysisWorker(parentPort);
} else {
  void Promise.all([import('./connection'), import('./server')]).then(([{ createServerConnection }, { startServer }]) => {
    startServer(createServerConnection());
  });
}
