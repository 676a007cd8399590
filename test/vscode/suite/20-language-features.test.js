/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() by the VS Code extension host */
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const { test, assert, h } = require('./harness');

const SECTIONS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** The cell under a position: the range of the number between the pipes. */
function cellPosition(doc, line, nth) {
  const text = doc.lineAt(line).text;
  const cells = text.split('|').slice(1, -1);
  let offset = 1;
  for (let i = 0; i < nth; i++) offset += cells[i].length + 1;
  const inner = cells[nth];
  const lead = inner.length - inner.trimStart().length;
  return new vscode.Position(line, offset + lead);
}

test('outline: title, six sections in order, each table inside its section', async () => {
  const { uri } = await h.open('example-clean.xxgknb.md');
  await h.settledDiagnostics(uri);
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'no document symbols');
  // VS Code's Markdown extension does not run on languageId xxgknb: every symbol is ours.
  const top = symbols.map((s) => s.name);
  assert.deepEqual(top, ['某县人民政府办公室2021年政府信息公开工作年度报告', ...SECTIONS], `top level: ${top.join(' | ')}`);
  const byName = new Map(symbols.map((s) => [s.name, s]));
  const childNames = (name) => (byName.get(name).children ?? []).map((c) => c.name);
  assert.ok(childNames(SECTIONS[1]).some((n) => n.startsWith('表二')), `tables under 二: ${childNames(SECTIONS[1])}`);
  assert.deepEqual(childNames(SECTIONS[2]).filter((n) => n.startsWith('表')), ['表三 收到和处理政府信息公开申请情况表']);
  assert.deepEqual(childNames(SECTIONS[3]).filter((n) => n.startsWith('表')), ['表四 政府信息公开行政复议、行政诉讼情况表']);
  // Section ranges nest their tables; detail names the statutory item.
  const s3 = byName.get(SECTIONS[2]);
  const t3 = s3.children.find((c) => c.name.startsWith('表三'));
  assert.ok(s3.range.contains(t3.range), 'table 3 lies inside section 三');
  assert.equal(s3.kind, vscode.SymbolKind.Namespace);
  assert.equal(t3.kind, vscode.SymbolKind.Struct);
  assert.ok(s3.detail.length > 0, 'section symbol has a detail (its statutory item)');
});

test('outline of a plain-text report (PDF text) nests the numbered sub-items', async () => {
  const { uri } = await h.open('2023-huaian-hongze-district-pdftext.xxgknb.txt');
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  const flat = h.flattenSymbols(symbols);
  const s1 = flat.find((s) => s.name === '一、总体情况');
  assert.ok(s1, `no 一、总体情况 in ${flat.map((s) => s.name).join(' | ')}`);
  const subs = (s1.symbol.children ?? []).map((c) => c.name);
  assert.ok(subs.length >= 5 && subs[0].startsWith('（一）主动公开情况'), `sub-items of 一: ${subs.join(' | ')}`);
  for (const name of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项']) {
    assert.ok(flat.some((s) => s.name === name && s.depth === s1.depth), `${name} at the level of 一`);
  }
  assert.ok(flat.some((s) => s.name.startsWith('表四')), 'table 4 in the outline');
});

test('folding: every section from its heading to its last text (never the next heading), every table', async () => {
  const { uri, doc } = await h.open('example-clean.xxgknb.md');
  const ranges = await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri);
  assert.ok(Array.isArray(ranges) && ranges.length > 0, 'no folding ranges');
  const show = (start) => JSON.stringify(ranges.filter((r) => r.start === start).map((r) => [r.start, r.end]));
  const lastText = (from, to) => {
    let end = to;
    while (end > from && doc.lineAt(end).isEmptyOrWhitespace) end--;
    return end;
  };
  const headings = SECTIONS.map((s) => h.lineOf(doc, `## ${s}`));
  for (let i = 0; i < headings.length; i++) {
    // To the last non-blank line before the next heading; 六 runs to the signature at the end.
    const end = lastText(headings[i], (i + 1 < headings.length ? headings[i + 1] : doc.lineCount) - 1);
    assert.ok(ranges.some((r) => r.start === headings[i] && r.end === end), `section ${SECTIONS[i]} should fold ${headings[i]}–${end}: ${show(headings[i])}`);
  }
  // No range hides a top-level heading (folding 三 must leave the line of ## 四 visible).
  for (const r of ranges) {
    for (const hl of headings) assert.ok(!(r.start < hl && hl <= r.end), `folding ${r.start}–${r.end} hides the heading on line ${hl}`);
  }
  // Tables: from their first to their last row.
  const t2 = h.lineOf(doc, '| 第二十条第（一）项');
  assert.ok(ranges.some((r) => r.start === t2 && r.end === h.lineOf(doc, '| 行政事业性收费')), `table 2 should fold ${t2}–${h.lineOf(doc, '| 行政事业性收费')}: ${show(t2)}`);
  const t3 = h.lineOf(doc, '| （本列数据的勾稽关系为');
  assert.ok(ranges.some((r) => r.start === t3 && r.end === h.lineOf(doc, '| 四、结转下年度继续办理')), `table 3 should fold ${t3}–${h.lineOf(doc, '| 四、结转下年度继续办理')}: ${show(t3)}`);
  const t4 = h.lineOf(doc, '| 行政复议 |');
  assert.ok(ranges.some((r) => r.start === t4 && r.end === t4 + 4), `table 4 should fold ${t4}–${t4 + 4}: ${show(t4)}`);
});

test('hover on a table cell: label path, the relations with numbers and ✓ / ✗', async () => {
  const { uri, doc } = await h.open('example-broken.xxgknb.md');
  await h.waitForDiagnostics(uri);
  const line = h.lineOf(doc, '| 1 | 0 | 0 | 1 | 5 |');
  // The wrong 行政复议 总计 (5th cell): its relation fails.
  const total = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, cellPosition(doc, line, 4));
  const text = h.hoverText(total);
  assert.match(text, /行政复议 × 总计/, `label path in: ${text}`);
  assert.match(text, /5 = 1 \+ 0 \+ 0 \+ 1 ✗/, `relation with numbers and ✗ in: ${text}`);
  assert.match(text, /t4-total/, 'the rule of the diagnostic under the cursor');
  // A consistent cell of table 3: 一 × 自然人 (10) takes part in relations that all hold.
  const t3line = h.lineOf(doc, '| 一、本年新收政府信息公开申请数量');
  const ok = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, cellPosition(doc, t3line, 3)));
  assert.match(ok, /一、本年新收政府信息公开申请数量 × 自然人/, `label path in: ${ok}`);
  assert.match(ok, /(Value: |数值：)10\b/);
  assert.match(ok, /✓/);
  assert.doesNotMatch(ok, /✗/);
  // A nested row: the whole label path (三 › （四） › 1.) and the relations it is in, with their numbers.
  const nestedLine = h.lineOf(doc, '|  | （四）无法提供 | 1.本机关不掌握相关政府信息');
  const nested = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, cellPosition(doc, nestedLine, 3)));
  assert.match(nested, /三、本年度办理结果 › （四）无法提供 › 1\.本机关不掌握相关政府信息 × 自然人/, `label path in: ${nested}`);
  assert.match(nested, /= .*\b2\b.*✓/, `a relation with the cell's value 2 and ✓ in: ${nested}`);
  // A heading: the statutory item and its legal basis.
  const heading = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(h.lineOf(doc, '## 四、'), 5)));
  assert.match(heading, /条例|Regulations|art/i, `legal basis in: ${heading}`);
});

test('completion: each table snippet once (static snippets, not again from the server); headings from the server', async () => {
  const { uri, doc } = await h.open('example-no-table3.xxgknb.md');
  const snippetsFile = path.join(h.extension().extensionPath, 'snippets', 'xxgknb.code-snippets');
  const snippets = JSON.parse(fs.readFileSync(snippetsFile, 'utf8'));
  const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
  assert.ok(prefixes.includes('xxgknb-table3-2021'), 'the snippet file has xxgknb-table3-2021');
  // An empty line after the heading of 三, where the table belongs.
  const at = new vscode.Position(h.lineOf(doc, '## 三、') + 1, 0);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, at);
  const label = (c) => (typeof c.label === 'string' ? c.label : c.label.label);
  const count = (l) => list.items.filter((c) => label(c) === l).length;
  for (const p of ['xxgknb-table3-2021', 'xxgknb-table2-2021', 'xxgknb-table4', 'xxgknb-skeleton']) {
    assert.equal(count(p), 1, `${p} offered ${count(p)} times`);
  }
  const t3 = list.items.find((c) => label(c) === 'xxgknb-table3-2021');
  assert.equal(t3.kind, vscode.CompletionItemKind.Snippet);
  // Headings of missing items come from the server at a line start — none missing here, so none offered…
  assert.equal(list.items.filter((c) => /^[一二三四五六]、/.test(label(c))).length, 0);
  // …but in a report without 六, 六、其他需要报告的事项 is offered on an empty line.
  const text = doc.getText().replace(/## 六、其他需要报告的事项\n\n[^\n]*\n/, '');
  const { uri: u2 } = await h.openUntitled('xxgknb', text);
  const doc2 = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u2.toString());
  const last = doc2.lineCount - 1;
  const list2 = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', u2, new vscode.Position(last, 0));
  const headings = list2.items.filter((c) => /^[一二三四五六]、/.test(label(c))).map(label);
  assert.deepEqual(headings, ['六、其他需要报告的事项']);
  assert.equal(list2.items.filter((c) => label(c) === 'xxgknb-table3-2021').length, 1);
  // A report in a Markdown document (the snippets are contributed for markdown too): once as well.
  const { uri: u3 } = await h.openUntitled('markdown', text);
  await h.waitForDiagnostics(u3, (ds) => ds.length > 0); // recognised as a report (六 is missing)
  const list3 = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', u3, new vscode.Position(last, 0));
  assert.equal(list3.items.filter((c) => label(c) === 'xxgknb-table3-2021').length, 1, 'xxgknb-table3-2021 in Markdown');
  assert.deepEqual(list3.items.filter((c) => /^[一二三四五六]、/.test(label(c))).map(label), ['六、其他需要报告的事项']);
});

test('code action: the quick fix for a wrong total, applied, removes the diagnostic', async () => {
  const { uri, doc } = await h.open('example-broken.xxgknb.md');
  const [d] = await h.waitForDiagnostics(uri, (ds) => ds.some((x) => h.codeOf(x) === 't4-total'));
  const actions = await h.codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const fixes = actions.filter((a) => a.kind && a.kind.value === 'quickfix');
  // (vscode.executeCodeActionProvider does not hand back CodeAction.diagnostics; the fix is found by its edit.)
  const fix = fixes.find((a) => a.edit && a.edit.get(uri).some((e) => e.range.isEqual(d.range)));
  assert.ok(fix, `no quick fix edits the wrong total: ${JSON.stringify(fixes.map((a) => a.title))}`);
  assert.deepEqual(fix.edit.get(uri).map((e) => e.newText), ['2']);
  assert.match(fix.title, /2/);
  assert.equal(fix.isPreferred, true, 'a certain fix is preferred');
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
  assert.match(doc.lineAt(d.range.start.line).text, /^\| 1 \| 0 \| 0 \| 1 \| 2 \|/);
  await h.waitForDiagnostics(uri, (ds) => ds.length === 0, { what: 'the t4-total diagnostic to disappear after the quick fix' });
  await h.waitForStatus((s) => s.uri === uri.toString() && s.text.includes('✓'), 'no error left');
});

test('code action: a missing table is inserted at the end of its section, the next heading intact', async () => {
  // An untitled copy, so that the workspace file stays as it is for the snippet test.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(h.workspaceUri('example-no-table3.xxgknb.md')));
  const { uri, doc } = await h.openUntitled('markdown', text);
  const [d] = await h.waitForDiagnostics(uri, (ds) => ds.some((x) => h.codeOf(x) === 'table-missing'));
  const headings = () => doc.getText().split('\n').filter((l) => /^## /.test(l));
  const before = headings();
  const actions = await h.codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const insert = actions.find((a) => /收到和处理政府信息公开申请情况表/.test(a.title));
  assert.ok(insert, `no insert-table action: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(insert.edit));
  assert.deepEqual(headings(), before, 'the headings are unchanged');
  const t3 = h.lineOf(doc, '| （本列数据的勾稽关系为');
  assert.ok(t3 > h.lineOf(doc, '## 三、') && t3 < h.lineOf(doc, '## 四、'), 'the table is inside section 三');
  const ds = await h.waitForDiagnostics(uri, (ds) => !ds.some((x) => h.codeOf(x) === 'table-missing'), { what: 'table-missing to go' });
  assert.deepEqual(ds.filter((x) => /^(t3-|table-|cell-)/.test(h.codeOf(x))).map((x) => h.codeOf(x)), []);
});

test('source.fixAll.xxgknb fixes every wrong total at once', async () => {
  const { uri, doc } = await h.open('example-fixall.xxgknb.md');
  await h.waitForDiagnostics(uri, (ds) => ds.length === 3);
  const actions = await h.codeActions(uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.xxgknb');
  const fixAll = actions.filter((a) => a.kind && a.kind.value === 'source.fixAll.xxgknb');
  assert.equal(fixAll.length, 1, `fix-all actions: ${actions.map((a) => `${a.kind && a.kind.value}: ${a.title}`).join(', ')}`);
  assert.equal(fixAll[0].edit.get(uri).length, 2, 'two edits: both totals');
  assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit));
  // Both totals fixed; the narrative 新收 12 件 agrees with the table again.
  await h.waitForDiagnostics(uri, (ds) => ds.length === 0, { what: 'no diagnostic after fix-all' });
  // Nothing left to fix: no fix-all action is offered any more.
  const again = await h.codeActions(uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.xxgknb');
  assert.equal(again.filter((a) => a.kind && a.kind.value === 'source.fixAll.xxgknb').length, 0);
});

test('fix-all makes a fix that becomes certain only after another, asked for by kind or chosen from the list (resolved)', async () => {
  // The clean example with two wrong 表四 totals (复议后起诉 0 where its addends make 1, line 76; 行政复议 2 where they
  // make 3) and the sentence 全年共发生行政复议3件 (line 2): the second fix is certain only once the first is made.
  const clean = new TextDecoder().decode(await vscode.workspace.fs.readFile(h.workspaceUri('example-clean.xxgknb.md')));
  const lines = clean.split('\n');
  assert.equal(lines[76], '| 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |');
  lines[2] += '全年共发生行政复议3件。';
  lines[76] = '| 1 | 0 | 1 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 0 |';
  const text = lines.join('\n');
  const { uri, doc } = await h.openUntitled('markdown', text);
  const t4 = (ds) => ds.filter((x) => h.codeOf(x) === 't4-total');
  await h.waitForDiagnostics(uri, (ds) => t4(ds).length === 2, { what: 'two t4-total' });
  // Asked for by kind, as Fix All and fix-on-save ask: the action comes with its edit.
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const asked = (await h.codeActions(uri, all, 'source.fixAll')).filter((a) => a.kind && a.kind.value === 'source.fixAll.xxgknb');
  assert.equal(asked.length, 1);
  assert.ok(await vscode.workspace.applyEdit(asked[0].edit));
  await h.waitForDiagnostics(uri, (ds) => ds.length === 0, { what: 'no diagnostic after fix-all' });
  assert.equal(doc.lineAt(76).text, '| 1 | 0 | 1 | 1 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 1 |');
  // The list of every kind (as the light bulb asks): fix-all comes without its edit and VS Code resolves it.
  await h.edit(doc, (we) => we.replace(uri, all, text));
  await h.waitForDiagnostics(uri, (ds) => t4(ds).length === 2, { what: 'two t4-total again' });
  const listed = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, all, undefined, 100);
  const fixAll = (listed ?? []).filter((a) => a.kind && a.kind.value === 'source.fixAll.xxgknb');
  assert.equal(fixAll.length, 1, (listed ?? []).map((a) => a.title).join(', '));
  assert.ok(fixAll[0].edit, 'resolved: it has its edit');
  assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit));
  await h.waitForDiagnostics(uri, (ds) => ds.length === 0, { what: 'no diagnostic after the resolved fix-all' });
});
