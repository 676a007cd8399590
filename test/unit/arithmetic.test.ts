// Root-cause reporting: one wrong cell gives one diagnostic on that cell, with the value that would make
// its relations hold and related information for the other cells; blanks are never sum errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, CellIndex, cellByKey, exampleReport } from '../../server/src/core/index';
import { inStyleOf } from '../../server/src/core/checks/rules/arithmetic';

const arithmetic = new Set(['t3-balance', 't3-results-total', 't3-row-total', 't4-total']);
const run = (cells: Record<string, string>) => analyze(exampleReport({ cells }), { format: 'markdown' }).diagnostics.filter((d) => arithmetic.has(d.code));

describe('arithmetic root causes', () => {
  test('a wrong result cell breaks its row and its column: one diagnostic, on that cell', () => {
    const d = run({ '三.（一）|自然人': '7' });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 't3-row-total');
    assert.match(d[0]!.message, /（一）予以公开 × 自然人 为 7，应为 5/);
    assert.ok(d[0]!.related.length >= 6, 'related information points at the other cells of its relations');
  });
  test('a wrong 本年新收 cell breaks the balance of its column and its row total', () => {
    const d = run({ '一|商业企业': '3' });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 't3-balance');
    assert.match(d[0]!.message, /应为 2/);
  });
  test('a wrong row total is filed under the row-total rule with a certain, safe fix', () => {
    // 四 × 总计 is in the balance of the 总计 column and in its row total; it alone explains both failures.
    const d = run({ '四|总计': '4' });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 't3-row-total');
    assert.equal(d[0]!.fixes.length, 1);
    assert.equal(d[0]!.fixes[0]!.safe, true);
    assert.equal(d[0]!.fixes[0]!.edits[0]!.newText, '3');
  });
  test('the fix writes the total as the number it replaces is written: full-width digits stay full-width', () => {
    const d = run({ '四|总计': '４' });
    assert.equal(d[0]!.fixes[0]!.edits[0]!.newText, '３');
    assert.equal(d[0]!.fixes[0]!.title, '将总计改为 ３');
    assert.equal(run({ '四|总计': '４．０' })[0]!.fixes[0]!.edits[0]!.newText, '３', 'a full-width decimal point too');
    assert.equal(run({ '四|总计': ' 4' })[0]!.fixes[0]!.edits[0]!.newText, '3', 'ASCII stays ASCII');
    assert.equal(inStyleOf('1２', 3), '3', 'mixed digits: ASCII');
    assert.equal(inStyleOf('１２', 1203), '１２０３');
  });
  test('a total written with thousands separators is read as its number and fixed with them (1,003 → 1,002)', () => {
    // 行政复议: 结果维持 1,001 + 0 + 0 + 尚未审结 1 = 1,002, the total says 1,003.
    const d = run({ '行政复议|结果维持': '1,001', '行政复议|总计': '1,003' });
    assert.equal(d.length, 1, d.map((x) => x.message).join('\n'));
    assert.equal(d[0]!.code, 't4-total');
    assert.match(d[0]!.message, /为 1003/);
    assert.equal(d[0]!.fixes[0]!.edits[0]!.newText, '1,002');
    assert.deepEqual(run({ '行政复议|结果维持': '1，001', '行政复议|总计': '1，002' }), [], 'a full-width comma in a cell too');
    assert.equal(inStyleOf('1，013', 1012), '1，012');
    assert.equal(inStyleOf('１，０１３', 1_001_012), '１，００１，０１２');
    assert.equal(inStyleOf('1,013', 12), '12', 'a number below a thousand has no separator');
    assert.equal(inStyleOf('1013', 1012), '1012', 'none where there was none');
  });
  test('a wrong cell that is not a total gets no automatic fix', () => {
    const d = run({ '三.（一）|自然人': '7' });
    assert.deepEqual(d[0]!.fixes, []);
  });
  test('a lone wrong table-4 total gets a safe fix setting it to the sum', () => {
    const d = run({ '未经复议直接起诉|总计': '5' });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 't4-total');
    assert.equal(d[0]!.fixes[0]!.safe, true);
    assert.equal(d[0]!.fixes[0]!.edits[0]!.newText, '1');
  });
  test('a total written as no count (12.5%, 5%) gets a fix to review, never a safe one (fuzzing: --fix made 12.5% into 1%)', () => {
    for (const v of ['12.5%', '5%', '-3']) {
      const d = run({ '未经复议直接起诉|总计': v });
      assert.equal(d[0]?.code, 't4-total', v);
      assert.ok(d[0]!.fixes.every((f) => !f.safe), v);
    }
  });
  test('a blank or placeholder cell is a missing value, never a sum error', () => {
    for (const v of ['', '—', '/', '无']) {
      const all = analyze(exampleReport({ cells: { '三.（一）|自然人': v } }), { format: 'markdown' }).diagnostics;
      assert.deepEqual(all.filter((d) => arithmetic.has(d.code)), [], `value ${JSON.stringify(v)}`);
      assert.ok(all.some((d) => d.code === 'cell-missing-value'), `value ${JSON.stringify(v)} is reported as missing`);
    }
  });
  test('two independent errors give two diagnostics', () => {
    const d = run({ '三.（一）|自然人': '7', '行政复议|总计': '9' });
    assert.deepEqual(d.map((x) => x.code).sort(), ['t3-row-total', 't4-total']);
  });
});

describe('cells by key', () => {
  test('every cell of every table is found by its `rowId|col` key, table 2 rows (`block|row`) too', () => {
    const report = exampleReport();
    const tables = analyze(report, { format: 'markdown' }).parsed.model.tables;
    assert.ok(tables.some((t) => t.kind === 'T2' && t.cells.some((c) => c.rowId.includes('|'))), 'a row id with a bar is looked up');
    let n = 0;
    for (const t of tables) {
      const index = new CellIndex(t);
      for (const c of t.cells) {
        assert.ok(!c.col.includes('|'), `column ${c.col} holds no bar`);
        // The first cell with that row and column (a table read twice over keeps its first reading).
        const first = t.cells.find((o) => o.rowId === c.rowId && o.col === c.col);
        assert.equal(cellByKey(t, `${c.rowId}|${c.col}`), first);
        assert.equal(index.get(`${c.rowId}|${c.col}`), first);
        n++;
      }
      // Row ids in the order of their first cells.
      assert.deepEqual([...index.rowIds()], [...new Set(t.cells.map((c) => c.rowId))]);
      assert.equal(index.get('no such row|总计'), undefined);
    }
    assert.ok(n > 150);
    assert.equal(cellByKey(tables[0], 'no such row|总计'), undefined);
    assert.equal(cellByKey(undefined, '四|总计'), undefined);
  });
});
