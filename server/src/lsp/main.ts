/**
 * The server bundle's entry (dist/server.js). VS Code's client starts it with node-ipc; other editors with
 * `--stdio` (vscode-languageserver reads the transport from the command line). Started as a worker thread with
 * the analysis flag, the same bundle is the analysis worker instead.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runAnalysisWorker, WORKER_FLAG } from './analyzer';
import { startServer } from './server';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  runAnalysisWorker(parentPort);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
