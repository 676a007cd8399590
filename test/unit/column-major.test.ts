// PDF text extracted column by column (spec §6.2: all row labels first, then the 自然人 column for every row,
// then the next column): read best effort, with a lower confidence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReport } from '../../server/src/core/index';
import { T3_ROWS } from '../../server/src/core/schema/tables';

test('table 3 with labels first and numbers column by column', () => {
  const rows = T3_ROWS.filter((r) => r.eras.includes('2021'));
  // Row i: 自然人 = i, 法律服务机构 = 1, 总计 = i + 1 — every row differs, so a transposition would show.
  const columns = [0, 1, 2, 3, 4, 5, 6].map((c) => rows.map((_, i) => (c === 0 ? i : c === 4 ? 1 : c === 6 ? i + 1 : 0)));
  const text = ['三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计', ...rows.map((r) => r.label), ...columns.map((c) => c.join('|'))].join('\n');
  const t3 = parseReport(text).model.tables.find((t) => t.kind === 'T3')!;
  assert.equal(t3.representation, 'pdf-columns');
  assert.ok(t3.confidence < 0.8);
  assert.equal(t3.cells.length, 175);
  const row = (id: string) => t3.cells.filter((c) => c.rowId === id).map((c) => c.value);
  assert.deepEqual(row('一'), [0, 0, 0, 0, 1, 0, 1]);
  assert.deepEqual(row('三.（三）.4'), [7, 0, 0, 0, 1, 0, 8]);
  assert.deepEqual(row('四'), [24, 0, 0, 0, 1, 0, 25]);
  // The range of a cell is its own number in the text.
  const c = t3.cells.find((x) => x.rowId === '四' && x.col === '总计')!;
  const lines = text.split('\n');
  assert.equal(lines[c.range.start.line]!.slice(c.range.start.character, c.range.end.character), '25');
});
