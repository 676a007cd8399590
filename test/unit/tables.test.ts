// Table reading, one test per representation met in real reports (spec §2.2, §6). Every table here is
// written by the test from its own value matrix, so the expected values, kinds and source positions come
// from the test data, never from the parser. Labels are the exact labels of the 2021/2019 forms (spec §2.2.2,
// Appendix A/B).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, exampleReport, parseReport, type Cell, type Table } from '../../server/src/core/index';
import { findTableRegions } from '../../server/src/core/parse/tables';
import { classifyLine } from '../../server/src/core/parse/tableTokens';
import { segmentDigits } from '../../server/src/core/parse/segment';
import { CORPUS, offsetOf, slice } from './helpers';


// ------------------------------------------------------------------ helpers


/** Builds a source text and records where each cell's text was written. */
class Doc {
  s = '';
  spans = new Map<string, { start: number; end: number; raw: string }>();
  add(t: string): this { this.s += t; return this; }
  cell(key: string, raw: string): this {
    const start = this.s.length;
    this.s += raw;
    this.spans.set(key, { start, end: this.s.length, raw });
    return this;
  }
}

interface Want { value: number | null; kind: Cell['kind']; raw?: string }

function byKey(t: Table): Map<string, Cell> {
  return new Map(t.cells.map((c) => [`${c.rowId}|${c.col}`, c]));
}

function table(model: { tables: Table[] }, kind: Table['kind']): Table {
  const t = model.tables.find((x) => x.kind === kind);
  assert.ok(t, `no ${kind} table found (found: ${model.tables.map((x) => x.kind).join(',') || 'none'})`);
  return t;
}

/** Every expected cell has its value and kind, and its range covers exactly the text written for it. */
/** Table 3 as parsed from a test document. */
function readT3(d: Doc, format: 'text' | 'markdown' | 'html'): Table {
  return table(parseReport(d.s, { format }).model, 'T3');
}

function assertCells(src: string, t: Table, want: Map<string, Want>, doc?: Doc): void {
  const cells = byKey(t);
  const problems: string[] = [];
  for (const [key, w] of want) {
    const c = cells.get(key);
    if (!c) { problems.push(`${key}: missing`); continue; }
    if (c.value !== w.value || c.kind !== w.kind) problems.push(`${key}: got ${c.kind} ${c.value} (raw ${JSON.stringify(c.raw)}), want ${w.kind} ${w.value}`);
    const span = doc?.spans.get(key);
    if (span && w.kind !== 'blank') {
      const got = { start: offsetOf(src, c.range.start), end: offsetOf(src, c.range.end) };
      if (got.start !== span.start || got.end !== span.end) {
        problems.push(`${key}: range covers ${JSON.stringify(src.slice(got.start, got.end))} at ${got.start}-${got.end}, want ${JSON.stringify(span.raw)} at ${span.start}-${span.end}`);
      }
    }
  }
  assert.deepEqual(problems, []);
}

// ------------------------------------------------------------------ Table 3 test data (spec §2.2.2)

const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const R3 = '三、本年度办理结果';
const G3 = '（三）不予公开', G4 = '（四）无法提供', G5 = '（五）不予处理', G6 = '（六）其他处理';

/** The 25 rows of the 2021 form: [rowId, level-1, level-2, level-3]. */
const T3_2021: [string, string, string, string][] = [
  ['一', '一、本年新收政府信息公开申请数量', '', ''],
  ['二', '二、上年结转政府信息公开申请数量', '', ''],
  ['三.（一）', R3, '（一）予以公开', ''],
  ['三.（二）', R3, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''],
  ['三.（三）.1', R3, G3, '1.属于国家秘密'],
  ['三.（三）.2', R3, G3, '2.其他法律行政法规禁止公开'],
  ['三.（三）.3', R3, G3, '3.危及“三安全一稳定”'],
  ['三.（三）.4', R3, G3, '4.保护第三方合法权益'],
  ['三.（三）.5', R3, G3, '5.属于三类内部事务信息'],
  ['三.（三）.6', R3, G3, '6.属于四类过程性信息'],
  ['三.（三）.7', R3, G3, '7.属于行政执法案卷'],
  ['三.（三）.8', R3, G3, '8.属于行政查询事项'],
  ['三.（四）.1', R3, G4, '1.本机关不掌握相关政府信息'],
  ['三.（四）.2', R3, G4, '2.没有现成信息需要另行制作'],
  ['三.（四）.3', R3, G4, '3.补正后申请内容仍不明确'],
  ['三.（五）.1', R3, G5, '1.信访举报投诉类申请'],
  ['三.（五）.2', R3, G5, '2.重复申请'],
  ['三.（五）.3', R3, G5, '3.要求提供公开出版物'],
  ['三.（五）.4', R3, G5, '4.无正当理由大量反复申请'],
  ['三.（五）.5', R3, G5, '5.要求行政机关确认或重新出具已获取信息'],
  ['三.（六）.1', R3, G6, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['三.（六）.2', R3, G6, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['三.（六）.3', R3, G6, '3.其他'],
  ['三.（七）', R3, '（七）总计', ''],
  ['四', '四、结转下年度继续办理', '', ''],
];

/** A consistent Table 3 (every relation of spec §3.2 holds), with multi-digit numbers in several columns. */
function t3Values(): Map<string, number[]> {
  const applicants: Record<string, number[]> = {
    '一': [40, 6, 1, 0, 2, 3],
    '二': [5, 1, 0, 0, 0, 0],
    '三.（一）': [20, 3, 1, 0, 1, 1],
    '三.（二）': [4, 1, 0, 0, 0, 0],
    '三.（三）.2': [1, 0, 0, 0, 0, 0],
    '三.（三）.4': [2, 0, 0, 0, 0, 0],
    '三.（三）.6': [1, 0, 0, 0, 0, 0],
    '三.（三）.8': [3, 0, 0, 0, 0, 0],
    '三.（四）.1': [6, 1, 0, 0, 1, 1],
    '三.（四）.2': [1, 0, 0, 0, 0, 0],
    '三.（五）.1': [2, 0, 0, 0, 0, 0],
    '三.（五）.2': [1, 0, 0, 0, 0, 0],
    '三.（六）.1': [1, 0, 0, 0, 0, 0],
    '三.（六）.3': [1, 1, 0, 0, 0, 0],
  };
  const out = new Map<string, number[]>();
  const results = T3_2021.filter(([id]) => id.startsWith('三.') && id !== '三.（七）').map(([id]) => id);
  const seven = [0, 0, 0, 0, 0, 0];
  for (const id of results) (applicants[id] ?? [0, 0, 0, 0, 0, 0]).forEach((v, k) => { seven[k] = seven[k]! + v; });
  const four = applicants['一']!.map((v, k) => v + applicants['二']![k]! - seven[k]!);
  for (const [id] of T3_2021) {
    const a = id === '三.（七）' ? seven : id === '四' ? four : (applicants[id] ?? [0, 0, 0, 0, 0, 0]);
    out.set(id, [...a, a.reduce((s, x) => s + x, 0)]);
  }
  return out;
}
const T3V = t3Values();

function t3Want(values = T3V): Map<string, Want> {
  const want = new Map<string, Want>();
  for (const [id, vals] of values) vals.forEach((v, k) => want.set(`${id}|${COLS[k]}`, { value: v, kind: 'number' }));
  return want;
}

// ------------------------------------------------------------------ Table 3 in each representation

/** Table 3 as PDF text: numbers separated by spaces after their label, one row per line; `number` writes cell k's value. */
function spacedT3(values = T3V, number: (v: number, k: number) => string = (v) => String(v)): Doc {
  const d = new Doc().add('三、收到和处理政府信息公开申请情况\n');
  d.add(`${NOTE}\n申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n`);
  let prev2 = '';
  for (const [id, , l2, l3] of T3_2021) {
    if (l3 && l2 !== prev2) d.add(`${l2}\n`);
    prev2 = l2;
    d.add(l3 || l2 || T3_2021.find((r) => r[0] === id)![1]);
    values.get(id)!.forEach((v, k) => { d.add(' '); d.cell(`${id}|${COLS[k]}`, number(v, k)); });
    d.add('\n');
  }
  d.add('四、政府信息公开行政复议、行政诉讼情况\n');
  return d;
}

describe('Table 3 representations', () => {
  test('the test data itself satisfies T3-R1/R2/R3', () => {
    for (let c = 0; c < 7; c++) {
      const col = (id: string) => T3V.get(id)![c]!;
      assert.equal(col('一') + col('二'), col('三.（七）') + col('四'));
    }
    for (const [, v] of T3V) assert.equal(v.slice(0, 6).reduce((s, x) => s + x, 0), v[6]);
    for (const [, v] of T3V) for (const x of v) assert.ok(x >= 0);
  });

  test('Markdown pipe table: labels in the three leading columns, blank merged cells (like real/2024-huaian-city.md)', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n\n');
    d.add(`| ${NOTE} |  |  | 申请人情况 |  |  |  |  |  |  |\n|---|---|---|---|---|---|---|---|---|---|\n`);
    d.add('|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |\n');
    d.add('|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |\n');
    let prev1 = '', prev2 = '';
    for (const [id, l1, l2, l3] of T3_2021) {
      const a = l1 === prev1 ? '' : l1, b = l2 === prev2 && l2 ? '' : l2;
      prev1 = l1; prev2 = l2;
      d.add(`| ${a} | ${b} | ${l3} |`);
      T3V.get(id)!.forEach((v, k) => { d.add(' '); d.cell(`${id}|${COLS[k]}`, String(v)); d.add(' |'); });
      d.add('\n');
    }
    d.add('\n四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'markdown');
    assert.equal(t.representation, 'pipe');
    assert.equal(t.era, '2021');
    assert.deepEqual(t.missingRows, []);
    assert.deepEqual(t.unknownRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('pipe rows with tabs around them or as padding (pasted with a tab at each line\'s end, indented by one) stay pipe rows', () => {
    // Read as tab-separated rows, 表三 lost 150 of its 175 cells and 表四 was not found.
    for (const [how, before, after, pad] of [['tab at the end', '', '\t', ' '], ['indented by a tab', '\t', '', ' '], ['tabs as padding', '', '', '\t']] as const) {
      const d = new Doc().add('三、收到和处理政府信息公开申请情况\n\n');
      d.add(`${before}| ${NOTE} |  |  | 申请人情况 |  |  |  |  |  |  |${after}\n${before}|---|---|---|---|---|---|---|---|---|---|${after}\n`);
      d.add(`${before}|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |${after}\n`);
      d.add(`${before}|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |${after}\n`);
      for (const [id, l1, l2, l3] of T3_2021) {
        d.add(`${before}|${pad}${l1}${pad}|${pad}${l2}${pad}|${pad}${l3}${pad}|`);
        T3V.get(id)!.forEach((v, k) => { d.add(pad); d.cell(`${id}|${COLS[k]}`, String(v)); d.add(`${pad}|`); });
        d.add(`${after}\n`);
      }
      d.add('\n四、政府信息公开行政复议、行政诉讼情况\n');
      const t = readT3(d, 'markdown');
      assert.equal(t.representation, 'pipe', how);
      assert.deepEqual(t.missingRows, [], how);
      assertCells(d.s, t, t3Want(), d);
    }
    for (const [line, shape] of [
      ['| 总计 | 5 | 3 |\t', 'pipe'], ['\t| 总计 | 5 | 3 |', 'pipe'], ['|\t总计\t|\t5\t|', 'pipe'], ['总计 | 5 | 3 |\t', 'pipe'],
      // A space-separated row or a one-cell line with a tab at its end or start (fuzzing); a label alone with tabs after
      // it is a tab row of empty cells.
      ['规章 0 0 0\t', 'plain'], ['\t行政许可 550', 'plain'], ['0 |\t', 'cell-line'], ['规章\t\t\t', 'tsv'],
      ['1\t2\t3', 'tsv'], ['\t\t5', 'tsv'], ['总计|合计\t5\t3', 'tsv'], ['\tA|B|C', 'tsv'], ['总计\t|5|3|', 'tsv'], ['| 总计\t5\t3', 'tsv'],
    ] as const) assert.equal(classifyLine(line), shape, JSON.stringify(line));
  });

  test('a tab at the end of every line of a table in PDF text pads it; in a tab-separated table a label with tabs after it is a row of empty cells', () => {
    // PDF text: a label on a line of its own, its numbers on the next (fuzzing: 1.属于国家秘密⇥ was read as a tab row of
    // one empty cell, and the numbers after it as a row of their own).
    const pdf = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章\n1 0 11\n行政规范性文件\n5 2 40\n三、收到和处理政府信息公开申请情况\n';
    const t2Of = (src: string) => parseReport(src, { format: 'text' }).model.tables.find((t) => t.kind === 'T2')!;
    const read = (t: Table) => t.cells.filter((c) => c.value !== null).map((c) => `${c.rowId.split('|')[1]} ${c.col} ${c.value}`);
    const plain = t2Of(pdf);
    assert.deepEqual(read(plain).filter((c) => c.startsWith('规章') || c.startsWith('行政规范性文件')),
      ['规章 本年制发件数 1', '规章 本年废止件数 0', '规章 现行有效件数 11', '行政规范性文件 本年制发件数 5', '行政规范性文件 本年废止件数 2', '行政规范性文件 现行有效件数 40']);
    const tabbed = t2Of(pdf.replace(/(?<=\S)$/gm, '\t'));
    assert.deepEqual(read(tabbed), read(plain));
    assert.deepEqual(tabbed.unknownRows.map((u) => u.raw), plain.unknownRows.map((u) => u.raw));
    // Tab-separated: 规章⇥ is 规章 with its first value blank, and the row's other values follow it in their places.
    const tsv = t2Of('二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t\t0\t11\n行政规范性文件\t\n三、收到和处理政府信息公开申请情况\n');
    const cell = (t: Table, row: string, col: string) => t.cells.find((c) => c.rowId === `第二十条第（一）项|${row}` && c.col === col);
    assert.equal(cell(tsv, '规章', '本年制发件数')?.value, null);
    assert.equal(cell(tsv, '规章', '现行有效件数')?.value, 11);
    assert.equal(cell(tsv, '行政规范性文件', '本年制发件数')?.value, null);
    assert.deepEqual(tsv.unknownRows.map((u) => u.raw), []);
  });

  test('a number\'s note wrapped onto a line of its own is its note, not a row (PDF text of a narrow cell, real/2025-shanghai-city-govoffice.md)', () => {
    const src = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 22\n（其中修订 16 件）\n3 235\n行政规范性文件 34 55\n（含自然失效 29 件）\n189\n三、收到和处理政府信息公开申请情况\n';
    const t2 = parseReport(src, { format: 'text' }).model.tables.find((t) => t.kind === 'T2')!;
    assert.deepEqual(t2.unknownRows.map((u) => u.raw), []);
    const cell = (row: string, col: string) => t2.cells.find((c) => c.rowId === `第二十条第（一）项|${row}` && c.col === col)!;
    assert.equal(cell('规章', '本年制发件数').value, 22);
    assert.equal(cell('规章', '本年制发件数').note, '(其中修订 16 件)');
    assert.equal(slice(src, cell('规章', '本年制发件数').range), '22\n（其中修订 16 件）');
    assert.equal(cell('规章', '现行有效件数').value, 235);
    assert.equal(cell('行政规范性文件', '本年废止件数').note, '(含自然失效 29 件)');
    assert.equal(cell('行政规范性文件', '现行有效件数').value, 189);
  });

  test('one cell per line ending in " |", rows separated by "||" (like seeds/001)', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n');
    d.add('(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |\n申请人情况 |\n||||||||\n自然人 |\n法人或其他组织 |\n总计 |\n|||||||\n');
    d.add('商业企业 |\n科研机构 |\n社会公益组织 |\n法律服务机构 |\n其他 |\n|||||\n');
    let prev1 = '', prev2 = '';
    for (const [id, l1, l2, l3] of T3_2021) {
      // the page store writes half-width brackets (spec §0: NFKC); the group label only on its first row
      const hw = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')');
      if (l1 !== prev1) d.add(`${hw(l1)} |\n`);
      if (l2 && l2 !== prev2) d.add(`${hw(l2)} |\n`);
      if (l3) d.add(`${l3} |\n`);
      prev1 = l1; prev2 = l2;
      T3V.get(id)!.forEach((v, k) => { d.cell(`${id}|${COLS[k]}`, String(v)); d.add(' |\n'); });
      d.add('||\n');
    }
    d.add('四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'text');
    assert.equal(t.representation, 'cell-per-line');
    assert.deepEqual(t.missingRows, []);
    // The header's labels before their empty cells (申请人情况 |, 总计 | then a line of pipes) are no rows.
    assert.deepEqual(t.unknownRows.map((u) => u.raw), []);
    assertCells(d.s, t, t3Want(), d);
  });

  /** Like [R1]: rowspan/colspan as in the Word form, <br /> in headers, the 总计 column left empty (&nbsp;) in some rows. */
  const HTML_BLANKS = new Set(['一|总计', '二|总计', '三.（一）|总计']);
  function htmlT3(): Doc {
    const d = new Doc().add('<html><body><p>三、收到和处理政府信息公开申请情况</p>\n<table border="1"><tbody>\n');
    d.add(`<tr><td colspan="3" rowspan="3"><p align="center">${NOTE}</p></td><td colspan="7">申请人情况</td></tr>\n`);
    d.add('<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>\n');
    d.add('<tr><td>商业<br />企业</td><td>科研<br />机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n');
    let prev1 = '', prev2 = '';
    for (const [id, l1, l2, l3] of T3_2021) {
      d.add('<tr>');
      if (l1 !== prev1) {
        const span = T3_2021.filter((r) => r[1] === l1).length;
        d.add(span > 1 ? `<td rowspan="${span}">${l1}</td>` : `<td colspan="3">${l1}</td>`);
      }
      if (l2 && l2 !== prev2) {
        const span = T3_2021.filter((r) => r[2] === l2).length;
        d.add(span > 1 ? `<td rowspan="${span}">${l2}</td>` : `<td colspan="2">${l2}</td>`);
      }
      if (l3) d.add(`<td>${l3}</td>`);
      prev1 = l1; prev2 = l2;
      T3V.get(id)!.forEach((v, k) => {
        const key = `${id}|${COLS[k]}`;
        if (HTML_BLANKS.has(key)) { d.add('<td>&nbsp;</td>'); return; }
        d.add('<td><p align="center">'); d.cell(key, String(v)); d.add('</p></td>');
      });
      d.add('</tr>\n');
    }
    d.add('</tbody></table>\n<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>\n');
    return d;
  }
  const htmlWant = () => {
    const want = t3Want();
    for (const k of HTML_BLANKS) want.set(k, { value: null, kind: 'blank' });
    return want;
  };

  test('HTML with rowspan/colspan, <br /> in headers: values, and &nbsp; cells are blank, not 0', () => {
    const d = htmlT3();
    const t = readT3(d, 'html');
    assert.equal(t.representation, 'html');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, htmlWant());
  });

  test('HTML: a cell\'s range covers exactly its number in the HTML source, not the closing tags after it', () => {
      const d = htmlT3();
      const t = readT3(d, 'html');
      assertCells(d.s, t, htmlWant(), d);
    });

  test('tab-separated rows with empty leading cells for merged labels (like real/2024-huaian-hongze-district-tsv.txt)', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n');
    d.add(`${NOTE}\t\t\t申请人情况\t\t\t\t\t\t\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n`);
    let prev1 = '', prev2 = '';
    for (const [id, l1, l2, l3] of T3_2021) {
      const a = l1 === prev1 ? '' : l1, b = l2 === prev2 && l2 ? '' : l2;
      prev1 = l1; prev2 = l2;
      d.add(`${a}\t${b}\t${l3}`);
      T3V.get(id)!.forEach((v, k) => { d.add('\t'); d.cell(`${id}|${COLS[k]}`, String(v)); });
      d.add('\n');
    }
    d.add('四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'text');
    assert.equal(t.representation, 'tsv');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('numbers separated by spaces after their label, one row per line', () => {
    const d = spacedT3();
    const t = readT3(d, 'text');
    assert.equal(t.representation, 'spaced');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('digits run together with no separator (crawler text, one line): read by the row-total relation', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况');
    d.add(`${NOTE}申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他`);
    let prev2 = '';
    for (const [id, l1, l2, l3] of T3_2021) {
      if (l1 === R3 && id === '三.（一）') d.add(R3);
      if (l3 && l2 !== prev2) d.add(l2);
      prev2 = l2;
      d.add(l3 || l2 || l1);
      T3V.get(id)!.forEach((v, k) => d.cell(`${id}|${COLS[k]}`, String(v)));
    }
    d.add(' 四、政府信息公开行政复议、行政诉讼情况 ');
    const t = readT3(d, 'text');
    assert.equal(t.representation, 'concatenated');
    assert.deepEqual(t.missingRows, []);
    const want = t3Want();
    assertCells(d.s, t, want, d);
  });

  test('real crawler text: "（七）总计630020469" reads 63,0,0,2,0,4,69 (real/2021-fujian-pingtan-zone-crawltext.txt)', () => {
    const src = readFileSync(`${CORPUS}/real/2021-fujian-pingtan-zone-crawltext.txt`, 'utf8');
    const at = src.indexOf('（七）总计630020469');
    assert.ok(at > 0, 'corpus file changed');
    const t = table(parseReport(src).model, 'T3');
    const cells = byKey(t);
    // the only split of 630020469 into seven numbers without leading zeros whose first six add up to the seventh
    const expected = [['63', 63], ['0', 0], ['0', 0], ['2', 2], ['0', 0], ['4', 4], ['69', 69]] as const;
    let pos = at + '（七）总计'.length;
    expected.forEach(([raw, v], k) => {
      const c = cells.get(`三.（七）|${COLS[k]}`);
      assert.ok(c, `三.（七）|${COLS[k]} missing`);
      assert.equal(c.value, v, `${COLS[k]}`);
      assert.notEqual(c.kind, 'ambiguous');
      assert.equal(offsetOf(src, c.range.start), pos, `${COLS[k]} starts at the digit`);
      assert.equal(slice(src, c.range), raw);
      pos += raw.length;
    });
  });

  test('a truly ambiguous run of digits comes out as kind "ambiguous", never a silent guess', () => {
    // 933000345 splits into seven numbers whose first six add up to the seventh in exactly two ways.
    const splits = (digits: string, n: number): number[][] => {
      const out: number[][] = [];
      const rec = (i: number, cur: string[]) => {
        if (cur.length === n) { if (i === digits.length) out.push(cur.map(Number)); return; }
        for (let len = 1; i + len <= digits.length; len++) {
          const h = digits.slice(i, i + len);
          if (h.length > 1 && h[0] === '0') break;
          rec(i + len, [...cur, h]);
        }
      };
      rec(0, []);
      return out.filter((v) => v.slice(0, 6).reduce((s, x) => s + x, 0) === v[6]);
    };
    assert.deepEqual(splits('933000345', 7), [[9, 3, 30, 0, 0, 3, 45], [9, 33, 0, 0, 0, 3, 45]]);
    // Only 三.（一） is ambiguous; T3-R2 cannot decide because the other result rows are absent, and T3-R1
    // does not involve 三.（一）.
    const src = `三、收到和处理政府信息公开申请情况${NOTE}申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他`
      + '一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开933000345（七）总计1000001四、结转下年度继续办理0000000'
      + ' 四、政府信息公开行政复议、行政诉讼情况 ';
    const t = table(parseReport(src, { format: 'text' }).model, 'T3');
    const row = t.cells.filter((c) => c.rowId === '三.（一）');
    assert.equal(row.length, 7);
    for (const c of row) assert.equal(c.kind, 'ambiguous', `${c.col}: ${c.kind} ${c.value}`);
    // cells both readings agree on are still located inside the digit run
    const run = src.indexOf('933000345');
    for (const c of row) {
      const s = offsetOf(src, c.range.start), e = offsetOf(src, c.range.end);
      assert.ok(s >= run && e <= run + 9, `${c.col} range ${s}-${e} outside the digits`);
    }
    // the unambiguous rows are read normally
    assert.equal(byKey(t).get('一|自然人')?.value, 1);
    assert.equal(byKey(t).get('一|总计')?.kind, 'number');
  });

  test('PDF text: numbers on the line before their label, group labels and a vertical 三、本年度办理结果 in between, page footer (layout of real/2023-huaian-hongze-district-pdftext.txt)', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n申请人情况\n法人或其他组织\n（本列数据的勾稽关系为：第一项加第二项之和，等\n于第三项加第四项之和）\n自然人 社会 法律 总计\n商业 科研\n公益 服务 其他\n企业 机构\n组织 机构\n');
    const nums = (id: string) => { T3V.get(id)!.forEach((x, k) => { if (k) d.add(' '); d.cell(`${id}|${COLS[k]}`, String(x)); }); d.add('\n'); };
    const row = (id: string, label: string) => { d.add(`${label} `); nums(id); };
    row('一', '一、本年新收政府信息公开申请数量');
    row('二', '二、上年结转政府信息公开申请数量');
    row('三.（一）', '（一）予以公开');
    d.add('（二）部分公开（区分处理的，只计这一情 形，不\n'); nums('三.（二）'); d.add('计其他情形）\n');
    nums('三.（三）.1'); d.add('1.属于国家秘密\n');
    row('三.（三）.2', '三 2.其他法律行政法规禁止公开');
    d.add('、\n'); nums('三.（三）.3'); d.add('本 3.危及“三安全一稳定”\n年\n');
    row('三.（三）.4', '度 4.保护第三方合法权益');
    d.add('办 （三）不予公开\n');
    row('三.（三）.5', '理 5.属于三类内部事务信息');
    d.add('结\n');
    row('三.（三）.6', '果 6.属于四类过程性信息');
    row('三.（三）.7', '7.属于行政执法案卷');
    row('三.（三）.8', '8.属于行政查询事项');
    nums('三.（四）.1'); d.add('1.本机关不掌握相关政府信息\n（四）无法提供\n');
    nums('三.（四）.2'); d.add('2.没有现成信息需要另行制作\n- 3 -\n');
    row('三.（四）.3', '3.补正后申请内容仍不明确');
    row('三.（五）.1', '1.信访举报投诉类申请');
    row('三.（五）.2', '2.重复申请');
    row('三.（五）.3', '3.要求提供公开出版物');
    d.add('（五）不予处理\n'); nums('三.（五）.4'); d.add('4.无正当理由大量反复 申请\n');
    d.add('5.要求行政机关确认或重 新出具\n'); nums('三.（五）.5'); d.add('已获取信息\n');
    row('三.（六）.1', '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    row('三.（六）.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    row('三.（六）.3', '3.其他');
    row('三.（七）', '（七）总计');
    row('四', '四、结转下年度继续办理');
    d.add('四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('PDF text: several consecutive rows with their numbers on the line before the label', () => {
      const d = new Doc().add('三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n');
      const before = new Set(['三.（四）.1', '三.（四）.2', '三.（四）.3']);
      for (const [id, l1, l2, l3] of T3_2021) {
        const label = l3 || l2 || l1;
        const nums = () => { T3V.get(id)!.forEach((x, k) => { if (k) d.add(' '); d.cell(`${id}|${COLS[k]}`, String(x)); }); };
        if (before.has(id)) { nums(); d.add(`\n${label}\n`); } else { d.add(`${label} `); nums(); d.add('\n'); }
      }
      d.add('四、政府信息公开行政复议、行政诉讼情况\n');
      const t = readT3(d, 'text');
      assert.deepEqual(t.missingRows, []);
      assertCells(d.s, t, t3Want(), d);
    });

  test('real PDF text (real/2023-huaian-hongze-district-pdftext.txt): rows whose numbers precede their label', () => {
    const src = readFileSync(`${CORPUS}/real/2023-huaian-hongze-district-pdftext.txt`, 'utf8');
    const t = table(parseReport(src).model, 'T3');
    const cells = byKey(t);
    // Read off the file by hand: the number line, and the row it belongs to.
    const rows: [string, string][] = [
      ['一', '一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21'],
      ['三.（二）', '4 0 0 0 0 0 4\n计其他情形）'],
      ['三.（三）.1', '1 0 0 0 0 0 1\n1.属于国家秘密'],
      ['三.（三）.6', '6.属于四类过程性信息 1 0 0 0 0 0 1'],
      ['三.（四）.1', '10 0 0 0 0 0 10\n1.本机关不掌握相关政府信息'],
      ['三.（四）.2', '3 0 0 0 0 0 3\n2.没有现成信息需要另行制作'],
      ['三.（七）', '（七）总计 21 0 0 0 0 0 21'],
    ];
    for (const [id, snippet] of rows) {
      const at = src.indexOf(snippet);
      assert.ok(at >= 0, `corpus changed: ${snippet}`);
      const numbers = /(\d+(?: \d+){6})/.exec(snippet)!;
      let pos = at + numbers.index;
      numbers[1]!.split(' ').forEach((raw, k) => {
        const c = cells.get(`${id}|${COLS[k]}`);
        assert.ok(c, `${id}|${COLS[k]} missing`);
        assert.equal(c.value, Number(raw), `${id}|${COLS[k]}`);
        assert.equal(offsetOf(src, c.range.start), pos, `${id}|${COLS[k]} start`);
        assert.equal(slice(src, c.range), raw, `${id}|${COLS[k]} text`);
        pos += raw.length + 1;
      });
    }
  });
});

// ------------------------------------------------------------------ labels as mangled in real reports

/** A TSV Table 3 with given label overrides, extra rows and omitted rows. */
function tsvT3(opts: { labels?: Record<string, string>; omit?: string[]; extraAfter?: Record<string, string>; eol?: string; label?: (s: string) => string; number?: (v: number) => string } = {}): Doc {
  const nl = opts.eol ?? '\n';
  const tr = opts.label ?? ((x: string) => x);
  const d = new Doc().add(`${tr('三、收到和处理政府信息公开申请情况')}${nl}`);
  d.add(`${tr(NOTE)}\t\t\t${tr('申请人情况')}\t\t\t\t\t\t${nl}\t\t\t${tr('自然人')}\t${tr('法人或其他组织')}\t\t\t\t\t${tr('总计')}${nl}\t\t\t\t${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map(tr).join('\t')}\t${nl}`);
  for (const [id, l1, l2, l3] of T3_2021) {
    if (!opts.omit?.includes(id)) {
      const labels = [l1, l2, l3].map(tr);
      const k = l3 ? 2 : l2 ? 1 : 0;
      if (opts.labels?.[id] !== undefined) labels[k] = opts.labels[id]!;
      d.add(labels.join('\t'));
      T3V.get(id)!.forEach((v, c) => { d.add('\t'); d.cell(`${id}|${COLS[c]}`, opts.number ? opts.number(v) : String(v)); });
      d.add(nl);
    }
    if (opts.extraAfter?.[id]) d.add(opts.extraAfter[id]!);
  }
  d.add(`${tr('四、政府信息公开行政复议、行政诉讼情况')}${nl}`);
  return d;
}

/** Appendix A: the traditional spellings of the Table 3 labels (converter style). */
const TRADITIONAL: Record<string, string> = {
  '三、收到和处理政府信息公开申请情况': '三、收到和處理政府信息公開申請情況',
  [NOTE]: '（本列數據的勾稽關係為：第一項加第二項之和，等於第三項加第四項之和）',
  '申请人情况': '申請人情況', '自然人': '自然人', '法人或其他组织': '法人或其他組織', '总计': '總計',
  '商业企业': '商業企業', '科研机构': '科研機構', '社会公益组织': '社會公益組織', '法律服务机构': '法律服務機構', '其他': '其他',
  '一、本年新收政府信息公开申请数量': '一、本年新收政府信息公開申請數量', '二、上年结转政府信息公开申请数量': '二、上年結轉政府信息公開申請數量',
  [R3]: '三、本年度辦理結果', '（一）予以公开': '（一）予以公開', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': '（二）部分公開（區分處理的，只計這一情形，不計其他情形）',
  [G3]: '（三）不予公開', '1.属于国家秘密': '1.屬於國家秘密', '2.其他法律行政法规禁止公开': '2.其他法律行政法規禁止公開', '3.危及“三安全一稳定”': '3.危及“三安全一穩定”',
  '4.保护第三方合法权益': '4.保護第三方合法權益', '5.属于三类内部事务信息': '5.屬於三類內部事務信息', '6.属于四类过程性信息': '6.屬於四類過程性信息', '7.属于行政执法案卷': '7.屬於行政執法案卷', '8.属于行政查询事项': '8.屬於行政查詢事項',
  [G4]: '（四）無法提供', '1.本机关不掌握相关政府信息': '1.本機關不掌握相關政府信息', '2.没有现成信息需要另行制作': '2.沒有現成信息需要另行製作', '3.补正后申请内容仍不明确': '3.補正後申請內容仍不明確',
  [G5]: '（五）不予處理', '1.信访举报投诉类申请': '1.信訪舉報投訴類申請', '2.重复申请': '2.重複申請', '3.要求提供公开出版物': '3.要求提供公開出版物', '4.无正当理由大量反复申请': '4.無正當理由大量反覆申請', '5.要求行政机关确认或重新出具已获取信息': '5.要求行政機關確認或重新出具已獲取信息',
  [G6]: '（六）其他處理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': '1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请': '2.申請人逾期未按收費通知要求繳納費用、行政機關不再處理其政府信息公開申請', '3.其他': '3.其他',
  '（七）总计': '（七）總計', '四、结转下年度继续办理': '四、結轉下年度繼續辦理', '四、政府信息公开行政复议、行政诉讼情况': '四、政府信息公開行政復議、行政訴訟情況', '': '',
};

describe('Table 3 labels as written in real reports', () => {
  test('label typo 2.其他法律行政止公开 (both 洪泽 reports) still names row 三.（三）.2', () => {
    const d = tsvT3({ labels: { '三.（三）.2': '2.其他法律行政止公开' } });
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assert.deepEqual(t.unknownRows, []);
    const row = t.rows.find((r) => r.rowId === '三.（三）.2');
    assert.ok(row);
    assert.ok(row.range);
    assert.match(slice(d.s, row.range), /2\.其他法律行政止公开$/);
    assertCells(d.s, t, t3Want(), d);
  });

  test('（六）其他 written for （六）其他处理 in a 2019 table (single row)', () => {
    const rows19 = T3_2021.filter(([id]) => !id.startsWith('三.（六）'));
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n');
    d.add(`${NOTE}\t\t申请人情况\n`);
    const vals = new Map<string, number[]>();
    for (const [id, l1, l2, l3] of rows19) {
      const v = id === '三.（七）' ? [42, 5, 1, 0, 1, 1, 50] : id === '四' ? [3, 2, 0, 0, 1, 2, 8] : T3V.get(id)!;
      vals.set(id, v);
      d.add([l1, l2, l3].join('\t'));
      v.forEach((x, c) => { d.add('\t'); d.cell(`${id}|${COLS[c]}`, String(x)); });
      d.add('\n');
      if (id === '三.（五）.5') {
        d.add(`${R3}\t（六）其他\t`);
        [2, 0, 0, 0, 0, 0, 2].forEach((x, c) => { d.add('\t'); d.cell(`三.（六）|${COLS[c]}`, String(x)); });
        d.add('\n');
        vals.set('三.（六）', [2, 0, 0, 0, 0, 0, 2]);
      }
    }
    d.add('四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'text');
    assert.equal(t.era, '2019');
    assert.deepEqual(t.missingRows, []);
    assert.deepEqual(t.unknownRows, []);
    const want = new Map<string, Want>();
    for (const [id, v] of vals) v.forEach((x, c) => want.set(`${id}|${COLS[c]}`, { value: x, kind: 'number' }));
    assertCells(d.s, t, want, d);
  });

  test('labels split across lines mid-word (（四）无\\n法提供, 4.无正当理由大量反复\\n申请) are still recognised', () => {
    const d = new Doc().add('三、收到和处理政府信息公开申请情况\n');
    d.add(`${NOTE}\n申请人情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n`);
    for (const [id, , l2, l3] of T3_2021) {
      let label = l3 || l2 || T3_2021.find((r) => r[0] === id)![1];
      if (id === '三.（四）.1') d.add('（四）无\n法提供\n');
      if (id === '三.（五）.4') label = '4.无正当理由大量反复\n申请';
      if (id === '三.（五）.5') label = '5.要求行政机关确认或重\n新出具已获取信息';
      d.add(`${label} `);
      T3V.get(id)!.forEach((x, c) => { if (c) d.add(' '); d.cell(`${id}|${COLS[c]}`, String(x)); });
      d.add('\n');
    }
    d.add('四、政府信息公开行政复议、行政诉讼情况\n');
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('a found row keeps its label as written (TableRow.raw), not the normalised matching text', () => {
      const d = tsvT3({ labels: { '三.（三）.2': '2.其他法律行政法規禁止公開' } });
      const t = readT3(d, 'text');
      const row = t.rows.find((r) => r.rowId === '三.（三）.2');
      assert.ok(row);
      assert.match(row.raw, /2\.其他法律行政法規禁止公開$/);
    });

  test('CRLF line endings: the same values, ranges still exact', () => {
    const d = tsvT3({ eol: '\r\n' });
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('traditional-script labels (Appendix A): every row found, values and ranges exact', () => {
    const d = tsvT3({ label: (x) => { assert.ok(x in TRADITIONAL, x); return TRADITIONAL[x]!; } });
    const t = readT3(d, 'text');
    assert.equal(t.era, '2021');
    assert.deepEqual(t.missingRows, []);
    assert.deepEqual(t.unknownRows, []);
    assertCells(d.s, t, t3Want(), d);
  });

  test('full-width digits in cells (NFKC): values read, ranges cover the full-width digits', () => {
    const fw = (v: number) => String(v).replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)));
    const d = tsvT3({ number: fw });
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assertCells(d.s, t, t3Want(), d);
    assert.equal(slice(d.s, byKey(t).get('一|总计')!.range), fw(T3V.get('一')![6]!));
  });

  test('thousands separators in cells (1,234 and 1，234, spec §6.4): values read, ranges cover the separators', () => {
    // Every value × 1,001 (the relations still hold): 40 becomes 40,040; a total of 52 becomes 52,052.
    const scaled = new Map([...T3V].map(([id, vals]) => [id, vals.map((v) => v * 1001)]));
    const grouped = (v: number, sep: string) => String(v).replace(/\B(?=(\d{3})+$)/g, sep);
    for (const sep of [',', '，']) {
      const d = tsvT3({ number: (v) => grouped(v * 1001, sep) });
      const t = readT3(d, 'text');
      assert.deepEqual(t.missingRows, [], sep);
      assertCells(d.s, t, t3Want(scaled), d);
      assert.equal(slice(d.s, byKey(t).get('一|自然人')!.range), `40${sep}040`);
      assert.deepEqual(analyze(d.s).diagnostics.filter((x) => x.code === 'cell-missing-value'), [], sep);
    }
    // Numbers separated by spaces after their label (PDF text), and cells whose numbers have no separator next to those that have.
    const d = spacedT3(scaled, (v, k) => (k % 2 ? String(v) : grouped(v, ',')));
    const t = readT3(d, 'text');
    assert.equal(t.representation, 'spaced');
    assertCells(d.s, t, t3Want(scaled), d);
  });

  test('an extra local row is reported in unknownRows, not read as a template row', () => {
    const d = tsvT3({ extraAfter: { '三.（二）': `\t其中：网上申请\t\t7\t0\t0\t0\t0\t0\t7\n` } });
    const t = readT3(d, 'text');
    assert.deepEqual(t.missingRows, []);
    assert.equal(t.unknownRows.length, 1, JSON.stringify(t.unknownRows));
    assert.match(t.unknownRows[0]!.raw, /网上申请/);
    assert.match(slice(d.s, t.unknownRows[0]!.range), /网上申请/);
    assertCells(d.s, t, t3Want(), d);
  });

  test('a row of dashes with no label is no unknown row (a crawler\'s header rows, real/2025-jiangsu-shuyang-county.txt); numbers with no label are', () => {
    const dashes = readT3(tsvT3({ extraAfter: { '三.（二）': `\t\t\t-\t-\t-\t-\t-\n` } }), 'text');
    assert.deepEqual(dashes.unknownRows, []);
    assert.deepEqual(dashes.missingRows, []);
    const d = tsvT3({ extraAfter: { '三.（二）': `\t\t\t5\t5\n` } });
    const numbers = readT3(d, 'text');
    assert.deepEqual(numbers.unknownRows.map((u) => u.raw), ['5 5']);
    assert.equal(slice(d.s, numbers.unknownRows[0]!.range), '5\t5');
    assertCells(d.s, numbers, t3Want(), d);
  });

  test('page footers of PDF text between rows are no rows (第 3 页 共 8 页, 第3页, 共8页 第3页, — 4 —)', () => {
    for (const footer of ['第 3 页 共 8 页', '第3页', '共8页 第3页', '第3页/共8页', '— 4 —']) {
      const d = tsvT3({ extraAfter: { '三.（三）.6': `${footer}\n` } });
      const t = readT3(d, 'text');
      assert.deepEqual(t.unknownRows, [], footer);
      assert.deepEqual(t.missingRows, [], footer);
      assertCells(d.s, t, t3Want(), d);
    }
  });

  test('one cell per line without pipes: a label alone on its line names the values after it, also when a row is left out (fuzzing)', () => {
    // Taken by the nearest label instead (the next row's, often), every row after a missing one took the next row's values.
    for (const omit of [[], ['一'], ['三.（二）', '三.（五）.4']]) {
      const d = new Doc().add('三、收到和处理政府信息公开申请情况\n').add(`${NOTE}\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n`);
      let prev2 = '';
      for (const [id, l1, l2, l3] of T3_2021) {
        if (l3 && l2 !== prev2) d.add(`${l2}\n`);
        prev2 = l2;
        if (omit.includes(id)) continue;
        d.add(`${l3 || l2 || l1}\n`);
        T3V.get(id)!.forEach((v, k) => { d.cell(`${id}|${COLS[k]}`, String(v)); d.add('\n'); });
      }
      d.add('四、政府信息公开行政复议、行政诉讼情况\n');
      const t = readT3(d, 'text');
      assert.deepEqual(t.missingRows, omit, omit.join());
      assert.deepEqual(t.unknownRows, [], omit.join());
      const want = t3Want();
      for (const id of omit) for (const c of COLS) want.delete(`${id}|${c}`);
      assertCells(d.s, t, want, d);
    }
  });

  test('PDF text printing a label on the line after its one number (447228 / 行政许可) still reads it so: the layout is decided per table (review)', () => {
    const block = (title: string, header: string, rows: [string, string][], labelFirst: boolean) =>
      `${title}\n信息内容 ${header}\n${rows.map(([l, v]) => (labelFirst ? `${l}\n${v}` : `${v}\n${l}`)).join('\n')}\n`;
    for (const labelFirst of [false, true]) {
      const src = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 0 11\n行政规范性文件 5 2 40\n'
        + block('第二十条第（五）项', '本年处理决定数量', [['行政许可', '447228']], labelFirst)
        + block('第二十条第（六）项', '本年处理决定数量', [['行政处罚', '12'], ['行政强制', '34']], labelFirst)
        + block('第二十条第（八）项', '本年收费金额（单位：万元）', [['行政事业性收费', '0']], labelFirst) + '三、收到和处理政府信息公开申请情况\n';
      const t2 = parseReport(src, { format: 'text' }).model.tables.find((t) => t.kind === 'T2')!;
      const value = (row: string) => t2.cells.find((c) => c.rowId.endsWith(`|${row}`))?.value;
      assert.deepEqual(['行政许可', '行政处罚', '行政强制', '行政事业性收费'].map(value), [447228, 12, 34, 0], `label first: ${labelFirst}`);
    }
  });

  test('missing rows are listed in missingRows and the rows after them keep their values', () => {
    const omit = ['三.（三）.7', '三.（五）.3'];
    const d = tsvT3({ omit });
    const t = readT3(d, 'text');
    assert.deepEqual([...t.missingRows].sort(), [...omit].sort());
    const want = t3Want();
    for (const id of omit) for (const c of COLS) want.delete(`${id}|${c}`);
    assertCells(d.s, t, want, d);
    for (const id of omit) assert.equal(t.cells.filter((c) => c.rowId === id).length, 0);
  });
});

// ------------------------------------------------------------------ Table 2 and cell values

describe('Table 2 and cell values', () => {
  test('2021 Markdown Table 2 with a space in 第二十条 第（一）项 (like real/2024-huaian-city.md), decimal money', () => {
    const d = new Doc().add('二、主动公开政府信息情况\n第二十条 第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n');
    d.add('| 规章 | ').cell('第二十条第（一）项|规章|本年制发件数', '1').add(' | ').cell('第二十条第（一）项|规章|本年废止件数', '0').add(' | ').cell('第二十条第（一）项|规章|现行有效件数', '11').add(' |\n');
    d.add('| 行政规范性文件 | ').cell('第二十条第（一）项|行政规范性文件|本年制发件数', '8').add(' | ').cell('第二十条第（一）项|行政规范性文件|本年废止件数', '26').add(' | ').cell('第二十条第（一）项|行政规范性文件|现行有效件数', '66').add(' |\n\n');
    d.add('第二十条 第（五）项\n\n| 信息内容 | 本年处理决定数量 |  |  |\n|---|---|---|---|\n| 行政许可 | ').cell('第二十条第（五）项|行政许可|本年处理决定数量', '447228').add(' |  |  |\n\n');
    d.add('第二十条 第（六）项\n\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政处罚 | ').cell('第二十条第（六）项|行政处罚|本年处理决定数量', '3985758').add(' |\n| 行政强制 | ').cell('第二十条第（六）项|行政强制|本年处理决定数量', '88283').add(' |\n\n');
    d.add('第二十条 第（八）项\n\n| 信息内容 | 本年收费金额（单位：万元） |\n|---|---|\n| 行政事业性收费 | ').cell('第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', '96171.6').add(' |\n\n');
    d.add('三、收到和处理政府信息公开申请情况\n');
    const t = table(parseReport(d.s, { format: 'markdown' }).model, 'T2');
    assert.equal(t.era, '2021');
    assert.deepEqual(t.missingRows, []);
    // cell keys of Table 2 are "block|row" + "|" + col
    const cells = new Map(t.cells.map((c) => [`${c.rowId}|${c.col}`, c]));
    const problems: string[] = [];
    for (const [key, s] of d.spans) {
      const c = cells.get(key);
      if (!c) { problems.push(`${key} missing`); continue; }
      if (c.value !== Number(s.raw) || c.kind !== 'number') problems.push(`${key}: ${c.kind} ${c.value}`);
      if (slice(d.s, c.range) !== s.raw) problems.push(`${key}: range covers ${JSON.stringify(slice(d.s, c.range))}`);
    }
    assert.deepEqual(problems, []);
  });

  test('2019 Table 2, one cell per line: signed 本年增/减 (+543, -15), units 项/个/万元, decimal money (like seeds/001)', () => {
    const d = new Doc().add('二、主动公开政府信息情况\n');
    const block = (title: string, header: string[], rows: [string, [string, string][]][]) => {
      d.add(`${title} |\n||||\n`);
      for (const h of header) d.add(`${h} |\n`);
      d.add('|\n');
      for (const [label, cells] of rows) {
        d.add(`${label} |\n`);
        for (const [key, raw] of cells) { d.cell(key, raw); d.add(' |\n'); }
        d.add('|\n');
      }
    };
    const B1 = '第二十条第（一）项', B5 = '第二十条第（五）项', B6 = '第二十条第（六）项', B8 = '第二十条第（八）项', B9 = '第二十条第（九）项';
    block('第二十条第(一)项', ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], [
      ['规章', [[`${B1}|规章|本年新制作数量`, '0'], [`${B1}|规章|本年新公开数量`, '0'], [`${B1}|规章|对外公开总数量`, '2']]],
      ['规范性文件', [[`${B1}|规范性文件|本年新制作数量`, '4'], [`${B1}|规范性文件|本年新公开数量`, '15'], [`${B1}|规范性文件|对外公开总数量`, '19']]],
    ]);
    block('第二十条第(五)项', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [
      ['行政许可', [[`${B5}|行政许可|上一年项目数量`, '186'], [`${B5}|行政许可|本年增/减`, '0'], [`${B5}|行政许可|处理决定数量`, '3752']]],
      ['其他对外管理服务事项', [[`${B5}|其他对外管理服务事项|上一年项目数量`, '7'], [`${B5}|其他对外管理服务事项|本年增/减`, '-2'], [`${B5}|其他对外管理服务事项|处理决定数量`, '31']]],
    ]);
    block('第二十条第(六)项', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [
      ['行政处罚', [[`${B6}|行政处罚|上一年项目数量`, '2859'], [`${B6}|行政处罚|本年增/减`, '+543'], [`${B6}|行政处罚|处理决定数量`, '3402']]],
      ['行政强制', [[`${B6}|行政强制|上一年项目数量`, '175'], [`${B6}|行政强制|本年增/减`, '-15'], [`${B6}|行政强制|处理决定数量`, '160']]],
    ]);
    block('第二十条第(八)项', ['信息内容', '上一年项目数量', '本年增/减'], [
      ['行政事业性收费', [[`${B8}|行政事业性收费|上一年项目数量`, '33项'], [`${B8}|行政事业性收费|本年增/减`, '0']]],
    ]);
    block('第二十条第(九)项', ['信息内容', '采购项目数量', '采购总金额'], [
      ['政府集中采购', [[`${B9}|政府集中采购|采购项目数量`, '152个'], [`${B9}|政府集中采购|采购总金额`, '25534.03万元']]],
    ]);
    d.add('三、收到和处理政府信息公开申请情况\n');
    const t = table(parseReport(d.s, { format: 'text' }).model, 'T2');
    assert.equal(t.era, '2019');
    assert.deepEqual(t.missingRows, []);
    const cells = new Map(t.cells.map((c) => [`${c.rowId}|${c.col}`, c]));
    const problems: string[] = [];
    for (const [key, s] of d.spans) {
      const c = cells.get(key);
      if (!c) { problems.push(`${key} missing`); continue; }
      const num = Number(/^[+-]?\d+(?:\.\d+)?/.exec(s.raw)![0]);
      if (c.value !== num || c.kind !== 'number') problems.push(`${key}: ${c.kind} ${c.value}, want number ${num}`);
      const unit = /[^\d.+-]+$/.exec(s.raw)?.[0];
      if (unit && c.unit !== unit) problems.push(`${key}: unit ${c.unit}, want ${unit}`);
      if (slice(d.s, c.range) !== s.raw) problems.push(`${key}: range covers ${JSON.stringify(slice(d.s, c.range))}, want ${JSON.stringify(s.raw)}`);
    }
    assert.deepEqual(problems, []);
  });

  test('blank vs 0 vs placeholders — / - / 无 / 不适用 in a pipe table', () => {
    const B1 = '第二十条第（一）项';
    const d = new Doc().add('二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n');
    d.add('| 规章 | ').cell(`${B1}|规章|本年制发件数`, '—').add(' | ').cell(`${B1}|规章|本年废止件数`, '-').add(' | ').cell(`${B1}|规章|现行有效件数`, '0').add(' |\n');
    d.add('| 行政规范性文件 | ').cell(`${B1}|行政规范性文件|本年制发件数`, '无').add(' | ').cell(`${B1}|行政规范性文件|本年废止件数`, '不适用').add(' |  |\n\n');
    d.add('| 第二十条第（八）项 | |\n|---|---|\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | ').cell('第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', '/').add(' |\n\n');
    d.add('三、收到和处理政府信息公开申请情况\n');
    const t = table(parseReport(d.s, { format: 'markdown' }).model, 'T2');
    const want = new Map<string, Want>([
      [`${B1}|规章|本年制发件数`, { value: null, kind: 'placeholder' }],
      [`${B1}|规章|本年废止件数`, { value: null, kind: 'placeholder' }],
      [`${B1}|规章|现行有效件数`, { value: 0, kind: 'number' }],
      [`${B1}|行政规范性文件|本年制发件数`, { value: null, kind: 'placeholder' }],
      [`${B1}|行政规范性文件|本年废止件数`, { value: null, kind: 'placeholder' }],
      [`${B1}|行政规范性文件|现行有效件数`, { value: null, kind: 'blank' }],
      ['第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', { value: null, kind: 'placeholder' }],
    ]);
    assertCells(d.s, t, want, d);
  });

  test('a number with a note: 22（其中修订16件） is kind "note" with value 22', () => {
    const B1 = '第二十条第（一）项';
    const d = new Doc().add('二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n');
    d.add('规章\t').cell(`${B1}|规章|本年制发件数`, '3').add('\t').cell(`${B1}|规章|本年废止件数`, '1').add('\t').cell(`${B1}|规章|现行有效件数`, '22（其中修订16件）').add('\n');
    d.add('行政规范性文件\t').cell(`${B1}|行政规范性文件|本年制发件数`, '5').add('\t').cell(`${B1}|行政规范性文件|本年废止件数`, '55（含自然失效29件）').add('\t').cell(`${B1}|行政规范性文件|现行有效件数`, '98').add('\n');
    d.add('三、收到和处理政府信息公开申请情况\n');
    const t = table(parseReport(d.s, { format: 'text' }).model, 'T2');
    assertCells(d.s, t, new Map<string, Want>([
      [`${B1}|规章|本年制发件数`, { value: 3, kind: 'number' }],
      [`${B1}|规章|本年废止件数`, { value: 1, kind: 'number' }],
      [`${B1}|规章|现行有效件数`, { value: 22, kind: 'note' }],
      [`${B1}|行政规范性文件|本年制发件数`, { value: 5, kind: 'number' }],
      [`${B1}|行政规范性文件|本年废止件数`, { value: 55, kind: 'note' }],
      [`${B1}|行政规范性文件|现行有效件数`, { value: 98, kind: 'number' }],
    ]), d);
    const c = byKey(t).get(`${B1}|规章|现行有效件数`)!;
    assert.match(c.note ?? '', /其中修订16件/);
  });

  test('money with unit 元 in the cell and a decimal 万元 amount', () => {
    const d = new Doc().add('二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 0 5 5\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 ');
    d.cell('第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', '4068.208').add('\n三、收到和处理政府信息公开申请情况\n');
    const t = table(parseReport(d.s, { format: 'text' }).model, 'T2');
    assertCells(d.s, t, new Map<string, Want>([['第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', { value: 4068.208, kind: 'number' }]]), d);

    const e = new Doc().add('二、主动公开政府信息情况\n第二十条第(一)项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t1\t9\n第二十条第(九)项\t\t\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t').cell('第二十条第（九）项|政府集中采购|采购项目数量', '12').add('\t').cell('第二十条第（九）项|政府集中采购|采购总金额', '251000元').add('\n三、收到和处理政府信息公开申请情况\n');
    const t2 = table(parseReport(e.s, { format: 'text', era: '2019' }).model, 'T2');
    const c = byKey(t2).get('第二十条第（九）项|政府集中采购|采购总金额');
    assert.ok(c, JSON.stringify(t2.cells.map((x) => `${x.rowId}|${x.col}`)));
    assert.equal(c.value, 251000);
    assert.equal(c.unit, '元');
    assert.equal(slice(e.s, c.range), '251000元');
  });
});

// ------------------------------------------------------------------ Table 4

test('表二 whose first block title is missing or mangled is found by its column header or a later block title (metamorphic tests: a false table-missing)', () => {
  const body = '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 | 8 | 26 | 66 |\n\n第二十条第（五）项\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 447228 |\n';
  const read = (title: string) => {
    const t2 = parseReport(`某县人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n${title}${body}`, { format: 'markdown' }).model.tables.find((t) => t.kind === 'T2');
    return t2?.cells.filter((c) => c.value !== null).map((c) => `${c.rowId.split('|')[1]} ${c.col}=${c.value}`);
  };
  const want = read('第二十条第（一）项\n');
  assert.equal(want?.length, 7);
  for (const title of ['', '第二十条（一）\n', '第二十条第（一）款\n', '第二\n十条第（一）项\n']) assert.deepEqual(read(title), want, JSON.stringify(title));
  // Without its header either, 表二 starts at the next block's title (its first block's rows are then not read).
  const later = parseReport(`某县人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n${body.split('\n').slice(2).join('\n')}`, { format: 'markdown' }).model.tables.find((t) => t.kind === 'T2');
  assert.equal(later?.cells.find((c) => c.col === '本年处理决定数量')?.value, 447228);
});

test('tables in a Markdown block quote (> | 72 | 64 |) read as without it (metamorphic tests: 表四 read its --- row as values)', () => {
  const report = exampleReport();
  const quoted = report.split('\n').map((l) => (l.startsWith('|') ? `> ${l}` : l)).join('\n');
  const nested = report.split('\n').map((l) => (l.startsWith('|') ? ` > > ${l}` : l)).join('\n');
  const cells = (text: string) => parseReport(text, { format: 'markdown' }).model.tables.flatMap((t) => [...t.cells.map((c) => `${t.kind}|${c.rowId}|${c.col}=${c.value}`), ...t.unknownRows.map((u) => `unknown ${u.raw}`)]);
  const plain = cells(report);
  assert.ok(plain.length > 150);
  assert.deepEqual(cells(quoted), plain);
  assert.deepEqual(cells(nested), plain);
});

test('two 表三 rows written out of order are each read as their row, not one missing and one unknown (metamorphic tests)', () => {
  const report = exampleReport({ cells: { '三.（三）.1|自然人': '2', '三.（三）.1|总计': '2', '三.（三）.2|自然人': '3', '三.（三）.2|总计': '3' } });
  const lines = report.split('\n');
  const a = lines.findIndex((l) => l.includes('1.属于国家秘密')), b = lines.findIndex((l) => l.includes('2.其他法律行政法规禁止公开'));
  assert.ok(a > 0 && b === a + 1);
  const swapped = [...lines];
  [swapped[a], swapped[b]] = [lines[b]!, lines[a]!];
  const read = (text: string) => parseReport(text, { format: 'markdown' }).model.tables.find((t) => t.kind === 'T3')!;
  const cellsOf = (t: Table) => t.cells.map((c) => `${c.rowId}|${c.col}=${c.value}`).sort();
  const t = read(swapped.join('\n'));
  assert.deepEqual(t.missingRows, []);
  assert.deepEqual(t.unknownRows, []);
  assert.deepEqual(cellsOf(t), cellsOf(read(report)));
  assert.equal(t.cells.find((c) => c.rowId === '三.（三）.1' && c.col === '自然人')!.value, 2);
});

describe('Table 4', () => {
  test('a real report\'s tables written as tab rows with a tab at each line\'s end, or as pipe rows with one more empty cell, read as written (2025-jiangsu-shuyang-county: 表三 lost its last five rows to a header row in the middle, 表四 moved its values)', () => {
    const md = readFileSync(`${CORPUS}/real/2025-jiangsu-shuyang-county.txt`, 'utf8');
    const rule = (l: string) => /^\|[\s|:-]+$/.test(l.trim());
    const cellsOf = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    const variants = {
      tabAtEnd: md.split('\n').filter((l) => !rule(l)).map((l) => (l.trim().startsWith('|') ? `${cellsOf(l).join('\t')}\t` : l)).join('\n'),
      emptyCellAtEnd: md.split('\n').map((l) => (l.trim().startsWith('|') && !rule(l) ? `${l.trimEnd()}  |` : l)).join('\n'),
    };
    const read = (text: string) => parseReport(text).model.tables.flatMap((t) => t.cells.map((c) => `${t.kind}|${c.rowId}|${c.col}=${c.value}`));
    const asWritten = read(md);
    assert.equal(asWritten.filter((c) => c.startsWith('T3|')).length, 7 * 25);
    assert.equal(asWritten.filter((c) => c.startsWith('T4|')).length, 15);
    for (const [name, text] of Object.entries(variants)) assert.deepEqual(read(text), asWritten, name);
  });

  const BLOCKS = ['行政复议', '未经复议直接起诉', '复议后起诉'];
  const RES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const vals = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
  const key = (k: number) => `${BLOCKS[Math.floor(k / 5)]}|${RES[k % 5]}`;

  test('pipe table with a broken header word (结 果维持) reads 15 cells in block order', () => {
    // Table 4 follows Table 3 in every report; the reader looks for it after Table 3's last row.
    const d = new Doc().add(tsvT3().s).add('\n| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
    d.add('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n');
    d.add('|  |  |  |  |  | 结 果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|');
    vals.forEach((v, k) => { d.add(' '); d.cell(key(k), String(v)); d.add(' |'); });
    d.add('\n\n五、存在的主要问题及改进情况\n无。\n');
    const t = table(parseReport(d.s, { format: 'markdown' }).model, 'T4');
    assert.equal(t.cells.length, 15);
    assertCells(d.s, t, new Map(vals.map((v, k) => [key(k), { value: v, kind: 'number' as const }])), d);
  });

  test('a number in emphasis (**351**, *4*, __8__, `1`, <b>26</b>, <strong>12</strong>) is that number, its cell the digits; struck through (~~6~~) it is not', () => {
    const dress = ['', '', '', '', '**$**', '*$*', '', '__$__', '`$`', '<b>$</b>', '<strong> $ </strong>', '', '', '~~$~~', '<span style="font-weight:bold">$</span>'];
    const d = new Doc().add(tsvT3().s).add('\n| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
    d.add('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n');
    d.add('|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|');
    vals.forEach((v, k) => {
      const [before, after] = (dress[k] || '$').split('$');
      d.add(` ${before}`);
      if (k === 13) d.add(String(v)); else d.cell(key(k), String(v));
      d.add(`${after} |`);
    });
    d.add('\n\n五、存在的主要问题及改进情况\n无。\n');
    const t = table(parseReport(d.s, { format: 'markdown' }).model, 'T4');
    const want = new Map(vals.map((v, k) => [key(k), { value: v, kind: 'number' as const }]));
    want.delete(key(13));
    assertCells(d.s, t, want, d);
    assert.equal(t.cells.find((c) => c.rowId === BLOCKS[2] && c.col === RES[3])!.kind, 'placeholder');
  });

  test('PDF text: stacked header words then the 15 numbers on one line (like real/2023-huaian-hongze-district-pdftext.txt)', () => {
    const d = new Doc().add(tsvT3().s).add('行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结果 结果 其他 尚未\n总 计\n维持 纠正 结果 审结 结果 结果 其他 尚未 结果 结果 其他 尚未\n总 计 总计\n维持 纠正 结果 审结 维持 纠正 结果 审结\n');
    vals.forEach((v, k) => { if (k) d.add(' '); d.cell(key(k), String(v)); });
    d.add('\n- 4 -\n五、存在的主要问题及改进情况\n无。\n');
    const t = table(parseReport(d.s, { format: 'text' }).model, 'T4');
    assertCells(d.s, t, new Map(vals.map((v, k) => [key(k), { value: v, kind: 'number' as const }])), d);
  });
});

// ------------------------------------------------------------------ building blocks

describe('line shapes, regions and digit segmentation', () => {
  test('classifyLine recognises the line shapes of the representations', () => {
    const cases: [string, string][] = [
      ['| 规章 | 1 | 0 | 11 |', 'pipe'],
      ['|---|---|---|', 'md-rule'],
      ['| :---: | --- |', 'md-rule'],
      ['规章\t1\t0\t11', 'tsv'],
      ['规章 |', 'cell-line'],
      ['0 |', 'cell-line'],
      ['||||', 'separator'],
      ['|', 'separator'],
      ['规章 1 0 11', 'plain'],
      ['', 'plain'],
    ];
    for (const [line, shape] of cases) assert.equal(classifyLine(line), shape, JSON.stringify(line));
  });

  test('findTableRegions: Table 2 from 第二十条第（一）项, Table 3 from its note, Table 4 after Table 3, in order and not overlapping', () => {
    const text = '二、主动公开政府信息情况\n第二十条第(一)项\n规章 0 0 0\n三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n四、结转下年度继续办理 0 0 0 0 0 0 0\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n';
    const regions = findTableRegions(text);
    assert.deepEqual(regions.map((r) => r.kind), ['T2', 'T3', 'T4']);
    for (let i = 1; i < regions.length; i++) assert.ok(regions[i]!.start >= regions[i - 1]!.end, 'no overlap');
    const [t2, t3, t4] = regions as [typeof regions[0], typeof regions[0], typeof regions[0]];
    assert.ok(text.slice(t2.start, t2.end).startsWith('第二十条'));
    assert.ok(!text.slice(t2.start, t2.end).includes('勾稽'));
    assert.ok(text.slice(t3.start, t3.end).includes('结转下年度继续办理 0 0 0 0 0 0 0'));
    assert.ok(text.slice(t4.start, t4.end).includes('1 0 0 0 1'));
    assert.ok(!text.slice(t4.start, t4.end).includes('存在的主要问题'));
  });

  test('findTableRegions, 2008 section order (四、收费及减免情况 between 表三 and 表四, as seeds/002 is ordered): each table ends at the next numbered heading', () => {
    const text = '二、主动公开政府信息情况\n第二十条第(一)项\n规章 0 0 0\n三、政府信息公开管理\n管理的话。\n'
      + '四、依申请公开政府信息情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n四、结转下年度继续办理 0 0 0 0 0 0 0\n'
      + '四、收费及减免情况\n2019年未收取费用。\n五、申请行政复议和提起行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n六、其他\n无。\n';
    const regions = findTableRegions(text);
    assert.deepEqual(regions.map((r) => r.kind), ['T2', 'T3', 'T4']);
    const [t2, t3, t4] = regions.map((r) => text.slice(r.start, r.end)) as [string, string, string];
    assert.equal(t2, '第二十条第(一)项\n规章 0 0 0\n', 'a heading of any wording ends 表二');
    assert.ok(t3.endsWith('四、结转下年度继续办理 0 0 0 0 0 0 0\n') && !t3.includes('收费'), t3);
    assert.ok(t4.startsWith('行政复议 行政诉讼') && !t4.includes('六、'), t4);
    const model = parseReport(text, { format: 'text' }).model;
    assert.deepEqual(model.sections.map((sec) => sec.title), ['二、主动公开政府信息情况', '三、政府信息公开管理', '四、依申请公开政府信息情况', '四、收费及减免情况', '五、申请行政复议和提起行政诉讼情况', '六、其他']);
  });

  test('findTableRegions: 表三\'s numbered rows out of place (四、结转下年度继续办理 …) do not end 表二 or 表四 as headings would', () => {
    const text = '二、主动公开政府信息情况\n第二十条第(一)项\n规章 0 0 0\n四、结转下年度继续办理 0 0 0 0 0 0 0\n规范性文件 1 1 1\n三、收到和处理政府信息公开申请情况\n'
      + '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n四、结转下年度继续办理 0 0 0 0 0 0 0\n'
      + '四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n';
    const [t2, , t4] = findTableRegions(text).map((r) => text.slice(r.start, r.end)) as [string, string, string];
    assert.ok(t2.includes('规范性文件 1 1 1'), t2);
    assert.ok(t4.includes('\n0 0 0 0 0\n') && !t4.includes('五、'), t4);
  });

  test('表二 reads the same when 第二十条第（一）项 is cited in the prose before it, or a block is captioned 一、… (review of the heading cut)', () => {
    const values = (text: string) => table(parseReport(text, { format: 'text' }).model, 'T2').cells.map((c) => `${c.rowId}|${c.col}=${c.value}`);
    const tsv = readFileSync(`${CORPUS}/real/2024-huaian-hongze-district-tsv.txt`, 'utf8');
    const cited = tsv.replace('一、总体情况\n', '一、总体情况\n依照《条例》第二十条第（一）项等规定，主动公开规章和规范性文件。\n');
    assert.notEqual(cited, tsv);
    assert.deepEqual(values(cited), values(tsv));
    const pdf = readFileSync(`${CORPUS}/real/2023-huaian-hongze-district-pdftext.txt`, 'utf8');
    const captioned = pdf.replace('\n第二十条第（五）项\n', '\n一、行政许可和其他对外管理服务事项\n第二十条第（五）项\n');
    assert.notEqual(captioned, pdf);
    assert.deepEqual(values(captioned), values(pdf));
  });

  test('findTableRegions: after 表三\'s last row a vertical label split onto a line (三、本) does not end it; a named heading does', () => {
    const head = '三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n';
    const split = head + '四、结转下年度继续办理\n三、本\n2 0 0 0 0 0 2\n五、存在的主要问题及改进情况\n无。\n';
    const [t3] = findTableRegions(split).map((r) => split.slice(r.start, r.end));
    assert.ok(t3!.includes('2 0 0 0 0 0 2') && !t3!.includes('五、'), t3);
    const charges = head + '四、结转下年度继续办理 0 0 0 0 0 0 0\n四、收费及减免情况\n未收费。\n';
    const [t3b] = findTableRegions(charges).map((r) => charges.slice(r.start, r.end));
    assert.ok(!t3b!.includes('收费'), t3b);
  });

  test('findTableRegions: 表四 alone is found by its result columns side by side, never by prose about 行政复议 results', () => {
    const table = '五、行政复议、行政诉讼情况\n| 行政复议 |  |  |  |  | 行政诉讼 |\n|---|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |\n| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n六、存在的主要问题\n无。\n';
    const regions = findTableRegions(table);
    assert.deepEqual(regions.map((r) => r.kind), ['T4']);
    assert.ok(table.slice(regions[0]!.start, regions[0]!.end).startsWith('| 行政复议 |'));
    const t4 = parseReport(table, { format: 'markdown' }).model.tables.find((t) => t.kind === 'T4');
    assert.equal(t4?.cells.length, 15);
    assert.equal(t4?.cells[0]?.value, 1);
    const prose = '五、行政复议、行政诉讼情况\n本年度发生行政复议2件，结果维持1件，结果纠正1件；行政诉讼0件。\n六、存在的主要问题\n无。\n';
    assert.deepEqual(findTableRegions(prose), []);
  });

  test('segmentDigits: whitespace splits are kept, no leading zeros, decimals are never split', () => {
    const all = () => true;
    // "230 000023" → seven cells 23,0,0,0,0,0,23 (the example in segment.ts), under the row-total relation
    const rowTotal = (v: number[]) => v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6];
    const r = segmentDigits([{ digits: '230', start: 0 }, { digits: '000023', start: 4 }], 7, rowTotal);
    assert.deepEqual(r.map((p) => p.map((x) => x.value)), [[23, 0, 0, 0, 0, 0, 23]]);
    assert.deepEqual(r[0]!.map((x) => [x.start, x.end]), [[0, 2], [2, 3], [4, 5], [5, 6], [6, 7], [7, 8], [8, 10]]);
    // leading zeros: "05" is never a number
    assert.deepEqual(segmentDigits([{ digits: '105', start: 0 }], 2, all).map((p) => p.map((x) => x.text)), [['10', '5']]);
    // a decimal ends its piece and is not split (the bogus ".28" reading is covered by its own test below)
    const dec = segmentDigits([{ digits: '37730.28', start: 0 }], 2, all).map((p) => p.map((x) => x.text)).filter((p) => !p.some((t) => t.startsWith('.')));
    assert.deepEqual(dec, [['3', '7730.28'], ['37', '730.28'], ['377', '30.28'], ['3773', '0.28']]);
    // impossible counts
    assert.deepEqual(segmentDigits([{ digits: '12', start: 0 }], 3, all), []);
    assert.deepEqual(segmentDigits([{ digits: '1', start: 0 }, { digits: '2', start: 2 }], 1, all), []);
  });

  test('segmentDigits gives the first accepted splits of every split there is, in order (a plain enumeration as the reference)', () => {
    // Every way to cut each piece into numbers (no leading zero, at most 12 digits, a decimal point only inside the
    // piece's last number), shortest first at each cut, all pieces together making n numbers.
    const reference = (pieces: { digits: string; start: number }[], n: number, accept: (v: number[]) => boolean, max = 8) => {
      const out: { text: string; value: number; start: number; end: number }[][] = [];
      const walk = (pi: number, offset: number, current: { text: string; value: number; start: number; end: number }[]) => {
        if (out.length >= max || current.length > n) return;
        if (pi === pieces.length) { if (current.length === n && accept(current.map((p) => p.value))) out.push(current); return; }
        const { digits, start } = pieces[pi]!;
        if (offset === digits.length) { if (offset > 0) walk(pi + 1, 0, current); return; }
        for (let len = 1; offset + len <= digits.length; len++) {
          const head = digits.slice(offset, offset + len);
          const rest = offset + len < digits.length;
          if (head.startsWith('.') || head.endsWith('.') || (head.includes('.') && rest)) continue;
          if (/^0[^.]/.test(head) || head.replace('.', '').length > 12) continue;
          walk(pi, offset + len, [...current, { text: head, value: Number(head), start: start + offset, end: start + offset + len }]);
        }
      };
      const total = pieces.reduce((s, p) => s + p.digits.length, 0);
      if (n >= pieces.length && n <= total && total <= 180) walk(0, 0, []);
      return out;
    };
    const piece = fc.oneof(fc.stringMatching(/^[0-9]{1,9}$/), fc.stringMatching(/^[0-9]{1,5}\.[0-9]{1,3}$/), fc.stringMatching(/^[0-3]{8,12}$/));
    // (At most 24 digits: the reference has no step limit, and segmentDigits stops after 200,000 steps.)
    const pieces = fc.array(piece, { minLength: 1, maxLength: 3 }).filter((ds) => ds.join('').length <= 24);
    fc.assert(fc.property(pieces, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 }), (digits, n, rule) => {
      let at = 0;
      const pieces = digits.map((d) => { const p = { digits: d, start: at }; at += d.length + 1; return p; });
      const accept = [() => true, (v: number[]) => v.reduce((a, b) => a + b, 0) % 2 === 0, (v: number[]) => v[v.length - 1] === v.slice(0, -1).reduce((a, b) => a + b, 0), (v: number[]) => v.every((x) => x < 100)][rule]!;
      assert.deepEqual(segmentDigits(pieces, n, accept), reference(pieces, n, accept));
    }), { numRuns: 3000 });
  });

  test('segmentDigits never reads a number that starts with the decimal point', () => {
    const parts = segmentDigits([{ digits: '37730.28', start: 0 }], 2, () => true).flat();
    assert.deepEqual(parts.filter((p) => p.text.startsWith('.')).map((p) => p.text), []);
  });

  test('segmentDigits agrees with a brute-force enumeration on short runs (row-total relation)', () => {
    const brute = (digits: string, n: number): string[] => {
      const out: string[] = [];
      const rec = (i: number, cur: string[]) => {
        if (cur.length === n) { if (i === digits.length) out.push(cur.join(',')); return; }
        for (let len = 1; i + len <= digits.length; len++) {
          const h = digits.slice(i, i + len);
          if (h.length > 1 && h[0] === '0') break;
          rec(i + len, [...cur, h]);
        }
      };
      rec(0, []);
      return out.filter((s) => { const v = s.split(',').map(Number); return v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6]; });
    };
    const rowTotal = (v: number[]) => v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6];
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{7,11}$/), (digits) => {
      const want = brute(digits, 7);
      const got = segmentDigits([{ digits, start: 0 }], 7, rowTotal).map((p) => p.map((x) => x.text).join(','));
      if (want.length <= 8) assert.deepEqual([...got].sort(), [...want].sort(), digits);
      else for (const g of got) assert.ok(want.includes(g), `${digits}: ${g}`);
    }), { numRuns: 300 });
  });
});
