#!/usr/bin/env node
// npm run test:electron — the same suite (test/vscode/suite) in desktop VS Code via @vscode/test-electron 2.5.2
// (3.x needs Node ≥ 22). test-electron downloads VS Code into .vscode-test/ on first use, so this needs internet
// once, or an existing desktop VS Code: VSCODE_EXECUTABLE_PATH=/path/to/code. VSCODE_VERSION picks a version
// (default: stable). On a Linux machine without a display run it under `xvfb-run -a npm run test:electron`.
// Offline machines (like the project's CI) use `npm run test:vscode` (code-server + Chromium) instead.
//
// Like test:vscode, it tests the packaged extension: the .vsix is unpacked and loaded as the development extension.
// No test runner watches the window here, so the suite's UI checks (screenshots, DOM) are skipped (h.ui → null).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { writeUserSettings } from '../../scripts/lib/code-server.mjs';
import { ROOT, fmtMs, run } from '../../scripts/lib/proc.mjs';
import { ensureVsix } from '../../scripts/lib/vsix.mjs';
import { makeExampleWorkspace } from '../../scripts/lib/workspace.mjs';
import { extractZip } from '../../scripts/lib/zip.mjs';

const t0 = Date.now();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgknb-electron-'));
let code;
try {
  const vsix = ensureVsix();
  extractZip(vsix, path.join(tmp, 'vsix'));
  const workspace = path.join(tmp, 'workspace');
  makeExampleWorkspace(workspace);
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'vscode', 'fixtures', 'make-fixtures.ts'), workspace], { label: 'fixtures', quiet: true });
  const userDataDir = path.join(tmp, 'user');
  const extensionsDir = path.join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, { 'editor.wordWrap': 'on', 'files.autoSave': 'off' });

  /** @type {import('@vscode/test-electron').TestOptions} */
  const options = {
    extensionDevelopmentPath: path.join(tmp, 'vsix', 'extension'),
    extensionTestsPath: path.join(ROOT, 'test', 'vscode', 'suite'),
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
    extensionTestsEnv: process.env.XXGKNB_TEST_GREP ? { XXGKNB_TEST_GREP: process.env.XXGKNB_TEST_GREP } : {},
  };
  if (process.env.VSCODE_EXECUTABLE_PATH) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  else options.version = process.env.VSCODE_VERSION ?? 'stable';
  code = await runTests(options);
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  console.error(`[test:electron] FAILED: ${msg}`);
  if (/ENOTFOUND|ECONNREFUSED|EAI_AGAIN|getaddrinfo|Failed to get|download/i.test(msg)) {
    console.error(
      '[test:electron] VS Code could not be downloaded (offline?). Set VSCODE_EXECUTABLE_PATH to an installed desktop VS Code, ' +
        'or run `npm run test:vscode` (code-server + Chromium, works offline).',
    );
  }
  // TestRunFailedError carries VS Code's exit code.
  code = err && typeof err === 'object' && 'code' in err && typeof err.code === 'number' && err.code !== 0 ? err.code : 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`[test:electron] done in ${fmtMs(Date.now() - t0)}, exit code ${code}`);
process.exit(code);
