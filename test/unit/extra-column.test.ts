// Table 3 with an extra 法人或其他组织小计 column (a common unofficial template, spec §5.2): the subtotal column is
// dropped when the header names it; a row with more values than columns otherwise is not silently misread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleReport, parseReport } from '../../server/src/core/index';

function withSubtotal(text: string, header: boolean): string {
  return text.split('\n').map((line) => {
    const cells = line.split('|');
    if (!/^\| /.test(line) || cells.length !== 12) return line;
    // | l1 | l2 | l3 | 自然人 | 商业企业 | … | 总计 |: insert a subtotal after 自然人 on data rows.
    const values = cells.slice(4, 11).map((c) => c.trim());
    if (!values.every((v) => /^\d+$/.test(v))) return header && /商业企业/.test(line) ? line.replace('| 商业企业', '| 小计 | 商业企业') : line;
    const sub = values.slice(1, 6).reduce((s, v) => s + Number(v), 0);
    return [...cells.slice(0, 5), ` ${sub} `, ...cells.slice(5)].join('|');
  }).join('\n');
}

test('a 法人或其他组织小计 column named in the header is dropped', () => {
  const t3 = parseReport(withSubtotal(exampleReport(), true), { format: 'markdown' }).model.tables.find((t) => t.kind === 'T3')!;
  assert.deepEqual(t3.cells.filter((c) => c.rowId === '一').map((c) => c.value), [10, 2, 0, 0, 0, 0, 12]);
  assert.ok(!t3.cells.some((c) => c.kind === 'ambiguous'));
});

test('eight values per row with no header for the extra one: cells are ambiguous, not misread', () => {
  const t3 = parseReport(withSubtotal(exampleReport(), false), { format: 'markdown' }).model.tables.find((t) => t.kind === 'T3')!;
  const row = t3.cells.filter((c) => c.rowId === '一');
  assert.ok(row.every((c) => c.kind === 'ambiguous'), JSON.stringify(row.map((c) => [c.col, c.raw, c.kind])));
});
