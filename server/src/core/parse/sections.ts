/**
 * Headings and the section tree. Levels: 一、 / （一） / 1. / （1） / ①, plus Markdown `#` and 第X部分.
 * A heading with its body on the same line (`（一）强化组织领导。严格执行……`) ends at the first 。.
 * Enumerations inside paragraphs (一是…) and table row labels (一、本年新收…) are not headings.
 * Crawler text that lost its line breaks is searched for the statutory headings inside lines.
 */
import type { ItemId, ItemMatch, NumberingStyle, Section } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { compactKey, isKeyCode, isSpaceCode, ownCopy, TextMemo } from '../text/normalize';
import { ITEMS } from '../schema/sections';

export interface RawHeading {
  start: number; end: number; // title span (normalised offsets)
  lineStart: number; // start of the heading (numbering included)
  title: string; // normalised title text (numbering included)
  level: number;
  numbering: { style: NumberingStyle; ordinal: number; raw: string } | null;
  inline: boolean;
  /** The Markdown heading level (the number of `#`), 0 when the line is no Markdown heading. */
  md: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 〇: 0, 零: 0, 两: 2 };
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_DIGITS[s] ?? NaN;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.length === 2 && s[1] === '十') return (CN_DIGITS[s[0]!] ?? 0) * 10;
  if (s.length === 3 && s[1] === '十') return (CN_DIGITS[s[0]!] ?? 0) * 10 + (CN_DIGITS[s[2]!] ?? 0);
  return NaN;
}

const CN = '[一二三四五六七八九十]{1,3}';
const PATTERNS: { style: NumberingStyle; level: number; re: RegExp }[] = [
  { style: 'part', level: 1, re: new RegExp(`^第(${CN})部分[\\s:：、.]*`) },
  { style: 'cn', level: 1, re: new RegExp(`^(${CN})\\s*[、.](?![是要])\\s*`) },
  { style: 'paren-cn', level: 2, re: new RegExp(`^\\(\\s*(${CN})\\s*\\)\\s*[、.]?\\s*`) },
  { style: 'arabic', level: 3, re: /^(\d{1,2})\s*[.、](?!\d)\s*/ },
  { style: 'paren-arabic', level: 4, re: /^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*/ },
  { style: 'circled', level: 5, re: /^([①-⑳])\s*/ },
];

/** The characters every numbering starts with, by code unit (a line's first character read as a string would be a new string). */
const NUMBERING_START = new Set([...'第一二三四五六七八九十(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'].map((c) => c.charCodeAt(0)));

/**
 * Longest statutory heading wording at text[at…], in compact form; returns the end offset or -1. A wording may go on
 * over one line break (一、总体⏎情况: PDF text wraps long headings), only while it is still a wording's beginning.
 */
export function statutoryPrefixEnd(text: string, at: number): number {
  // Walked in a tree of the wordings' characters: this runs at every numeral of a line's text, and building the
  // compact string a character at a time to look it up in sets hashed a new string at every step.
  let node: WordingNode | undefined = STATUTORY_WORDINGS;
  let bestEnd = -1;
  let wrapped = false;
  for (let i = at; i < Math.min(text.length, at + 48); i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (wrapped || i === at) break;
      wrapped = true;
      continue;
    }
    if (!isKeyCode(c)) continue;
    node = node.next.get(c);
    if (!node) break;
    if (node.whole) bestEnd = i + 1;
  }
  return bestEnd;
}

/** The statutory wordings in compact form, as a tree of their UTF-16 units; `whole` where a wording ends. */
interface WordingNode { next: Map<number, WordingNode>; whole: boolean }
const STATUTORY_WORDINGS: WordingNode = { next: new Map(), whole: false };
for (const item of ITEMS) {
  const words = [...item.synonyms, ...Object.values(item.standard).filter((s): s is string => !!s).map((s) => s.replace(/^[一二三四五六七]、/, ''))];
  for (const w of words) {
    let node = STATUTORY_WORDINGS;
    const k = compactKey(w);
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), whole: false }));
      node = child;
    }
    node.whole = true;
  }
}

interface Exclusion { start: number; end: number }

/**
 * A line's heading candidates before exclusions (tables, the preamble, the title line) apply: what a line holds
 * depends on that line alone (and on the next where a statutory wording wraps onto it), so after an edit only the
 * edited lines and the line before them are scanned again.
 * `inline` (headings inside a long line) is computed as if no exclusion touched the line and its own heading,
 * if any, counted; `selectHeadings` computes it again in the rare case that does not hold.
 */
export interface LineHeadings { lineStart: number; eol: number; head: RawHeading | null; inline: RawHeading[] }

/** The lines starting in [from, to) that hold a heading candidate or are long enough for inline headings. */
export function scanHeadingLines(text: string, from: number, to: number): LineHeadings[] {
  const out: LineHeadings[] = [];
  let pos = from;
  while (pos < to && pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    // (The view has no CR: every line break is one LF.)
    const head = headingAt(text, pos, eol);
    if (head || eol - pos > 300) {
      const inline: RawHeading[] = [];
      if (eol - pos > 300) findInlineHeadings(text, pos, eol, () => false, head ? [head] : [], inline);
      // Kept for later versions: their titles must not keep this version of the text alive.
      out.push({ lineStart: pos, eol, head: head && owned(head), inline: inline.map(owned) });
    }
    pos = eol + 1;
  }
  return out;
}

/** The headings of a document from its lines' candidates, with exclusions applied. */
export function selectHeadings(text: string, lines: LineHeadings[], exclude: Exclusion[], titleLineStart: number | null): RawHeading[] {
  const out: RawHeading[] = [];
  const excluded = (at: number) => exclude.some((e) => at >= e.start && at < e.end);
  for (const line of lines) {
    const head = line.head && line.lineStart !== titleLineStart && !excluded(line.head.lineStart) ? line.head : null;
    if (head) out.push(head);
    if (line.eol - line.lineStart <= 300) continue;
    const touched = exclude.some((e) => e.start < line.eol && e.end > line.lineStart);
    if (!touched && head === line.head) out.push(...line.inline);
    else findInlineHeadings(text, line.lineStart, line.eol, excluded, head ? [head] : [], out);
  }
  out.sort((a, b) => a.lineStart - b.lineStart);
  return alignMarkdownLevels(out);
}

/**
 * In Markdown, one number of `#` is one level: an unnumbered `## 其他需要报告的事项` among numbered `## 一、…` headings is
 * their sibling, not a section inside the one before it (which would also hide it from the statutory items). An
 * unnumbered Markdown heading takes the level most numbered headings with as many `#` have.
 */
function alignMarkdownLevels(headings: RawHeading[]): RawHeading[] {
  const votes = new Map<number, Map<number, number>>();
  for (const h of headings) {
    if (!h.md || !h.numbering) continue;
    const v = votes.get(h.md) ?? new Map<number, number>();
    v.set(h.level, (v.get(h.level) ?? 0) + 1);
    votes.set(h.md, v);
  }
  if (!votes.size) return headings;
  const levelOf = new Map([...votes].map(([md, v]) => [md, [...v].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]]));
  return headings.map((h) => {
    const level = h.md && !h.numbering ? levelOf.get(h.md) : undefined;
    return level === undefined || level === h.level ? h : { ...h, level };
  });
}

function owned(h: RawHeading): RawHeading {
  return { ...h, title: ownCopy(h.title), numbering: h.numbering && { ...h.numbering, raw: ownCopy(h.numbering.raw) } };
}

/** A line's candidates moved by `delta` (the text before them grew or shrank). */
export function shiftLineHeadings(line: LineHeadings, delta: number): LineHeadings {
  if (delta === 0) return line;
  const move = (h: RawHeading): RawHeading => ({ start: h.start + delta, end: h.end + delta, lineStart: h.lineStart + delta, title: h.title, level: h.level, numbering: h.numbering, inline: h.inline, md: h.md });
  return { lineStart: line.lineStart + delta, eol: line.eol + delta, head: line.head && move(line.head), inline: line.inline.map(move) };
}

// A cell that holds a number (or a dash) alone, after a tab.
const CELL_AFTER_TAB = /\t[ \u3000]{0,3}(?:\d{1,12}(?:\.\d{1,6})?|[—–-])[ \u3000]{0,3}(?:\t|$)/;

function headingAt(text: string, lineStart: number, eol: number): RawHeading | null {
  let i = lineStart;
  while (i < eol && isSpaceCode(text.charCodeAt(i))) i++;
  let mdLevel = 0;
  const md = text.charCodeAt(i) === 0x23 ? /^(#{1,6})\s+/.exec(text.slice(i, Math.min(eol, i + 10))) : null;
  if (md) { mdLevel = md[1]!.length; i += md[0].length; }
  // A heading set in bold (**一、总体情况**: what converters make of a bold Word paragraph) is the heading inside it.
  const bold = (text.charCodeAt(i) === 0x2a || text.charCodeAt(i) === 0x5f) && text.charCodeAt(i + 1) === text.charCodeAt(i);
  if (bold) i += 2;
  // Every numbering starts with one of these characters; most lines of prose start with none of them.
  if (!mdLevel && (i >= eol || !NUMBERING_START.has(text.charCodeAt(i)))) return null;
  const rest = text.slice(i, Math.min(eol, i + 200));
  for (const p of PATTERNS) {
    const m = p.re.exec(rest);
    if (!m) continue;
    const ordinal = p.style === 'circled' ? m[1]!.charCodeAt(0) - 0x245f : chineseNumber(m[1]!);
    // 六七、 is no numeral (a typo or a pasted pair): no numbered heading, whatever else the line is.
    if (Number.isNaN(ordinal)) continue;
    const bodyStart = i + m[0].length;
    if (bodyStart >= eol) return null;
    // 一是、二要 are enumerations in prose.
    if (/^[是要]/.test(text[bodyStart] ?? '')) return null;
    // A label with numbers in cells after it (a tab-separated row, a web page's table row) is a table's row, read or
    // not (a second copy of 表三 in a report pasted twice): 一、本年新收…\t80\t1.
    // (Searched in the line only: indexOf on the text would read on to the next tab, megabytes on for every heading.)
    const line = text.slice(bodyStart, Math.min(eol, bodyStart + 200));
    const tab = line.indexOf('\t');
    if (tab >= 0 && CELL_AFTER_TAB.test(line.slice(tab))) return null;
    const end = unbolded(text, i, bodyStart, titleEnd(text, bodyStart, eol, p.level), bold);
    if (end < 0) return null;
    const title = unwrapped((bold ? text.slice(i, end).replace(/\*\*|__/g, '') : text.slice(i, end)).trim());
    if (compactKey(title).length < 2) return null;
    return { start: i, end, lineStart: i, title, level: p.level, numbering: { style: p.style, ordinal, raw: m[0].trim() }, inline: false, md: mdLevel };
  }
  if (mdLevel) {
    const end = unbolded(text, i, i, titleEnd(text, i, eol, mdLevel), bold);
    if (end < 0 || compactKey(text.slice(i, end)) === '') return null; // `## ` alone names nothing
    return { start: i, end, lineStart: i, title: text.slice(i, end).trim(), level: mdLevel, numbering: null, inline: false, md: mdLevel };
  }
  return null;
}

/**
 * How a heading's line is marked up around its title, as written in the source: its Markdown marks (`## `) and the
 * bold around it (`**`, both ends, else none). What a new heading written like it takes (a plain line among `## 一、…`
 * headings would be a paragraph in the rendered Markdown).
 */
export function headingMarkup(source: string, lines: LineIndex, heading: Section): { marks: string; bold: string } {
  const start = lines.offsetAt(heading.headingRange.start), end = lines.offsetAt(heading.headingRange.end);
  const lineStart = lines.offsetAt({ line: heading.headingRange.start.line, character: 0 });
  const before = /^[^\S\r\n]*(#{1,6}[^\S\r\n]+)?(\*\*|__)?$/.exec(source.slice(lineStart, start));
  const after = /^(\*\*|__)?[^\S\r\n]*$/.exec(source.slice(end, lines.lineEnd(heading.headingRange.end.line)));
  if (!before) return { marks: '', bold: '' };
  return { marks: before[1] ?? '', bold: after && before[2] && before[2] === after[1] ? before[2] : '' };
}

/** A heading title wrapped over two lines (see statutoryPrefixEnd), as one line: Chinese joins without a space. */
export function unwrapped(title: string): string {
  return title.includes('\n') ? title.split('\n').map((part) => part.trim()).join('') : title;
}

/**
 * A bold heading's title ends before the closing `**` (or `__`): at the end of the line's title, or where the bold
 * closes after some of the title's words (**二、三季度**集中开展培训). Closing right after the numbering
 * (**一.** 加强组织领导), the bold is the numeral's only.
 */
function unbolded(text: string, start: number, bodyStart: number, end: number, bold: boolean): number {
  if (!bold || end < 0) return end;
  const close = Math.min(...['**', '__'].map((mark) => { const c = text.indexOf(mark, bodyStart); return c < 0 ? Infinity : c; }));
  if (close < end && compactKey(text.slice(bodyStart, close)) !== '') end = close;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  while (end > start && (text.charCodeAt(end - 1) === 0x2a || text.charCodeAt(end - 1) === 0x5f)) end--;
  return end;
}

/** Where a heading's title ends: at the first sentence stop, or the line end when the line is short. */
function titleEnd(text: string, from: number, eol: number, level: number): number {
  if (level === 1) {
    const s = statutoryPrefixEnd(text, from);
    if (s > 0) {
      // A statutory wording followed by more text on the line: the body starts there.
      const after = text.slice(s, Math.min(eol, s + 2));
      if (after === '' || /^[\s。.:：]/.test(after) || eol - s > 0) return s;
    }
  }
  const lineLen = eol - from;
  const stop = text.slice(from, Math.min(eol, from + 60)).search(/[。！？!?；;]/);
  if (stop >= 0) return from + stop;
  if (lineLen <= 50) {
    let e = eol;
    while (e > from && /[\s:：,，]/.test(text[e - 1]!)) e--;
    return e;
  }
  return -1;
}

// (Not preceded by a numeral or 第: the lookbehind comes after the first numeral, so that the regex engine looks for
// numerals first instead of trying the lookbehind at every position of the text.)
const INLINE = /([一二三四五六七八九十](?<![一二三四五六七八九十第].)[一二三四五六七八九十]{0,2})[、.]/g;
const LOOSE_BEFORE = /[。；;！？\s>"”)）]/;

/**
 * Top-level headings inside a long line (crawler text that lost its line breaks). A standard wording is
 * enough; any other title must end with a closing word (情况, 事项 …) after a sentence stop, and either
 * name a statutory item or continue the numbering of the headings already found.
 */
function findInlineHeadings(text: string, from: number, to: number, excluded: (at: number) => boolean, onLine: RawHeading[], out: RawHeading[]): void {
  INLINE.lastIndex = from;
  const cands: (RawHeading & { known: boolean })[] = [];
  let m: RegExpExecArray | null;
  // Searched in the text up to just past the line (a match is at most 4 characters), not on to the next match.
  const upTo = text.slice(0, Math.min(text.length, to + 8));
  while ((m = INLINE.exec(upTo)) && m.index < to) {
    const at = m.index;
    if (Number.isNaN(chineseNumber(m[1]!))) continue;
    if (at === from || excluded(at)) continue;
    if (onLine.some((h) => h.lineStart === at)) continue;
    const bodyStart = at + m[1]!.length + 1;
    let end = statutoryPrefixEnd(text, bodyStart);
    let known = end > 0;
    if (!known) {
      if (!LOOSE_BEFORE.test(text[at - 1] ?? '')) continue;
      const window = text.slice(bodyStart, Math.min(to, bodyStart + 36));
      const closing = /^[^。，,；;:：\s]*(情况|事项|措施|概述|概况|打算|方向|不足|统计表|附表)/.exec(window);
      if (!closing || closing[0].length <= 1) continue;
      end = bodyStart + closing[0].length;
      known = matchItems(text.slice(at, end)).length > 0;
    }
    cands.push({ start: at, end, lineStart: at, title: text.slice(at, end), level: 1, numbering: { style: 'cn', ordinal: chineseNumber(m[1]!), raw: m[1]! + '、' }, inline: true, md: 0, known });
  }
  const accepted = cands.filter((c) => c.known);
  // Unknown titles are accepted when they continue the numbering (二、重点领域… between 一、概述 and 三、主动公开…).
  for (const c of cands) {
    if (c.known) continue;
    const ord = c.numbering!.ordinal;
    const before = accepted.filter((a) => a.lineStart < c.lineStart).pop();
    const after = accepted.find((a) => a.lineStart > c.lineStart);
    if (before && before.numbering!.ordinal === ord - 1 && (!after || after.numbering!.ordinal === ord + 1)) {
      accepted.push(c);
      accepted.sort((a, b) => a.lineStart - b.lineStart);
    }
  }
  for (const { known: _k, ...h } of accepted) out.push(h);
}

// ------------------------------------------------------------------ statutory items

const RULES: { id: ItemId; re: RegExp; unless?: RegExp }[] = [
  { id: 'review', re: /复议|诉讼/ },
  { id: 'fees', re: /收费|减免|费用/ },
  { id: 'problems', re: /问题|改进|工作打算|不足|下一步|努力方向|工作计划|工作设想/ },
  { id: 'other', re: /其他需要|其它需要|需要报告|需要说明|其他事项|其它事项|其他需报告|其它需报告/ },
  { id: 'active', re: /主动公开|重点领域/, unless: /依申请/ },
  { id: 'application', re: /依申请|申请公开|收到和处理|处理政府信息公开申请|公开申请|不予公开/ },
  { id: 'overview', re: /概述|总体情况|概况|基本情况|总体工作|工作要点落实|基本工作|主要做法|工作成效|完成情况/ },
];

const EXACT = new Map<string, ItemId>();
for (const item of ITEMS) {
  for (const syn of [...item.synonyms, ...Object.values(item.standard).filter((s): s is string => !!s)]) {
    const k = compactKey(syn).replace(/^[一二三四五六七八九十]+/, '');
    if (!EXACT.has(k)) EXACT.set(k, item.id);
  }
}

export function matchItems(title: string): readonly ItemMatch[] {
  // Remembered: the same headings are matched again in every version of a document, and across reports.
  return itemsOfTitle.get(title, (own) => Object.freeze(matchItemsOnce(own).map((m) => Object.freeze(m))));
}
const itemsOfTitle = new TextMemo<readonly ItemMatch[]>(4096);

function matchItemsOnce(title: string): ItemMatch[] {
  const key = compactKey(title).replace(/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+)/, '');
  const exact = EXACT.get(key);
  if (exact) return [{ id: exact, confidence: 1 }];
  const ids = new Set<ItemId>();
  for (const r of RULES) {
    if (!r.re.test(key) || (r.unless && r.unless.test(key))) continue;
    if (r.id === 'application' && ids.has('review') && !/依申请|收到和处理/.test(key)) continue;
    if (r.id === 'fees' && /处理费/.test(key) && !/收费及减免|收费和减免/.test(key)) continue;
    ids.add(r.id);
  }
  return [...ids].map((id) => ({ id, confidence: ids.size === 1 ? 0.8 : 0.6 }));
}

/** Words in a section's body that show it also reports an item its heading does not name. */
export const BODY_EVIDENCE: Partial<Record<ItemId, RegExp>> = {
  active: /主动公开/g,
  application: /依申请公开|公开申请/g,
  // The office's own charges for answering requests, not the fee standards it discloses (收费标准).
  fees: /(?:收取|收费|减免)[^。，、]{0,8}(?:检索|复制|邮寄|处理费|申请人)|(?:未|没有|不|均未)收取|免收|收费及减免|减免情况/g,
  review: /行政复议|行政诉讼/g,
  problems: /存在的问题|存在问题|主要问题|不足之处|改进措施|改进情况/g,
};
