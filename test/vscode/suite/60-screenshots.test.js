/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
// What a person would look at, rendered by the real workbench and checked in the DOM by the test runner
// (h.ui: the runner waits for the element, takes the screenshot into artifacts/screenshots/, reads texts back).
// Under desktop VS Code (test:electron) nobody answers UI requests: the DOM checks are skipped there.
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

const HONGZE = '2023-huaian-hongze-district-pdftext.xxgknb.txt';
const MIN_SCREENSHOT_BYTES = 30000; // a rendered 1400×900 workbench is far larger; a blank page is a few KB

function checkScreenshot(reply, name) {
  assert.ok(reply.screenshot, `no screenshot in the answer for ${name}`);
  assert.ok(reply.screenshot.bytes > MIN_SCREENSHOT_BYTES, `${reply.screenshot.file}: only ${reply.screenshot.bytes} bytes`);
  console.log(`    screenshot ${reply.screenshot.file} (${Math.round(reply.screenshot.bytes / 1024)} KiB)`);
}

async function showLine(editor, line, character = 0) {
  const pos = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
}

test('screenshot: the Problems panel lists the errors of a broken report', async () => {
  await h.closeAllEditors();
  const { uri, editor } = await h.open(HONGZE);
  const diags = await h.waitForDiagnostics(uri, (ds) => ds.length === 4);
  // Only this report's problems are left (closed editors' pulled diagnostics are dropped by the client).
  await h.waitFor(() => vscode.languages.getDiagnostics().every(([u, ds]) => u.toString() === uri.toString() || ds.every((d) => d.source !== 'xxgknb')), {
    what: 'other documents to lose their diagnostics',
    events: [vscode.languages.onDidChangeDiagnostics],
    describe: () => vscode.languages.getDiagnostics().filter(([, ds]) => ds.length).map(([u, ds]) => `${u.path.split('/').pop()}: ${ds.length}`).join(', '),
  });
  await showLine(editor, 111, 9);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const t4 = diags.find((d) => h.codeOf(d) === 't4-total');
  const reply = await h.ui({
    name: 'problems',
    waitFor: { selector: '.markers-panel .monaco-list-row', hasText: '行政复议 × 总计' },
    screenshot: 'problems.png',
    read: { rows: '.markers-panel .monaco-list-rows' },
  });
  if (!reply) return;
  checkScreenshot(reply, 'problems');
  const rows = reply.texts.rows;
  assert.ok(rows.includes(HONGZE), `the Problems panel names the file: ${rows}`);
  assert.ok(rows.includes(t4.message.slice(0, 20)), `the Problems panel lists the t4-total message: ${rows}`);
  assert.ok(rows.includes('复议后起诉 × 总计'), `both t4-total errors are listed: ${rows}`);
  assert.ok(rows.includes('table-other-era') && rows.includes('gov-assessment-missing'), `codes shown: ${rows}`);
});

test('screenshot: the Outline view shows the sections and tables', async () => {
  const { uri } = await h.open('example-clean.xxgknb.md');
  await h.settledDiagnostics(uri);
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('outline.focus');
  const reply = await h.ui({
    name: 'outline',
    // The file tree above would leave the Outline a few rows: collapse it (click its header).
    preClick: { selector: '.pane-header', hasText: 'workspace' },
    waitFor: { selector: '.outline-pane .monaco-list-row', hasText: '六、其他需要报告的事项' },
    screenshot: 'outline.png',
    read: { rows: '.outline-pane .monaco-list-rows' },
  });
  if (!reply) return;
  checkScreenshot(reply, 'outline');
  const rows = reply.texts.rows;
  const order = ['某县人民政府办公室2021年政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '表三', '四、政府信息公开行政复议、行政诉讼情况', '表四', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
  let at = -1;
  for (const name of order) {
    const i = rows.indexOf(name, at + 1);
    assert.ok(i > at, `the Outline view lists "${name}" after the previous entries: ${rows}`);
    at = i;
  }
});

test('screenshot: the hover on a table cell', async () => {
  const { uri, editor, doc } = await h.open('example-broken.xxgknb.md');
  await h.waitForDiagnostics(uri, (ds) => ds.some((d) => h.codeOf(d) === 't4-total'));
  // 行政复议 × 结果维持 (the first cell): no diagnostic of its own, so the hover is all about the cell, and its
  // relation with the wrong total fails.
  const line = h.lineOf(doc, '| 1 | 0 | 0 | 1 | 5 |');
  await showLine(editor, line, 2);
  await vscode.commands.executeCommand('editor.action.showHover');
  const reply = await h.ui({
    name: 'hover',
    waitFor: { selector: '.monaco-hover', hasText: '✗' },
    screenshot: 'hover.png',
    read: { hover: '.monaco-hover:visible' },
  });
  if (!reply) return;
  checkScreenshot(reply, 'hover');
  assert.match(reply.texts.hover, /行政复议 × 结果维持/);
  assert.match(reply.texts.hover, /5 = 1 \+ 0 \+ 0 \+ 1 ✗/);
  await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
});

test('screenshot: the status bar item, which opens the Problems panel', async () => {
  const { uri } = await h.open(HONGZE);
  await h.waitForDiagnostics(uri, (ds) => ds.length === 4);
  const status = await h.waitForStatus((s) => s.visible && s.uri === uri.toString() && s.text.includes('✗2'), 'two errors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const reply = await h.ui({
    name: 'statusbar',
    waitFor: { selector: '.statusbar-item', hasText: status.text },
    screenshot: 'statusbar.png',
    elementScreenshot: { selector: '#workbench\\.parts\\.statusbar', file: 'statusbar-closeup.png' },
    read: { item: { selector: '.statusbar-item', hasText: status.text } },
    click: { selector: '.statusbar-item a', hasText: status.text },
    afterClick: { selector: '.markers-panel', state: 'visible' },
  });
  if (!reply) return;
  checkScreenshot(reply, 'statusbar');
  assert.equal(reply.texts.item.trim(), status.text);
  assert.ok(reply.afterClick, 'clicking the item opened the Problems panel');
});
