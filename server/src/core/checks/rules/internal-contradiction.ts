import { cellValue } from '../relations';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport, table, textMatches } from './util';

const rule: Rule = {
  code: 'internal-contradiction',
  defaultSeverity: 'warning',
  title: { zh: '正文说“全部办结”，表中却有结转', en: 'Text says all requests were completed, the table carries some forward' },
  description: {
    zh: '正文写“所有申请均已按要求办理完成”“全部办结”，而表三“四、结转下年度继续办理”大于0，二者自相矛盾（上海市科委2024年报告即有此例）。',
    en: 'The text says every request was completed while table 3 row 四 (carried forward) is above 0.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const t3 = table(ctx, 'T3');
    const fromTable = cellValue(ctx.cells(t3)?.get('四|总计'));
    // Without the table's figure, the text itself may say how many were carried forward (转下一年度办理答复的有 1 件).
    // A table that says 0 is not overruled by the text: that disagreement is narrative-mismatch's.
    const carried = fromTable ?? textMatches(ctx, /(?:结转|转)\s{0,3}(?:至|到)?\s{0,3}下\s{0,3}一?\s{0,3}年\s{0,3}度?[^。；;\d]{0,10}?(\d{1,9})\s{0,3}件/).map((x) => Number(x.m[1])).find((n) => n > 0) ?? null;
    if (!carried) return [];
    const out: Finding[] = [];
    for (const { m, range } of textMatches(ctx, /(?:所有|全部)\s{0,3}(?:申请)?\s{0,3}均?\s{0,3}已?\s{0,3}(?:按要求|按时|依法|按期)?\s{0,3}(?:办理\s{0,3}完成|办\s{0,3}结|答复\s{0,3}完毕)(?!\s{0,3}的)|均已(?:按时|依法)?办结/)) {
      out.push({ range, message: fromTable !== null
        ? { zh: `“${m[0]}”与表三“四、结转下年度继续办理”${carried}件矛盾`, en: `"${m[0]}" contradicts table 3: ${carried} carried forward` }
        : { zh: `“${m[0]}”与正文所写结转下年度${carried}件矛盾`, en: `"${m[0]}" contradicts the text: ${carried} carried forward` } });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace('办结11件，结转下年度3件。', '办结11件，所有申请均已按要求办理完成。'),
    passing: exampleReport(),
    fix: { zh: '改正正文的说法或表中的数字。', en: 'Correct the text or the table.' },
  })),
};
export default rule;
