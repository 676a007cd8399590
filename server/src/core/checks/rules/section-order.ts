import { ITEM_ORDER } from '../../schema/sections';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { afterRestart, isReport, itemName, topSections } from './util';

const rule: Rule = {
  code: 'section-order',
  defaultSeverity: 'warning',
  title: { zh: '章节顺序与法定顺序不一致', en: 'Sections out of statutory order' },
  description: {
    zh: '统一格式规定了六部分的顺序（总体情况、主动公开、收到和处理申请、复议诉讼、问题及改进、其他事项）。顺序颠倒不便于评估和比较，也常是漏写或错编的信号。只标出位置不对的部分：尽可能多的部分保持原位，其余各部分指出应移到哪两部分之间。同一事项的第二部分由 section-duplicate 报告。',
    en: 'The format fixes the order of the six parts; an item out of order hinders review and often signals a mis-numbered or misplaced part. Only the parts out of place are reported: as many parts as possible stay where they are, and each of the others is told which parts it belongs between. A second part for one item is section-duplicate\'s to report.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const order = ITEM_ORDER[ctx.era];
    const restarted = afterRestart(topSections(ctx));
    // The parts that name a statutory item, with that item's place in the format; an item's second part is left to
    // section-duplicate (taking it for misplaced would move the blame to a part that stands where it should).
    const seen = new Set<string>();
    const parts = topSections(ctx).flatMap((s) => {
      // After the numbering restarts, the restart is the one finding (section-numbering); order and duplicates follow from it.
      if (restarted.has(s)) return [];
      const main = s.items.find((i) => i.confidence >= 0.8);
      const place = main ? order.indexOf(main.id) : -1;
      if (!main || place < 0 || seen.has(main.id)) return [];
      seen.add(main.id);
      return [{ s, item: main.id, place }];
    });
    // The most parts that already stand in statutory order stay where they are; the others are out of place. One part
    // moved is one finding, not one for every part after it.
    const kept = longestInOrder(parts.map((p) => p.place));
    const keptParts = parts.filter((_, k) => kept.has(k));
    const out: Finding[] = [];
    parts.forEach((p, k) => {
      if (kept.has(k)) return;
      // Its place among the parts that stay: after the last one of an earlier item, before the first of a later one.
      const after = keptParts.filter((q) => q.place <= p.place).pop();
      const before = keptParts.find((q) => q.place > p.place);
      const name = itemName(p.item);
      const where = after && before
        ? { zh: `应位于“${after.s.title}”之后、“${before.s.title}”之前`, en: `should come after "${after.s.title}" and before "${before.s.title}"` }
        : after
          ? { zh: `应位于“${after.s.title}”之后`, en: `should come after "${after.s.title}"` }
          : { zh: `应位于“${before!.s.title}”之前`, en: `should come before "${before!.s.title}"` };
      const message = { zh: `“${p.s.title}”（${name.zh}）${where.zh}`, en: `"${p.s.title}" (${name.en}) ${where.en}` };
      out.push({ range: p.s.headingRange, message });
    });
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 2: '## 二、存在的主要问题及改进情况\n\n主要问题是解读形式单一。', 5: '## 五、主动公开政府信息情况\n\n全年主动公开政府信息320条。' } }),
    passing: exampleReport(),
    fix: { zh: '按法定顺序调整各部分。', en: 'Reorder the parts in statutory order.' },
  })),
};
export default rule;

/**
 * Indices of a longest subsequence of `values` that never decreases (patience sorting, n log n). Of several equally
 * long ones, the one whose values end lowest.
 */
export function longestInOrder(values: number[]): Set<number> {
  const tails: number[] = []; // tails[l]: index of the smallest last value of a subsequence of length l + 1
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((v, i) => {
    // The first length whose tail is greater than v (equal values may follow each other).
    let lo = 0, hi = tails.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (values[tails[m]!]! <= v) lo = m + 1; else hi = m; }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.add(i);
  return out;
}
