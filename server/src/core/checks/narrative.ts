/**
 * What the report's prose says of the tables: the phrasings of spec §3.6 (收到申请N件, 办结M件, 结转下年度J件,
 * 行政复议N件…), each with the table values it may legitimately stand for. `narrative-mismatch` flags a number that
 * matches none; the arithmetic rules ask whether the prose speaks for a total as written (states it, or agrees with
 * the tables now and would not after the fix) before they call a fix certain.
 */
import type { Cell } from '../model';
import { firstAtOrAfter } from '../text/origin';
import { cellValue, type CellIndex } from './relations';
import type { Message, RuleContext } from './types';
import { shared, table, textMatches, type TextMatch } from './rules/util';

/** What the patterns read of a table: a cell by `rowId|col`, and the row ids. */
export type CellLookup = Pick<CellIndex, 'get' | 'rowIds'>;

export interface NarrativePattern {
  re: RegExp; what: Message;
  /**
   * The table values the phrase may stand for: first what it says literally (行政复议N件: the 行政复议 总计), then
   * looser readings some reports mean by it (复议 and 诉讼 together; 受理 with the carried-over requests).
   */
  accept: (t3: CellLookup | undefined, t4: CellLookup | undefined) => (number | null)[];
  /** A total (收到, 办结): skipped when it is one item of a breakdown (其中予以公开答复9件). */
  total?: boolean;
  /** What the match must not contain (收到行政复议申请2件 is no request for information). */
  not?: RegExp;
}

const v = (t: CellLookup | undefined, key: string): number | null => cellValue(t?.get(key));
const add = (...xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce((s, x) => s! + x!, 0));
const group = (t: CellLookup | undefined, prefix: string) => {
  if (!t) return [];
  const rows = [...t.rowIds()].filter((r) => r.startsWith(prefix));
  return [add(...rows.map((r) => v(t, `${r}|总计`))), ...rows.map((r) => v(t, `${r}|总计`))];
};

/** The five 法人或其他组织 columns of some rows, added up. */
const org = (t: CellLookup | undefined, rows: string[]) => add(...rows.flatMap((r) => ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((c) => v(t, `${r}|${c}`))));

/** Phrasings of spec §3.6 and the table values they may legitimately stand for (terminology varies). */
export const NARRATIVE_PATTERNS: NarrativePattern[] = [
  { total: true, not: /复议|诉讼/, re: /(?:收到|受理|新收)[^。；;\d]{0,16}?申请[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '收到申请', en: 'requests received' }, accept: (t3) => [v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { total: true, not: /复议|诉讼/, re: /(?:收到|受理|新收)[^。；;\d,]{0,8}?(\d{1,9})\s{0,3}件[^。；;\d]{0,4}申请/, what: { zh: '收到申请', en: 'requests received' }, accept: (t3) => [v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { total: true, re: /(?:办结|答复|办理完毕)(?!\s{0,3}的[^。；;,\d]{0,10}?中)[^。；;\d,]{0,8}?(\d{1,9})\s{0,3}件/, what: { zh: '办结', en: 'handled' }, accept: (t3) => [v(t3, '三.（七）|总计'), v(t3, '一|总计'), add(v(t3, '一|总计'), v(t3, '二|总计'))] },
  { re: /(\d{1,9})\s{0,3}件(?!\s{0,3}[(（])[^。；;\d,，、]{0,10}?结转(?:至|到)?下(?:一)?年度?/, what: { zh: '结转下年度', en: 'carried forward' }, accept: (t3) => [v(t3, '四|总计')] },
  { re: /结转(?:至|到)?下(?:一)?年度?(?:继续办理|办理|答复)?[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '结转下年度', en: 'carried forward' }, accept: (t3) => [v(t3, '四|总计')] },
  { re: /予以公开(?:及|和|、)部分公开[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '予以公开及部分公开', en: 'granted in full or in part' }, accept: (t3) => [add(v(t3, '三.（一）|总计'), v(t3, '三.（二）|总计'))] },
  { re: /无法提供[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '无法提供', en: 'unable to provide' }, accept: (t3) => group(t3, '三.（四）') },
  { re: /不予处理[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '不予处理', en: 'not processed' }, accept: (t3) => group(t3, '三.（五）') },
  { re: /其他处理[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '其他处理', en: 'otherwise handled' }, accept: (t3) => group(t3, '三.（六）') },
  { re: /自然人(?:申请)?[^。；;\d,]{0,4}?(\d{1,9})\s{0,3}件/, what: { zh: '自然人申请', en: 'requests by natural persons' }, accept: (t3) => [v(t3, '一|自然人'), add(v(t3, '一|自然人'), v(t3, '二|自然人'))] },
  { re: /法人或其他组织(?:申请)?[^。；;\d,]{0,4}?(\d{1,9})\s{0,3}件/, what: { zh: '法人或其他组织申请', en: 'requests by organisations' }, accept: (t3) => [org(t3, ['一']), org(t3, ['一', '二'])] },
  { re: /(?<!部分公开[^。]{0,4})不予公开[^。；;\d,]{0,6}?(\d{1,9})\s{0,3}件/, what: { zh: '不予公开', en: 'refused' }, accept: (t3) => group(t3, '三.（三）') },
  { re: /行政复议(?:案件)?[^。；;\d、和及与]{0,6}?(\d{1,9})\s{0,3}(?:件|起)/, what: { zh: '行政复议', en: 'administrative reviews' }, accept: (_t3, t4) => [v(t4, '行政复议|总计'), add(v(t4, '行政复议|总计'), v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计'))] },
  // 行政复议、行政诉讼共N件: the three totals together (not 各N件, 分别为N件, 均为N件: each of them). The 行政诉讼 phrasing
  // does not read the end of it.
  { re: /行政复议(?:案件)?[、和及与]行政诉讼(?:案件)?[^。；;\d各分均]{0,6}?(\d{1,9})\s{0,3}(?:件|起)/, what: { zh: '行政复议和行政诉讼', en: 'reviews and lawsuits' }, accept: (_t3, t4) => [add(v(t4, '行政复议|总计'), v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计'))] },
  { re: /(?<!行政复议(?:案件)?[、和及与])行政诉讼(?:案件)?[^。；;\d、和及]{0,6}?(\d{1,9})\s{0,3}(?:件|起)/, what: { zh: '行政诉讼', en: 'lawsuits' }, accept: (_t3, t4) => [add(v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计')), v(t4, '未经复议直接起诉|总计'), add(v(t4, '行政复议|总计'), v(t4, '未经复议直接起诉|总计'), v(t4, '复议后起诉|总计'))] },
];

/** A number the prose states in one of the phrasings: the match, the number, and where the number is written. */
export interface ProseStatement {
  pattern: NarrativePattern;
  match: TextMatch;
  value: number;
  /** The number's offset in the normalised text. */
  at: number;
}

/**
 * Every statement of one phrasing outside the tables, a breakdown item (其中予以公开答复9件) not taken for a total.
 * Read once per analysis (narrative-mismatch and each arithmetic cause ask).
 */
export function proseStatements(ctx: RuleContext, p: NarrativePattern): ProseStatement[] {
  return shared(ctx, p, () => readStatements(ctx, p));
}

/** The phrase as the messages quote it, without its spaces. */
export function phraseOf(s: ProseStatement): string {
  return s.match.m[0].replace(/\s+/g, '');
}

const PARAGRAPH_BREAK = /\n[^\S\n]{0,40}\n/;
/** Whether `at` is in a heading's title, as the parse found the headings (numbering to the title's end). */
function inHeadingTitle(ctx: RuleContext, at: number): boolean {
  const starts = shared(ctx, HEADING_STARTS, () => ctx.parsed.headings.map((h) => h.lineStart));
  const k = firstAtOrAfter(starts, at + 1) - 1;
  return k >= 0 && at < ctx.parsed.headings[k]!.end;
}
const HEADING_STARTS = {};

/** The clause [from, to) is in: out to the nearest comma, stop or line break (at most 30 characters either side). */
function clauseAround(text: string, from: number, to: number): string {
  let a = from, b = to;
  while (a > 0 && from - a < 30 && !/[,，。;；\n]/.test(text[a - 1]!)) a--;
  while (b < text.length && b - to < 30 && !/[,，。;；\n]/.test(text[b]!)) b++;
  return text.slice(a, b);
}
/**
 * Whether a clause gives a figure of another year for comparison (与2023年…相比, 较2023年…, 2023年同期): a year other
 * than the report's and a word of comparison. (Without one it may be last year's text left in: checked.)
 */
function otherYear(clause: string, year: number): boolean {
  if (!/同比|相比|比较|较|同期|上年|去年|上一年/.test(clause)) return false;
  for (const m of clause.matchAll(/(?<!\d)((?:19|20)\d{2})\s{0,2}年(?!\s{0,2}\d{1,2}\s{0,2}月)/g)) if (Number(m[1]) !== year) return true;
  return false;
}

function readStatements(ctx: RuleContext, p: NarrativePattern): ProseStatement[] {
  const out: ProseStatement[] = [];
  const year = ctx.parsed.model.meta.year;
  for (const match of textMatches(ctx, p.re)) {
    const { m } = match;
    const before = ctx.parsed.norm.text.slice(Math.max(0, m.index - 8), m.index);
    if (p.total && /予以公开|部分公开|同意公开|不予公开|无法提供|不予处理|其他处理|告知|的有|其中/.test(before + m[0].slice(0, 4))) continue;
    if (p.not?.test(m[0])) continue;
    // A statement is in one paragraph, and a heading is none: a phrase does not run over a blank line, nor from a
    // heading (三、收到和处理政府信息公开申请情况) into the text under it.
    if (m[0].includes('\n') && (PARAGRAPH_BREAK.test(m[0]) || inHeadingTitle(ctx, m.index))) continue;
    // A figure of another year given for comparison (与2023年收到申请9件相比) is not this year's table's.
    if (year && otherYear(clauseAround(ctx.parsed.norm.text, m.index, m.index + m[0].length), year)) continue;
    out.push({ pattern: p, match, value: Number(m[1]), at: m.index + m[0].lastIndexOf(m[1]!) });
  }
  return out;
}

/** A table's lookup with one cell read as holding another value (what the tables would say after a fix). */
export function withValue(index: CellIndex, cell: Cell, value: number): CellLookup {
  return {
    get: (key) => {
      const c = index.get(key);
      return c === cell ? { ...c, kind: 'number', value } : c;
    },
    rowIds: () => index.rowIds(),
  };
}

/** A statement of the prose that speaks against changing a cell: literally about it, or agreeing now and not after. */
export interface ProseBacking {
  statement: ProseStatement;
  /** The phrase's literal reading is the cell's value as written (行政复议2件 and a 行政复议 总计 of 2). */
  literal: boolean;
}

/**
 * The first statement of the prose that speaks for the cell's value as written against setting it to `value`:
 * one whose literal reading is the value as written and would not be after (行政复议11件 next to a 行政复议 总计 of
 * 11 whose addends make 12: the wrong number is as likely an addend), else one that agrees with the tables now in
 * some reading and would agree in none after (the change would make the prose wrong). Null when none does.
 */
export function proseBacking(ctx: RuleContext, cell: Cell, value: number): ProseBacking | null {
  const t3 = table(ctx, 'T3'), t4 = table(ctx, 'T4');
  const i3 = ctx.cells(t3), i4 = ctx.cells(t4);
  const inT3 = !!t3 && t3.cells.includes(cell), inT4 = !!t4 && t4.cells.includes(cell);
  if (!inT3 && !inT4) return null;
  const f3 = inT3 && i3 ? withValue(i3, cell, value) : i3, f4 = inT4 && i4 ? withValue(i4, cell, value) : i4;
  let agreeing: ProseStatement | null = null;
  for (const p of NARRATIVE_PATTERNS) {
    const asWritten = p.accept(i3, i4), fixed = p.accept(f3, f4);
    // (A phrasing none of whose readings reads this cell gives the same values either way.)
    if (asWritten.every((x, k) => x === fixed[k])) continue;
    for (const s of proseStatements(ctx, p)) {
      if (asWritten[0] === s.value && fixed[0] !== s.value) return { statement: s, literal: true };
      if (!agreeing && asWritten.includes(s.value) && !fixed.includes(s.value)) agreeing = s;
    }
  }
  return agreeing && { statement: agreeing, literal: false };
}
