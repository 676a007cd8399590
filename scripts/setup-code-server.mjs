#!/usr/bin/env node
// Installs code-server 4.100.3 into .cache/code-server (offline recipe, idempotent) and the Debian packages it needs.
//   node scripts/setup-code-server.mjs              # code-server + ripgrep, libkrb5-dev
//   node scripts/setup-code-server.mjs --browser    # also chromium + fonts-noto-cjk (for npm run test:vscode)
//   node scripts/setup-code-server.mjs --force      # reinstall even when the marker is valid
import { ensureCodeServer } from './lib/code-server.mjs';
import { fmtMs } from './lib/proc.mjs';

const started = Date.now();
try {
  const r = ensureCodeServer({ browser: process.argv.includes('--browser'), force: process.argv.includes('--force') });
  console.log(`[setup-code-server] ${r.installed ? 'installed' : 'up to date'}; total ${fmtMs(Date.now() - started)}`);
} catch (err) {
  console.error(`[setup-code-server] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
