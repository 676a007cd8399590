/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

test('the commands are registered', async () => {
  const all = await vscode.commands.getCommands(true);
  for (const c of ['xxgknb.insertSkeleton', 'xxgknb.insertTable', 'xxgknb.checkWorkspace', 'xxgknb.showModel']) {
    assert.ok(all.includes(c), `${c} is not registered`);
  }
});

test('status bar: era and error count of the active report, ✓ for a clean one, hidden for notes.md', async () => {
  const broken = await h.open('2023-huaian-hongze-district-pdftext.xxgknb.txt');
  await h.waitForDiagnostics(broken.uri, (ds) => ds.length === 4);
  const s1 = await h.waitForStatus((s) => s.visible && s.uri === broken.uri.toString() && s.text.includes('✗'), 'the hongze report');
  assert.match(s1.text, /2021/);
  assert.match(s1.text, /✗2\b/);
  assert.match(s1.tooltip, /2021/);
  const clean = await h.open('2024-huaian-city.xxgknb.md');
  const s2 = await h.waitForStatus((s) => s.visible && s.uri === clean.uri.toString(), 'the huaian city report');
  assert.match(s2.text, /2021/);
  assert.match(s2.text, /✓/);
  const old = await h.open('seed-000_c51b2ac3a16111eb.xxgknb.txt');
  const s3 = await h.waitForStatus((s) => s.visible && s.uri === old.uri.toString(), 'a 2008-format report');
  assert.match(s3.text, /2008/);
  await h.open('notes.md');
  await h.waitForStatus((s) => !s.visible && s.uri === h.workspaceUri('notes.md').toString(), 'hidden for notes.md');
});

test('xxgknb.showModel opens the parsed model as JSON', async () => {
  const { uri } = await h.open('example-clean.xxgknb.md');
  await h.settledDiagnostics(uri);
  await vscode.commands.executeCommand('xxgknb.showModel');
  const editor = await h.waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.languageId === 'json' ? e : undefined;
  }, { what: 'a JSON editor', events: [vscode.window.onDidChangeActiveTextEditor] });
  assert.equal(editor.document.uri.scheme, 'untitled');
  const model = JSON.parse(editor.document.getText());
  assert.equal(model.isReport, true);
  assert.equal(model.format, 'markdown');
  assert.equal(model.meta.era, '2021');
  assert.equal(model.meta.year, 2021);
  assert.deepEqual(model.tables.map((t) => t.kind), ['T2', 'T3', 'T4']);
  assert.deepEqual(model.sections.map((s) => s.title.replace(/^#+\s*/, '')), [
    '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
  ]);
  // The JSON document is not a report: no diagnostics of ours on it.
  assert.deepEqual(h.ours(editor.document.uri), []);
});
