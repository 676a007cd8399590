/**
 * Metadata: title, issuing body, year, statistics period, publication date, format era, web-page preamble.
 * Works on the normalised text; offsets returned are normalised offsets.
 */
import { Matches } from '../text/matches';
import type { Era, OrganType } from '../model';
import { ERA_LABELS } from '../schema/tables';
import { compactKey, isBlankSpan, isSpaceCode } from '../text/normalize';
import { chineseNumber } from './sections';

export interface RawMeta {
  title: { text: string; start: number; end: number } | null;
  organ: string | null;
  organType: OrganType;
  year: number | null;
  period: { start: string; end: string; raw: string; from: number; to: number } | null;
  publishDate: { value: string; raw: string; from: number; to: number } | null;
  preamble: { start: number; end: number } | null;
}

// A year in digits (group 1) or in Chinese numerals (group 2: 二〇二四; yearIn reads both).
const YEAR = '((?:19|20)\\d{2})|(二[〇零○][〇零○一二三][〇零○一二三四五六七八九])';
const TITLE = new RegExp(`(?:${YEAR})\\s*年\\s*度?\\s*[^\\s。，,；;:：]{0,24}?(?:年度报告|工作报告|年报|工作总结)`, 'g');
const PREAMBLE_DEBRIS = /当前位置|您现在的位置|首页|登录|注册|发布日期|发布时间|点击数|浏览次数|字体|大\s*中\s*小|无障碍|长辈版|分享到|打印|关闭|来源[:：]|时间[:：]|信息索引|索引号|主题分类|发文机关|成文日期|文号|微信|微博/;

export function parseMeta(text: string): RawMeta {
  const title = findTitle(text);
  let organ: string | null = null;
  if (title) organ = organFromTitle(title);
  const head = text.slice(0, 4000);
  if (!organ) {
    const m = /(?:现公布|现予公布|现将)\s{0,3}([\u4e00-\u9fff]{2,30}?)(?:\([^)]{0,30}\))?\s{0,3}(?:19|20)\d{2}\s{0,3}年度?\s{0,3}政府信息公开/.exec(head);
    if (m) organ = m[1]!;
  }
  const period = findPeriod(text);
  let year: number | null = null;
  if (title) year = yearIn(title.text);
  if (!year && period) year = Number(period.start.slice(0, 4));
  if (!year) {
    const m = /((?:19|20)\d{2})\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/.exec(head);
    if (m) year = Number(m[1]);
  }
  const signature = findSignature(text);
  if (!organ && signature.organ) organ = signature.organ;
  const publishDate = signature.date ?? findHeaderDate(text, title);
  let preamble: RawMeta['preamble'] = null;
  if (title && title.start > 0) {
    const before = text.slice(0, title.start);
    const lines = before.split('\n').filter((l) => l.trim());
    // A Markdown heading marker before the title is not debris.
    if (before.replace(/[#\s]/g, '') && (PREAMBLE_DEBRIS.test(before) || lines.every((l) => l.trim().length <= 30))) {
      preamble = { start: 0, end: title.start };
    }
  }
  return { title, organ, organType: organTypeOf(organ), year, period, publishDate, preamble };
}

function findTitle(text: string): RawMeta['title'] {
  const wrapped = findWrappedTitle(text);
  if (wrapped) return wrapped;
  TITLE.lastIndex = 0;
  const limit = Math.min(text.length, 3000);
  let m: RegExpExecArray | null;
  while ((m = TITLE.exec(text)) && m.index < limit) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let start = m.index;
    // Walk back over the body's name (Chinese characters, brackets) on the same line; one or two spaces may
    // separate it from the year (`# 沐阳县人民政府 2025 年…`).
    let s2 = start;
    while (s2 > lineStart && s2 > start - 2 && /[ \t\u3000]/.test(text[s2 - 1]!)) s2--;
    if (s2 < start && s2 > lineStart && /[\u4e00-\u9fff）)]/.test(text[s2 - 1]!)) start = s2;
    while (start > lineStart && /[\u4e00-\u9fff()（）]/.test(text[start - 1]!)) start--;
    const lineEnd = (() => { const e = text.indexOf('\n', m.index); return e < 0 ? text.length : e; })();
    const end = m.index + m[0].length;
    const fullLine = text.slice(lineStart, lineEnd).trim();
    const isStandalone = fullLine.length <= 60 && !/[。，,]/.test(fullLine);
    const mentionsDisclosure = /信息公开|政务公开/.test(m[0]);
    if (!mentionsDisclosure) continue;
    // A title is a line of its own, or (crawler text) the start of a very long line.
    if (isStandalone || (start - lineStart < 200 && lineEnd - lineStart > 300 && !/[。]/.test(text.slice(lineStart, start)))) {
      // Title split over two lines: the body's name alone on the line before. (Either line may be indented: Word
      // documents centre a title with spaces.)
      if (lineStart > 0 && isBlankSpan(text, lineStart, start)) {
        const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
        const prev = text.slice(prevStart, lineStart - 1).trim();
        if (prev && prev.length <= 30 && /(政府|局|委|办公室|办公厅|管委会|委员会|中心|院|街道|镇|乡|县|区|市)$/.test(prev) && !PREAMBLE_DEBRIS.test(prev)) {
          return { text: `${prev}${text.slice(start, end)}`, start: prevStart + (text.slice(prevStart).length - text.slice(prevStart).trimStart().length), end };
        }
      }
      const t = text.slice(start, end).replace(/^#+\s*/, '');
      return { text: t, start: start + (text.slice(start, end).length - t.length), end };
    }
  }
  return null;
}

/**
 * A title a PDF converter wrapped inside its wording: `2024 年上海市科委政府信息公开工作` / `年度报告`.
 * Only short lines near the top are joined; the title's text drops the line break.
 */
function findWrappedTitle(text: string): RawMeta['title'] {
  const lines = text.slice(0, 3000).split('\n');
  let at = 0;
  for (let i = 0; i + 1 < Math.min(lines.length, 30); i++) {
    const a = lines[i]!.trim(), b = lines[i + 1]!.trim();
    if (a.length <= 40 && b.length <= 12 && /(?:19|20)\d{2}\s{0,3}年/.test(a) && /信息公开|政务公开/.test(a) && !/报告|年报|总结/.test(a) && /^[\u4e00-\u9fff]{0,8}(?:年度报告|报告|年报)$/.test(b)) {
      // The range starts after a Markdown heading mark, as the title's text does.
      const mark = /^#+\s*/.exec(a)?.[0].length ?? 0;
      const start = at + lines[i]!.indexOf(a) + mark;
      const end = at + lines[i]!.length + 1 + lines[i + 1]!.indexOf(b) + b.length;
      return { text: (a + b).slice(mark), start, end };
    }
    at += lines[i]!.length + 1;
  }
  return null;
}

const YEAR_IN = new RegExp(YEAR);
const ORGAN_BEFORE_YEAR = new RegExp(`^(.{0,80}?)\\s{0,3}(?:${YEAR})\\s{0,3}年`);
/** The first year in a title, written in digits or in Chinese numerals (二〇二四年). */
function yearIn(title: string): number | null {
  const m = YEAR_IN.exec(title);
  return m ? (m[1] ? Number(m[1]) : cnYear(m[2]!)) : null;
}

function organFromTitle(title: { text: string }): string | null {
  const m = ORGAN_BEFORE_YEAR.exec(title.text);
  let organ = m?.[1]?.replace(/\s+/g, '').replace(/^[#\s]+/, '') ?? '';
  if (organ.length < 2) {
    // The body's name after the year: 2019年上海市人民政府办公厅政府信息公开工作年度报告.
    const after = /(?:19|20)\d{2}\s{0,3}年度?\s{0,3}([\u4e00-\u9fff（）()]{0,30}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管委会|局|委|厅|中心|院|署|办))\s{0,3}(?:政府信息公开|信息公开|政务公开)/.exec(title.text);
    organ = after?.[1] ?? '';
  }
  return organ.length >= 2 ? organ : null;
}

export function organTypeOf(organ: string | null): OrganType {
  if (!organ) return 'unknown';
  if (/(人民政府|管委会|管理委员会|街道办事处|政府)$/.test(organ)) return 'government';
  if (/(办公室|办公厅|局|委|委员会|厅|中心|院|所|处|站|署|办|会|公司|部)$/.test(organ)) return 'department';
  // A place name stands for its government (平潭综合实验区, 某某县).
  if (/(省|市|县|区|旗|盟|州|镇|乡|实验区|开发区|新区|示范区)$/.test(organ)) return 'government';
  return 'unknown';
}

const DATE_NUM = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
// A date written with hyphens, slashes or dots (2025-01-20), as a signature may be.
const DATE_ISO = /((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const DATE_CN = /([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

function cnYear(s: string): number {
  return Number([...s].map((c) => ({ 〇: 0, 零: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 } as Record<string, number>)[c] ?? 0).join(''));
}
const pad = (n: number) => String(n).padStart(2, '0');

export function parseDate(s: string): string | null {
  let m = DATE_NUM.exec(s);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = DATE_CN.exec(s);
  if (m) return `${cnYear(m[1]!)}-${pad(chineseNumber(m[2]!))}-${pad(chineseNumber(m[3]!))}`;
  m = DATE_ISO.exec(s);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return null;
}

function findPeriod(text: string): RawMeta['period'] {
  const re = /((?:19|20)\d{2})\s{0,3}年\s{0,3}(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}日\s{0,3}(?:起)?\s{0,3}(?:至|到|—|-|~|～)\s{0,3}(?:((?:19|20)\d{2})\s{0,3}年\s{0,3})?(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}日/;
  const m = re.exec(text.slice(0, 8000));
  if (!m) return null;
  const y2 = m[4] ?? m[1]!;
  return { start: `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`, end: `${y2}-${pad(Number(m[5]))}-${pad(Number(m[6]))}`, raw: m[0], from: m.index, to: m.index + m[0].length };
}

/** The signature block at the end: an issuing body and a date on lines of their own. */
function findSignature(text: string): { organ: string | null; date: RawMeta['publishDate'] } {
  const tailStart = Math.max(0, text.length - 600);
  const tail = text.slice(tailStart);
  const lines: { s: string; at: number }[] = [];
  let at = tailStart;
  for (const l of tail.split('\n')) { lines.push({ s: l, at }); at += l.length + 1; }
  const nonEmpty = lines.filter((l) => l.s.trim()).slice(-6);
  let date: RawMeta['publishDate'] = null;
  let organ: string | null = null;
  for (let k = nonEmpty.length - 1; k >= 0; k--) {
    const l = nonEmpty[k]!;
    const t = l.s.trim();
    if (!date && t.length <= 56) {
      const m = DATE_NUM.exec(t) ?? DATE_CN.exec(t) ?? DATE_ISO.exec(t);
      // The date alone on its line, or after the body's name on the same line (某县人民政府办公室  2025年1月20日).
      const before = m ? t.slice(0, m.index).trim() : '';
      const sameLine = !!before && before.length <= 30 && organTypeOf(before) !== 'unknown' && !/[。，,]/.test(before);
      if (m && m.index + m[0].length >= t.length - 2 && (m.index <= 2 || sameLine)) {
        const v = parseDate(m[0]);
        const off = l.at + l.s.indexOf(m[0]);
        if (v) date = { value: v, raw: m[0], from: off, to: off + m[0].length };
        const prev = nonEmpty[k - 1]?.s.trim();
        if (sameLine) organ = before;
        else if (prev && prev.length <= 30 && organTypeOf(prev) !== 'unknown' && !/[。，]/.test(prev)) organ = prev;
        break;
      }
    }
  }
  return { organ, date };
}

function findHeaderDate(text: string, title: RawMeta['title']): RawMeta['publishDate'] {
  const head = text.slice(0, (title?.end ?? 0) + 400);
  const m = /(?:发布日期|发布时间|时间|日期)\s*[:：]\s*((?:19|20)\d{2}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2})/.exec(head);
  if (!m) return null;
  const v = parseDate(m[1]!.replace(/年|月/g, '-'));
  if (!v) return null;
  const off = m.index + m[0].indexOf(m[1]!);
  return { value: v, raw: m[1]!, from: off, to: off + m[1]!.length };
}

/**
 * The citation of the format's document, 〔2019〕60号 (or (2019) / [2019], spaces allowed inside): the year, then the
 * bracket before it. The regexes start at the year, a literal V8 finds fast; one that starts at the bracket is tried
 * at every position of the text (≈ 4× slower on a megabyte). Where its first citation starts (its opening bracket),
 * or null.
 */
export const CITES_2019 = /2019(?:(?<=〔\s{0,8}2019)(?=\s{0,8}〕\s{0,8}60\s{0,8}号)|(?<=\(\s{0,8}2019)(?=\s{0,8}\)\s{0,8}60\s{0,8}号)|(?<=\[\s{0,8}2019)(?=\s{0,8}\]\s{0,8}60\s{0,8}号))/;
export const CITES_2021 = /2021(?:(?<=〔\s{0,8}2021)(?=\s{0,8}〕\s{0,8}30\s{0,8}号)|(?<=\(\s{0,8}2021)(?=\s{0,8}\)\s{0,8}30\s{0,8}号)|(?<=\[\s{0,8}2021)(?=\s{0,8}\]\s{0,8}30\s{0,8}号))/;
export function citation(text: string, matches: Matches, re: RegExp): number | null {
  const m = matches.first(re);
  if (!m) return null;
  // Back over the spaces the regex allowed (at most 8: it checked) to the bracket.
  let at = m.index;
  while (at > 0 && isSpaceCode(text.charCodeAt(at - 1))) at--;
  return at - 1;
}

/**
 * The ERA_LABELS keys a table's compact text holds: one scan for all of them (a search of the whole table per key
 * was 5 % of a report's analysis). Where the scan stops, every key that starts there is taken, and the scan goes on
 * at the next position: exactly the keys `includes` would find.
 */
export function eraKeysIn(compact: string): Set<string> {
  const found = new Set<string>();
  const re = ERA_KEY_STARTS;
  re.lastIndex = 0;
  for (let m = re.exec(compact); m; m = re.exec(compact)) {
    for (const { key } of ERA_LABELS) if (compact.startsWith(key, m.index)) found.add(key);
    re.lastIndex = m.index + 1;
  }
  return found;
}
const ERA_KEY_STARTS = new RegExp(ERA_LABELS.map((l) => l.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** Evidence for the format era, strongest first: the tables' labels, then cited notices, then the year. */
export function eraEvidence(text: string, year: number | null, tableSpans: { start: number; end: number }[], matches: Matches = new Matches(text)): { era: Era; evidence: { text: string; era: Era; weight: number; at: number | null }[] } {
  const evidence: { text: string; era: Era; weight: number; at: number | null }[] = [];
  for (const span of tableSpans) {
    const found = eraKeysIn(compactKey(text.slice(span.start, span.end)));
    for (const m of ERA_LABELS) {
      if (found.has(m.key) && !evidence.some((e) => e.text === m.label)) {
        const at = text.indexOf(m.label.slice(0, 4), span.start);
        evidence.push({ text: m.label, era: m.era, weight: 3, at: at >= 0 && at < span.end ? at : span.start });
      }
    }
  }
  const cite19 = citation(text, matches, CITES_2019);
  if (cite19 !== null) evidence.push({ text: '国办公开办函〔2019〕60号', era: '2019', weight: 1, at: cite19 });
  const cite21 = citation(text, matches, CITES_2021);
  if (cite21 !== null) evidence.push({ text: '国办公开办函〔2021〕30号', era: '2021', weight: 1, at: cite21 });
  if (year) evidence.push({ text: `${year}年度报告`, era: year <= 2018 ? '2008' : year <= 2020 ? '2019' : '2021', weight: year <= 2018 ? 2 : 1, at: null });
  const tableVotes = (era: Era) => evidence.filter((e) => e.weight === 3 && e.era === era).length;
  let era: Era;
  if (tableVotes('2019') || tableVotes('2021')) era = tableVotes('2021') >= tableVotes('2019') ? '2021' : '2019';
  else if (year) era = year <= 2018 ? '2008' : year <= 2020 ? '2019' : '2021';
  else if (cite21) era = '2021';
  else if (cite19) era = '2019';
  else era = '2021';
  evidence.sort((a, b) => b.weight - a.weight);
  return { era, evidence };
}
