import type { ItemId } from '../../model';
import { headingMarkup } from '../../parse/sections';
import { ITEM_BY_ID, ITEM_ORDER } from '../../schema/sections';
import { exampleReport, lazyExamples } from '../examples';
import type { Rule } from '../types';
import { headingInReportScript, isReport, itemName, requiredItems, standardHeading, topSections, ZERO } from './util';

const rule: Rule = {
  code: 'section-missing',
  defaultSeverity: 'error',
  title: { zh: '缺少法定报告内容', en: 'A statutory item is missing' },
  description: {
    zh: '年度报告应当包括《政府信息公开条例》第五十条规定的全部内容：主动公开、收到和处理申请、行政复议和行政诉讼、存在的主要问题及改进情况、其他需要报告的事项；2019年起的统一格式另有“一、总体情况”。2008年条例时期（第三十二条）还要求报告收费及减免情况。“年度报告内容……不能遗漏”（国办公开办函〔2021〕30号）。各种写法（含繁体）均可识别；一节可同时覆盖几项。',
    en: 'The report must cover every item of art. 50 of the Regulations (art. 32 of the 2008 Regulations, which adds fees and waivers); the 2019/2021 formats add 一、总体情况. Any wording, in simplified or traditional script, is recognised; one section may cover several items.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const sections = topSections(ctx);
    const covered = new Set<ItemId>(sections.flatMap((s) => s.items.map((i) => i.id)));
    const out = [];
    for (const item of requiredItems(ctx)) {
      if (covered.has(item)) continue;
      // Where it belongs: after the section of the nearest earlier item that is present.
      const order = ITEM_ORDER[ctx.era];
      const before = order.slice(0, order.indexOf(item)).reverse().map((i) => sections.find((s) => s.items.some((x) => x.id === i))).find(Boolean);
      const after = order.slice(order.indexOf(item) + 1).map((i) => sections.find((s) => s.items.some((x) => x.id === i))).find(Boolean);
      const heading = standardHeading(item, ctx.era) ?? itemName(item).zh;
      const written = headingInReportScript(ctx, heading);
      const insertAt = before ? before.range.end : after ? after.headingRange.start : ZERO.start;
      const anchor = after?.headingRange ?? before?.headingRange ?? ctx.parsed.model.meta.titleRange ?? ZERO;
      // Written as the heading next to it is: with its Markdown ## and its bold.
      const neighbour = after ?? before;
      const { marks, bold } = neighbour ? headingMarkup(ctx.parsed.source, ctx.parsed.lines, neighbour) : { marks: '', bold: '' };
      const line = `${marks}${bold}${written}${bold}`;
      const newText = before ? `\n\n${line}\n` : `${line}\n\n`;
      out.push({
        range: anchor,
        // The 2008 era had no national format: omissions there are warnings.
        severity: ctx.era === '2008' ? ('warning' as const) : undefined,
        message: { zh: `缺少法定内容“${heading}”（${ITEM_BY_ID.get(item)!.law.zh}）`, en: `Missing statutory item "${heading}" (${itemName(item).en})` },
        fixes: [{ title: { zh: `在法定位置插入“${written}”`, en: `Insert "${written}" at its statutory place` }, edits: [{ range: { start: insertAt, end: insertAt }, newText }], safe: false }],
      });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 5: null } }),
    passing: exampleReport(),
    fix: { zh: '补写缺少的部分；快速修复可在法定位置插入标准标题，写法与相邻标题一致（Markdown 的 ##、加粗；繁体报告用繁体）。', en: 'Write the missing part; the quick fix inserts the standard heading at its statutory place, written as the headings next to it are (Markdown ##, bold; traditional script in a report written in it).' },
  })),
};
export default rule;
