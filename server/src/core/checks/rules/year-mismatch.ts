import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport, sectionBodySpan, textMatches } from './util';

const rule: Rule = {
  code: 'year-mismatch',
  defaultSeverity: 'warning',
  title: { zh: '年份前后不一致', en: 'Years disagree' },
  description: {
    zh: '年度报告的标题年份、统计期限和正文所述年度应一致。常见错误是沿用上一年报告：统计期限或总体情况仍写上一年，或把下一年的改进计划写成本年（“2016年，我们将……”出现在2016年度报告中）。',
    en: 'The title year, the statistics period and the year the text speaks of must agree. Typical errors come from reusing last year\'s report: the period or the overview still names last year, or next year\'s plans are dated this year.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const { meta } = ctx.parsed.model;
    const year = meta.year;
    if (!year) return [];
    const out: Finding[] = [];
    if (meta.period) {
      const py = Number(meta.period.start.slice(0, 4));
      const ey = Number(meta.period.end.slice(0, 4));
      if (py !== year || ey !== year) out.push({ range: meta.period.range, message: { zh: `统计期限“${meta.period.raw}”与报告年度${year}年不一致`, en: `The statistics period "${meta.period.raw}" does not match the report year ${year}` } });
    }
    // The overview's opening "YYYY年，" names the year reported on.
    const overview = ctx.parsed.model.sections.find((s) => s.item === 'overview');
    if (overview) {
      // Read in the normalised text, whose tags (a saved web page) and full-width digits are gone; mapped back.
      const { start, end } = sectionBodySpan(ctx, overview);
      const body = ctx.parsed.norm.text.slice(start, end);
      // (A heading with its text on the same line, 一、总体情况：2023年，…, leaves the colon or stop to the body.)
      const at = start + (/^[\s:。.]*/.exec(body)?.[0].length ?? 0);
      const m = /^((?:19|20)\d{2})\s*年(?:度)?[,，]/.exec(ctx.parsed.norm.text.slice(at, Math.min(end, at + 12)));
      if (m && Number(m[1]) !== year) {
        out.push({ range: ctx.parsed.range(at, at + 4), message: { zh: `总体情况开头写的是${m[1]}年，报告年度是${year}年`, en: `The overview opens with ${m[1]}; the report year is ${year}` } });
      }
    }
    // Plans ("将……") dated the report year or earlier.
    for (const { m, range } of textMatches(ctx, /((?:19|20)\d{2})\s{0,3}年\s{0,3}[,，]?\s{0,3}(?:我们|我区|我县|我市|我局|我委|我办|本机关|本单位)?(?:将|拟|计划)(?:采取|继续|进一步|重点|着力|从以下)/)) {
      const y = Number(m[1]);
      if (y <= year) out.push({ range, message: { zh: `“${m[0]}”是今后的计划，应指${year + 1}年`, en: `"${m[0]}" describes plans, which should be for ${year + 1}` } });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace('统计期限自2024年1月1日起至2024年12月31日止', '统计期限自2023年1月1日起至2023年12月31日止'),
    passing: exampleReport(),
    fix: { zh: '把年份改为报告年度（计划改为下一年）。', en: 'Use the report year (and the next year for plans).' },
  })),
};
export default rule;
