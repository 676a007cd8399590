/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
/* global setInterval, clearInterval */
// Tiny test harness for tests running inside the VS Code extension host (CommonJS, no build step).
//   const { test, assert, h } = require('./harness');
//   test('name', async () => { ... }, { timeout: 30000 });
// index.js loads every *.test.js here in name order and runs the registered tests one after another.
'use strict';
const vscode = require('vscode');
const nodeAssert = require('assert');
const path = require('path');

const EXTENSION_ID = 'xxgknb.xxgknb';
const DEFAULT_TIMEOUT = 30000;

/** @type {{name: string, file: string, fn: () => unknown, timeout: number}[]} */
const tests = [];
let currentFile = '';

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
 * plus a slow safety re-check for state that has no event (e.g. Extension.isActive).
 */
function waitFor(check, { timeout = 10000, what = 'condition', events = [], recheckMs = 100 } = {}) {
  return new Promise((resolve, reject) => {
    const subs = [];
    let timer;
    let poll;
    const done = (err, value) => {
      subs.forEach((s) => s.dispose());
      clearTimeout(timer);
      clearInterval(poll);
      if (err) reject(err);
      else resolve(value);
    };
    const probe = () => {
      try {
        const v = check();
        if (v) done(undefined, v);
      } catch (err) {
        done(err);
      }
    };
    for (const ev of events) subs.push(ev(probe));
    timer = setTimeout(() => done(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
    if (recheckMs > 0) poll = setInterval(probe, recheckMs);
    probe();
  });
}

/** Waits (event-driven) until the document has diagnostics from our source; resolves with them. */
function waitForDiagnostics(uri, { timeout = 15000, atLeast = 1 } = {}) {
  const ours = () => vscode.languages.getDiagnostics(uri);
  return waitFor(() => (ours().length >= atLeast ? ours() : undefined), {
    timeout,
    what: `diagnostics on ${path.basename(uri.fsPath)}`,
    events: [vscode.languages.onDidChangeDiagnostics],
    recheckMs: 0,
  });
}

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

/** Opens a workspace file in an editor; returns {doc, editor}. */
async function open(nameOrUri) {
  const uri = typeof nameOrUri === 'string' ? workspaceUri(nameOrUri) : nameOrUri;
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor, uri };
}

function extension() {
  return vscode.extensions.getExtension(EXTENSION_ID);
}

/** Waits until our extension is active (activation is triggered by opening a document, not by this call). */
function waitForActivation(timeout = 20000) {
  return waitFor(() => extension() && extension().isActive, {
    timeout,
    what: `activation of ${EXTENSION_ID}`,
    events: [vscode.extensions.onDidChange],
  });
}

module.exports = {
  EXTENSION_ID,
  test,
  assert,
  h: { waitFor, withTimeout, waitForDiagnostics, workspaceRoot, workspaceUri, findFiles, open, extension, waitForActivation },
  _internal: {
    tests,
    setFile(f) {
      currentFile = f;
    },
  },
};
