/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const { test, assert, h } = require('./harness');

/**
 * A folder with last year's report (the clean example report, 2021) and this year's (the same report for 2022, whose
 * 上年结转 2 is not what the 2021 report carried out: 结转下年度继续办理 3).
 */
async function twoYears(name) {
  const example = Buffer.from(await vscode.workspace.fs.readFile(h.workspaceUri('example-clean.xxgknb.md'))).toString('utf8');
  const folder = h.workspaceUri(name);
  const lastYear = vscode.Uri.joinPath(folder, '2021年报.md');
  const thisYear = vscode.Uri.joinPath(folder, '2022年报.md');
  await vscode.workspace.fs.writeFile(lastYear, Buffer.from(example, 'utf8'));
  await vscode.workspace.fs.writeFile(thisYear, Buffer.from(example.replace(/2022/g, '2023').replace(/2021/g, '2022'), 'utf8'));
  return { example, folder, lastYear, thisYear };
}

// Last year's report in the folder of this year's: the carry-over is compared while this year's is edited.
test('carry-over-mismatch against last year\'s report in the same folder, with a link to it; gone once corrected', async () => {
  const { folder, lastYear, thisYear } = await twoYears('years');
  try {
    const { uri, doc } = await h.open(thisYear);
    const ds = await h.waitForDiagnostics(uri, (ds) => ds.some((d) => h.codeOf(d) === 'carry-over-mismatch'), { timeout: 20000, what: 'carry-over-mismatch against 2021年报.md' });
    const d = ds.find((x) => h.codeOf(x) === 'carry-over-mismatch');
    assert.match(d.message, /上年结转（自然人）为 2，而2021年报告结转下年度继续办理的为 3|Carried over from last year \(自然人\) is 2, but the 2021 report carried 3/);
    assert.equal(d.relatedInformation[0].location.uri.toString(), lastYear.toString());
    // Corrected in the editor (not saved): the finding goes.
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('| 二、上年结转'));
    await h.edit(doc, (e) => e.replace(uri, new vscode.Range(line, 0, line, doc.lineAt(line).text.length), '| 二、上年结转政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |'));
    const one = doc.getText().split('\n').findIndex((l) => l.startsWith('| 一、本年新收'));
    await h.edit(doc, (e) => e.replace(uri, new vscode.Range(one, 0, one, doc.lineAt(one).text.length), '| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 0 | 0 | 11 |'));
    await h.waitForDiagnostics(uri, (ds) => !ds.some((x) => h.codeOf(x) === 'carry-over-mismatch'), { what: 'carry-over-mismatch gone once corrected' });
  } finally {
    await h.closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  }
});

// Last year's file changed on disk while this year's report is open and not touched: the server hears of it from
// VS Code's file watcher (registered by the server) and this year's diagnostics follow without an edit.
test('last year\'s report changed on disk: this year\'s open report follows without being edited', async () => {
  const { example, folder, lastYear, thisYear } = await twoYears('years-disk');
  try {
    const { uri } = await h.open(thisYear);
    await h.waitForDiagnostics(uri, (ds) => ds.some((d) => h.codeOf(d) === 'carry-over-mismatch'), { timeout: 20000, what: 'carry-over-mismatch against 2021年报.md' });
    // Last year's report now carries 2 persons forward, as this year's 上年结转 says (its own table then no longer adds
    // up, which is last year's report's business, not this one's).
    const lines = example.split('\n');
    const row = lines.findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
    assert.ok(row > 0, 'the example report has its 四 row');
    lines[row] = '| 四、结转下年度继续办理 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |';
    await vscode.workspace.fs.writeFile(lastYear, Buffer.from(lines.join('\n'), 'utf8'));
    await h.waitForDiagnostics(uri, (ds) => !ds.some((x) => h.codeOf(x) === 'carry-over-mismatch'), { timeout: 20000, what: 'carry-over-mismatch gone after last year\'s file changed on disk' });
  } finally {
    await h.closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  }
});
