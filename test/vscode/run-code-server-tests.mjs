#!/usr/bin/env node
// npm run test:vscode — runs test/vscode/suite inside real VS Code (code-server 4.100.3 = VS Code 1.100.3,
// Node extension host) driven by headless Debian Chromium through playwright-core. Works offline.
// How: ../shared/spec/editor-references.md §3.3. The packaged .vsix is unpacked and loaded as the
// extension under development, so what is tested is what ships.
//
// Environment: XXGKNB_VSIX (use this vsix), XXGKNB_VSCODE_TIMEOUT (ms, default 240000),
// XXGKNB_VSCODE_VERBOSE=1 (print all browser console and code-server output), XXGKNB_TEST_GREP (run matching tests),
// XXGKNB_VSCODE_KEEP=1 (keep the temp folder).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, freePort, startCodeServer, writeUserSettings } from '../../scripts/lib/code-server.mjs';
import { ROOT, fmtMs, killGroup, killGroupSync } from '../../scripts/lib/proc.mjs';
import { ensureVsix } from '../../scripts/lib/vsix.mjs';
import { makeExampleWorkspace } from '../../scripts/lib/workspace.mjs';
import { extractZip } from '../../scripts/lib/zip.mjs';

const TIMEOUT_MS = Number(process.env.XXGKNB_VSCODE_TIMEOUT ?? 240_000);
const VERBOSE = process.env.XXGKNB_VSCODE_VERBOSE === '1';
const SUITE_DIR = path.join(ROOT, 'test', 'vscode', 'suite');
const SCREENSHOT_DIR = path.join(ROOT, 'artifacts', 'screenshots');
const CHROMIUM = process.env.XXGKNB_CHROMIUM ?? '/usr/bin/chromium';

const t0 = Date.now();
const say = (msg) => process.stdout.write(`[test:vscode +${fmtMs(Date.now() - t0)}] ${msg}\n`);

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
let tmp;
let cleaning;

async function cleanup(keepTmp) {
  cleaning ??= (async () => {
    try {
      await browser?.close();
    } catch {
      /* already closed */
    }
    await killGroup(server, 1500);
    if (tmp && !keepTmp && process.env.XXGKNB_VSCODE_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
    else if (tmp) say(`kept ${tmp}`);
  })();
  return cleaning;
}
process.on('exit', () => killGroupSync(server));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    say(`${sig}: stopping`);
    cleanup(false).finally(() => process.exit(130));
  });
}

/** Browser console text without the %c styling of forwarded extension-host messages. */
function consoleText(msg) {
  const text = msg.text();
  if (!text.includes('%c')) return text;
  // '%c[Extension Host] %chello', 'color: blue', 'color:' → the CSS arguments are appended by text(): drop them.
  const parts = text.split('%c').length - 1;
  let s = text.replace(/%c/g, '');
  for (let i = 0; i < parts; i++) s = s.replace(/\s+(color|font|background)[^ ]*:[^]*?$/, '');
  return s;
}

/** Workbench log lines that are expected offline or routine: shown only with XXGKNB_VSCODE_VERBOSE=1. */
const NOISE =
  /open-vsx\.org|ENOTFOUND|ERR_NAME_NOT_RESOLVED|Failed to load resource|connection token|Creating a socket|builtin extensions cache|\[Service Worker\]|ChatSessionStore|allow-scripts and allow-same-origin|marketplace|gallery/i;

async function main() {
  say('setting up code-server and Chromium');
  ensureCodeServer({ browser: true });
  const vsix = ensureVsix();

  tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgknb-vscode-'));
  extractZip(vsix, path.join(tmp, 'vsix'));
  const extensionDir = path.join(tmp, 'vsix', 'extension');
  const workspace = path.join(tmp, 'workspace');
  makeExampleWorkspace(workspace);
  const userDataDir = path.join(tmp, 'user');
  const extensionsDir = path.join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, { 'editor.wordWrap': 'on' });

  const port = await freePort();
  const cs = startCodeServer({ port, userDataDir, extensionsDir, echo: VERBOSE });
  server = cs.child;
  const upMs = await cs.ready;
  say(`code-server listening on 127.0.0.1:${port} (${fmtMs(upMs)})`);

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const screenshot = async (name) => {
    const file = path.join(SCREENSHOT_DIR, name);
    try {
      await page.screenshot({ path: file });
      say(`screenshot ${path.relative(ROOT, file)}`);
    } catch (err) {
      say(`screenshot failed: ${err instanceof Error ? err.message : err}`);
    }
  };

  // With codeAutomationLog exposed, the workbench routes its log (and the extension host's console.log, at
  // level info) through it; the page console repeats the same lines, so it is shown only when verbose.
  page.on('console', (msg) => {
    if (VERBOSE) process.stdout.write(`  [console.${msg.type()}] ${consoleText(msg)}\n`);
  });
  page.on('pageerror', (err) => process.stdout.write(`  [page error] ${err.message}\n`));

  /** @type {(code: number) => void} */
  let onExit = () => {};
  const exited = new Promise((resolve) => (onExit = resolve));
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    if (!VERBOSE && (NOISE.test(text) || level === 'trace' || level === 'debug')) return;
    const tag = level === 'info' ? '' : `[${level}] `;
    process.stdout.write(`${tag}${text}`.split('\n').map((l) => `  ${l}\n`).join(''));
  });
  await page.exposeFunction('codeAutomationExit', async (code) => {
    say(`codeAutomationExit(${code})`);
    await screenshot('vscode-tests.png');
    onExit(Number(code) || 0);
  });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(SUITE_DIR)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say(`opening workbench (folder ${workspace})`);
  await page.goto(url);

  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
  });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await screenshot('vscode-tests-timeout.png');
    say(
      `FAILED: no test result within ${fmtMs(TIMEOUT_MS)} — the workbench never called codeAutomationExit ` +
        `(extension host did not start the suite, or a test hangs). Re-run with XXGKNB_VSCODE_VERBOSE=1.`,
    );
    if (!VERBOSE) process.stdout.write(cs.output().split('\n').slice(-30).map((l) => `  [code-server] ${l}`).join('\n') + '\n');
    return 1;
  }
  say(result === 0 ? 'PASSED' : `FAILED (exit code ${result})`);
  return result;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  say(`FAILED: ${err instanceof Error ? err.stack : err}`);
  code = 1;
} finally {
  await cleanup(code !== 0 && process.env.XXGKNB_VSCODE_KEEP === '1');
}
say(`done in ${fmtMs(Date.now() - t0)}, exit code ${code}`);
process.exit(code);
