// `npm test`: everything, in order, and one summary line at the end.
//   type check → lint → build → node:test suites (unit, corpus, CLI, LSP, Neovim, package, grammar)
//   → the extension inside real VS Code (code-server + Chromium).
// Every step runs even when an earlier one failed, so one run shows every failure; the exit code is 1 if any failed.
// XXGKNB_SKIP_VSCODE=1 skips the browser suite (for quick local runs; CI never sets it).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const steps = [];
let passed = 0, failed = 0;

function run(name, cmd, args, { parse } = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: parse ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: process.env, maxBuffer: 256 * 1024 * 1024 });
  if (parse && r.stdout) process.stdout.write(r.stdout);
  const ok = r.status === 0;
  let p = ok ? 1 : 0, f = ok ? 0 : 1;
  if (parse && r.stdout) {
    const pm = [...r.stdout.matchAll(/^# pass (\d+)$/gm)].pop();
    const fm = [...r.stdout.matchAll(/^# fail (\d+)$/gm)].pop();
    const vm = [...r.stdout.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    if (pm && fm) { p = Number(pm[1]); f = Number(fm[1]); }
    else if (vm) { p = Number(vm[1]); f = Number(vm[2]); }
    if (!ok && f === 0) f = 1;
  }
  passed += p; failed += f;
  steps.push({ name, ok, seconds: ((Date.now() - t0) / 1000).toFixed(1), p, f });
  return ok;
}

const tsc = 'node_modules/typescript/bin/tsc';
run('type check', process.execPath, [tsc, '--noEmit', '-p', '.']);
run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
const built = run('build', process.execPath, ['scripts/build.mjs']);

function testFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) { if (e !== 'vscode' && e !== 'fixtures') out.push(...testFiles(p)); }
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}
if (built) {
  run('node tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter', 'tap', ...testFiles('test')], { parse: true });
  if (process.env.XXGKNB_SKIP_VSCODE !== '1') run('VS Code (code-server + Chromium)', process.execPath, ['test/vscode/run-code-server-tests.mjs'], { parse: true });
}

process.stdout.write('\nSummary\n');
for (const s of steps) process.stdout.write(`  ${s.ok ? '✔' : '✖'} ${s.name.padEnd(36)} ${String(s.seconds).padStart(6)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed || steps.some((s) => !s.ok) ? 1 : 0);
