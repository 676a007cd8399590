#!/usr/bin/env node
// npm run test:vscode — runs test/vscode/suite inside real VS Code (code-server 4.100.3 = VS Code 1.100.3,
// Node extension host) driven by headless Debian Chromium through playwright-core. Works offline.
// How: ../shared/spec/editor-references.md §3.3. The packaged .vsix is unpacked and loaded as the
// extension under development, so what is tested is what ships.
//
// Environment: XXGKNB_VSIX (use this vsix), XXGKNB_VSCODE_TIMEOUT (ms, default 240000),
// XXGKNB_VSCODE_VERBOSE=1 (print all browser console and code-server output), XXGKNB_TEST_GREP (run matching tests),
// XXGKNB_VSCODE_KEEP=1 (keep the temp folder), XXGKNB_VSCODE_LOG=trace (code-server/VS Code log level).
//
// UI requests: the suite (suite/harness.js, h.ui) prints `XXGKNB_UI {json}`; this runner sees the line through
// codeAutomationLog, waits for the element in the rendered workbench, takes the screenshot into
// artifacts/screenshots/, reads texts, clicks, and answers with <XXGKNB_UI_DIR>/<id>.json, which the suite waits for.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, freePort, startCodeServer, writeUserSettings } from '../../scripts/lib/code-server.mjs';
import { ROOT, fmtMs, killGroup, killGroupSync, run } from '../../scripts/lib/proc.mjs';
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
  // Generated reports (exampleReport: clean, broken totals, a missing table): test/vscode/fixtures/make-fixtures.ts.
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'vscode', 'fixtures', 'make-fixtures.ts'), workspace], { label: 'fixtures', quiet: true });
  const uiDir = path.join(tmp, 'ui');
  mkdirSync(uiDir, { recursive: true });
  // Inherited by code-server and so by the extension host, where the suite reads it.
  process.env.XXGKNB_UI_DIR = uiDir;
  const userDataDir = path.join(tmp, 'user');
  const extensionsDir = path.join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  // files.autoSave: VS Code in the browser saves after a delay by default; the tests edit reports and must
  // leave the files as they are (like desktop VS Code, whose default is off).
  writeUserSettings(userDataDir, { 'editor.wordWrap': 'on', 'files.autoSave': 'off' });

  const port = await freePort();
  const cs = startCodeServer({ port, userDataDir, extensionsDir, echo: VERBOSE, extraArgs: process.env.XXGKNB_VSCODE_LOG ? ['--log', process.env.XXGKNB_VSCODE_LOG] : [] });
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
  for (const f of readdirSync(SCREENSHOT_DIR)) if (/^ui-failed-.*\.png$/.test(f)) rmSync(path.join(SCREENSHOT_DIR, f));
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
  /** Serialises the UI requests of the suite (one at a time, in order). */
  let uiChain = Promise.resolve();
  const uiSeen = new Set();
  const locate = (spec) => {
    const s = typeof spec === 'string' ? { selector: spec } : spec;
    let loc = page.locator(s.selector);
    if (s.hasText) loc = loc.filter({ hasText: s.hasText });
    return loc.first();
  };
  // What became visible has finished its (finite) CSS transitions — a toast fading in, a panel sliding — and has
  // been painted (two animation frames). Infinite animations (progress bars, the cursor) are not waited for; a
  // transition that never ends is cut off after 3 s.
  const settle = () =>
    page.evaluate(async () => {
      const g = globalThis;
      const running = g.document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().iterations !== Infinity);
      await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => undefined))), new Promise((r) => g.setTimeout(r, 3000))]);
      await new Promise((r) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => r(undefined))));
    });
  const handleUi = async (req) => {
    const reply = { id: req.id, ok: true, texts: {} };
    const steps = [];
    try {
      if (req.preClick) {
        await locate(req.preClick).click({ timeout: 5000 });
        steps.push(`clicked ${req.preClick.selector}${req.preClick.hasText ? ` "${req.preClick.hasText}"` : ''}`);
      }
      if (req.waitFor) {
        await locate(req.waitFor).waitFor({ state: 'visible', timeout: req.waitFor.timeout ?? 15000 });
        steps.push(`saw ${req.waitFor.selector}${req.waitFor.hasText ? ` "${req.waitFor.hasText}"` : ''}`);
      }
      for (const gone of req.waitForHidden ?? []) {
        await locate(gone).waitFor({ state: 'hidden', timeout: gone.timeout ?? 15000 });
        steps.push(`${gone.selector}${gone.hasText ? ` "${gone.hasText}"` : ''} gone`);
      }
      await settle();
      if (req.screenshot) {
        const file = path.join(SCREENSHOT_DIR, path.basename(req.screenshot));
        await page.screenshot({ path: file });
        reply.screenshot = { file: path.relative(ROOT, file), bytes: statSync(file).size };
        steps.push(`screenshot ${reply.screenshot.file}`);
      }
      if (req.elementScreenshot) {
        const file = path.join(SCREENSHOT_DIR, path.basename(req.elementScreenshot.file));
        await locate(req.elementScreenshot).screenshot({ path: file, timeout: 5000 });
        reply.elementScreenshot = { file: path.relative(ROOT, file), bytes: statSync(file).size };
        steps.push(`screenshot ${reply.elementScreenshot.file}`);
      }
      for (const [key, spec] of Object.entries(req.read ?? {})) reply.texts[key] = await locate(spec).innerText({ timeout: 5000 });
      if (req.click) {
        await locate(req.click).click({ timeout: 5000 });
        steps.push(`clicked ${req.click.selector}${req.click.hasText ? ` "${req.click.hasText}"` : ''}`);
        if (req.afterClick) {
          await locate(req.afterClick).waitFor({ state: req.afterClick.state ?? 'visible', timeout: req.afterClick.timeout ?? 10000 });
          reply.afterClick = true;
          steps.push(`then saw ${req.afterClick.selector}`);
        }
      }
      // The mouse stays where it clicked: park it on the empty part of the activity bar, or the tooltip of what it
      // clicked would cover later screenshots and buttons.
      if (req.click || req.preClick) await page.mouse.move(24, 500);
    } catch (err) {
      reply.ok = false;
      reply.error = err instanceof Error ? err.message.split('\n').slice(0, 6).join(' | ') : String(err);
      await screenshot(`ui-failed-${String(req.name).replace(/[^\w-]/g, '_')}.png`);
    }
    say(`ui ${req.name}: ${reply.ok ? steps.join(', ') || 'done' : `FAILED: ${reply.error}`}`);
    const out = path.join(uiDir, `${req.id}.json`);
    writeFileSync(`${out}.tmp`, JSON.stringify(reply));
    renameSync(`${out}.tmp`, out); // the suite never reads a half-written answer
  };

  /** What the suite printed that the run summary repeats. */
  const summary = { passed: undefined, failed: undefined, activationMs: undefined };
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    const ui = /XXGKNB_UI (\{.*\})/.exec(text);
    if (ui) {
      let req;
      try {
        req = JSON.parse(ui[1]);
      } catch (err) {
        say(`bad UI request ${ui[1]}: ${err}`);
        return;
      }
      if (uiSeen.has(req.id)) return;
      uiSeen.add(req.id);
      uiChain = uiChain.then(() => handleUi(req));
      return;
    }
    const counts = /(\d+) passed, (\d+) failed \(/.exec(text);
    if (counts) [summary.passed, summary.failed] = [Number(counts[1]), Number(counts[2])];
    const act = /ACTIVATION_MS=(\d+)/.exec(text);
    if (act) summary.activationMs = Number(act[1]);
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
  await uiChain;
  if (summary.activationMs !== undefined) say(`ACTIVATION_MS=${summary.activationMs}`);
  // The line scripts/test.mjs counts (unindented); a run that never reached the summary counts as one failure.
  if (summary.passed !== undefined) process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
  let code = result;
  if (code === 0 && summary.failed !== 0) {
    say('FAILED: the workbench exited with 0 but the suite did not report "N passed, 0 failed"');
    code = 1;
  }
  say(code === 0 ? 'PASSED' : `FAILED (exit code ${code})`);
  return code;
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
