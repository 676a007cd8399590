import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { afterRestart, isReport, itemName, topSections } from './util';

const rule: Rule = {
  code: 'section-duplicate',
  defaultSeverity: 'warning',
  title: { zh: '同一法定内容出现两次', en: 'A statutory item appears twice' },
  description: {
    zh: '同一项法定内容（如“主动公开政府信息情况”）作为一级标题出现两次，通常是复制粘贴或套用模板留下的重复。',
    en: 'The same statutory item heads two top-level sections, usually a copy-paste or template leftover.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const seen = new Map<string, string>();
    const out: Finding[] = [];
    const restarted = afterRestart(topSections(ctx));
    for (const s of topSections(ctx)) {
      // After the numbering restarts, the restart is the one finding (section-numbering); order and duplicates follow from it.
      if (restarted.has(s)) continue;
      // Only exact wordings: an item legitimately split over two parts (存在问题 + 改进措施) is not a duplicate.
      const main = s.items.find((i) => i.confidence >= 1);
      if (!main) continue;
      const first = seen.get(main.id);
      if (first !== undefined) out.push({ range: s.headingRange, message: { zh: `“${itemName(main.id).zh}”已在“${first}”中报告过`, en: `"${itemName(main.id).en}" was already reported under "${first}"` } });
      else seen.set(main.id, s.title);
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 5: '## 五、主动公开政府信息情况\n\n全年主动公开政府信息320条。\n\n## 五、存在的主要问题及改进情况\n\n主要问题是解读形式单一。' } }),
    passing: exampleReport(),
    fix: { zh: '合并重复的部分，删除多余的标题。', en: 'Merge the duplicated parts and remove the extra heading.' },
  })),
};
export default rule;
