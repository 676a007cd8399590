import { exampleReport, lazyExamples } from '../examples';
import { NARRATIVE_PATTERNS, phraseOf, proseStatements } from '../narrative';
import type { Finding, Rule } from '../types';
import { isReport, table } from './util';

const rule: Rule = {
  code: 'narrative-mismatch',
  defaultSeverity: 'warning',
  title: { zh: '正文数字与统计表不一致', en: 'A number in the text contradicts the tables' },
  description: {
    zh: '总体情况等正文常复述统计表的数字（“收到申请N件”“办结M件”“结转下年度J件”“行政复议N件”）。与表中数字不一致时至少有一处错误。因各地用语不统一（“受理”有时含上年结转），只有与所有合理口径都不符时才提示，且只作警告。一句话只在本分句内找数字（逗号、空行、标题之后不算）；与往年对比时写出的往年数字（“与2023年收到申请9件相比”）不核对。',
    en: 'The text often repeats table figures (requests received, handled, carried forward, reviews, lawsuits). A mismatch means one of them is wrong. Since wording varies (受理 sometimes includes carried-over requests), only numbers that match no reasonable reading are flagged, as warnings. A phrase takes its number from its own clause (not past a comma, a blank line or a heading); a figure of another year given for comparison (与2023年收到申请9件相比) is not checked.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const t3 = table(ctx, 'T3'), t4 = table(ctx, 'T4');
    if (!t3 && !t4) return [];
    const out: Finding[] = [];
    const seen = new Set<number>();
    for (const p of NARRATIVE_PATTERNS) {
      // (Most phrasings are not in a given report: the table values are looked up only for those that are.)
      const found = proseStatements(ctx, p);
      if (!found.length) continue;
      // The table values a phrase may stand for do not depend on where it is written.
      const accepted = p.accept(ctx.cells(t3), ctx.cells(t4)).filter((x): x is number => x !== null);
      if (!accepted.length) continue;
      const distinct = [...new Set(accepted)];
      const zhValues = distinct.join(' 或 '), enValues = distinct.join(' or ');
      for (const statement of found) {
        const { match: { m }, value, at } = statement;
        // (A number two phrasings read, 行政复议、行政诉讼共3件, is flagged once.)
        if (seen.has(at)) continue;
        if (accepted.includes(value)) continue;
        // Only the number itself is flagged.
        seen.add(at);
        const phrase = phraseOf(statement);
        out.push({ range: ctx.parsed.range(at, at + m[1]!.length), message: { zh: `正文“${phrase}”与统计表不一致：表中${p.what.zh}为 ${zhValues}`, en: `"${phrase}" disagrees with the tables: ${p.what.en} there is ${enValues}` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace('全年新收政府信息公开申请12件', '全年新收政府信息公开申请15件'),
    passing: exampleReport(),
    fix: { zh: '核对正文和统计表，改正错误的一方。', en: 'Check the text against the table and correct whichever is wrong.' },
  })),
};
export default rule;
