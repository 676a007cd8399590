import { labelKey, TextMemo } from '../../text/normalize';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { headingInReportScript, isReport, standardHeading, topSections } from './util';

/**
 * A heading's wording without its numeral, punctuation or spaces, read as the checks read text (a heading in
 * traditional characters, 一、總體情況, has the standard wording), memoised: every keystroke checks every top-level
 * heading again, and a document of concatenated reports has over a thousand. The memo is emptied when full, so it
 * holds the titles of the documents being edited, not every title ever seen.
 */
const stripped = new TextMemo<string>(20_000);
function strip(t: string): string {
  return stripped.get(t, (own) => labelKey(own).replace(/^[一二三四五六七八九十]+/, ''));
}

const rule: Rule = {
  code: 'heading-nonstandard',
  defaultSeverity: 'hint',
  title: { zh: '一级标题与统一格式的标准写法不同', en: 'Heading differs from the standard wording' },
  description: {
    zh: '2019年起全国统一格式规定了六个一级标题的写法（如“四、政府信息公开行政复议、行政诉讼情况”）。用标准写法便于公众查找和评估比对。本检查只作提示，并提供标准写法。',
    en: 'Since 2019 the national format fixes the wording of the six top-level headings. Using it helps readers and reviewers; this is a hint that offers the standard text.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const s of topSections(ctx)) {
      const main = s.items[0];
      if (!main || main.confidence < 0.6) continue;
      const standard = standardHeading(main.id, ctx.era);
      if (!standard) continue;
      // A 2021-format report may keep the 2019 format's wording (they differ only for 五, which 2021 shortened); a
      // 2019-format report is held to its own.
      const accepted = [standard, ...(ctx.era === '2021' ? [standardHeading(main.id, '2019') ?? standard] : [])];
      const title = strip(s.title);
      if (accepted.some((a) => strip(a) === title)) continue;
      const numeral = s.numbering?.raw ?? '';
      const written = headingInReportScript(ctx, standard);
      const newTitle = numeral ? written.replace(/^[一二三四五六七八九十]+、/, numeral.replace(/[.．]$/, '、')) : written;
      out.push({
        range: s.headingRange,
        message: { zh: `标准写法为“${standard}”`, en: `The standard wording is "${standard}"` },
        fixes: [{ title: { zh: `改为“${newTitle}”`, en: `Change to "${newTitle}"` }, edits: [{ range: s.headingRange, newText: newTitle }], safe: false }],
      });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 4: '## 四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n\n全年无行政复议。' } }),
    passing: exampleReport(),
    fix: { zh: '使用快速修复改为标准写法（繁体报告用繁体写出）。', en: 'Use the quick fix to change it to the standard wording (in traditional script in a report written in it).' },
  })),
};
export default rule;
