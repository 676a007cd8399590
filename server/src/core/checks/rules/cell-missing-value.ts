import { T2_BLOCKS, T3_COLUMNS, T4_RESULTS } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { cellName, isReport } from './util';

const rule: Rule = {
  code: 'cell-missing-value',
  defaultSeverity: 'warning',
  title: { zh: '统计表单元格未填数字', en: 'A table cell has no number' },
  description: {
    zh: '统计表的每个单元格都应填数字，没有发生的填0。空格、“—”“/”“无”不是0：读者无法判断是没有发生还是漏填，勾稽关系也无从核对。因此空白单元格只报告为“未填”，不参与求和检查。带千分位分隔符的数字（1,234 或 1，234）按数字读取。',
    en: 'Every cell of a standard table needs a number, 0 when nothing occurred. A blank, —, / or 无 is not 0: readers cannot tell "none" from "not filled", and the sums cannot be checked, so such cells are reported as missing and left out of the arithmetic. A number written with thousands separators (1,234 or 1，234) is read as the number.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) {
      for (const c of t.cells) {
        if (c.kind !== 'blank' && c.kind !== 'placeholder') continue;
        out.push({
          range: c.range,
          message: c.kind === 'blank'
            ? { zh: `${cellName(c)} 未填写（空白不等于0）`, en: `${cellName(c)} is blank (blank is not 0)` }
            : { zh: `${cellName(c)} 填的是“${c.raw}”，应填数字（没有发生的填0）`, en: `${cellName(c)} holds "${c.raw}"; a number is expected (0 when nothing occurred)` },
          // (Only for a placeholder proper: 0 in place of a text with digits, =13 or 13 件, would lose the number.)
          fixes: c.kind === 'placeholder' && !/\d/.test(c.raw) ? [{ title: { zh: '改为 0', en: 'Replace with 0' }, edits: [{ range: c.range, newText: '0' }], safe: false }] : [],
        });
      }
      // Rows found with fewer cells than the layout has.
      const perRow = new Map<string, number>();
      for (const c of t.cells) perRow.set(c.rowId, (perRow.get(c.rowId) ?? 0) + 1);
      for (const r of t.rows) {
        const want = t.kind === 'T3' ? T3_COLUMNS.length : t.kind === 'T4' ? T4_RESULTS.length
          : (T2_BLOCKS.find((b) => r.rowId.startsWith(b.id))?.cols[t.era ?? '2021'].length ?? 0);
        const have = perRow.get(r.rowId) ?? 0;
        if (have < want && r.range) out.push({ range: r.range, message: { zh: `“${r.label}”一行只找到${have}个数字，应有${want}个`, en: `Row "${r.label}" has ${have} values; ${want} expected` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ cells: { '三.（三）.1|自然人': '—' } }),
    passing: exampleReport(),
    fix: { zh: '填写数字；确实没有发生的填0。', en: 'Fill in the number, 0 when nothing occurred.' },
  })),
};
export default rule;
