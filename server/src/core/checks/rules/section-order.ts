import { ITEM_ORDER } from '../../schema/sections';
import { exampleReport } from '../examples';
import type { Finding, Rule } from '../types';
import { afterRestart, isReport, itemName, topSections } from './util';

const rule: Rule = {
  code: 'section-order',
  defaultSeverity: 'warning',
  title: { zh: '章节顺序与法定顺序不一致', en: 'Sections out of statutory order' },
  description: {
    zh: '统一格式规定了六部分的顺序（总体情况、主动公开、收到和处理申请、复议诉讼、问题及改进、其他事项）。顺序颠倒不便于评估和比较，也常是漏写或错编的信号。',
    en: 'The format fixes the order of the six parts; an item out of order hinders review and often signals a mis-numbered or misplaced part.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const order = ITEM_ORDER[ctx.era];
    const out: Finding[] = [];
    let maxIdx = -1;
    let maxTitle = '';
    const restarted = afterRestart(topSections(ctx));
    for (const s of topSections(ctx)) {
      // After the numbering restarts, the restart is the one finding (section-numbering); order and duplicates follow from it.
      if (restarted.has(s)) continue;
      const main = s.items.find((i) => i.confidence >= 0.8);
      if (!main) continue;
      const idx = order.indexOf(main.id);
      if (idx < 0) continue;
      if (idx < maxIdx) {
        out.push({ range: s.headingRange, message: { zh: `“${s.title}”（${itemName(main.id).zh}）应位于“${maxTitle}”之前`, en: `"${s.title}" (${itemName(main.id).en}) should come before "${maxTitle}"` } });
      } else { maxIdx = idx; maxTitle = s.title; }
    }
    return out;
  },
  examples: {
    failing: exampleReport({ sections: { 2: '## 二、存在的主要问题及改进情况\n\n主要问题是解读形式单一。', 5: '## 五、主动公开政府信息情况\n\n全年主动公开政府信息320条。' } }),
    passing: exampleReport(),
    fix: { zh: '按法定顺序调整各部分。', en: 'Reorder the parts in statutory order.' },
  },
};
export default rule;
