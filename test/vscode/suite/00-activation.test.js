/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h, EXTENSION_ID } = require('./harness');

test('the extension xxgknb.xxgknb is installed', () => {
  const ext = h.extension();
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  assert.equal(ext.packageJSON.name, 'xxgknb');
});

test('opening a .xxgknb.txt report activates the extension with languageId xxgknb', async () => {
  const [report] = await h.findFiles('**/*.xxgknb.txt');
  assert.ok(report, 'no *.xxgknb.txt file in the workspace');
  const { doc } = await h.open(report);
  assert.equal(doc.languageId, 'xxgknb');
  await h.waitForActivation();
  assert.ok(h.extension().isActive);
});

test('a .xxgknb.md report also gets languageId xxgknb', async () => {
  const [report] = await h.findFiles('**/*.xxgknb.md');
  assert.ok(report, 'no *.xxgknb.md file in the workspace');
  const doc = await vscode.workspace.openTextDocument(report);
  assert.equal(doc.languageId, 'xxgknb');
});

test('notes.md stays markdown', async () => {
  const doc = await vscode.workspace.openTextDocument(h.workspaceUri('notes.md'));
  assert.equal(doc.languageId, 'markdown');
});
