import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { cellName, isReport } from './util';

const rule: Rule = {
  code: 'cell-note',
  defaultSeverity: 'info',
  title: { zh: '统计表单元格中夹有说明文字', en: 'A table cell carries a note' },
  description: {
    zh: '单元格中写“22（其中修订16件）”之类的说明，会妨碍数据汇总和比对，转换为其他格式时也容易拆错。说明应写在表下或正文中。',
    en: 'A note inside a number cell ("22（其中修订16件）") hinders aggregation and breaks conversions; put it under the table or in the text.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) for (const c of t.cells) {
      if (c.kind === 'note') out.push({ range: c.range, message: { zh: `${cellName(c)} 中有说明“${c.note}”，建议移到表下`, en: `${cellName(c)} carries the note "${c.note}"; move it below the table` } });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ cells: { '第二十条第（一）项|行政规范性文件|本年制发件数': '1（其中修订1件）' } }),
    passing: exampleReport(),
    fix: { zh: '单元格只留数字，说明写在表下。', en: 'Keep only the number in the cell; put the note below the table.' },
  })),
};
export default rule;
