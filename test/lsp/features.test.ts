/**
 * Outline, folding, hover, completion and inlay hints over stdio against dist/server.js, on corpus reports and
 * on the core's example reports.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { analyze, exampleReport, RULE_BY_CODE, RULES } from '../../server/src/core/index';
import { ITEM_BY_ID } from '../../server/src/core/schema/sections';
import { allSnippets } from '../../server/src/core/snippets';
import { corpusFile, startClient, untitled, type Client } from './harness';

const HONGZE = 'real/2023-huaian-hongze-district-pdftext.txt';

let c: Client;
before(async () => { c = await startClient({ pull: true }); });
after(async () => { await c.stop(); });

const td = (uri: string) => ({ textDocument: { uri } });
const hoverText = async (uri: string, line: number, character: number) =>
  (await c.request<Hover | null>('textDocument/hover', { ...td(uri), position: { line, character } }))?.contents as { kind: string; value: string } | undefined;

describe('document symbols', () => {
  test('title first, the section tree with statutory items, tables under their sections', async () => {
    const f = corpusFile(HONGZE);
    await c.open(f.uri, f.text);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(f.uri));
    assert.deepEqual(symbols.map((s) => s.name), [
      '洪泽区人民政府2023 年政府信息公开工作年度报告',
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    assert.equal(symbols[0]!.kind, 1 /* File */);
    const [, overview, active, application, review] = symbols;
    assert.ok(symbols.slice(1).every((s) => s.kind === 3 /* Namespace */));
    assert.equal(overview!.detail, '总体情况');
    assert.equal(application!.detail, '收到和处理政府信息公开申请情况');
    assert.deepEqual(overview!.children!.map((s) => [s.name, s.kind]), [
      ['（一）主动公开情况', 2], ['（二）依申请公开情况', 2], ['（三）政府信息管理情况', 2], ['（四）政府信息公开平台建设情况', 2], ['（五）政府信息公开监督保障情况', 2],
    ]);
    const tableOf = (s: DocumentSymbol) => s.children!.filter((x) => x.kind === 23 /* Struct */).map((x) => [x.name, x.detail]);
    assert.deepEqual(tableOf(active!), [['表二 主动公开政府信息情况表（第二十条）', '2021年格式 · 10格']]);
    // This report kept the 2019 layout of 表三 (one （六）其他处理 row): 23 rows × 7 = 161 cells.
    assert.deepEqual(tableOf(application!), [['表三 收到和处理政府信息公开申请情况表', '2019年格式 · 161格']]);
    assert.deepEqual(tableOf(review!), [['表四 政府信息公开行政复议、行政诉讼情况表', '2021年格式 · 15格']]);
    for (const s of symbols) {
      assert.ok(s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line, s.name);
    }
  });

  test('a Markdown report: # marks are not part of the names; the web-page preamble comes first', async () => {
    const md = corpusFile('real/2024-huaian-city.md');
    await c.open(md.uri, md.text, 'markdown');
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(md.uri));
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('一、总体情况'), names.join(' | '));
    assert.ok(names.every((n) => !n.startsWith('#')));
    const seed = corpusFile('seeds/002_9d98c4465ad221fa.txt');
    await c.open(seed.uri, seed.text);
    const seedSymbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(seed.uri));
    assert.equal(seedSymbols[0]!.name, '网页导航（非正文）');
    assert.equal(seedSymbols[1]!.name, '桦甸市红石砬子镇人民政府2019年政府信息公开工作年度报告');
  });
});

describe('folding ranges', () => {
  test('sections to the line before the next heading of the same or higher level, tables, the preamble', async () => {
    const f = corpusFile(HONGZE);
    const ranges = await c.request<FoldingRange[]>('textDocument/foldingRange', td(f.uri));
    const pairs = ranges.map((r) => [r.startLine, r.endLine]);
    // 一、总体情况 (line 9) runs to 37, the line before 二、 (38); its first subsection (15) to 17, before （二） (18).
    for (const p of [[9, 37], [15, 17], [18, 20], [38, 53], [54, 102], [103, 111], [112, 124], [125, 128]]) assert.ok(pairs.some((q) => q[0] === p[0] && q[1] === p[1]), `${p} in ${JSON.stringify(pairs)}`);
    // The three tables: 表二 from 39, 表三 from 55, 表四 from 104, each to the end of its section.
    for (const p of [[39, 53], [55, 102], [104, 111]]) assert.ok(pairs.some((q) => q[0] === p[0] && q[1] === p[1]), `table ${p} in ${JSON.stringify(pairs)}`);
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
    const seed = corpusFile('seeds/002_9d98c4465ad221fa.txt');
    const seedRanges = await c.request<FoldingRange[]>('textDocument/foldingRange', td(seed.uri));
    assert.deepEqual(seedRanges[0], { startLine: 0, endLine: 1, kind: 'comment' });
  });
});

test('folding: a section whose text ends on the line where the next heading starts (web-page paragraphs on one line) ends the line before', async () => {
  const uri = untitled('one-line-paragraphs.html');
  const html = ['<html><body>', '<h1>平潭县司法局2023年政府信息公开工作年度报告</h1>', '<p>一、总体情况</p>', '<p>本机关认真贯彻落实《条例》。</p>',
    '<p>全年主动公开政府信息120条。</p><p>二、主动公开政府信息情况</p><p>本年主动公开规范性文件3件。</p>', '<p>本年新增行政许可事项2项。</p>',
    '<p>三、收到和处理政府信息公开申请情况</p>', '<p>本年收到申请3件。</p>', '</body></html>'].join('\n');
  await c.open(uri, html, 'html');
  const ranges = await c.request<FoldingRange[]>('textDocument/foldingRange', td(uri));
  // 一 (line 2) folds to 3, not to 4 where 二 starts; 二 (line 4) to 5.
  assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[2, 3], [4, 5], [6, 7]]);
});

describe('hover', () => {
  test('every cell of run-together digits (crawler text: 200021…) is the cell under the cursor, not the one before it (LSP tests)', async () => {
    const f = corpusFile('real/2021-fujian-pingtan-zone-crawltext.txt');
    await c.open(f.uri, f.text);
    const cells = analyze(f.text).parsed.model.tables.flatMap((t) => t.cells).filter((cell) => cell.kind === 'number');
    assert.ok(cells.length > 150);
    const wrong: string[] = [];
    for (const cell of cells) {
      const h = await c.request<Hover | null>('textDocument/hover', { ...td(f.uri), position: cell.range.start });
      if (JSON.stringify(h?.range) !== JSON.stringify(cell.range)) wrong.push(`${cell.rowId} × ${cell.col}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('a web page\'s blank cells after a table\'s last number get the cell hover; the table lies inside its section in the outline', async () => {
    const uri = untitled('trailing-blank.html');
    const header = '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>\n<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>\n<tr>'
      + '<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>'.repeat(2) + '</tr>';
    const html = ['<html><body>', '<h1>平潭县司法局2023年政府信息公开工作年度报告</h1>', '<p>四、政府信息公开行政复议、行政诉讼情况</p>', '<table>', header,
      '<tr>' + '<td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>' + '<td>0</td>'.repeat(5) + '<td>&nbsp;</td>'.repeat(5) + '</tr>', '</table>',
      '<p>五、存在的主要问题及改进情况</p><p>无。</p>', '</body></html>'].join('\n');
    await c.open(uri, html, 'html');
    const t4 = analyze(html, { format: 'html' }).parsed.model.tables.find((t) => t.kind === 'T4')!;
    const last = t4.cells.find((cell) => cell.rowId === '复议后起诉' && cell.col === '总计')!;
    assert.equal(last.kind, 'blank');
    const h = await hoverText(uri, last.range.start.line, last.range.start.character);
    assert.match(h?.value ?? '', /复议后起诉 × 总计/);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(uri));
    const inside = (outer: DocumentSymbol, inner: DocumentSymbol) => (outer.range.end.line > inner.range.end.line || (outer.range.end.line === inner.range.end.line && outer.range.end.character >= inner.range.end.character));
    const four = symbols.find((x) => x.name.startsWith('四'))!;
    const table = four.children!.find((x) => x.name.startsWith('表四'))!;
    assert.ok(inside(four, table), JSON.stringify([four.range, table.range]));
  });

  test('a table cell: label path, value, each relation with numbers and ✗; the rule explanation too', async () => {
    const f = corpusFile(HONGZE);
    const h = await hoverText(f.uri, 111, 9); // 表四 行政复议 × 总计, written as 0
    assert.ok(h);
    assert.equal(h.kind, 'markdown');
    assert.match(h.value, /行政复议 × 总计/);
    assert.match(h.value, /数值：0/);
    assert.match(h.value, /总计 = 结果维持 \+ 结果纠正 \+ 其他结果 \+ 尚未审结（行政复议）：0 = 10 \+ 1 \+ 0 \+ 0 ✗/);
    assert.match(h.value, new RegExp(RULE_BY_CODE.get('t4-total')!.title.zh));
  });

  test('a consistent 表三 cell: the full label path and every relation with ✓', async () => {
    const uri = untitled('example.md');
    const text = exampleReport();
    await c.open(uri, text, 'markdown');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('1.属于国家秘密'));
    // The first value cell of the row (自然人).
    const character = lines[line]!.indexOf('| 0 |') + 2;
    const h = await hoverText(uri, line, character);
    assert.ok(h);
    assert.match(h.value, /三、本年度办理结果 › （三）不予公开 › 1\.属于国家秘密 × 自然人/);
    assert.match(h.value, /（七）总计 = 各项办理结果之和（自然人）：9 = 5 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 2 \+ 0 \+ 0 \+ 0 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 ✓/);
    assert.match(h.value, /总计 = 六类申请人之和（1\.属于国家秘密）：0 = 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 ✓/);
    assert.doesNotMatch(h.value, /✗/);
  });

  test('a blank cell is 未填 and its relations cannot be checked', async () => {
    const uri = untitled('blank.md');
    const text = exampleReport({ cells: { '三.（三）.1|自然人': '—' } });
    await c.open(uri, text, 'markdown');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('1.属于国家秘密'));
    const h = await hoverText(uri, line, lines[line]!.indexOf('—'));
    assert.ok(h);
    assert.match(h.value, /数值：未填/);
    assert.match(h.value, /原文：“—”/);
    assert.match(h.value, /无法核对/);
    assert.match(h.value, new RegExp(RULE_BY_CODE.get('cell-missing-value')!.title.zh));
  });

  test('a heading: the statutory item and its legal basis', async () => {
    const f = corpusFile(HONGZE);
    const h = await hoverText(f.uri, 54, 3); // 三、收到和处理政府信息公开申请情况
    assert.ok(h);
    assert.match(h.value, /法定事项/);
    assert.ok(h.value.includes(ITEM_BY_ID.get('application')!.law.zh), h.value);
  });

  test('plain text of a report gets no hover; positions beyond the end are harmless', async () => {
    const f = corpusFile(HONGZE);
    assert.equal(await c.request('textDocument/hover', { ...td(f.uri), position: { line: 12, character: 5 } }), null);
    assert.equal(await c.request('textDocument/hover', { ...td(f.uri), position: { line: 5000, character: 5000 } }), null);
  });
});

describe('completion', () => {
  test('an empty xxgknb document: the skeleton and table snippets, and all six headings in order', async () => {
    const uri = untitled('new.xxgknb.md');
    await c.open(uri, '', 'xxgknb');
    const items = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri), position: { line: 0, character: 0 } });
    const snippets = items.filter((i) => i.kind === 15 /* Snippet */);
    const skeleton = snippets.find((i) => i.label === 'xxgknb-skeleton');
    assert.ok(skeleton, snippets.map((i) => i.label).join());
    assert.equal(skeleton.insertTextFormat, 2 /* Snippet */);
    assert.equal(skeleton.insertText, allSnippets().find((s) => s.prefix.includes('xxgknb-skeleton'))!.body.join('\n'));
    assert.ok(snippets.some((i) => i.label === '年报表三'));
    const headings = items.filter((i) => i.kind === 9 /* Module */).map((i) => i.label);
    assert.deepEqual(headings, ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  });

  test('asked past a line\'s end or the document\'s, the edits stay within the document (found by fuzzing)', async () => {
    const uri = untitled('past-end.txt');
    const { text } = corpusFile('seeds/002_9d98c4465ad221fa.txt');
    await c.open(uri, text, 'xxgknb');
    const lines = text.split(/\r\n|\r|\n/);
    const empty = lines.findIndex((l) => l === '');
    for (const position of [{ line: empty, character: 7 }, { line: lines.length + 2, character: 0 }, { line: 3, character: 999 }]) {
      const items = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri), position });
      if (position.line === empty) assert.ok(items.some((i) => i.textEdit), 'headings offered on the empty line');
      for (const i of items) {
        const r = (i.textEdit as { range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined)?.range;
        if (!r) continue;
        for (const q of [r.start, r.end]) assert.ok(q.line < lines.length && q.character <= lines[q.line]!.length, `${i.label} at ${JSON.stringify(position)}: ${JSON.stringify(r)}`);
      }
    }
  });

  test('only the missing headings, with the report\'s # marks, replacing a typed numeral', async () => {
    const uri = untitled('missing.md');
    const text = exampleReport({ sections: { 5: null } });
    await c.open(uri, text, 'markdown');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('## 六、')) - 1; // the blank line before 六
    assert.equal(lines[at], '');
    const items = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri), position: { line: at, character: 0 } });
    const headings = items.filter((i) => i.kind === 9);
    assert.deepEqual(headings.map((i) => i.label), ['五、存在的主要问题及改进情况']);
    assert.deepEqual((headings[0]!.textEdit as { newText: string }).newText, '## 五、存在的主要问题及改进情况');
    // Typed "## 五": the heading replaces the numeral and keeps the marks.
    await c.change(uri, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: '## 五' }]);
    const typed = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri), position: { line: at, character: 4 } });
    const edit = typed.find((i) => i.kind === 9)!.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.deepEqual([edit.range.start.character, edit.range.end.character, edit.newText], [3, 4, '五、存在的主要问题及改进情况']);
  });

  test('inside a standard table: its missing row labels only', async () => {
    const uri = untitled('rows.md');
    const text = RULE_BY_CODE.get('table-row-missing')!.examples.failing;
    await c.open(uri, text, 'markdown');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('2.重复申请'));
    const items = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri), position: { line, character: 0 } });
    assert.deepEqual(items.map((i) => i.label), ['3.要求提供公开出版物']);
  });

  test('mid-paragraph in a report: snippets but no headings', async () => {
    const f = corpusFile(HONGZE);
    const items = await c.request<CompletionItem[]>('textDocument/completion', { ...td(f.uri), position: { line: 12, character: 6 } });
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.kind === 15));
  });
});

describe('inlay hints', () => {
  test('the computed sum beside each total, ✗ where the written total differs', async () => {
    const uri = untitled('hints.md');
    const text = exampleReport({ cells: { '行政复议|总计': '5' } });
    await c.open(uri, text, 'markdown');
    const all = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { ...td(uri), range: all });
    const lines = text.split('\n');
    const t4 = lines.findIndex((l) => /^\| 1 \| 0 \| 0 \| 1 \| 5 \|/.test(l));
    const wrong = hints.filter((h) => String(h.label).includes('✗'));
    assert.equal(wrong.length, 1, JSON.stringify(hints.map((h) => h.label)));
    assert.equal(wrong[0]!.label, '= 2 ✗');
    assert.equal(wrong[0]!.position.line, t4);
    // 表三: one hint per row total (25 rows in the 2021 layout) and per column of （七）总计 (7), （七）×总计 shared.
    const t3 = hints.filter((h) => h.position.line > 0 && !String(h.label).includes('✗'));
    assert.equal(t3.length, 25 + 6 + 2 /* 表四 other two blocks */);
    const row1 = lines.findIndex((l) => l.startsWith('| 一、本年新收'));
    assert.equal(hints.find((h) => h.position.line === row1)!.label, '= 12');
  });

  test('turned off by the inlayHints setting; only the requested range', async () => {
    const uri = untitled('hints2.md');
    const text = exampleReport();
    await c.open(uri, text, 'markdown');
    const lines = text.split('\n');
    const row1 = lines.findIndex((l) => l.startsWith('| 一、本年新收'));
    const one = await c.request<InlayHint[]>('textDocument/inlayHint', { ...td(uri), range: { start: { line: row1, character: 0 }, end: { line: row1, character: 500 } } });
    assert.deepEqual(one.map((h) => [h.position.line, h.label]), [[row1, '= 12']]);
    c.settings['*'] = { inlayHints: false };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await c.request<InlayHint[]>('textDocument/inlayHint', { ...td(uri), range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } });
    assert.deepEqual(off, []);
    c.settings['*'] = null;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });
});

test('rule titles used by hovers exist for every rule', () => {
  for (const r of RULES) assert.ok(r.title.zh && r.title.en && r.description.zh && r.description.en, r.code);
});
