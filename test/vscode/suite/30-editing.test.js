/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const { test, assert, h } = require('./harness');

/** Codes that judge a table's numbers or rows. */
const TABLE_CODES = /^(t3-|t4-|table-row-|table-missing$|table-other-era$|cell-|breakdown-sum$)/;

function shippedSnippets() {
  const file = path.join(h.extension().extensionPath, 'snippets', 'xxgknb.code-snippets');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

test('inserting the table-3 (2021) snippet gives a clean table', async () => {
  const { uri, doc, editor } = await h.open('example-no-table3.xxgknb.md');
  await h.waitForDiagnostics(uri, (ds) => ds.some((d) => h.codeOf(d) === 'table-missing'));
  const snippet = Object.values(shippedSnippets()).find((s) => s.prefix.includes('xxgknb-table3-2021'));
  assert.ok(snippet, 'no xxgknb-table3-2021 in the shipped snippet file');
  const heading = h.lineOf(doc, '## 三、');
  const inserted = await editor.insertSnippet(new vscode.SnippetString(`\n\n${snippet.body.join('\n')}`), doc.lineAt(heading).range.end);
  assert.ok(inserted, 'insertSnippet returned false');
  await vscode.commands.executeCommand('leaveSnippet');
  const first = h.lineOf(doc, '| （本列数据的勾稽关系为');
  const last = h.lineOf(doc, '| 四、结转下年度继续办理');
  assert.equal(last - first + 1, 29, 'the table has its 4 header lines (separator included) and 25 rows');
  const diags = await h.waitForDiagnostics(uri, (ds) => !ds.some((d) => h.codeOf(d) === 'table-missing'), { what: 'table-missing to go away' });
  const inTable = diags.filter((d) => d.range.start.line >= first && d.range.start.line <= last);
  assert.deepEqual(inTable.map((d) => `${h.codeOf(d)}@${d.range.start.line}`), [], 'diagnostics inside the inserted table');
  assert.deepEqual(diags.filter((d) => TABLE_CODES.test(h.codeOf(d))).map((d) => h.codeOf(d)), [], 'table diagnostics');
  // The only thing left to say: the text of 一、总体情况 (新收 12 件) no longer matches the all-zero table.
  assert.ok(diags.every((d) => h.codeOf(d) === 'narrative-mismatch'), `other diagnostics:${h.describeDiagnostics(diags)}`);
  // The outline has the new table under 三, and its relations hold (hover on 总计 of 一: ✓).
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  const s3 = symbols.find((s) => s.name.startsWith('三、'));
  assert.ok(s3.children.some((c) => c.name.startsWith('表三')), 'table 3 in the outline under 三');
  const row = h.lineOf(doc, '| 一、本年新收政府信息公开申请数量');
  const col = doc.lineAt(row).text.lastIndexOf('0');
  const hover = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(row, col)));
  assert.match(hover, /✓/, `hover on 一 × 总计: ${hover}`);
  assert.doesNotMatch(hover, /✗/);
});

test('xxgknb.insertSkeleton turns an empty untitled document into a report skeleton with clean tables', async () => {
  const doc0 = await vscode.workspace.openTextDocument(); // untitled, plaintext, empty
  await vscode.window.showTextDocument(doc0, { preview: false });
  assert.equal(doc0.languageId, 'plaintext');
  await vscode.commands.executeCommand('xxgknb.insertSkeleton');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'no active editor after insertSkeleton');
  const doc = editor.document;
  assert.equal(doc.languageId, 'xxgknb', 'an empty untitled plain-text document becomes a report');
  await vscode.commands.executeCommand('leaveSnippet');
  const text = doc.getText();
  for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、', '六、其他需要报告的事项']) {
    assert.ok(text.includes(heading), `skeleton lacks ${heading}`);
  }
  // The placeholders (××市××局, XXXX年, 【网站名称及网址】 …) are what is left to fill in; the tables add up.
  const diags = await h.waitForDiagnostics(doc.uri, (ds) => ds.some((d) => h.codeOf(d) === 'template-residue'), { what: 'template-residue diagnostics on the skeleton' });
  assert.deepEqual(diags.filter((d) => TABLE_CODES.test(h.codeOf(d)) || h.codeOf(d) === 'section-missing').map((d) => `${h.codeOf(d)}@${d.range.start.line}`), []);
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
  const tables = h.flattenSymbols(symbols).filter((s) => s.name.startsWith('表'));
  assert.deepEqual(tables.map((s) => s.name.split(' ')[0]), ['表二', '表三', '表四']);
});

// The server answers these pulls "unchanged" (test/lsp/unchanged.test.ts checks that side): here, that VS Code keeps
// showing the diagnostics through such answers and still takes the next full answer.
test('typing in prose keeps the diagnostics shown (answered "unchanged"); a line break moves them', async () => {
  // A document of its own (earlier tests fix the wrong total of the fixture in its open editor).
  const text = fs.readFileSync(h.workspaceUri('example-broken.xxgknb.md').fsPath, 'utf8');
  const { uri, doc, editor } = await h.openUntitled('xxgknb', text);
  const where = (ds) => ds.filter((d) => h.codeOf(d) === 't4-total').map((d) => d.range.start.line);
  const before = await h.waitForDiagnostics(uri, (ds) => where(ds).length === 1);
  const line = where(before)[0];
  const prose = h.lineOf(doc, '（三）政府信息管理');
  assert.ok(prose < line);
  try {
    for (const ch of '规范管理') {
      assert.ok(await editor.edit((e) => e.insert(doc.lineAt(prose).range.end, ch)));
      // Answered once the server has the version's model, which follows its diagnostics (pulled with the change).
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    }
    // VS Code still shows the same diagnostics where they were.
    const after = h.ours(uri);
    assert.deepEqual(where(after), [line], `after typing:${h.describeDiagnostics(after)}`);
    assert.equal(after.length, before.length);
    // A line break above the table: the diagnostic follows it down.
    assert.ok(await editor.edit((e) => e.insert(doc.lineAt(prose).range.end, '\n')));
    await h.waitForDiagnostics(uri, (ds) => where(ds)[0] === line + 1, { what: `t4-total on line ${line + 2}` });
  } finally {
    await h.closeAllEditors();
  }
});
