import { exampleReport, lazyExamples } from '../examples';
import type { Rule } from '../types';
import { isReport } from './util';

const rule: Rule = {
  code: 'publish-late',
  defaultSeverity: 'info',
  title: { zh: '发布日期晚于法定期限', en: 'Published after the statutory deadline' },
  description: {
    zh: '条例第四十九条：县级以上人民政府部门应当在每年1月31日前公布上一年度报告；本级政府的报告由主管部门在3月31日前公布（2008年条例第三十一条：3月31日前）。期限可在设置中调整（乡镇、街道等由地方规定）。',
    en: 'Art. 49: departments publish by 31 January, the government\'s own report is published by 31 March (31 March for all under the 2008 Regulations). Deadlines are configurable.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const { meta } = ctx.parsed.model;
    if (!meta.publishDate || !meta.year) return [];
    const d = ctx.config.deadlines ?? {};
    const department = ctx.era === '2008' ? '03-31' : (d.department ?? '01-31');
    const government = d.government ?? '03-31';
    const mmdd = ctx.organType === 'department' ? department : government;
    const deadline = `${meta.year + 1}-${mmdd}`;
    if (meta.publishDate.value <= deadline) return [];
    return [{ range: meta.publishDate.range, message: { zh: `发布日期 ${meta.publishDate.value} 晚于法定期限 ${deadline}（${ctx.organType === 'department' ? '部门' : '人民政府'}）`, en: `Published ${meta.publishDate.value}, after the deadline ${deadline}` } }];
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ signature: '某县人民政府办公室\n2025年2月20日' }),
    passing: exampleReport(),
    fix: { zh: '按期发布；若日期写错，改正日期。', en: 'Publish on time; if the date is a typo, correct it.' },
  })),
};
export default rule;
