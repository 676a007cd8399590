import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport, textMatches } from './util';

/** Placeholders of report templates, in the normalised text (full-width ＸＸ is already XX there). */
const PATTERNS: RegExp[] = [
  // Each run is matched once, from its first character (the lookbehinds keep this linear on XXXX…); runs are
  // bounded so that a match can be found again after an edit without rescanning the whole text.
  /(?:(?<![Xx])[Xx]{2,64}|(?<!×)×{2,64}|(?<!\*)\*{3,64})(?=[\u4e00-\u9fff\s)）,，。]|$)/,
  /【\s{0,8}(?:[^】]{0,16}?(?:填写|填报|单位名称|名称|数字|文字|日期|时间|请|XX|×)[^】]{0,16})?】/,
  /[(（]\s{0,8}(?:此处)?(?:请)?(?:填写|填报|文字描述|描述|说明|列举)[^)）]{0,40}[)）]/,
  /某某/,
  /自[ \t\u3000]{0,8}[至到][ \t\u3000]{0,8}[。，,]/,
  /(?<![\d年])[ \t\u3000]{1,8}年[ \t\u3000]{0,8}月[ \t\u3000]{0,8}日/,
];

const rule: Rule = {
  code: 'template-residue',
  defaultSeverity: 'error',
  title: { zh: '模板占位符未替换', en: 'Template placeholder left in the text' },
  description: {
    zh: '套用模板时留下的占位符（XX、××、【】、“（文字描述……）”、“某某”、空着的“自至”“年月日”）会原样发布出去，评估中属于“敷衍塞责”（国办公开办函〔2021〕30号“明确责任”部分）。',
    en: 'Placeholders left from a template (XX, ××, 【】, （文字描述…）, 某某, an empty period or date) get published as is; reviewers count them as perfunctory reporting.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const re of PATTERNS) {
      for (const { m, range } of textMatches(ctx, re, { inTables: true })) {
        // XX stands alone or next to Chinese text, not inside a Latin word or a URL (www.xx.gov.cn).
        const before = ctx.parsed.norm.text[m.index - 1] ?? '';
        if (/[A-Za-z._/@-]/.test(before)) continue;
        out.push({ range, message: { zh: `模板占位符“${m[0].trim()}”未替换为实际内容`, en: `Template placeholder "${m[0].trim()}" was not replaced` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ organ: 'XX县人民政府办公室' }),
    passing: exampleReport(),
    fix: { zh: '用实际内容替换占位符。', en: 'Replace the placeholder with the actual content.' },
  })),
};
export default rule;
