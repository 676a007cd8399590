import { exampleReport, lazyExamples } from '../examples';
import type { Rule } from '../types';
import { isReport, ZERO } from './util';

const rule: Rule = {
  code: 'gov-assessment-missing',
  defaultSeverity: 'info',
  title: { zh: '人民政府的年度报告没有报告工作考核、社会评议和责任追究情况', en: 'A government\'s report lacks assessment, public review and accountability' },
  description: {
    zh: '条例第五十条第（四）项：“各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和责任追究结果情况”。2021年格式把它放在“一、总体情况”的监督保障部分。本检查只对人民政府自身的报告生效（可在设置中指定机关类型）。',
    en: 'Art. 50(4): a people\'s government\'s report must also cover work assessment, public review and accountability results (in the 2021 format, under 总体情况 › 监督保障). Applies to governments only (configurable).',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx) || ctx.organType !== 'government') return [];
    const text = ctx.parsed.norm.text;
    const found = ['考核', '评议', '责任追究'].filter((w) => text.includes(w));
    if (found.length >= 2) return [];
    const range = ctx.parsed.model.sections.find((s) => s.item === 'overview')?.headingRange ?? ctx.parsed.model.meta.titleRange ?? ZERO;
    return [{ range, message: { zh: '人民政府的年度报告应报告工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）', en: 'A government\'s report should cover assessment, public review and accountability results (art. 50(4))' } }];
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ organ: '某县人民政府', sections: { 1: '## 一、总体情况\n\n本年度主动公开政府信息320条。' } }),
    passing: exampleReport({ organ: '某县人民政府' }),
    fix: { zh: '在“总体情况”的监督保障部分写明考核、社会评议和责任追究情况。', en: 'Describe assessment, public review and accountability under 总体情况 › 监督保障.' },
  })),
};
export default rule;
