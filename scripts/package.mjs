#!/usr/bin/env node
// npm run package: production build, then `vsce package --no-dependencies` → xxgknb-<version>.vsix at the root.
import * as path from 'node:path';
import { ROOT } from './lib/proc.mjs';
import { packageVsix, vsixEntries } from './lib/vsix.mjs';

try {
  const out = packageVsix();
  if (process.argv.includes('--list')) for (const e of vsixEntries(out)) console.log(`  ${e}`);
  console.log(`[package] ${path.relative(ROOT, out)}`);
} catch (err) {
  console.error(`[package] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
