/**
 * Finds the standard tables in a report and aligns them to the templates of spec §2 by their labels.
 *
 * The same method serves every representation: the table's stretch of text is cut into label and
 * value tokens (tableTokens.ts); values that belong together form groups (a grid row's trailing cells,
 * or a run of numbers in flowing text); a group whose own label names a template row is an anchor;
 * groups between two anchors fill the template rows between them in order. That order-preserving
 * alignment is what reads PDF text, where a label may sit on the line after its numbers (or, alone on its
 * line above a number alone on its own, before or after: decided per table, `writtenLabelFirst`), and
 * fragments of tables broken across pages.
 *
 * All offsets here are in the normalised text; the caller maps them to the source.
 */
import { Matches, reachOf } from '../text/matches';
import type { CellKind, TableKind, TableRepresentation } from '../model';
import { compactKey, ownCopy, TextMemo } from '../text/normalize';
import { relationsFor } from '../schema/relations';
import {
  ERA_LABELS, T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_RESULTS, t2RowLabel,
  type RowSpec, type TableEra,
} from '../schema/tables';
import { segmentDigits, type Piece } from './segment';
import { statutoryPrefixEnd } from './sections';
import { asPlaceholder, looksLikeValue, ORDINAL_ONLY, tokenize, type LineShape, type Token } from './tableTokens';

export interface RawCell {
  rowId: string; row: string; rowPath: string[];
  col: string; colPath: string[];
  raw: string; value: number | null; kind: CellKind;
  unit?: string; note?: string; inferred?: boolean;
  start: number; end: number;
}

export interface RawTable {
  kind: TableKind;
  era: TableEra | null;
  representation: TableRepresentation;
  confidence: number;
  start: number; end: number;
  cells: RawCell[];
  rows: { rowId: string; label: string; raw: string; start: number; end: number }[];
  missingRows: string[];
  unknownRows: { raw: string; start: number; end: number }[];
  otherEraLabels: { raw: string; era: TableEra; start: number; end: number }[];
}

// ------------------------------------------------------------------ regions

interface Region { kind: TableKind; start: number; end: number }

const T2_ANCHOR = /第二十条\s{0,3}第?\s{0,3}[(（]?\s{0,3}[一1]\s{0,3}[)）]?\s{0,3}项/g;
const T3_ANCHORS = [/勾稽关系/g, /申请人情况/g, /本年新收政府信息公开申请数量/g];
// 行政复议 of the section heading (…行政复议、行政诉讼情况, 2008: …行政复议、提起行政诉讼…), also wrapped over two lines.
const NOT_HEADING_WORDING = String.raw`(?![、,，]?\s{0,3}行\s{0,2}政\s{0,2}诉\s{0,2}讼\s{0,2}情\s{0,2}况)(?!、\s{0,2}提\s{0,2}起)`;
const T4_HEADER = new RegExp(String.raw`行政复议${NOT_HEADING_WORDING}[\s\S]{0,80}?(?:行政诉讼|结果)`, 'g');
const T4_HEADER_LABEL = new RegExp(`行政复议${NOT_HEADING_WORDING}`, 'g');
// Section headings that end a table's stretch of text. Numbered by whatever numeral the report used
// (numbering is often wrong), recognised by their wording. A numeral not after another: the regexes start with the
// numeral and look behind it from there (the same matches; started with the lookbehind, every position of the text
// was tried, 5–7× slower).
const SECTION_AFTER_TABLES = /[一二三四五六七八](?<=(?:^|[^一二三四五六七八九十])[一二三四五六七八])\s{0,3}(?:[、.]|部分)\s{0,3}[^\n]{0,16}?(?:问题|改进|其他需要|其它需要|需要报告)/g;
const SECTION_FOUR = /[一二三四五六七](?<=(?:^|[^一二三四五六七八九十])[一二三四五六七])\s{0,3}(?:[、.]|部分)\s{0,3}[^\n]{0,16}(?:复议|诉讼)/g;
const SECTION_THREE = /[一二三四五六七](?<=(?:^|[^一二三四五六七八九十])[一二三四五六七])\s{0,3}(?:[、.]|部分)\s{0,3}(?:收到和处理|依申请)/g;

/**
 * A heading numbered 一、… or 第一部分 at a line start (after indentation, Markdown's # or bold's **); not one of 表三's rows, which are
 * numbered the same way (一、本年新收…, 四、结转下年度继续办理) and, out of place, are still table rows.
 */
const TOP_HEADING_AT_LINE_START = /(?<=^|\n)[ \t\u3000]{0,8}(?:#{1,6}[ \t]{0,4})?(?:\*\*|__)?(?:[一二三四五六七八九十][ \t]{0,3}[、.](?![ \t\u3000]{0,3}(?:本年新收|上年结转|本年度办|结转下年))|第[一二三四五六七八九十][ \t]{0,3}部分)/g;
// …followed by a name of four characters at least (PDF text splits a vertical label as 三、本 on a line of its own).
const NAMED_HEADING_AT_LINE_START = new RegExp(`${TOP_HEADING_AT_LINE_START.source}(?=[ \\t\\u3000]{0,3}[\\u4e00-\\u9fff]{4})`, 'g');
// The title of any block of 表二: 第二十条第（一）项 … 第（八）项.
const T2_BLOCK_TITLE = /第二十条\s{0,3}第?\s{0,3}[(（]?\s{0,3}[一二三四五六七八九十\d]{1,2}\s{0,3}[)）]?\s{0,3}项/g;
// Where 表二 starts without its first title: the column header of its first block (2021: 本年制发件数; 2019:
// 本年新制作数量, 本年新公开数量) or any block's title, whichever comes first (one search).
const T2_LATER_START = new RegExp(`本年(?:制发件数|新制作数量|新公开数量)|${T2_BLOCK_TITLE.source}`, 'g');
// 表四's result columns side by side (cells apart by spaces, tabs or pipes, or run together as PDF text prints them).
const T4_HEADER_CELLS = /结果维持[\s|｜]{0,40}结果纠正[\s|｜]{0,40}其他结果/g;

/**
 * Where 表二 starts, before `to`: at its first block's title (第二十条第（一）项); when that title is missing or
 * mangled (第二十条（一）, …款, split by markup), at the first block's column header, or at the title of a later block.
 * (The whole table was lost with its first title: a false table-missing.)
 */
function t2Start(text: string, to: number): number {
  const first = firstMatch(T2_ANCHOR, text, 0, to);
  return first >= 0 ? first : firstMatch(T2_LATER_START, text, 0, to);
}

/** The first match starting in [from, to). The search stops near `to` (the regex's reach past it), not at the text's end. */
function firstMatch(re: RegExp, text: string, from: number, to = text.length): number {
  const reach = reachOf(re.source, re.flags);
  re.lastIndex = from;
  const m = re.exec(reach && to + reach.ahead < text.length ? text.slice(0, to + reach.ahead) : text);
  return m && m.index < to ? m.index : -1;
}

function lineStartOf(text: string, at: number): number {
  const nl = text.lastIndexOf('\n', at - 1);
  const start = nl + 1;
  // In a file that is one long line, start at the anchor itself.
  if (at - start > 400) return at;
  // After a statutory heading before the anchor on its line (crawler text with a short introduction:
  // …二、主动公开政府信息情况第二十条第（一）项…): the heading is the section's, not the table's.
  let from = start;
  NUMBERED.lastIndex = 0;
  const line = text.slice(start, at);
  for (let m = NUMBERED.exec(line); m; m = NUMBERED.exec(line)) {
    const end = statutoryPrefixEnd(text, start + m.index + m[0].length);
    if (end > 0 && end <= at) from = end;
  }
  return from;
}
const NUMBERED = /[一二三四五六七八九十]\s{0,3}[、.]\s{0,3}/g;

export function findTableRegions(text: string): Region[] {
  const regions: Region[] = [];
  const t3Candidates = T3_ANCHORS.map((re) => firstMatch(re, text, 0)).filter((i) => i >= 0);
  let t3 = t3Candidates.length ? Math.min(...t3Candidates) : -1;
  const t2 = t2Start(text, t3 >= 0 ? t3 : text.length);
  if (t3 >= 0) t3 = lineStartOf(text, t3);
  // The Table 4 header comes after Table 3's rows (narrative text before it may also say 行政复议…结果维持).
  const t3Last = t3 >= 0 ? lastT3Row(text, t3) : -1;
  const t4From = t3Last >= 0 ? t3Last : (t2 >= 0 ? t2 : 0);
  // Without 表二 or 表三 the words of 表四's header are too often prose (行政复议……结果维持): 表四 is looked for only
  // where its result columns are written side by side, as a table heads them.
  let t4 = t3 >= 0 || t2 >= 0 ? t4HeaderStart(text, t4From) : t4HeaderCellsStart(text);
  // A report that puts 四 before 三 (section-order says so) has 表四 before 表三: found there by its header cells.
  if (t4 < 0 && t3 >= 0) { const early = t4HeaderCellsStart(text); if (early >= 0 && early < t3) t4 = early; }
  if (t4 >= 0) t4 = lineStartOf(text, t4);
  if (t2 >= 0) {
    const s = lineStartOf(text, t2);
    let end = Math.min(t3 > s ? t3 : text.length, t4 > s ? t4 : text.length);
    const s3 = firstMatch(SECTION_THREE, text, s, end);
    if (s3 >= 0) end = s3;
    end = Math.min(end, s + 20000);
    // 表二's rows are not numbered 一、二、: a numbered heading at a line start after its last block title ends it,
    // whatever its wording (a report's own order may put 四、政府信息管理 between 表二 and 表三). After the last title:
    // the first 第二十条第（一）项 may be in the prose before the table, and a block may be captioned 一、… wrongly.
    const heading = firstMatch(TOP_HEADING_AT_LINE_START, text, lastMatchIn(T2_BLOCK_TITLE, text, t2, end) + 1, end);
    if (heading >= 0) end = heading;
    regions.push({ kind: 'T2', start: s, end });
  }
  if (t3 >= 0) {
    let end = t4 > t3 ? t4 : text.length;
    const s4 = firstMatch(SECTION_FOUR, text, Math.max(t3, t3Last), end);
    if (s4 >= 0) end = s4;
    const s5 = firstMatch(SECTION_AFTER_TABLES, text, t3, end);
    if (s5 >= 0) end = s5;
    // After its last row (四、结转下年度继续办理) a numbered heading at a line start ends it too: in the 2008 order
    // 四、收费及减免情况 follows, which neither wording above knows.
    end = Math.min(end, t3 + 40000);
    if (t3Last > t3) {
      const heading = firstMatch(NAMED_HEADING_AT_LINE_START, text, t3Last, end);
      if (heading >= 0) end = heading;
    }
    regions.push({ kind: 'T3', start: t3, end });
  }
  if (t4 >= 0) {
    let end = Math.min(t3 > t4 ? t3 : text.length, t4 + 6000);
    const s5 = firstMatch(SECTION_AFTER_TABLES, text, t4, end);
    if (s5 >= 0) end = s5;
    // Table 4 has no numbered row labels: any numbered heading at a line start ends it.
    const heading = firstMatch(TOP_HEADING_AT_LINE_START, text, t4 + 1, end);
    if (heading >= 0) end = heading;
    regions.push({ kind: 'T4', start: t4, end });
  }
  return regions;
}

/** The Table 4 header: the 行政复议 column label closest before the first 结果维持 (not the section heading 行政复议、行政诉讼情况). */
function t4HeaderStart(text: string, from: number): number {
  const re = /结果维持/g;
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return firstMatch(T4_HEADER, text, from);
  const window = text.slice(Math.max(from, m.index - 300), m.index);
  const base = Math.max(from, m.index - 300);
  let best = -1;
  const re2 = T4_HEADER_LABEL;
  re2.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = re2.exec(window))) best = base + k.index;
  return best >= 0 ? best : m.index;
}

/** 表四 found by its header cells alone: the 行政复议 label before the first 结果维持 that heads a row of result columns. */
function t4HeaderCellsStart(text: string): number {
  const at = firstMatch(T4_HEADER_CELLS, text, 0);
  if (at < 0) return -1;
  const before = text.lastIndexOf('结果维持', at - 1);
  return t4HeaderStart(text, Math.max(0, at - 300, before >= 0 ? before + 4 : 0));
}

/** The start of the last match in [from, to); `from` when there is none. */
function lastMatchIn(re: RegExp, text: string, from: number, to: number): number {
  let last = from;
  for (let at = firstMatch(re, text, from, to); at >= 0; at = firstMatch(re, text, at + 1, to)) last = at;
  return last;
}

/** Where 表三's last row (结转下年度继续办理, its first mention after `from`) is; `from` when it is not found. */
function lastT3Row(text: string, from: number): number {
  const re = /结转下年度继续办理/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : from;
}

// ------------------------------------------------------------------ groups

interface Group {
  values: Token[];
  /** The label written in the same grid row, or immediately before the numbers. */
  label: Token | null;
  labelText: string;
  grid: boolean;
  start: number;
}

/** Whether every value from `from` on is blank. */
function blankFrom(values: Token[], from: number): boolean {
  for (let k = from; k < values.length; k++) if (values[k]!.kind !== 'blank') return false;
  return true;
}

/**
 * The groups no row took, as the table's unknown rows: named by their label, or by their values when they have none.
 * A group of dashes or blanks with no label (a crawler's header rows `| - | - |`, real/2025-jiangsu-shuyang-county.txt)
 * says nothing a row could be told by, and is none.
 */
function unknownRowsOf(groups: Group[]): RawTable['unknownRows'] {
  const out: RawTable['unknownRows'] = [];
  for (const g of groups) {
    if (g.label) { out.push({ raw: g.labelText, start: g.label.start, end: g.label.end }); continue; }
    if (!g.values.some((v) => v.kind === 'number')) continue;
    const written = g.values.filter((v) => v.kind !== 'blank');
    out.push({ raw: written.map((v) => v.text).join(' '), start: written[0]!.start, end: written[written.length - 1]!.end });
  }
  return out;
}

/**
 * Whether a table whose labels and numbers stand alone on their lines names each run of numbers by the label above it
 * (a table copied one cell per line) rather than the label below it (PDF text printing a label after its number:
 * 447228 / 行政许可). Counted over the runs: how many have a row's label alone on the line above, and how many on the
 * line below. Label first, each run has one above, and the last none below; label after, the first run of each
 * block has its header above.
 */
function writtenLabelFirst(tokens: Token[], isRowLabel: (label: string) => boolean): boolean {
  let above = 0, below = 0;
  const rowLabelAlone = (k: number, line: number) => {
    const t = tokens[k];
    return !!t && t.type === 'label' && t.row === undefined && t.line === line && aloneOnLine(tokens, k) && isRowLabel(t.text);
  };
  for (let k = 0; k < tokens.length;) {
    const t = tokens[k]!;
    if (t.type !== 'value' || t.row !== undefined || !aloneOnLine(tokens, k)) { k++; continue; }
    let e = k;
    while (tokens[e + 1]?.type === 'value' && tokens[e + 1]!.row === undefined && tokens[e + 1]!.line === tokens[e]!.line + 1 && aloneOnLine(tokens, e + 1)) e++;
    if (rowLabelAlone(k - 1, t.line - 1)) above++;
    if (rowLabelAlone(e + 1, tokens[e]!.line + 1)) below++;
    k = e + 1;
  }
  return above >= below;
}

/** Whether tokens[k] is the only token on its line. */
function aloneOnLine(tokens: Token[], k: number): boolean {
  const line = tokens[k]!.line;
  return tokens[k - 1]?.line !== line && tokens[k + 1]?.line !== line;
}

/** A grid row cut into its labels and its values (before blank cells beyond its width are dropped). */
interface GridRow {
  labels: Token[];
  labelText: string;
  values: Token[];
  /** The index in the row of its first value cell. */
  valueStart: number;
  cellCount: number;
}

function gridRow(cells: Token[], n: (label: string) => number, isRowLabel: (label: string) => boolean): GridRow {
  // Its labels, then its values; a cell that stands in a value's place keeps it (see inValuePlaces).
  const odd = inValuePlaces(cells, n, isRowLabel);
  let lastLabel = -1;
  cells.forEach((c, k) => { if (c.type === 'label' && !odd.has(k)) lastLabel = k; });
  const labels = cells.slice(0, lastLabel + 1).filter((c) => c.type === 'label');
  const values = cells.slice(lastLabel + 1).map((c) => (c.type === 'value' ? c : asPlaceholder(c)));
  return { labels, labelText: labels.map((l) => l.text).join(''), values, valueStart: lastLabel + 1, cellCount: cells.length };
}

function buildGroups(tokens: Token[], n: (label: string) => number, isRowLabel: (label: string) => boolean = () => false): { groups: Group[]; floating: Token[] } {
  const groups: Group[] = [];
  const floating: Token[] = [];
  // The grid rows first: where a table's value columns begin, learned from its rows whose first value cell is filled
  // and that have their width of values (blank cells after them: a tab at the end of each line), tells a blank label
  // column from a blank value column in the rows with blank cells at both ends.
  const rows: GridRow[] = [];
  for (let i = 0; i < tokens.length;) {
    const row = tokens[i]!.row;
    if (row === undefined) { i++; continue; }
    const cells: Token[] = [];
    while (i < tokens.length && tokens[i]!.row === row) cells.push(tokens[i++]!);
    rows.push(gridRow(cells, n, isRowLabel));
  }
  // (Learned when a row first asks: most tables have no row with blank cells at both ends.)
  let valueStarts: Map<number, Map<number, number>> | null = null;
  const valueStartOf = (cellCount: number): number | null => {
    if (!valueStarts) {
      valueStarts = new Map();
      for (const r of rows) {
        if (!r.values.length || r.values[0]!.kind === 'blank') continue;
        const want = n(r.labelText);
        if (r.values.length < want || !blankFrom(r.values, want)) continue;
        const votes = valueStarts.get(r.cellCount) ?? new Map<number, number>();
        votes.set(r.valueStart, (votes.get(r.valueStart) ?? 0) + 1);
        valueStarts.set(r.cellCount, votes);
      }
    }
    const votes = valueStarts.get(cellCount);
    return votes ? [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0] : null;
  };
  let i = 0, rowAt = 0;
  // Whether labels and numbers alone on their lines are written label first (asked when such a pair is first met).
  let labelFirst: boolean | undefined;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.row !== undefined) {
      const row = t.row;
      while (i < tokens.length && tokens[i]!.row === row) i++;
      const { labels, labelText, valueStart, cellCount } = rows[rowAt]!;
      let values = rows[rowAt++]!.values;
      // A row of empty cells is still a row when its label names one (blank is not 0); a header row is not, also when
      // its words name one (本年新收件数 | 上年结转件数 | … | 结转下年度 |, with a tab at the end: more than three labels).
      if (!values.length || (blankFrom(values, 0) && (labels.length > 3 || !isRowLabel(labelText)))) {
        for (const l of labels) floating.push(l);
        continue;
      }
      const want = n(labelText);
      // Blank cells beyond the row's width are dropped: those before the table's value columns, then from the end,
      // then from the start (counted, then cut once: a row of tens of thousands of empty cells, `|||…`, took seconds
      // one slice at a time).
      let first = 0, end = values.length;
      const columnsAt = values.length > want && values[0]!.kind === 'blank' && values[values.length - 1]!.kind === 'blank' ? valueStartOf(cellCount) : null;
      if (columnsAt !== null) while (end - first > want && valueStart + first < columnsAt && values[first]!.kind === 'blank') first++;
      while (end - first > want && values[end - 1]!.kind === 'blank') end--;
      while (end - first > want && values[first]!.kind === 'blank') first++;
      if (first > 0 || end < values.length) values = values.slice(first, end);
      const label = labels.length ? { ...labels[labels.length - 1]!, text: labelText, start: labels[0]!.start } : null;
      groups.push({ values, label, labelText, grid: true, start: values[0]!.start });
      continue;
    }
    if (t.type === 'label') { i++; continue; }
    // A run of values in flowing text (or one cell per line).
    const prev = tokens[i - 1];
    // A label names these numbers when it stands on their line (or, one cell per line, right before them).
    // In PDF text a label on the line above may belong to the numbers before it: then it is left floating. Not when
    // a row's label and the numbers each stand alone on their lines and the table is written label first (a table
    // copied one cell per line, without pipes): there the label is the one before, as with pipes (taken as floating,
    // the nearest label, often the next row's, named the numbers, and every row after a missing one took the next
    // row's values). A block title so placed (第二十条第（一）项 / 22) names no row and stays out.
    const label = prev && prev.type === 'label' && prev.row === undefined
      && (prev.line === t.line || prev.cellLine
        || (prev.line === t.line - 1 && aloneOnLine(tokens, i - 1) && aloneOnLine(tokens, i) && isRowLabel(prev.text) && (labelFirst ??= writtenLabelFirst(tokens, isRowLabel)))) ? prev : null;
    const labelText = label?.text ?? '';
    const want = n(labelText);
    const values: Token[] = [];
    while (i < tokens.length && tokens[i]!.type === 'value' && tokens[i]!.row === undefined) {
      const v = tokens[i]!;
      // A line break after a complete group ends it (PDF text: one row of numbers per line).
      if (values.length >= want && v.line !== values[values.length - 1]!.line) break;
      if (v.kind !== 'blank' || values.length < want) values.push(v);
      i++;
    }
    // Empty cells after a label that names no row are a header's or a block title's (one cell per line: 对外公开总数量 |
    // then a lone |), not a row, as in a grid row above.
    if (label && blankFrom(values, 0) && !isRowLabel(labelText)) continue;
    if (values.length) groups.push({ values, label, labelText, grid: false, start: values[0]!.start });
  }
  // Labels not directly before a group are floating: they may name a group that comes later (PDF layout).
  const anchored = new Set(groups.map((g) => g.label).filter(Boolean));
  for (const t of tokens) if (t.type === 'label' && t.row === undefined && !anchored.has(t)) floating.push(t);
  floating.sort((a, b) => a.start - b.start);
  return { groups, floating };
}

// ------------------------------------------------------------------ label matching

interface LabelMatch { index: number; pos: number; keyLength: number }

/** compactKey of labels, memoised: alignment asks about the same labels many times. Bounded, so it never grows. */
const labelKeys = new TextMemo<string>(5000);
function labelKeyOf(label: string): string {
  return labelKeys.get(label, compactKey);
}

/**
 * The template row a label names (the key found latest in it, the longer on a tie). For the schema's own row lists
 * the answer is remembered per label: alignment asks about the same labels many times, and every report has them.
 */
function matchRow(label: string, rows: readonly { keys: string[] }[]): LabelMatch | null {
  const memo = rowMatchMemo.get(rows);
  if (!memo) return matchRowOnce(label, rows);
  return memo.get(label, (own) => { const m = matchRowOnce(own, rows); return m && Object.freeze(m); });
}
const rowMatchMemo = new Map<readonly { keys: string[] }[], TextMemo<LabelMatch | null>>();
/** Row lists whose matches are remembered (constants of this module). */
function rememberMatches<T extends readonly { keys: string[] }[]>(rows: T): T {
  rowMatchMemo.set(rows, new TextMemo(5000));
  return rows;
}

function matchRowOnce(label: string, rows: readonly { keys: string[] }[]): LabelMatch | null {
  const key = labelKeyOf(label);
  if (!key) return null;
  let best: LabelMatch | null = null;
  rows.forEach((r, index) => {
    for (const k of r.keys) {
      let pos: number;
      if (k.endsWith('$')) {
        const kk = k.slice(0, -1);
        pos = key.endsWith(kk) ? key.length - kk.length : -1;
      } else pos = key.lastIndexOf(k);
      if (pos < 0) continue;
      const end = pos + k.length;
      if (!best || end > best.pos || (end === best.pos && k.length > best.keyLength)) best = { index, pos: end, keyLength: k.length };
    }
  });
  return best;
}

// ------------------------------------------------------------------ values

function cellFromToken(t: Token): { raw: string; value: number | null; kind: CellKind; unit?: string; note?: string } {
  if (t.kind === 'blank') return { raw: '', value: null, kind: 'blank' };
  if (t.kind === 'placeholder') return { raw: t.text, value: null, kind: 'placeholder' };
  const value = Number(t.digits);
  // -0 is 0 (JSON has no -0); a value beyond exact integers is not a count anyone reports.
  const ok = Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  const out: { raw: string; value: number | null; kind: CellKind; unit?: string; note?: string } = { raw: t.text, value: ok ? (value === 0 ? 0 : value) : null, kind: t.note ? 'note' : 'number' };
  if (t.unit) out.unit = t.unit;
  if (t.note) out.note = t.note;
  return out;
}

interface ReadValue { raw: string; value: number | null; kind: CellKind; unit?: string; note?: string; inferred?: boolean; start: number; end: number }

/** A token's value where the token stands. */
function readValue(t: Token): ReadValue {
  const v = cellFromToken(t);
  const out: ReadValue = { raw: v.raw, value: v.value, kind: v.kind, start: t.start, end: t.end };
  if (v.unit !== undefined) out.unit = v.unit;
  if (v.note !== undefined) out.note = v.note;
  return out;
}

/**
 * A cell of row `rowId` and column `col` holding `v`. Fields are written out, not spread: this runs for every cell
 * and V8 builds spread objects far more slowly (and reads them more slowly after).
 */
function rawCell(rowId: string, row: string, rowPath: string[], col: string, colPath: string[], v: ReadValue): RawCell {
  const cell: RawCell = { rowId, row, rowPath, col, colPath, raw: v.raw, value: v.value, kind: v.kind, start: v.start, end: v.end };
  if (v.unit !== undefined) cell.unit = v.unit;
  if (v.note !== undefined) cell.note = v.note;
  if (v.inferred) cell.inferred = true;
  return cell;
}

/**
 * The n values of a group. When the source ran digits together, every split that satisfies `accept`
 * is a candidate; the caller may choose among several.
 */
function readGroup(g: Group, n: number, accept: (v: number[]) => boolean): ReadValue[][] {
  const direct = g.values.map(readValue);
  const suspicious = g.values.some((t) => t.kind === 'number' && /^[+-]?0\d/.test(t.digits ?? ''));
  if (g.values.length === n && !suspicious) return [direct];
  if (g.values.length >= n && !suspicious) return [direct.slice(0, n)];
  // Fewer tokens than cells: try to split run-together digits.
  // (Not a number written with separators the view kept, 1，234: its digits are not where its text is, and a
  // separator says it is one number.)
  const numeric = g.values.every((t) => t.kind === 'number' && !t.note && /^\d+(\.\d+)?$/.test(t.digits ?? '') && !t.text.includes(','));
  if (numeric && !g.grid) {
    const pieces: Piece[] = g.values.map((t) => ({ digits: t.digits!, start: t.start }));
    const units = new Map(g.values.filter((t) => t.unit).map((t) => [t.start, t]));
    const cands = segmentDigits(pieces, n, accept);
    if (cands.length) {
      return cands.map((parts) => parts.map((p) => {
        const tokenEnd = g.values.find((t) => p.start >= t.start && p.end <= t.start + (t.digits?.length ?? 0));
        const unitTok = tokenEnd && units.get(tokenEnd.start);
        const atTokenEnd = tokenEnd ? p.end === tokenEnd.start + tokenEnd.digits!.length : false;
        const r: ReadValue = { raw: p.text, value: p.value, kind: 'number', inferred: true, start: p.start, end: p.end };
        if (unitTok && atTokenEnd) { r.unit = unitTok.unit!; r.raw = p.text + unitTok.unit; r.end = unitTok.end; }
        return r;
      }));
    }
  }
  return [direct];
}

// ------------------------------------------------------------------ Table 3

const T3_MATCH_ROWS: Record<TableEra, RowSpec[]> = {
  '2019': rememberMatches(T3_ROWS.filter((r) => r.eras.includes('2019'))),
  '2021': rememberMatches(T3_ROWS.filter((r) => r.eras.includes('2021'))),
};
/** Either format's rows: which lines are table-3 rows at all. */
const T3_ANY_ERA_ROWS = rememberMatches([...T3_MATCH_ROWS['2019'], ...T3_MATCH_ROWS['2021']]);

function representationOf(shapes: Map<LineShape, number>, tokens: Token[], html: boolean): TableRepresentation {
  if (html) return 'html';
  const count = (s: LineShape) => shapes.get(s) ?? 0;
  if (count('pipe') >= 2) return 'pipe';
  if (count('tsv') >= 2) return 'tsv';
  if (count('cell-line') >= 5) return 'cell-per-line';
  const values = tokens.filter((t) => t.type === 'value');
  const glued = values.filter((t) => !t.separated).length;
  if (values.length && glued / values.length > 0.2) return 'concatenated';
  return 'spaced';
}

/** Order-preserving alignment of groups to template rows, anchored by the groups' own labels. */
function align(groups: Group[], floating: Token[], rows: { keys: string[] }[]): { assigned: Map<number, Group>; anchoredCount: number; leftover: Group[] } {
  const anchors = groups.map((g) => (g.label ? matchRow(g.labelText, rows)?.index ?? -1 : -1));
  // Keep anchors that increase; a backwards anchor is a mismatch, not a jump.
  let last = -1;
  for (let k = 0; k < anchors.length; k++) {
    if (anchors[k]! >= 0) {
      if (anchors[k]! <= last) anchors[k] = -1; else last = anchors[k]!;
    }
  }
  const assigned = new Map<number, Group>();
  const leftover: Group[] = [];
  const floatMatches = floating.map((f) => ({ f, m: matchRow(f.text, rows) })).filter((x) => x.m);
  let prevG = -1, prevT = -1;
  const segmentsEnd = [...anchors.map((a, g) => ({ g, a })).filter((x) => x.a >= 0), { g: groups.length, a: rows.length }];
  let anchoredCount = 0;
  for (const { g, a } of segmentsEnd) {
    const between = groups.slice(prevG + 1, g);
    const free: number[] = [];
    for (let t = prevT + 1; t < a; t++) free.push(t);
    if (between.length === free.length) {
      between.forEach((grp, k) => assigned.set(free[k]!, grp));
    } else if (between.length < free.length) {
      // Use floating labels (a label printed away from its numbers) to choose the rows.
      const used = new Set<number>();
      for (const grp of between) {
        const cand = floatMatches
          .filter((x) => free.includes(x.m!.index) && !used.has(x.m!.index) && x.f.start < grp.start + 2000)
          .sort((x, y) => Math.abs(grp.start - x.f.start) - Math.abs(grp.start - y.f.start))[0];
        const t = cand ? cand.m!.index : free.find((r) => !used.has(r) && !assigned.has(r));
        if (t === undefined) { leftover.push(grp); continue; }
        used.add(t);
        assigned.set(t, grp);
      }
    } else {
      free.forEach((t, k) => assigned.set(t, between[k]!));
      leftover.push(...between.slice(free.length));
    }
    if (g < groups.length) { assigned.set(a, groups[g]!); anchoredCount++; }
    prevG = g; prevT = a;
  }
  // A row written out of order (2. before 1.) was left over and its row missing: a left-over group whose label names
  // a row no group took is that row.
  for (let k = 0; k < leftover.length; k++) {
    const grp = leftover[k]!;
    const m = grp.label ? matchRow(grp.labelText, rows) : null;
    if (m && !assigned.has(m.index)) { assigned.set(m.index, grp); anchoredCount++; leftover.splice(k--, 1); }
  }
  return { assigned, anchoredCount, leftover };
}

/**
 * Table 2's rows have unique labels, and broken conversions print its blocks out of order: a labelled group
 * goes to its row wherever it stands; unlabelled groups fill the remaining rows in order.
 */
function alignByLabel(groups: Group[], floating: Token[], rows: { keys: string[] }[]): ReturnType<typeof align> {
  const assigned = new Map<number, Group>();
  const rest: Group[] = [];
  let anchoredCount = 0;
  for (const g of groups) {
    const m = g.label ? matchRow(g.labelText, rows) : null;
    if (m && !assigned.has(m.index)) { assigned.set(m.index, g); anchoredCount++; } else rest.push(g);
  }
  if (!rest.length) return { assigned, anchoredCount, leftover: [] };
  const sub = align(rest, floating, rows.map((r, i) => (assigned.has(i) ? { keys: [] } : r)));
  const leftover = [...sub.leftover];
  for (const [i, g] of sub.assigned) {
    if (assigned.has(i)) { if (g.label) leftover.push(g); continue; }
    assigned.set(i, g);
  }
  return { assigned, anchoredCount, leftover };
}

function parseT3(text: string, region: Region, html: boolean, eraHint: TableEra | null): RawTable | null {
  const { tokens, shapes } = tokenize(text, region.start, region.end);
  const anyEra = T3_ANY_ERA_ROWS;
  const built = buildGroups(tokens, () => 7, (l) => !!matchRow(l, anyEra));
  // A lone number on a line of its own (a PDF converter's stray cell) is not a row: keep it out of the alignment.
  const stray = built.groups.filter((g) => !(g.label && matchRow(g.labelText, anyEra)) && g.values.length < 4 && !g.values.some((v) => (v.digits ?? '').length >= 7));
  const groups = built.groups.filter((g) => !stray.includes(g));
  const floating = built.floating;
  if (!groups.length) return null;
  const columnMajor = readColumnMajor(region, tokens);
  if (columnMajor) return columnMajor;
  const keyed = (era: TableEra) => groups.filter((g) => g.label && matchRow(g.labelText, T3_MATCH_ROWS[era])).length;
  const allText = compactKey(text.slice(region.start, region.end));
  let era: TableEra;
  if (/逾期不补正|缴纳费用|收费通知/.test(allText)) era = '2021';
  else if (groups.some((g) => g.label && /其他处理$/.test(compactKey(g.labelText)))) era = '2019';
  else if (groups.length === 23) era = '2019';
  else if (groups.length === 25) era = '2021';
  else era = eraHint ?? (keyed('2021') >= keyed('2019') ? '2021' : '2019');
  const rows = T3_MATCH_ROWS[era];
  const { assigned, anchoredCount, leftover } = align(groups, floating, rows);

  // Read every row's seven values; rows whose digits ran together may have several readings.
  const rowAccept = (v: number[]) => v.slice(0, 6).reduce((s, x) => s + x, 0) === v[6];
  const readings = new Map<number, ReadValue[][]>();
  // Some templates (not the official form) add a 法人或其他组织小计 column after 自然人: drop it when the header
  // names it; other rows with more than seven numbers cannot be aligned and are marked ambiguous below.
  const subtotalColumn = /小计/.test(text.slice(region.start, Math.min(region.end, region.start + 600)));
  const overfull = new Set<number>();
  for (const [ri, g] of assigned) {
    let group = g;
    const filled = g.values.filter((v) => v.kind !== 'blank' || g.grid);
    if (filled.length === 8 && subtotalColumn) group = { ...g, values: filled.filter((_, k) => k !== 1) };
    else if (filled.length > 7 && g.grid) overfull.add(ri);
    readings.set(ri, readGroup(group, 7, rowAccept));
  }
  chooseJointly(readings, rows.map((r) => r.id), era);

  const cells: RawCell[] = [];
  const outRows: RawTable['rows'] = [];
  const missingRows: string[] = [];
  rows.forEach((r, ri) => {
    const g = assigned.get(ri);
    if (!g) { missingRows.push(r.id); return; }
    const vals = readings.get(ri)![0]!;
    const lab = g.label;
    outRows.push({ rowId: r.id, label: r.label, raw: lab ? lab.text : '', start: lab ? lab.start : g.start, end: lab ? lab.end : g.start });
    const ambiguous = readings.get(ri)!.length > 1 || overfull.has(ri);
    vals.slice(0, 7).forEach((v, ci) => {
      const col = T3_COLUMNS[ci]!;
      const cell = rawCell(r.id, r.label, r.path, col.label, col.path, v);
      if (ambiguous) cell.kind = 'ambiguous';
      cells.push(cell);
    });
  });
  const representation = representationOf(shapes, tokens, html);
  const inferred = cells.some((c) => c.inferred);
  const confidence = Math.max(0.1, Math.min(1, (anchoredCount + 0.5 * (assigned.size - anchoredCount)) / rows.length - (inferred ? 0.2 : 0) - 0.05 * leftover.length));
  return {
    kind: 'T3', era, representation, confidence: round2(confidence), start: region.start, end: region.end, cells, rows: outRows, missingRows,
    unknownRows: unknownRowsOf([...leftover, ...stray]),
    otherEraLabels: [],
  };
}

/**
 * PDF text extracted column by column: every row label first, then the numbers of the 自然人 column for all
 * rows, then the next column (spec §6.2). Recognised when all the values come after the last row label and
 * their count is exactly 7 × the rows of one layout. Best effort, with a lower confidence.
 */
function readColumnMajor(region: Region, tokens: Token[]): RawTable | null {
  const values = tokens.filter((t) => t.type === 'value' && t.kind !== 'blank');
  if (!values.length) return null;
  const labels = tokens.filter((t) => t.type === 'label');
  // Grid lines here would be rows of numbers only (`3001|34|1288|…`); a grid with labels is a real table.
  if (labels.some((l) => l.row !== undefined)) return null;
  const lastLabel = labels.reduce((m, l) => Math.max(m, l.start), -1);
  if (values[0]!.start < lastLabel) return null;
  for (const era of ['2021', '2019'] as TableEra[]) {
    const rows = T3_MATCH_ROWS[era];
    if (values.length !== rows.length * 7) continue;
    if (labels.filter((l) => matchRow(l.text, rows)).length < rows.length / 2) continue;
    const cells: RawCell[] = [];
    rows.forEach((r, ri) => T3_COLUMNS.forEach((col, ci) => {
      const t = values[ci * rows.length + ri]!;
      cells.push(rawCell(r.id, r.label, r.path, col.label, col.path, readValue(t)));
    }));
    return {
      kind: 'T3', era, representation: 'pdf-columns', confidence: 0.6, start: region.start, end: region.end, cells,
      rows: rows.map((r) => { const l = labels.find((x) => matchRow(x.text, [r])); return { rowId: r.id, label: r.label, raw: l?.text ?? '', start: l?.start ?? region.start, end: l?.end ?? region.start }; }),
      missingRows: [], unknownRows: [], otherEraLabels: [],
    };
  }
  return null;
}

/** Among several readings of run-together rows, keep the combination that satisfies the most column relations. */
function chooseJointly(readings: Map<number, ReadValue[][]>, rowIds: string[], era: TableEra): void {
  const ambiguous = [...readings.entries()].filter(([, r]) => r.length > 1);
  if (!ambiguous.length) return;
  let combos = 1;
  for (const [, r] of ambiguous) combos *= r.length;
  if (combos > 4096) return;
  // Each relation's cells resolved once to (row, column); a relation touching no ambiguous row adds the same to every
  // combination's score, so only the others are counted (the best combination and ties come out the same).
  const slotOfRow = new Map(ambiguous.map(([ri], slot) => [ri, slot]));
  const resolve = (key: string): { ri: number; ci: number; slot: number } => {
    const [rowId, col] = key.split('|') as [string, string];
    const ri = rowIds.indexOf(rowId);
    return { ri, ci: T3_COLUMNS.findIndex((c) => c.id === col), slot: slotOfRow.get(ri) ?? -1 };
  };
  const relations = relationsFor('T3', era).filter((r) => r.id !== 'T3-R3')
    .map((r) => ({ left: r.left.map(resolve), right: r.right.map(resolve) }))
    .filter((r) => r.left.some((c) => c.slot >= 0) || r.right.some((c) => c.slot >= 0));
  const choice = new Array<number>(ambiguous.length).fill(0);
  const valueOf = (c: { ri: number; ci: number; slot: number }): number | null => {
    const rs = readings.get(c.ri);
    if (!rs) return null;
    return rs[c.slot >= 0 ? choice[c.slot]! : 0]![c.ci]?.value ?? null;
  };
  /** The sum of a side's cells, added left to right; null when one is empty. */
  const sideSum = (cells: { ri: number; ci: number; slot: number }[]): number | null => {
    let total = 0;
    for (const c of cells) { const v = valueOf(c); if (v === null) return null; total += v; }
    return total;
  };
  let best: { score: number; choice: number[] } | null = null;
  let tie = false;
  for (let k = 0; k < combos; k++) {
    let rest = k;
    ambiguous.forEach(([, r], slot) => { choice[slot] = rest % r.length; rest = Math.floor(rest / r.length); });
    let score = 0;
    for (const rel of relations) {
      const l = sideSum(rel.left), r = sideSum(rel.right);
      if (l !== null && r !== null && l === r) score++;
    }
    if (!best || score > best.score) { best = { score, choice: [...choice] }; tie = false; }
    else if (score === best.score) tie = true;
  }
  if (!best) return;
  ambiguous.forEach(([ri, r], slot) => {
    const chosen = r[best!.choice[slot]!]!;
    readings.set(ri, tie ? [chosen, ...r.filter((x) => x !== chosen)] : [chosen]);
  });
}

// ------------------------------------------------------------------ Table 2

interface T2Row { blockId: string; rowId: string; keys: string[]; eras: TableEra[] }
const T2_ROWS: T2Row[] = T2_BLOCKS.flatMap((b) => b.rows.map((r) => ({ blockId: b.id, rowId: r.id, keys: r.keys, eras: r.eras })));
const T2_MATCH_ROWS: Record<TableEra, T2Row[]> = {
  '2019': rememberMatches(T2_ROWS.filter((r) => r.eras.includes('2019'))),
  '2021': rememberMatches(T2_ROWS.filter((r) => r.eras.includes('2021'))),
};

function parseT2(text: string, region: Region, html: boolean, eraHint: TableEra | null, narrative: () => Set<number>): RawTable | null {
  const { tokens, shapes } = tokenize(text, region.start, region.end);
  const regionKey = compactKey(text.slice(region.start, region.end));
  const otherEra: RawTable['otherEraLabels'] = [];
  let votes2019 = 0, votes2021 = 0;
  for (const m of ERA_LABELS) {
    if (regionKey.includes(m.key)) { if (m.era === '2019') votes2019++; else votes2021++; }
  }
  const era: TableEra = votes2019 > votes2021 ? '2019' : votes2021 > votes2019 ? '2021' : (eraHint ?? '2021');
  // Labels of the other era inside this table (e.g. a 2019 column in a 2021 layout).
  for (const t of tokens) {
    if (t.type !== 'label') continue;
    const k = compactKey(t.text);
    for (const m of ERA_LABELS) if (m.era !== era && k.includes(m.key)) otherEra.push({ raw: t.text, era: m.era, start: t.start, end: t.end });
  }
  const rows = T2_MATCH_ROWS[era];
  const width = (r: T2Row) => T2_BLOCKS.find((b) => b.id === r.blockId)!.cols[era].length;
  const { groups, floating } = buildGroups(tokens, (label) => {
    const m = matchRow(label, rows);
    return m ? width(rows[m.index]!) : 3;
  }, (l) => !!matchRow(l, rows));
  if (!groups.length) return null;
  const { assigned, anchoredCount, leftover } = alignByLabel(groups, floating, rows);
  const cells: RawCell[] = [];
  const outRows: RawTable['rows'] = [];
  const missingRows: string[] = [];
  let inferredAny = false;
  rows.forEach((r, ri) => {
    const g = assigned.get(ri);
    const block = T2_BLOCKS.find((b) => b.id === r.blockId)!;
    const label = t2RowLabel(block.id, r.rowId, era);
    const rowId = `${block.id}|${label}`;
    if (!g) { missingRows.push(rowId); return; }
    const cols = block.cols[era];
    const readings = preferNarrative(readGroup(g, cols.length, () => true), narrative);
    const vals = readings[0]!;
    if (vals.some((v) => v.inferred)) inferredAny = true;
    outRows.push({ rowId, label, raw: g.label?.text ?? '', start: g.label?.start ?? g.start, end: g.label?.end ?? g.start });
    vals.slice(0, cols.length).forEach((v, ci) => {
      const col = cols[ci]!;
      const cell = rawCell(rowId, label, [block.title, label], col.label, [block.title, col.label], v);
      if (readings.length > 1) cell.kind = 'ambiguous';
      cells.push(cell);
    });
  });
  const confidence = Math.max(0.1, Math.min(1, (anchoredCount + 0.5 * (assigned.size - anchoredCount)) / rows.length - (inferredAny ? 0.3 : 0)));
  return {
    kind: 'T2', era, representation: representationOf(shapes, tokens, html), confidence: round2(confidence),
    start: region.start, end: region.end, cells, rows: outRows, missingRows,
    unknownRows: unknownRowsOf(leftover),
    otherEraLabels: otherEra,
  };
}

// ------------------------------------------------------------------ Table 4

function parseT4(text: string, region: Region, html: boolean): RawTable | null {
  const { tokens, shapes } = tokenize(text, region.start, region.end);
  // Values of the data row: grid rows with values, or the run of numbers after the header.
  let picked: Token[] = [];
  const gridRows = new Map<number, Token[]>();
  for (const t of tokens) if (t.row !== undefined) { const a = gridRows.get(t.row) ?? []; a.push(t); gridRows.set(t.row, a); }
  for (const cells of gridRows.values()) {
    // The data row: its numbers, a cell that stands in a value's place kept there (inValuePlaces), one other label
    // at most (dropped).
    const odd = inValuePlaces(cells, () => t4RowWidth(cells.length), false);
    if (!cells.some((c) => c.type === 'value' && c.kind !== 'blank')) continue;
    if (cells.filter((c, k) => c.type === 'label' && !odd.has(k)).length > 1) continue;
    const row: Token[] = [];
    for (const [k, c] of cells.entries()) if (c.type === 'value') row.push(c); else if (odd.has(k)) row.push(asPlaceholder(c));
    // Blank cells past the row's width are no values: a tab at the end of each line.
    const width = t4RowWidth(row.length);
    let end = row.length;
    while (end > width && row[end - 1]!.kind === 'blank') end--;
    for (let k = 0; k < end; k++) picked.push(row[k]!);
  }
  if (!picked.length) {
    // Flowing text: the numbers after the header, up to the first prose (a label with a full stop).
    for (const t of tokens) {
      // (One cell per line, a lone 1. is a value with a full stop here: table 4 has no numbered rows.)
      if (t.type === 'label' && t.cellLine && looksLikeValue(t.text)) { picked.push(asPlaceholder(t)); continue; }
      if (t.type === 'label') { if (picked.length && (/[。；;]/.test(t.text) || t.text.length > 60)) break; continue; }
      if (t.kind !== 'blank') picked.push(t);
    }
  }
  if (!picked.length) return null;
  let pickedEnd = picked.length;
  while (pickedEnd > 15 && picked[pickedEnd - 1]!.kind === 'blank') pickedEnd--;
  if (pickedEnd < picked.length) picked = picked.slice(0, pickedEnd);
  const group: Group = { values: picked, label: null, labelText: '', grid: gridRows.size > 0, start: picked[0]!.start };
  const accept = (v: number[]) => [0, 5, 10].every((b) => v[b]! + v[b + 1]! + v[b + 2]! + v[b + 3]! === v[b + 4]);
  const readings = readGroup(group, 15, accept);
  const vals = readings[0]!;
  const cells: RawCell[] = [];
  vals.slice(0, 15).forEach((v, k) => {
    const block = T4_BLOCKS[Math.floor(k / 5)]!;
    const col = T4_RESULTS[k % 5]!;
    const cell = rawCell(block.id, block.id, [...block.path], col, [...block.path, col], v);
    if (readings.length > 1) cell.kind = 'ambiguous';
    cells.push(cell);
  });
  const complete = cells.length === 15;
  const inferred = cells.some((c) => c.inferred);
  return {
    kind: 'T4', era: null, representation: representationOf(shapes, tokens, html),
    confidence: round2((complete ? 0.9 : 0.5) - (inferred ? 0.2 : 0) - (readings.length > 1 ? 0.3 : 0)),
    start: region.start, end: region.end, cells,
    rows: T4_BLOCKS.filter((_, b) => cells.length > b * 5).map((b) => ({ rowId: b.id, label: b.id, raw: '', start: region.start, end: region.start })),
    missingRows: T4_BLOCKS.filter((_, b) => cells.length <= b * 5).map((b) => b.id),
    unknownRows: [], otherEraLabels: [],
  };
}

/**
 * How many values a 表四 grid row of `cells` cells holds: fifteen, or five when the table is printed as three tables of
 * five (2025-jiangsu-shuyang-county), with a label cell, an empty end cell or a dressed value among them or not.
 */
function t4RowWidth(cells: number): number {
  return cells <= 10 ? 5 : 15;
}

/**
 * The cells of a grid row that hold text where a number belongs: number-like labels after the row's first number
 * (=13, 13 件, **13**, 约13). Dropped as labels, they would move every value after them one column to the left (and a
 * safe fix would "correct" a right cell). None when there are more than two: then the row is no data row.
 * The last label before the first number (or of a row without one: `| 行政许可 | 约13 |`, `| 总计 | =5 |  |  | … |`)
 * is in a value's place too when it is written as a number (looksLikeValue: not 2024年度, 3其他, 第1项) and the row,
 * counted from it, has no more written cells than the width the labels before it ask for, and no fewer cells.
 * `labelled` (tables 2 and 3, whose rows are found by their labels; false for table 4): a label before that cell must
 * name a template row when the row has no number, and a row with no label before it, or a lone ordinal (3., （3）),
 * must have exactly its width of written cells with it.
 */
function inValuePlaces(cells: Token[], width: (label: string) => number, labelled: false | ((label: string) => boolean)): Set<number> {
  const first = cells.findIndex((c) => c.type === 'value' && c.kind === 'number');
  const odd = new Set<number>();
  if (first >= 0) {
    for (let k = first + 1; k < cells.length; k++) if (cells[k]!.type === 'label' && isNumberLike(cells[k]!.text)) odd.add(k);
    if (odd.size > 2) return new Set();
  }
  // (Blank cells may stand between it and the first number: an empty value column.)
  let lead = (first >= 0 ? first : cells.length) - 1;
  while (lead >= 0 && cells[lead]!.type !== 'label') lead--;
  const leadText = lead >= 0 ? cells[lead]!.text : '';
  if (lead >= 0 && odd.size < 2 && looksLikeValue(leadText)) {
    const labels = cells.slice(0, lead).filter((c) => c.type === 'label');
    const labelText = labels.map((l) => l.text).join('');
    // A row without a number is a data row only when its label names one (not a 备注 row with 约12 in it); a row
    // without a label (PDF conversions put it on the line above) only when its cells fill the row exactly.
    if (!labelled || first >= 0 || (labels.length > 0 && labelled(labelText))) {
      // The row's cells from that one on, and the same without the blank cells at the end.
      const all = cells.length - lead;
      let written = all;
      while (written > 1 && cells[lead + written - 1]!.type === 'value' && cells[lead + written - 1]!.kind === 'blank') written--;
      const want = width(labelText);
      // In tables 2 and 3, a row without a label before it, or a lone 3. or （3） (a numbered label whose words may be
      // lost), must have exactly its width of written cells counted with it; otherwise no more than its width.
      const exact = labelled && (!labels.length || ORDINAL_ONLY.test(leadText));
      if ((exact ? written === want : written <= want) && want <= all) odd.add(lead);
    }
  }
  return odd;
}

/**
 * A number with something around it (=13, 13 件, 约13, 0（无）), not a label numbered 2.… or （一）… (words of their own).
 * Looser than looksLikeValue on purpose: after a row's first number a cell with a digit is a value; before it, a cell
 * is taken from the row label only when it is written as a number and nothing else.
 */
function isNumberLike(text: string): boolean {
  let han = 0;
  for (let i = 0; i < text.length; i++) { const c = text.charCodeAt(i); if (c >= 0x4e00 && c <= 0x9fff && ++han > 2) return false; }
  return /\d/.test(text);
}

// ------------------------------------------------------------------ entry

/**
 * What parseTables leaves for the next version of the text: each region's text and its table. A region's table
 * depends only on the region's text, the representation hint and the era hint, unless reading run-together digits
 * consulted the numbers written in the prose (then it is read again).
 */
/** `owned`: the table's strings are its own, not slices of the text it was read from (see `owned`). */
export interface TableReuse { html: boolean; eraHint: TableEra | null; regions: { kind: TableKind; text: string; start: number; table: RawTable | null; consulted: boolean; owned: boolean }[] }

export function parseTables(text: string, opts: { html: boolean; eraHint: TableEra | null; matches?: Matches; previous?: TableReuse }): { tables: RawTable[]; reuse: TableReuse } {
  const out: RawTable[] = [];
  const regions = findTableRegions(text);
  // Only run-together digits with several readings consult the prose, so its numbers are collected on demand.
  let numbers: Set<number> | null = null;
  const asked = { prose: false };
  const narrative = () => { asked.prose = true; return (numbers ??= collectNarrativeNumbers(opts.matches ?? new Matches(text), regions)); };
  const reuse: TableReuse = { html: opts.html, eraHint: opts.eraHint, regions: [] };
  const prev = opts.previous && opts.previous.html === opts.html && opts.previous.eraHint === opts.eraHint ? opts.previous : null;
  for (const region of regions) {
    const regionText = text.slice(region.start, region.end);
    const same = prev?.regions.find((r) => r.kind === region.kind && !r.consulted && r.text === regionText);
    let t: RawTable | null;
    asked.prose = false;
    if (same) {
      // A reused table outlives the text it was read from: its strings are made its own now, once (a table that is
      // read and never reused, as every table of a batch, is not copied).
      const base = same.table && !same.owned ? owned(same.table) : same.table;
      t = base && shiftTable(base, region.start - same.start);
    } else {
      t = region.kind === 'T2' ? parseT2(text, region, opts.html, opts.eraHint, narrative)
        : region.kind === 'T3' ? parseT3(text, region, opts.html, opts.eraHint)
          : parseT4(text, region, opts.html);
    }
    reuse.regions.push({ kind: region.kind, text: regionText, start: region.start, table: t, consulted: asked.prose, owned: same !== undefined });
    if (t && t.cells.length) out.push(t);
  }
  return { tables: out, reuse };
}

/** The table with the strings it took from the text in memory of their own (a reused table outlives its text). */
function owned(t: RawTable): RawTable {
  return {
    ...t,
    cells: t.cells.map((c) => copyCell(c, 0, ownCopy(c.raw), c.note === undefined ? undefined : ownCopy(c.note))),
    rows: t.rows.map((r) => ({ ...r, raw: ownCopy(r.raw) })),
    unknownRows: t.unknownRows.map((u) => ({ ...u, raw: ownCopy(u.raw) })),
    otherEraLabels: t.otherEraLabels.map((o) => ({ ...o, raw: ownCopy(o.raw) })),
  };
}

/** A table read from a region that moved by `delta`. */
function shiftTable(t: RawTable, delta: number): RawTable {
  if (delta === 0) return t;
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  return { ...move(t), cells: t.cells.map((c) => copyCell(c, delta, c.raw, c.note)), rows: t.rows.map(move), missingRows: [...t.missingRows], unknownRows: t.unknownRows.map(move), otherEraLabels: t.otherEraLabels.map(move) };
}

/** A cell moved by `delta` with the given strings, written out field by field (thousands per edit: no spread). */
function copyCell(c: RawCell, delta: number, raw: string, note: string | undefined): RawCell {
  const out: RawCell = { rowId: c.rowId, row: c.row, rowPath: c.rowPath, col: c.col, colPath: c.colPath, raw, value: c.value, kind: c.kind, start: c.start + delta, end: c.end + delta };
  if (c.unit !== undefined) out.unit = c.unit;
  if (note !== undefined) out.note = note;
  if (c.inferred !== undefined) out.inferred = c.inferred;
  return out;
}

function round2(x: number): number { return Math.round(x * 100) / 100; }


/** Counts written in the prose ("现行有效行政规范性文件698件"): they break ties between splits of run-together digits. */
function collectNarrativeNumbers(matches: Matches, regions: Region[]): Set<number> {
  const out = new Set<number>();
  for (const m of matches.all(/(\d{1,12}(?:\.\d{1,6})?)\s{0,3}(?:件|条|项|个|万元|元)/g)) {
    if (regions.some((r) => m.index >= r.start && m.index < r.end)) continue;
    out.add(Number(m[1]));
  }
  return out;
}
function preferNarrative(readings: ReadValue[][], narrative: () => Set<number>): ReadValue[][] {
  if (readings.length < 2) return readings;
  const narrativeNumbers = narrative();
  const score = (r: ReadValue[]) => r.filter((v) => v.value !== null && v.value >= 10 && narrativeNumbers.has(v.value)).length;
  const scored = readings.map((r) => ({ r, s: score(r) })).sort((a, b) => b.s - a.s);
  if (scored[0]!.s > 0 && scored[0]!.s > scored[1]!.s) return [scored[0]!.r];
  return readings;
}
