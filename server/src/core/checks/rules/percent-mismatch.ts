import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Message, Rule } from '../types';
import { TextMemo } from '../../text/normalize';
import { isReport, tableSpans } from './util';

const PAIR = /(\d{1,12}(?:\.\d{1,6})?)\s{0,3}(?:件|条|个|项|次|人次)\s{0,3}[,，(（]?\s{0,3}(?:占[^，,。%)）\d]{0,14}?)?(\d{1,3}(?:\.\d{1,4})?)\s{0,3}%/g;
const TOTAL = /(?:总数为|总数|共计|共|合计|总计|累计|的)\s{0,3}(\d{1,12}(?:\.\d{1,6})?)\s{0,3}(?:件|条|个|项|次|人次)(?=[^，。,%]{0,8}中|[^%\d]{0,3}[，,]?\s*其中)/;

const rule: Rule = {
  code: 'percent-mismatch',
  defaultSeverity: 'warning',
  title: { zh: '百分比与件数不符', en: 'Percentages do not match their counts' },
  description: {
    zh: '正文中“N件，占p%”一类的构成说明，百分比应等于件数除以总数（按所写的小数位四舍五入），同一组百分比所对应的总数应一致，合计应为100%。一组构成说明是一句话：以句号或空行为界，PDF等折行不算断句。',
    en: 'In breakdowns such as "N items, p %", each percentage must equal its count over the total (rounded as written); the shares of one breakdown must imply the same total and add up to 100 %. A breakdown is one sentence: up to a full stop or a blank line; a line wrapped by PDF text or an editor does not end it.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const text = ctx.parsed.norm.text;
    const out: Finding[] = [];
    // One breakdown per sentence: the text between two full stops (or paragraph ends) around each %.
    // Found by scanning from each % rather than by a regex, which would be quadratic on long lines.
    for (const sentence of sentencesWithPercent(text, ctx)) {
      // Read with its line breaks left out (a sentence PDF text wraps, even inside a number: 1⏎01条), mapped back.
      const breaks = wrapsIn(sentence[0]);
      const at = (k: number) => { let d = 0; while (d < breaks.length && breaks[d]! - d <= k) d++; return sentence.index + k + d; };
      const joined = breaks.length ? sentence[0].replace(/\n/g, '') : sentence[0];
      // A sentence's findings depend on its text only: remembered, since most sentences outlive a keystroke.
      for (const f of bySentence.get(joined, sentenceFindings)) out.push({ range: ctx.parsed.range(at(f.from), at(f.to - 1) + 1), message: f.message });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ extraIntro: '全年公开政府信息总数为146条，其中政府网站14条，占9.6%，政务微博101条，占79.2%，政务微信25条，占17.1%，其他方式6条，占4.1%。' }),
    passing: exampleReport({ extraIntro: '全年公开政府信息总数为146条，其中政府网站14条，占9.6%，政务微博101条，占69.2%，政务微信25条，占17.1%，其他方式6条，占4.1%。' }),
    fix: { zh: '按件数重新计算百分比。', en: 'Recompute the percentages from the counts.' },
  })),
};
export default rule;

/** Where a sentence's line breaks are (offsets in it), in order. */
function wrapsIn(sentence: string): number[] {
  const out: number[] = [];
  for (let k = sentence.indexOf('\n'); k >= 0; k = sentence.indexOf('\n', k + 1)) out.push(k);
  return out;
}

/** The findings of one sentence, offsets relative to its start. */
interface SentenceFinding { from: number; to: number; message: Message }
const bySentence = new TextMemo<SentenceFinding[]>(2000, 200_000);

function sentenceFindings(sentence: string): SentenceFinding[] {
  const out: SentenceFinding[] = [];
  const pairs: { n: number; p: number; dec: number; at: number; len: number }[] = [];
  PAIR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAIR.exec(sentence))) pairs.push({ n: Number(m[1]), p: Number(m[2]), dec: (m[2]!.split('.')[1] ?? '').length, at: m.index + m[0].lastIndexOf(m[2]!), len: m[0].length - m[0].lastIndexOf(m[2]!) });
  // A breakdown has a handful of shares; a 'sentence' with hundreds is a table or noise, not a breakdown.
  if (pairs.length < 2 || pairs.length > 40) return out;
  // The total each share implies, as an interval allowing for rounding.
  // Shares are rounded or, often, truncated: the true share lies in [p − ½ unit, p + 1 unit).
  const interval = (x: typeof pairs[number]) => {
    const u = 10 ** -x.dec;
    return [x.n * 100 / (x.p + u), x.p - u / 2 > 0 ? x.n * 100 / (x.p - u / 2) : Infinity] as const;
  };
  const explicit = TOTAL.exec(sentence);
  let total: number | null = explicit ? Number(explicit[1]) : null;
  if (total === null) {
    const lo = pairs.reduce((m, x) => Math.max(m, interval(x)[0]), -Infinity), hi = pairs.reduce((m, x) => Math.min(m, interval(x)[1]), Infinity);
    if (lo <= hi + 1e-9) return out; // one total explains every share
    // The shares disagree: the total most of them agree on decides which one is off.
    total = mostAgreedTotal(pairs.map(interval));
  }
  for (const x of pairs) {
    const [lo, hi] = interval(x);
    if (total + 1e-9 < lo || total - 1e-9 > hi) {
      const want = (x.n * 100 / total).toFixed(Math.max(1, x.dec));
      out.push({ from: x.at, to: x.at + x.len, message: { zh: `${x.n}占${total}的 ${want}%，不是 ${x.p}%`, en: `${x.n} of ${total} is ${want} %, not ${x.p} %` } });
    }
  }
  const sumP = pairs.reduce((s, x) => s + x.p, 0);
  const sumN = pairs.reduce((s, x) => s + x.n, 0);
  if (explicit && Math.abs(sumN - total) < 1e-9 && Math.abs(sumP - 100) > 0.05 * pairs.length + 0.1) {
    out.push({ from: pairs[0]!.at, to: pairs[pairs.length - 1]!.at + pairs[pairs.length - 1]!.len, message: { zh: `各项合计${total}，但百分比合计为 ${sumP.toFixed(2)}%`, en: `The counts add up to ${total} but the percentages to ${sumP.toFixed(2)} %` } });
  }
  return out;
}

/** The whole number that the most shares agree on (the point covered by most rounding intervals). */
function mostAgreedTotal(intervals: (readonly [number, number])[]): number {
  let best = 0, bestDepth = -1;
  for (const [lo] of intervals) {
    for (const candidate of [Math.ceil(lo - 1e-9), Math.ceil(lo - 1e-9) + 1]) {
      const depth = intervals.filter(([a, b]) => candidate >= a - 1e-9 && candidate <= b + 1e-9).length;
      if (depth > bestDepth) { bestDepth = depth; best = candidate; }
    }
  }
  return best;
}

function sentencesWithPercent(text: string, ctx: Parameters<Rule['check']>[0]): { index: number; 0: string }[] {
  const out: { index: number; 0: string }[] = [];
  const tables = tableSpans(ctx);
  const inTable = (at: number) => tables.overlapping(at, at + 1);
  // Where the % signs are: the parse's regex matches, carried from one version to the next (a keystroke does not
  // search the whole text again). Sentence ends are compared by code: text[i] of a CJK character is a new string.
  // A sentence ends at 。 or at a paragraph's end (a blank line); a single line break is a wrap inside it.
  const ends = (i: number) => {
    const c = text.charCodeAt(i);
    if (c === 0x3002) return true;
    if (c !== 0x0a) return false;
    let k = i + 1;
    while (k < text.length && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09 || text.charCodeAt(k) === 0x3000)) k++;
    return k >= text.length || text.charCodeAt(k) === 0x0a || (i > 0 && text.charCodeAt(i - 1) === 0x0a);
  };
  let b = 0;
  for (const { index: at } of ctx.parsed.matches.all(/%/)) {
    if (at < b) continue; // in the sentence just read
    let a = at;
    while (a > 0 && !ends(a - 1)) a--;
    b = at;
    while (b < text.length && !ends(b)) b++;
    if (!inTable(at)) out.push({ index: a, 0: text.slice(a, b) });
  }
  return out;
}
