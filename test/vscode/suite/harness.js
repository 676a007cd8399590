/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
/* global setInterval, clearInterval */
// Tiny test harness for tests running inside the VS Code extension host (CommonJS, no build step).
//   const { test, assert, h } = require('./harness');
//   test('name', async () => { ... }, { timeout: 30000 });
// index.js loads every *.test.js here in name order and runs the registered tests one after another.
//
// No fixed sleeps: everything waits on a VS Code event (onDidChangeDiagnostics, onDidChangeTextDocument, …) or
// polls a condition (waitFor). A diagnostics monitor watches every diagnostics change of the whole run (duplicates,
// diagnostics on documents that must never get ours); 99-monitor.test.js asserts what it saw.
'use strict';
const vscode = require('vscode');
const nodeAssert = require('assert');
const fs = require('fs');
const path = require('path');

const EXTENSION_ID = 'xxgknb.xxgknb';
const SOURCE = 'xxgknb';
const DEFAULT_TIMEOUT = 30000;

/** @type {{name: string, file: string, fn: () => unknown, timeout: number}[]} */
const tests = [];
let currentFile = '';
let currentTest = '';

/** Registers a test. */
function test(name, fn, opts = {}) {
  tests.push({ name, file: currentFile, fn, timeout: opts.timeout ?? DEFAULT_TIMEOUT });
}

/** Node's strict assert plus a few shortcuts. */
const assert = Object.assign((value, message) => nodeAssert.ok(value, message), nodeAssert.strict, {
  /** Asserts that the async fn does not throw, returns its result. */
  async resolves(fn, message) {
    try {
      return await fn();
    } catch (err) {
      throw new nodeAssert.AssertionError({ message: `${message ?? 'expected no error'}: ${err && err.message}`, actual: err });
    }
  },
});

/** Rejects after ms with a message that says what was awaited. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Resolves when `check()` returns a truthy value. Re-checks on the given VS Code events (event-driven),
 * plus a slow safety re-check for state that has no event (e.g. Extension.isActive). `describe()` says, on a
 * timeout, what the state was (e.g. the diagnostics that were there instead).
 */
function waitFor(check, { timeout = 10000, what = 'condition', events = [], recheckMs = 100, describe } = {}) {
  return new Promise((resolve, reject) => {
    const subs = [];
    let timer;
    let poll;
    let finished = false;
    const done = (err, value) => {
      if (finished) return;
      finished = true;
      subs.forEach((s) => s.dispose());
      clearTimeout(timer);
      clearInterval(poll);
      if (err) reject(err);
      else resolve(value);
    };
    const probe = () => {
      if (finished) return;
      try {
        const v = check();
        if (v) done(undefined, v);
      } catch (err) {
        done(err);
      }
    };
    for (const ev of events) subs.push(ev(probe));
    timer = setTimeout(() => {
      let state;
      try {
        state = describe ? `\n  state: ${describe()}` : '';
      } catch (err) {
        state = `\n  state: (describe failed: ${err && err.message})`;
      }
      done(new Error(`timed out after ${timeout} ms waiting for ${what}${state}`));
    }, timeout);
    if (recheckMs > 0) poll = setInterval(probe, recheckMs);
    probe();
  });
}

// ------------------------------------------------------------------ diagnostics monitor

const monitor = {
  /** uri → number of onDidChangeDiagnostics events that named it. */
  events: new Map(),
  /** Diagnostics seen twice in one document (same source, code, range and message). */
  duplicates: [],
  /** uri → where our diagnostics must never appear (e.g. notes.md). */
  forbidden: new Set(),
  /** Our diagnostics that appeared on a forbidden document. */
  strays: [],
  /** Documents that had at least one of our diagnostics at some point. */
  documentsWithOurs: new Set(),
  diagnosticsSeen: 0,
};

function diagKey(d) {
  const r = d.range;
  return `${d.source}|${codeOf(d)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}

vscode.languages.onDidChangeDiagnostics((e) => {
  for (const uri of e.uris) {
    const key = uri.toString();
    monitor.events.set(key, (monitor.events.get(key) ?? 0) + 1);
    const all = vscode.languages.getDiagnostics(uri);
    const seen = new Set();
    for (const d of all) {
      const k = diagKey(d);
      if (seen.has(k)) monitor.duplicates.push({ uri: key, diagnostic: k, test: currentTest });
      seen.add(k);
    }
    const ours = all.filter((d) => d.source === SOURCE);
    monitor.diagnosticsSeen += ours.length;
    if (ours.length) monitor.documentsWithOurs.add(key);
    if (ours.length && monitor.forbidden.has(key)) monitor.strays.push({ uri: key, diagnostics: ours.map(diagKey), test: currentTest });
  }
});

/** The code of a diagnostic as a string (VS Code gives {value, target} when the code has a documentation link). */
function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? '' : String(d.code);
}

/** Our diagnostics (source xxgknb) of a document, sorted by position. */
function ours(uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || codeOf(a).localeCompare(codeOf(b)));
}

/** `code@line:char message` lines, for failure messages. */
function describeDiagnostics(diags) {
  if (!diags.length) return '(none)';
  return diags.map((d) => `\n    ${codeOf(d)}@${d.range.start.line}:${d.range.start.character} ${d.message}`).join('');
}

function eventCount(uri) {
  return monitor.events.get(uri.toString()) ?? 0;
}

/**
 * Waits until our diagnostics of a document satisfy `pred` (re-checked on every diagnostics change).
 * Resolves with them; on a timeout the message lists the diagnostics that were there.
 */
function waitForDiagnostics(uri, pred = (ds) => ds.length > 0, { timeout = 15000, what } = {}) {
  return waitFor(() => {
    const ds = ours(uri);
    return pred(ds) ? ds : undefined;
  }, {
    timeout,
    what: what ?? `diagnostics on ${path.basename(uri.fsPath || uri.path)}`,
    events: [vscode.languages.onDidChangeDiagnostics],
    recheckMs: 0,
    describe: () => describeDiagnostics(ours(uri)),
  });
}

/**
 * The settled diagnostics of a document that is open in an editor: waits for the first diagnostics event that
 * names it (the language client sets its collection on every pull answer, empty or not), then returns ours.
 */
async function settledDiagnostics(uri, { timeout = 15000 } = {}) {
  await waitFor(() => eventCount(uri) > 0, {
    timeout,
    what: `the first diagnostics answer for ${path.basename(uri.fsPath || uri.path)}`,
    events: [vscode.languages.onDidChangeDiagnostics],
    recheckMs: 0,
  });
  return ours(uri);
}

// ------------------------------------------------------------------ workspace, editors, extension

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  nodeAssert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

/** URI of a file in the test workspace. */
function workspaceUri(name) {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** Finds workspace files by glob (relative to the workspace folder). */
async function findFiles(glob) {
  const uris = await vscode.workspace.findFiles(glob);
  return uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Opens a workspace file (or untitled document) in an editor; returns {doc, editor, uri}. */
async function open(nameOrUri, options = {}) {
  const uri = typeof nameOrUri === 'string' ? workspaceUri(nameOrUri) : nameOrUri;
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false, ...options });
  return { doc, editor, uri };
}

/** Opens a new untitled document with this content in an editor. */
async function openUntitled(language, content) {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor, uri: doc.uri };
}

/** Closes every editor; dirty ones (edited fixtures, untitled documents) are reverted first so that no dialog asks. */
async function closeAllEditors() {
  for (let guard = 0; guard < 50; guard++) {
    const dirty = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.isDirty && t.input instanceof vscode.TabInputText);
    if (!dirty) break;
    await vscode.window.showTextDocument(dirty.input.uri, { viewColumn: dirty.group.viewColumn, preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(() => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0), {
    timeout: 10000,
    what: 'all editors to close',
    events: [vscode.window.tabGroups.onDidChangeTabs],
    describe: () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => `${t.label}${t.isDirty ? ' (dirty)' : ''}`)).join(', '),
  });
}

/** Applies edits and waits until the document shows them. */
async function edit(doc, build) {
  const we = new vscode.WorkspaceEdit();
  build(we);
  const ok = await vscode.workspace.applyEdit(we);
  nodeAssert.ok(ok, 'workspace.applyEdit returned false');
}

function extension() {
  return vscode.extensions.getExtension(EXTENSION_ID);
}

/** Waits until our extension is active (activation is triggered by opening a document, not by this call). */
function waitForActivation(timeout = 20000, recheckMs = 100) {
  return waitFor(() => extension() && extension().isActive, {
    timeout,
    what: `activation of ${EXTENSION_ID}`,
    events: [vscode.extensions.onDidChange],
    recheckMs,
  });
}

/** The API the extension's activate() returned ({status()}). */
function api() {
  const ext = extension();
  nodeAssert.ok(ext && ext.isActive, `${EXTENSION_ID} is not active`);
  nodeAssert.ok(ext.exports && typeof ext.exports.status === 'function', 'the extension API has no status()');
  return ext.exports;
}

/** Waits until the status bar state (api.status()) satisfies pred; resolves with it. */
function waitForStatus(pred, what, timeout = 15000) {
  return waitFor(() => {
    const s = api().status();
    return pred(s) ? s : undefined;
  }, {
    timeout,
    what: `status bar: ${what}`,
    events: [vscode.window.onDidChangeActiveTextEditor, vscode.languages.onDidChangeDiagnostics],
    recheckMs: 50, // the status arrives by a notification of ours, which has no public event
    describe: () => JSON.stringify(api().status()),
  });
}

/**
 * vscode.executeCodeActionProvider, again when VS Code cancels it: it cancels a code-action request whenever the
 * set of code-action providers changes meanwhile (another extension activating, e.g. VS Code's Markdown
 * extension after a Markdown file was opened) — its way of saying "ask again", which the lightbulb does too.
 */
async function codeActions(uri, range, kind) {
  for (let attempt = 1; ; attempt++) {
    try {
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind);
      // A request cut short that way can also come back empty, without an error: the server's log showed it answered
      // with an action while the Markdown extension was activating. Ask again before taking "none" for an answer.
      if ((actions ?? []).length || attempt >= 3) return actions;
      console.log(`    (no code actions, attempt ${attempt}: asking again)`);
    } catch (err) {
      if (!(err && err.name === 'Canceled') || attempt >= 3) throw err;
      console.log(`    (code actions cancelled by VS Code, attempt ${attempt}: asking again)`);
    }
  }
}

/** Text of a vscode.Hover / MarkdownString / MarkedString. */
function hoverText(hovers) {
  return (hovers ?? [])
    .flatMap((hv) => hv.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Symbols flattened depth-first as {name, depth, symbol}. */
function flattenSymbols(symbols, depth = 0, out = []) {
  for (const s of symbols ?? []) {
    out.push({ name: s.name, depth, symbol: s });
    flattenSymbols(s.children, depth + 1, out);
  }
  return out;
}

/** The line index of the first line that starts with (or equals) `prefix`. */
function lineOf(doc, prefix) {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starts with ${JSON.stringify(prefix)} in ${path.basename(doc.uri.path)}`);
}

// ------------------------------------------------------------------ UI requests to the test runner

let uiSeq = 0;

/**
 * Asks the test runner (Playwright, outside VS Code) to look at the rendered workbench: wait for an element,
 * take a screenshot, read texts, click. The request goes out as one console line `XXGKNB_UI {json}` (the runner
 * sees the extension host's console through codeAutomationLog); the answer comes back as a JSON file in
 * $XXGKNB_UI_DIR, which this waits for. Returns null when no runner answers UI requests (desktop VS Code via
 * test:electron) — callers skip; in the browser (code-server) a missing runner is an error.
 *
 * request: {name, preClick?: {selector, hasText?}, waitFor?: {selector, hasText?, timeout?},
 *           waitForHidden?: [{selector, hasText?}], screenshot?: file name,
 *           elementScreenshot?: {selector, hasText?, file}, read?: {key: selector | {selector, hasText?}},
 *           click?: {selector, hasText?}, afterClick?: {selector, hasText?, state?}}
 * In that order: preClick, waitFor, waitForHidden, (transitions finished, painted), screenshots, read, click, afterClick.
 */
async function ui(request, { timeout = 30000 } = {}) {
  const dir = process.env.XXGKNB_UI_DIR;
  if (!dir) {
    nodeAssert.notEqual(
      vscode.env.uiKind,
      vscode.UIKind.Web,
      'running in the browser but XXGKNB_UI_DIR is not set: the runner (run-code-server-tests.mjs) must pass it to code-server',
    );
    return null;
  }
  const id = `ui-${process.pid}-${++uiSeq}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`XXGKNB_UI ${JSON.stringify({ id, ...request })}`);
  const reply = await waitFor(
    () => {
      if (!fs.existsSync(file)) return undefined;
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    },
    { timeout, what: `the test runner's answer to UI request "${request.name}"`, recheckMs: 50 },
  );
  if (!reply.ok) throw new Error(`UI request "${request.name}" failed in the runner: ${reply.error}`);
  return reply;
}

module.exports = {
  EXTENSION_ID,
  SOURCE,
  test,
  assert,
  h: {
    waitFor,
    withTimeout,
    waitForDiagnostics,
    settledDiagnostics,
    ours,
    codeOf,
    describeDiagnostics,
    eventCount,
    workspaceRoot,
    workspaceUri,
    findFiles,
    open,
    openUntitled,
    closeAllEditors,
    edit,
    extension,
    waitForActivation,
    api,
    waitForStatus,
    hoverText,
    codeActions,
    flattenSymbols,
    lineOf,
    ui,
    monitor,
  },
  _internal: {
    tests,
    setFile(f) {
      currentFile = f;
    },
    setTest(name) {
      currentTest = name;
    },
  },
};
