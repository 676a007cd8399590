// Offline install and launch of code-server 4.100.3 (VS Code 1.100.3, the last release on Node 20).
// Recipe: ../shared/spec/editor-references.md §3.3. Everything goes to .cache/ (gitignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, renameSync, writeFileSync, readdirSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT, fmtMs, hasCommand, log, run, spawnGroup } from './proc.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_DIR = path.join(ROOT, '.cache');
export const CODE_SERVER_DIR = path.join(CACHE_DIR, 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
const MARKER = path.join(CODE_SERVER_DIR, '.xxgknb-setup.json');
const RG_LINK = path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');

/** apt packages: needed to build/run code-server, and additionally for the browser tests. */
export const APT_BASE = ['ripgrep', 'libkrb5-dev'];
export const APT_BROWSER = ['chromium', 'fonts-noto-cjk'];
/** node-gyp toolchain: command → Debian package. Normally already on the machine. */
const BUILD_TOOLS = { python3: 'python3', make: 'make', 'g++': 'g++' };

const L = 'code-server';
let aptUpdated = false;

/**
 * Environment for code-server processes: its config file (~/.config/code-server/config.yaml, written on first
 * start) and logs (~/.local/share/code-server) go under .cache/cs-home instead of the user's home.
 */
export function codeServerEnv(base = process.env) {
  const home = path.join(CACHE_DIR, 'cs-home');
  return { ...base, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data') };
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/** Installs the missing Debian packages (apt-get update first). Fails clearly when not root. */
export function ensureAptPackages(pkgs) {
  const missing = pkgs.filter((p) => !dpkgInstalled(p));
  for (const [cmd, pkg] of Object.entries(BUILD_TOOLS)) {
    if (!hasCommand(cmd) && !missing.includes(pkg)) missing.push(pkg);
  }
  if (missing.length === 0) return [];
  if (!hasCommand('apt-get')) {
    throw new Error(`missing system packages: ${missing.join(' ')} (no apt-get here: install them with your package manager)`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `  not running as root, so they are not installed automatically. Run:\n` +
        `    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const started = Date.now();
  if (!aptUpdated) run('apt-get', ['update', '-q'], { env, label: 'apt', quiet: true });
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, label: 'apt', quiet: true });
  log('apt', `installed ${missing.join(' ')} in ${fmtMs(Date.now() - started)}`);
  return missing;
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The install is valid when the marker matches this version/Node major and the key files are there. */
export function codeServerInstalled() {
  const m = readMarker();
  if (!m || m.version !== CODE_SERVER_VERSION || m.nodeMajor !== process.versions.node.split('.')[0]) return false;
  const mustExist = [
    CODE_SERVER_ENTRY,
    path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js'),
    path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'extensions', 'node_modules'),
    path.join(CODE_SERVER_DIR, 'node_modules', 'argon2'),
  ];
  if (!mustExist.every((p) => existsSync(p))) return false;
  return existsSync(RG_LINK); // follows the symlink: /usr/bin/rg must exist too
}

function npmEnv(extra = {}) {
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: process.env.npm_config_loglevel ?? 'warn',
    JOBS: process.env.JOBS ?? 'max', // node-gyp: make -j<cores> (the native rebuild is the slowest step)
    ...extra,
  };
  // node-gyp must build against the machine's Node headers (no download of headers offline).
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h') && process.execPath.startsWith('/usr/')) {
    env.npm_config_nodedir = '/usr';
  }
  // Scripts run through `npm run` inherit npm_* variables describing the outer project; drop them.
  for (const k of Object.keys(env)) if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/.test(k)) delete env[k];
  return env;
}

function forceSymlink(target, linkPath) {
  try {
    if (lstatSync(linkPath)) unlinkSync(linkPath);
  } catch {
    /* absent */
  }
  symlinkSync(target, linkPath);
}

/**
 * Installs code-server into .cache/code-server unless a valid install is already there.
 * @param {{browser?: boolean, force?: boolean}} [opts]
 * @returns {{installed: boolean, ms: number}}
 */
export function ensureCodeServer(opts = {}) {
  const started = Date.now();
  ensureAptPackages(opts.browser ? [...APT_BASE, ...APT_BROWSER] : APT_BASE);
  if (!opts.force && codeServerInstalled()) {
    const ms = Date.now() - started;
    log(L, `code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(ROOT, CODE_SERVER_DIR)} (checked in ${fmtMs(ms)})`);
    return { installed: false, ms };
  }
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    log(L, `warning: code-server ${CODE_SERVER_VERSION} expects Node 20, this is ${process.version}`);
  }
  log(L, `installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CODE_SERVER_DIR)} …`);
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = path.join(CACHE_DIR, `code-server.partial`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const env = npmEnv();
  const step = (name, fn) => {
    const t = Date.now();
    fn();
    log(L, `step ${name}: ${fmtMs(Date.now() - t)}`);
  };

  // 1. npm pack + unpack (npm's own tarball cache makes a re-install fast).
  step('pack', () => {
    run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', work, '--silent'], { env, label: L, quiet: true });
    run('tar', ['xzf', `code-server-${CODE_SERVER_VERSION}.tgz`], { cwd: work, label: L });
  });
  const dir = path.join(work, 'package');
  // 2. code-server's own deps, install scripts blocked; then argon2 (builds from source when its download fails).
  step('npm install (code-server)', () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], { cwd: dir, env, label: L });
    run('npm', ['rebuild', 'argon2'], { cwd: dir, env, label: L });
  });
  // 3. VS Code's server deps, scripts blocked (ripgrep's postinstall would download from GitHub).
  const vscodeDir = path.join(dir, 'lib', 'vscode');
  step('npm install (lib/vscode)', () => {
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], { cwd: vscodeDir, env, label: L });
  });
  // 4. Debian's rg where @vscode/ripgrep expects its downloaded binary (its postinstall then exits early).
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/rg';
  forceSymlink(rg, path.join(rgBin, 'rg'));
  // 5. Native modules (spdlog, node-pty, kerberos, native-watchdog, …); yes=true lets node-pty's `npx node-gyp` run.
  step('npm rebuild (lib/vscode)', () => {
    run('npm', ['rebuild'], { cwd: vscodeDir, env: { ...env, npm_config_yes: 'true' }, label: L });
  });
  // 6. Built-in extensions' deps.
  step('npm install (lib/vscode/extensions)', () => {
    run('npm', ['install', '--omit=dev', '--no-package-lock'], { cwd: path.join(vscodeDir, 'extensions'), env, label: L });
  });
  // 7. The two bin links code-server's release build has.
  forceSymlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  rmSync(path.join(work, `code-server-${CODE_SERVER_VERSION}.tgz`), { force: true });

  // Move into place only after every step succeeded.
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  renameSync(dir, CODE_SERVER_DIR);
  rmSync(work, { recursive: true, force: true });
  const version = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { encoding: 'utf8', env: codeServerEnv() });
  if (version.status !== 0) throw new Error(`code-server --version failed:\n${version.stdout}${version.stderr}`);
  const ms = Date.now() - started;
  writeFileSync(
    MARKER,
    JSON.stringify(
      {
        version: CODE_SERVER_VERSION,
        nodeMajor: process.versions.node.split('.')[0],
        reported: version.stdout.trim().split('\n').pop(),
        installedAt: new Date().toISOString(),
        seconds: Math.round(ms / 100) / 10,
      },
      null,
      2,
    ) + '\n',
  );
  log(L, `installed (${version.stdout.trim().split('\n').pop()}) in ${fmtMs(ms)}`);
  return { installed: true, ms };
}

/** Common CLI arguments for a sandboxed code-server. */
export function codeServerArgs({ userDataDir, extensionsDir }) {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Runs the code-server CLI (e.g. --install-extension) synchronously. */
export function codeServerCli(args, opts = {}) {
  return run(process.execPath, [CODE_SERVER_ENTRY, ...args], { label: L, env: codeServerEnv(), ...opts });
}

/** Writes a settings.json that keeps a sandboxed code-server quiet and offline-friendly. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let current = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    /* new */
  }
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...current,
    ...extra,
  };
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server detached (own process group) and resolves once it listens.
 * @param {{port: number, userDataDir: string, extensionsDir: string, timeoutMs?: number, echo?: boolean, extraArgs?: string[]}} o
 */
export function startCodeServer(o) {
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${o.port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...codeServerArgs(o),
    ...(o.extraArgs ?? []),
  ];
  const started = Date.now();
  const child = spawnGroup(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv() });
  let output = '';
  let partial = '';
  const echo = (s) => {
    const lines = (partial + s).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) process.stdout.write(`[code-server] ${l}\n`);
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not report "HTTP server listening" within ${o.timeoutMs ?? 60000} ms:\n${output}`)),
      o.timeoutMs ?? 60000,
    );
    const onData = (buf) => {
      const s = buf.toString();
      output += s;
      if (o.echo) echo(s);
      if (/HTTP server listening/.test(output)) {
        clearTimeout(timer);
        resolve(Date.now() - started);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code ?? signal}):\n${output}`));
    });
  });
  return { child, ready, output: () => output };
}

/** Lists files under dir (non-recursive), sorted. */
export function listDir(dir) {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
