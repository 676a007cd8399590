import { T3_COLUMNS } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { PREVIOUS, type FactCell } from '../yearFacts';

const READABLE = new Set(['number', 'note']);
const valueOf = (c: FactCell | undefined): number | null => (c && READABLE.has(c.kind) ? c.value : null);

const rule: Rule = {
  code: 'carry-over-mismatch',
  defaultSeverity: 'warning',
  title: { zh: '上年结转与上一年度报告的结转下年度不一致', en: 'Carried over from last year differs from last year\'s report' },
  description: {
    zh: '表三“二、上年结转政府信息公开申请数量”应等于同一机关上一年度报告表三“四、结转下年度继续办理”的同一列：上一年没办完的申请就是今年接着办的申请（年度报告格式表三；评估中常用的跨年度核对）。需要同一机关相邻两年的报告：命令行一次检查多个文件时，以及在编辑器中与同一文件夹（文件夹按年份命名时还有上一年的文件夹，如 2023年/）里的其他报告比较；偶有上一年数据事后更正的情况，因此为警告。只报告不一致的申请人列；没有申请人列不一致（包括各列空白）而“总计”不一致时才报告“总计”。',
    en: 'Table 3 row "二、上年结转…" must equal row "四、结转下年度继续办理" of the same body\'s report for the year before, column by column: what was not finished last year is carried into this one. Checked when reports of one body for consecutive years are checked together (the CLI with several files), and in the editor against the other reports in the report\'s folder (and in the year before\'s folder when folders are named by year, such as 2023年/). A warning, since last year\'s figures are sometimes corrected afterwards. The applicant columns that differ are reported; the total only when none of them is found to differ (they may be blank).',
  },
  eras: ['2019', '2021'],
  check: () => [],
  across(previous, current) {
    const mismatches: Finding[] = [];
    let total: Finding | null = null;
    for (const col of T3_COLUMNS) {
      const now = current.cells[`二|${col.label}`], before = previous.cells[`四|${col.label}`];
      const a = valueOf(now), b = valueOf(before);
      if (a === null || b === null || a === b || !now || !before) continue;
      const f: Finding = {
        range: now.range,
        message: {
          zh: `上年结转（${col.label}）为 ${a}，而${previous.year}年报告结转下年度继续办理的为 ${b}`,
          en: `Carried over from last year (${col.label}) is ${a}, but the ${previous.year} report carried ${b} into this year`,
        },
        related: [{ range: before.range, file: PREVIOUS, message: { zh: `${previous.year}年报告：结转下年度继续办理（${col.label}）${b}`, en: `${previous.year} report: carried into the next year (${col.label}) ${b}` } }],
      };
      if (col.label === '总计') total = f; else mismatches.push(f);
    }
    return mismatches.length ? mismatches : total ? [total] : [];
  },
  examples: lazyExamples(() => ({
    previous: exampleReport({ year: 2023 }),
    failing: exampleReport(),
    passing: exampleReport({ cells: { '二|自然人': '3', '二|总计': '3', '一|自然人': '9', '一|总计': '11' } }),
    fix: { zh: '核对两年的表三：如上一年数据有误，说明更正情况；否则按上一年结转下年度的数字填写上年结转。', en: 'Compare the two tables 3: explain a correction of last year\'s figures, or carry last year\'s numbers over.' },
  })),
};
export default rule;
