#!/usr/bin/env node
// npm start: build + package the extension, install it into a project-local code-server (VS Code 1.100.3 in the
// browser) and serve it on http://127.0.0.1:$PORT (default 8080) with a workspace of example reports.
// Everything lives in .cache/: code-server/, cs-user/ (user data), cs-extensions/, workspace/.
// Runs until Ctrl-C; the whole code-server process group is stopped on exit.
import * as path from 'node:path';
import {
  CACHE_DIR,
  codeServerCli,
  codeServerArgs,
  ensureCodeServer,
  startCodeServer,
  writeUserSettings,
} from './lib/code-server.mjs';
import { fmtMs, killGroup, killGroupSync } from './lib/proc.mjs';
import { packageVsix } from './lib/vsix.mjs';
import { makeExampleWorkspace } from './lib/workspace.mjs';

const t0 = Date.now();
const port = Number(process.env.PORT ?? 8080);
const userDataDir = path.join(CACHE_DIR, 'cs-user');
const extensionsDir = path.join(CACHE_DIR, 'cs-extensions');
const workspace = path.join(CACHE_DIR, 'workspace');

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
let stopping = false;
process.on('exit', () => killGroupSync(server));

try {
  const vsix = packageVsix();
  ensureCodeServer();
  writeUserSettings(userDataDir, { 'editor.wordWrap': 'on' });
  codeServerCli([...codeServerArgs({ userDataDir, extensionsDir }), '--install-extension', vsix, '--force'], { label: 'start' });
  const files = makeExampleWorkspace(workspace);
  console.log(`[start] workspace ${workspace}: ${files.join(', ')}`);

  const cs = startCodeServer({ port, userDataDir, extensionsDir, echo: true });
  server = cs.child;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, async () => {
      stopping = true;
      console.log(`\n[start] ${sig}: stopping code-server …`);
      await killGroup(server);
      process.exit(0);
    });
  }
  await cs.ready;
  server.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] code-server exited (${code ?? signal})`);
    process.exit(code ?? 1);
  });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURI(workspace)}`;
  const bar = '='.repeat(Math.min(100, url.length + 4));
  console.log(`\n${bar}\n  xxgknb in VS Code (code-server), ready after ${fmtMs(Date.now() - t0)}:\n\n  ${url}\n\n  Ctrl-C to stop.\n${bar}\n`);
} catch (err) {
  console.error(`[start] FAILED: ${err instanceof Error ? err.message : err}`);
  await killGroup(server);
  process.exit(1);
}
