import type { ItemId } from '../../model';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { bodyWithoutSignature, isReport, itemName, sectionFor } from './util';

const rule: Rule = {
  code: 'section-empty',
  defaultSeverity: 'warning',
  title: { zh: '“存在的主要问题及改进情况”或“其他需要报告的事项”为空或只写“无”', en: 'Problems or other-matters part is empty or only 无' },
  description: {
    zh: '条例第五十条第（四）项要求报告“存在的主要问题及改进情况”：评估机构把不写问题、只写“无”视为内容不全（国办公开办函〔2021〕30号：“不能遗漏，也不宜泛化”）。“其他需要报告的事项”一节不能只有标题。',
    en: 'Art. 50(4) requires the main problems and improvements; reviewers treat an empty part or a bare 无 as incomplete. The other-matters part must not be a bare heading.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const item of ['problems', 'other'] as ItemId[]) {
      const s = sectionFor(ctx, item);
      if (!s || s.items.length > 1) continue;
      const body = bodyWithoutSignature(ctx, s).replace(/<!--[\s\S]{0,4000}?-->/g, '').replace(/[\s|#*>-]/g, '');
      const onlyNone = /^(无|没有|暂无)[。.]?$/.test(body);
      if (body.length === 0 || (item === 'problems' && (onlyNone || body.length < 10))) {
        out.push({ range: s.headingRange, message: body.length === 0
          ? { zh: `“${s.title}”下没有内容`, en: `"${s.title}" has no content` }
          : { zh: `“${itemName(item).zh}”只写了“${body}”，应报告具体问题和改进措施`, en: `"${itemName(item).en}" only says "${body}"; report the actual problems and improvements` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 5: '## 五、存在的主要问题及改进情况\n\n无。' } }),
    passing: exampleReport(),
    fix: { zh: '写明本年度存在的主要问题和改进措施。', en: 'State the year\'s main problems and the improvements made or planned.' },
  })),
};
export default rule;
