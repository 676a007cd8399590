import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport, textMatches } from './util';

const TOTAL = /(?:共|共计|合计|总计|累计|总数为?)\s{0,3}(?:公开|公布|发布|收到|受理|办理|答复)?[^。；;\d]{0,12}?(\d{1,12})\s{0,3}(条|件|个|项)[^。]{0,6}?[，,（(]\s{0,3}(?:其中|包括)([^。]{4,400})/;
const PART = /(\d{1,12})\s{0,3}(条|件|个|项)/g;
const OTHER = /其他|其它/;
// A list item: a few words naming the category, then its count (政策文件类100条).
const ITEM = /^\s{0,3}[^\d，,。；;]{1,16}?(\d{1,12})\s{0,3}(条|件|个|项)/;

function itemOf(piece: string, unit: string): boolean {
  const m = ITEM.exec(piece);
  return !!m && m[2] === unit;
}

/**
 * A list without brackets ends at a full stop or a closing bracket; at a semicolon only when what follows is no
 * further item of it (其中A类100条，占69%；B类5条；其他40条) or an "other" item has closed it already
 * (…，其他3件；办结20件 is the next clause).
 */
function unbracketedList(text: string): string {
  const pieces = text.split(/[)）。]/)[0]!.split(/[；;]/);
  let list = pieces[0]!;
  for (const piece of pieces.slice(1)) {
    if (OTHER.test(list) || !ITEM.test(piece)) break;
    list += '；' + piece;
  }
  return list;
}

const rule: Rule = {
  code: 'breakdown-sum',
  defaultSeverity: 'warning',
  title: { zh: '分项之和与总数不符', en: 'The parts do not add up to the total' },
  description: {
    zh: '正文中“共公布政府信息2599条（其中机构职能类25条……其他856条）”一类的分项列举，以“其他”一项收尾时应当穷尽全部，分项之和应等于总数。',
    en: 'A breakdown such as "2,599 items in all (of which … other 856)" that ends with an "other" category is exhaustive, so its parts must add up to the total.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const { m } of textMatches(ctx, TOTAL)) {
      const total = Number(m[1]);
      const unit = m[2]!;
      // The list ends at the first closing bracket, semicolon or full stop; in brackets, (其中…；…；…), semicolons
      // separate its items and it ends at the closing bracket.
      const bracketed = /[（(]\s{0,3}(?:其中|包括)[^（(]*$/.test(m[0].slice(0, m[0].length - m[3]!.length));
      const list = bracketed ? m[3]!.split(/[)）。]/)[0]! : unbracketedList(m[3]!);
      const parts = [...list.matchAll(PART)].filter((p) => p[2] === unit).map((p) => Number(p[1]));
      if (parts.length < 3) continue;
      const sum = parts.reduce((s, x) => s + x, 0);
      // Only a list that ends with an "other" category claims to be complete. (Its last item is the last with a count:
      // a share may follow each, 其他40条，占27.6%.)
      const lastItem = list.split(/[，,、；;]/).filter((x) => itemOf(x, unit)).pop() ?? '';
      const exhaustive = OTHER.test(lastItem);
      if (exhaustive && sum !== total) {
        // The total is flagged, not the whole sentence (no digit comes before it in the match).
        const at = m.index + m[0].indexOf(m[1]!);
        out.push({ range: ctx.parsed.range(at, at + m[1]!.length), message: { zh: `总数${total}${unit}，但列举的${parts.length}项之和为${sum}${unit}`, en: `The total is ${total} but the ${parts.length} listed parts add up to ${sum}` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ extraIntro: '全年共公开政府信息320条（其中机构职能类20条，政策文件类100条，其他信息150条）。' }),
    passing: exampleReport({ extraIntro: '全年共公开政府信息320条（其中机构职能类20条，政策文件类100条，其他信息200条）。' }),
    fix: { zh: '核对各分项和总数。', en: 'Check the parts against the total.' },
  })),
};
export default rule;
