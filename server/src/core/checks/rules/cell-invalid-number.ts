import { T2_BLOCKS } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { cellName, isReport } from './util';

/** Table 2's columns by label, both formats (the first of each label, as a search in schema order finds it). */
const T2_COLUMN_BY_LABEL = new Map<string, (typeof T2_BLOCKS)[number]['cols']['2019'][number]>();
for (const c of T2_BLOCKS.flatMap((b) => [...b.cols['2019'], ...b.cols['2021']])) if (!T2_COLUMN_BY_LABEL.has(c.label)) T2_COLUMN_BY_LABEL.set(c.label, c);

const rule: Rule = {
  code: 'cell-invalid-number',
  defaultSeverity: 'error',
  title: { zh: '件数不是非负整数', en: 'A count is not a whole number ≥ 0' },
  description: {
    zh: '统计表中的件数、项目数都是非负整数；只有金额（表二“本年收费金额（单位：万元）”、2019年格式“采购总金额”）可以有小数，只有2019年格式的“本年增/减”可以为负数。',
    en: 'Counts are whole numbers ≥ 0; only money (收费金额 in 万元, 2019 采购总金额) may have decimals, and only the 2019 本年增/减 column may be negative.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) {
      for (const c of t.cells) {
        if (c.value === null || (c.kind !== 'number' && c.kind !== 'note')) continue;
        const spec = t.kind === 'T2' ? T2_COLUMN_BY_LABEL.get(c.col) : undefined;
        if (!spec?.money && !Number.isInteger(c.value)) out.push({ range: c.range, message: { zh: `${cellName(c)} 为 ${c.raw}：件数应为整数`, en: `${cellName(c)} is ${c.raw}: a count must be a whole number` } });
        else if (!spec?.signed && c.value < 0) out.push({ range: c.range, message: { zh: `${cellName(c)} 为 ${c.raw}：不能为负数`, en: `${cellName(c)} is ${c.raw}: it cannot be negative` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ cells: { '三.（五）.2|自然人': '1.5' } }),
    passing: exampleReport(),
    fix: { zh: '改为整数件数。', en: 'Use a whole number.' },
  })),
};
export default rule;
