import { cellValue, type CellIndex } from '../relations';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Message, Rule } from '../types';
import { isReport, table, textMatches } from './util';

interface Pattern {
  re: RegExp; what: Message; accept: (t3: CellIndex | undefined, t4: CellIndex | undefined) => (number | null)[];
  /** A total (收到, 办结): skipped when it is one item of a breakdown (其中予以公开答复9件). */
  total?: boolean;
}

const v = (t: CellIndex | undefined, key: string): number | null => cellValue(t?.get(key));
const add = (...xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce((s, x) => s! + x!, 0));
const group = (t: CellIndex | undefined, prefix: string) => {
  if (!t) return [];
  const rows = [...t.rowIds()].filter((r) => r.startsWith(prefix));
  return [add(...rows.map((r) => v(t, `${r}|总计`))), ...rows.map((r) => v(t, `${r}|总计`))];
};

/** The five 法人或其他组织 columns of some rows, added up. */
const org = (t: CellIndex | undefined, rows: string[]) => add(...rows.flatMap((r) => ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((c) => v(t, `${r}|${c}`))));

/** Phrasings of spec §3.6 and the table values they may legitimately stand for (terminology varies). */
const PATTERNS: Pattern[] = [
  { total: true, re: /(?:收到|受理|新收)[^。；\d]{0,16}?申请[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '收到申请', en: 'requests received' }, accept: (t3) => [v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { total: true, re: /(?:收到|受理|新收)[^。；\d]{0,8}?(\d{1,9})\s{0,3}件[^。；\d]{0,4}申请/, what: { zh: '收到申请', en: 'requests received' }, accept: (t3) => [v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { total: true, re: /(?:办结|答复|办理完毕)[^。；\d]{0,8}?(\d{1,9})\s{0,3}件/, what: { zh: '办结', en: 'handled' }, accept: (t3) => [v(t3, '三.（七）|总计'), v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { re: /(\d{1,9})\s{0,3}件[^。；\d,，]{0,10}?结转(?:至|到)?下(?:一)?年度?/, what: { zh: '结转下年度', en: 'carried forward' }, accept: (t3) => [v(t3, '四|总计')] },
  { re: /结转(?:至|到)?下(?:一)?年度?(?:继续办理|办理|答复)?[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '结转下年度', en: 'carried forward' }, accept: (t3) => [v(t3, '四|总计')] },
  { re: /予以公开(?:及|和|、)部分公开[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '予以公开及部分公开', en: 'granted in full or in part' }, accept: (t3) => [add(v(t3, '三.（一）|总计'), v(t3, '三.（二）|总计'))] },
  { re: /无法提供[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '无法提供', en: 'unable to provide' }, accept: (t3) => group(t3, '三.（四）') },
  { re: /不予处理[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '不予处理', en: 'not processed' }, accept: (t3) => group(t3, '三.（五）') },
  { re: /其他处理[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '其他处理', en: 'otherwise handled' }, accept: (t3) => group(t3, '三.（六）') },
  { re: /自然人(?:申请)?[^。；\d]{0,4}?(\d{1,9})\s{0,3}件/, what: { zh: '自然人申请', en: 'requests by natural persons' }, accept: (t3) => [v(t3, '一|自然人'), add(v(t3, '一|自然人'), v(t3, '二|自然人'))] },
  { re: /法人或其他组织(?:申请)?[^。；\d]{0,4}?(\d{1,9})\s{0,3}件/, what: { zh: '法人或其他组织申请', en: 'requests by organisations' }, accept: (t3) => [org(t3, ['一']), org(t3, ['一', '二'])] },
  { re: /(?<!部分公开[^。]{0,4})不予公开[^。；\d]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '不予公开', en: 'refused' }, accept: (t3) => group(t3, '三.（三）') },
  { re: /行政复议(?:案件)?[^。；\d、和及]{0,6}?(\d{1,9})\s{0,3}(?:件|起)/, what: { zh: '行政复议', en: 'administrative reviews' }, accept: (_t3, t4) => [v(t4, '行政复议|总计'), add(v(t4, '行政复议|总计'), v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计'))] },
  { re: /行政诉讼(?:案件)?[^。；\d、和及]{0,6}?(\d{1,9})\s{0,3}(?:件|起)/, what: { zh: '行政诉讼', en: 'lawsuits' }, accept: (_t3, t4) => [add(v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计')), v(t4, '未经复议直接起诉|总计'), add(v(t4, '行政复议|总计'), v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计'))] },
];

const rule: Rule = {
  code: 'narrative-mismatch',
  defaultSeverity: 'warning',
  title: { zh: '正文数字与统计表不一致', en: 'A number in the text contradicts the tables' },
  description: {
    zh: '总体情况等正文常复述统计表的数字（“收到申请N件”“办结M件”“结转下年度J件”“行政复议N件”）。与表中数字不一致时至少有一处错误。因各地用语不统一（“受理”有时含上年结转），只有与所有合理口径都不符时才提示，且只作警告。',
    en: 'The text often repeats table figures (requests received, handled, carried forward, reviews, lawsuits). A mismatch means one of them is wrong. Since wording varies (受理 sometimes includes carried-over requests), only numbers that match no reasonable reading are flagged, as warnings.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const t3 = table(ctx, 'T3'), t4 = table(ctx, 'T4');
    if (!t3 && !t4) return [];
    const out: Finding[] = [];
    const seen = new Set<number>();
    for (const p of PATTERNS) {
      // (Most phrasings are not in a given report: the table values are looked up only for those that are.)
      const found = textMatches(ctx, p.re);
      if (!found.length) continue;
      // The table values a phrase may stand for do not depend on where it is written.
      const accepted = p.accept(ctx.cells(t3), ctx.cells(t4)).filter((x): x is number => x !== null);
      if (!accepted.length) continue;
      const distinct = [...new Set(accepted)];
      const zhValues = distinct.join(' 或 '), enValues = distinct.join(' or ');
      for (const { m } of found) {
        if (seen.has(m.index)) continue;
        // 其中予以公开答复9件: a breakdown, not the total.
        const before = ctx.parsed.norm.text.slice(Math.max(0, m.index - 8), m.index);
        if (p.total && /予以公开|部分公开|同意公开|不予公开|无法提供|不予处理|其他处理|告知|的有|其中/.test(before + m[0].slice(0, 4))) continue;
        const n = Number(m[1]);
        if (accepted.includes(n)) continue;
        // Only the number itself is flagged.
        const numAt = m.index + m[0].lastIndexOf(m[1]!);
        seen.add(m.index);
        const phrase = m[0].replace(/\s+/g, '');
        out.push({ range: ctx.parsed.range(numAt, numAt + m[1]!.length), message: { zh: `正文“${phrase}”与统计表不一致：表中${p.what.zh}为 ${zhValues}`, en: `"${phrase}" disagrees with the tables: ${p.what.en} there is ${enValues}` } });
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
