import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport } from './util';

const rule: Rule = {
  code: 'cell-ambiguous',
  defaultSeverity: 'info',
  title: { zh: '数字连写，无法确定单元格的值', en: 'Digits run together; cell values uncertain' },
  description: {
    zh: '从网页抓取或复制的文本常把表格数字连在一起（如“规范性文件898989”）。能用表内勾稽关系唯一拆分时自动拆分；有多种拆法时报告此项，请对照原表核实并用空格或竖线分隔数字。这些单元格不参与求和检查。',
    en: 'Text copied from web pages often runs a table\'s digits together. When the table\'s own relations allow only one split it is used; otherwise this is reported: check against the original and separate the numbers. Such cells are left out of the arithmetic.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const t of ctx.parsed.model.tables) {
      for (const c of t.cells) {
        if (c.kind !== 'ambiguous' || seen.has(c.rowId)) continue;
        seen.add(c.rowId);
        const row = t.cells.filter((x) => x.rowId === c.rowId);
        const range = { start: row[0]!.range.start, end: row[row.length - 1]!.range.end };
        out.push({ range, message: { zh: `“${c.row}”一行的数字连写在一起，有多种拆分方式（按${row.map((x) => x.raw).join(' ')}读取），请核对并用空格分隔`, en: `Row "${c.row}": digits run together with several possible splits (read as ${row.map((x) => x.raw).join(' ')}); check and separate them` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace('| 行政规范性文件 | 1 | 2 | 12 |', '行政规范性文件 1212'),
    passing: exampleReport(),
    fix: { zh: '在数字之间加空格或竖线。', en: 'Separate the numbers with spaces or pipes.' },
  })),
};
export default rule;
