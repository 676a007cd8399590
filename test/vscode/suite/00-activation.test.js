/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h, EXTENSION_ID } = require('./harness');

test('the extension xxgknb.xxgknb is installed', () => {
  const ext = h.extension();
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  assert.equal(ext.packageJSON.name, 'xxgknb');
  // VS Code creates a plain-text model of its own at startup, so onLanguage:plaintext usually activates the
  // extension before any report is opened (seen in the extension host log: activationEvent 'onLanguage:plaintext').
  console.log(`    active before any document was opened: ${ext.isActive}`);
});

test('opening a report activates the extension (ACTIVATION_MS) and diagnostics follow', async () => {
  const uri = h.workspaceUri('example-broken.xxgknb.md');
  const t0 = Date.now();
  const { doc } = await h.open(uri);
  assert.equal(doc.languageId, 'xxgknb');
  const wasActive = h.extension().isActive;
  await h.waitForActivation(20000, 5);
  const openToActive = Date.now() - t0;
  const diags = await h.waitForDiagnostics(uri, (ds) => ds.length > 0, { timeout: 20000 });
  const openToDiagnostics = Date.now() - t0;
  // VS Code's own measurement of our activation (module load + activate() until its promise resolved, which
  // includes starting the language server), from the Running Extensions editor.
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  const reply = await h.ui({
    name: 'running-extensions',
    waitFor: { selector: '.runtime-extensions-editor .monaco-list-row', hasText: 'xxgknb' },
    read: { row: { selector: '.runtime-extensions-editor .monaco-list-row', hasText: 'xxgknb' } },
  });
  let activationMs = openToActive;
  if (reply) {
    const m = /(\d+)\s*ms/.exec(reply.texts.row);
    assert.ok(m, `no activation time in the Running Extensions row: ${reply.texts.row}`);
    activationMs = Number(m[1]);
    console.log(`    Running Extensions: ${reply.texts.row.replace(/\s+/g, ' ')}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  // One line the benchmark doc picks up.
  console.log(`ACTIVATION_MS=${activationMs}`);
  console.log(`OPEN_TO_ACTIVE_MS=${openToActive}${wasActive ? ' (already active when the report was opened)' : ''}`);
  console.log(`FIRST_DIAGNOSTICS_MS=${openToDiagnostics}`);
  assert.deepEqual(diags.map((d) => h.codeOf(d)), ['t4-total']);
  // activate() returns the API the tests use.
  assert.equal(typeof h.api().status, 'function');
});

test('a .xxgknb.txt report also gets languageId xxgknb', async () => {
  const doc = await vscode.workspace.openTextDocument(h.workspaceUri('seed-000_c51b2ac3a16111eb.xxgknb.txt'));
  assert.equal(doc.languageId, 'xxgknb');
});

test('notes.md stays markdown', async () => {
  const doc = await vscode.workspace.openTextDocument(h.workspaceUri('notes.md'));
  assert.equal(doc.languageId, 'markdown');
});
