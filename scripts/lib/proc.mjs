// Small process helpers shared by the project's scripts (setup, package, start, test runners).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** Absolute path of the repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function log(prefix, msg) {
  process.stdout.write(`[${prefix}] ${msg}\n`);
}

/**
 * Runs a command synchronously with inherited stdio; throws on a non-zero exit.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, quiet?: boolean, label?: string}} [opts]
 */
export function run(cmd, args, opts = {}) {
  const started = Date.now();
  const label = opts.label ?? 'run';
  log(label, `$ ${[cmd, ...args].join(' ')}${opts.cwd && opts.cwd !== ROOT ? `   (in ${path.relative(ROOT, opts.cwd) || '.'})` : ''}`);
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? process.env,
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${cmd} failed to start: ${r.error.message}`);
  if (r.status !== 0) {
    if (opts.quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
  log(label, `  done in ${fmtMs(Date.now() - started)}`);
  return r;
}

/** True when `cmd` is found on PATH. */
export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Spawns a long-running process in its own process group (detached) so that the whole tree
 * (code-server forks file watchers, extension hosts, ptys…) can be killed at once.
 */
export function spawnGroup(cmd, args, opts = {}) {
  return spawn(cmd, args, { ...opts, detached: true });
}

/** Kills a detached process group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
export async function killGroup(child, graceMs = 3000) {
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Synchronous last-resort kill for process 'exit' handlers. */
export function killGroupSync(child) {
  if (!child || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
