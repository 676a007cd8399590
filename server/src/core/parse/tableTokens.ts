/**
 * Splits a stretch of (normalised) text that holds a table into tokens: labels and values,
 * each with its offsets in that text. Works on every representation met in real reports:
 * Markdown pipe rows, tab-separated rows (also what the HTML view produces), one cell per line
 * ending in ` |`, numbers separated by spaces after their label, and digits run together with
 * no separator at all (crawler text).
 */

import { isBlankSpan, isSpaceCode } from '../text/normalize';

export type ValueKind = 'number' | 'blank' | 'placeholder';

/** What a value token reads as: kind, and for numbers the digits, unit and note. */
interface ValueInfo { kind: ValueKind; digits?: string; unit?: string; note?: string }

/**
 * A label or value. A class, every field always present (undefined when it does not apply): tokens made as object
 * literals with the fields each one needed had a handful of shapes, and every function reading them went
 * polymorphic.
 */
export class Token {
  /** For values: how to read it. */
  readonly kind: ValueKind | undefined;
  /** The numeric part (digits, sign, decimal point; thousands separators left out), for numbers. */
  readonly digits: string | undefined;
  readonly unit: string | undefined;
  readonly note: string | undefined;
  /** From a line holding one cell (`text |`). */
  cellLine = false;
  constructor(
    readonly type: 'label' | 'value',
    readonly text: string,
    readonly start: number,
    readonly end: number,
    /** The source line (index in the normalised text's lines) the token is on. */
    readonly line: number,
    /** Grid representations: the row index and the cell index within the row. */
    readonly row: number | undefined,
    /** True when whitespace (or a cell border) separates this value from the previous value token. */
    readonly separated: boolean,
    info?: ValueInfo,
  ) {
    this.kind = info?.kind;
    this.digits = info?.digits;
    this.unit = info?.unit;
    this.note = info?.note;
  }
}

export type LineShape = 'pipe' | 'tsv' | 'cell-line' | 'separator' | 'plain' | 'md-rule';

const BLANK: ValueInfo = { kind: 'blank' };
const PLACEHOLDER_INFO: ValueInfo = { kind: 'placeholder' };
const PLACEHOLDER = /^(?:—+|-{1,3}|\/|／|无|不适用|\*|×|x|\\)$/i;
const UNIT = /^(万元|元|件|项|个|条|次|%)/;
const NUMBER = /^[+-]?\d+(?:\.\d+)?/;
/**
 * A number with thousands separators (1,234; 1，234 in the source, a comma in the normalised text): groups of three
 * after the first, and no digit or comma after the last (1,2345 and 1,234,5 are no such number). At most six groups:
 * a plain line is read from each number on, and an unbounded run of groups made a long one quadratic (review). (The
 * normalised text has left out the ASCII separators of such numbers already: text/normalize.ts GROUPED_DIGITS.)
 */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3}){1,6}(?:\.\d+)?(?![\d,])/;

/** A cell that is only a one-digit ordinal: 3. 3、 （3） (3). */
export const ORDINAL_ONLY = /^\s{0,4}(?:[（(]\s{0,2}\d\s{0,2}[)）]|\d\s{0,2}[.．、])\s{0,4}$/;

/** What may be written around a number in a cell: markup, spaces, brackets, =, ≈, 约/共/计, units (件, 人次, 万元). */
const VALUE_DRESSING = /<\/?[a-zA-Z][^<>]{0,30}>|[\s*_=≈~～()（）[\]【】约共计合余多件条个项起次人户家份笔宗例元万]/g;

/** The Han characters of VALUE_DRESSING (read from it: one list; a literal, so the regex-safety test sees it). */
const DRESSING_HAN = new Set([...VALUE_DRESSING.source.matchAll(/[\u4e00-\u9fff]/g)].map((m) => m[0].charCodeAt(0)));

/** Whether a text has a digit and no Han character but those of VALUE_DRESSING (a quick no for row labels). */
function dressedDigits(text: string): boolean {
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (c >= 0x4e00 && c <= 0x9fff && !DRESSING_HAN.has(c)) return false;
  }
  return digit;
}

/** A cell written as a number with dressing (=13, 13 件, **13**, 13<br>, 1人次, （13）, 13., 约1.25万元), nothing else. */
export function looksLikeValue(text: string): boolean {
  // (Most cells asked are row labels, words and no digit: answered without the replace.)
  if (!dressedDigits(text)) return false;
  return /^\d[\d,，]{0,15}(?:\.\d{1,6})?[.。]?$/.test(text.replace(VALUE_DRESSING, ''));
}

/** A cell whose text stands where a number belongs, as a value that is none (read like a placeholder). */
export function asPlaceholder(t: Token): Token {
  return new Token('value', t.text, t.start, t.end, t.line, t.row, t.separated, PLACEHOLDER_INFO);
}

/** A number after a space, inside a line's text: what makes a space-separated row. */
const SPACED_NUMBER = /\S[ \u3000]+[+-]?\d/;

export function classifyLine(line: string): LineShape {
  const t = line.trim();
  if (t === '') return 'plain';
  // (A rule starts with a pipe, a colon or a dash: the regex is not tried on the other lines, most of a report.)
  const first = t.charCodeAt(0);
  if ((first === 0x7c || first === 0x3a || first === 0x2d) && /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(t)) return 'md-rule';
  const pipes = countPipes(t);
  if (pipes > 0 && /^[|\s]+$/.test(t)) return 'separator';
  // A tab makes a tab-separated row, unless the line is a pipe row the tabs only pad: one pasted with a tab at its end
  // or indented by one (read as tab rows, their cells were split wrongly), or tabs between its pipes.
  const pipeRow = (t.startsWith('|') && pipes >= 2) || pipes >= 3;
  // Nor is a space-separated row or a one-cell line (`0 |`) with a tab only at its end or start (规章 0 0 0 pasted with
  // a tab after it: read as a tab row, its label and numbers were one cell). A label alone with tabs after it stays a
  // tab row of empty cells here; `tokenize` reads it as padding in a table that has no tab between two cells.
  // (Asked only of a line with a tab: the regex is not tried on the other lines, most of a table.)
  const paddedRow = () => !t.includes('\t') && ((pipes === 1 && t.endsWith('|')) || SPACED_NUMBER.test(t));
  if (line.includes('\t') && !paddedRow() && !(pipeRow && (!t.includes('\t') || (t.startsWith('|') && t.endsWith('|'))))) return 'tsv';
  if (t.startsWith('|') && pipes >= 2) return 'pipe';
  if (pipes === 1 && t.endsWith('|')) return 'cell-line';
  if (pipes >= 3) return 'pipe';
  return 'plain';
}

function countPipes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('|'); i >= 0; i = s.indexOf('|', i + 1)) n++;
  return n;
}

/** Reads one cell of a grid (pipe, tab): a single value, or a label. */
function readCell(text: string, start: number, end: number, line: number, row: number | undefined): Token {
  let a = start, b = end;
  while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
  const s = text.slice(a, b);
  if (s === '') return new Token('value', '', a, a, line, row, true, BLANK);
  const v = readValue(s);
  if (v && v.length === s.length) return new Token('value', s, a, b, line, row, true, v.info);
  // A number in emphasis (**2**, `2`, <b>2</b>: a clerk marking a total) is that number; the cell is the number's
  // digits, which a fix replaces, the emphasis kept. (Struck through, ~~2~~, it is not: left as written.)
  // (Asked only of a cell that starts as emphasis does: most are row labels.)
  const c0 = s.charCodeAt(0);
  const m = c0 === 0x2a || c0 === 0x5f || c0 === 0x60 || c0 === 0x3c ? EMPHASIS.exec(s) : null;
  if (m) {
    const inner = m[2] ?? m[4]!;
    const from = a + s.indexOf(inner, m[1] ? m[1].length : s.indexOf('>') + 1);
    const w = readValue(inner);
    if (w && w.length === inner.length) return new Token('value', inner, from, from + inner.length, line, row, true, w.info);
  }
  return new Token('label', s, a, b, line, row, true);
}

/** A cell's text wrapped in Markdown emphasis or an inline HTML tag of emphasis: the wrapped text is group 2. */
const EMPHASIS = /^(\*\*|\*|__|_|`)\s?([^*_`\s][^*_`]{0,30}?)\s?\1$|^<(b|strong|em|i|u|span|font)\b[^<>]{0,80}>\s?([^<>]{1,30}?)\s?<\/\3>$/i;

/** A value at the start of s: number (with unit and note), or placeholder. */
function readValue(s: string): { length: number; info: ValueInfo } | null {
  // Most cells are a bare count: read without the regexes (what they would give: the number, no unit, no note).
  if (isAllDigits(s)) return { length: s.length, info: { kind: 'number', digits: s } };
  if (PLACEHOLDER.test(s)) return { length: s.length, info: PLACEHOLDER_INFO };
  const m = GROUPED.exec(s) ?? NUMBER.exec(s);
  if (!m) return null;
  let len = m[0].length;
  // (The digits without their separators: what the value is read from.)
  const info: ValueInfo = { kind: 'number', digits: m[0].includes(',') ? m[0].replace(/,/g, '') : m[0] };
  const u = UNIT.exec(s.slice(len));
  if (u) { info.unit = u[1]; len += u[0].length; }
  const note = noteAt(s.slice(len));
  if (note) { info.note = note.note; len += note.length; }
  return { length: len, info };
}

/**
 * A note in brackets at the start of s, after a number: the （其中修订16件） of 22（其中修订16件）. Not an enumerator
 * like （六） that starts the next label.
 */
function noteAt(s: string): { note: string; length: number } | null {
  const m = /^\s*([(（][^()（）]*[)）])/.exec(s);
  return m && /[\u4e00-\u9fff].*[\u4e00-\u9fff]/.test(m[1]!) && !/^[(（][一二三四五六七八九十\d]{1,3}[)）]$/.test(m[1]!) ? { note: m[1]!, length: m[0].length } : null;
}

function isAllDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The markers of a Markdown block quote before a pipe row (`> |`, `>> |`, `> > |`): what is cut off the row. */
const QUOTED_PIPE_ROW = /^[ \t]{0,3}(?:>[ \t]?)+(?=[ \t]*\|)/;

/** A line that is a page's footer in PDF text: `- 3 -`, `— 4 —`, `第3页`, `第 3 页 共 8 页`, `共8页 第3页`. */
export const PAGE_FOOTER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|(?:共\s*\d{1,3}\s*页[\s,，/]*)?第\s*\d{1,3}\s*页(?:[\s,，/]*共\s*\d{1,3}\s*页)?)\s*$/;

/**
 * Tokenises text[from, to). Lines keep their shape: grid lines give one token per cell with a row index;
 * plain lines are scanned for labels and numbers.
 */
export function tokenize(text: string, from: number, to: number): { tokens: Token[]; shapes: Map<LineShape, number> } {
  const tokens: Token[] = [];
  const shapes = new Map<LineShape, number>();
  let lineNo = 0;
  let rowNo = 0;
  let pos = from;
  // Whether the table is tab-separated (asked only when a line's tabs could be padding).
  let tabSeparated: boolean | undefined;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > to) eol = to;
    // A table in a Markdown block quote (`> | 72 | 64 |`): the row starts after the quote's markers.
    if (text.charCodeAt(pos) === 0x3e || (isSpaceCode(text.charCodeAt(pos)) && text.charCodeAt(pos + 1) !== 0x7c)) {
      const quote = QUOTED_PIPE_ROW.exec(text.slice(pos, Math.min(eol, pos + 20)));
      if (quote) pos += quote[0].length;
    }
    const line = text.slice(pos, eol);
    // Page footers of PDF text (`- 3 -`, `— 4 —`, `第 3 页 共 8 页`) interrupt tables; they are not cells.
    let shape = PAGE_FOOTER.test(line) ? 'md-rule' : classifyLine(line);
    // A line whose tabs are all at its ends (1.属于国家秘密⇥) is a row of empty cells in a tab-separated table (规章⇥⇥⇥),
    // and padding in a table of another shape (PDF text copied with a tab after every line): decided per table.
    if (shape === 'tsv' && !line.trim().includes('\t') && !(tabSeparated ??= hasInnerTab(text, from, to))) shape = classifyLine(line.trim());
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    if (shape === 'pipe' || shape === 'tsv') {
      const sep = shape === 'pipe' ? '|' : '\t';
      // The cells' bounds, start and end one after the other.
      const bounds: number[] = [];
      let a = pos;
      // (Searched in the line: a search of the text could run to its end on every line.)
      for (let k = line.indexOf(sep); k >= 0; k = line.indexOf(sep, k + 1)) { bounds.push(a, pos + k); a = pos + k + 1; }
      bounds.push(a, eol);
      let first = 0, end = bounds.length;
      if (shape === 'pipe') {
        // Leading and trailing pipes delimit nothing.
        if (isBlankSpan(text, bounds[0]!, bounds[1]!)) first = 2;
        if (end > first && isBlankSpan(text, bounds[end - 2]!, bounds[end - 1]!)) end -= 2;
      }
      for (let k = first; k < end; k += 2) tokens.push(readCell(text, bounds[k]!, bounds[k + 1]!, lineNo, rowNo));
      rowNo++;
    } else if (shape === 'cell-line') {
      const bar = line.lastIndexOf('|');
      // No row index: a cell line is not a grid row (`delete` would make every token object slow to use).
      let t = readCell(text, pos, pos + bar, lineNo, undefined);
      // One cell per line, a cell written as a number with something around it (=13, 13 件) is in a value's place: as
      // a label it would name the numbers after it, which would each move one place.
      if (t.type === 'label' && looksLikeValue(t.text) && !ORDINAL_ONLY.test(t.text)) t = asPlaceholder(t);
      t.cellLine = true;
      if (!(t.type === 'value' && t.kind === 'blank')) tokens.push(t);
    } else if (shape === 'separator') {
      // One cell per line: a line of bare pipes right after a row label stands for empty cells
      // (the row's first values are blank); elsewhere it only ends a row.
      const last = tokens[tokens.length - 1];
      if (last && last.type === 'label' && last.row === undefined && last.line === lineNo - 1) {
        const pipes = countPipes(line);
        const at = pos + line.indexOf('|');
        for (let k = 0; k < pipes; k++) tokens.push(new Token('value', '', at + k, at + k, lineNo, undefined, true, BLANK));
      }
    } else if (shape === 'plain') {
      // A number's note wrapped onto a line of its own (PDF text of a narrow cell: 22 / （其中修订 16 件）) is its note,
      // as when written on one line, not a row label.
      const last = tokens[tokens.length - 1];
      const note = last && last.type === 'value' && last.kind === 'number' && last.note === undefined && last.row === undefined && last.line === lineNo - 1 ? noteAt(line) : null;
      if (note && isBlankSpan(text, pos + note.length, eol)) tokens[tokens.length - 1] = withNote(last!, note.note, text, pos + note.length);
      else scanPlain(text, pos, eol, lineNo, tokens);
    }
    lineNo++;
    pos = eol + 1;
  }
  return { tokens, shapes };
}

/** Whether some line of text[from, to) has a tab between two cells with something in them. */
function hasInnerTab(text: string, from: number, to: number): boolean {
  for (let k = text.indexOf('\t', from); k >= 0 && k < to; k = text.indexOf('\t', k + 1)) {
    let a = k - 1, b = k + 1;
    while (a >= from && text.charCodeAt(a) !== 0x0a && isSpaceCode(text.charCodeAt(a))) a--;
    while (b < to && text.charCodeAt(b) !== 0x0a && isSpaceCode(text.charCodeAt(b))) b++;
    if (a >= from && text.charCodeAt(a) !== 0x0a && b < to && text.charCodeAt(b) !== 0x0a) return true;
    // (The tabs of a run are judged together: skip to its last.)
    k = b - 1;
  }
  return false;
}

/** A number token with a note, ending where the note does (on a later line). */
function withNote(t: Token, note: string, text: string, end: number): Token {
  const noted = new Token('value', text.slice(t.start, end), t.start, end, t.line, t.row, t.separated, { kind: 'number', digits: t.digits, unit: t.unit, note });
  noted.cellLine = t.cellLine;
  return noted;
}

const HAN = /[\u4e00-\u9fff"]/;
/** Whether a value can start with this code unit in plain text: a digit, a sign, or a placeholder's dash or slash. */
function valueStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2014 || c === 0x2f || c === 0xff0f;
}
function isLatinLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Scans a plain line: alternating label text and numbers (possibly run together). */
function scanPlain(text: string, from: number, to: number, line: number, out: Token[]): void {
  let i = from;
  let labelStart = -1;
  let sawSpace = true;
  const flushLabel = (end: number) => {
    if (labelStart < 0) return;
    let b = end;
    while (b > labelStart && isSpaceCode(text.charCodeAt(b - 1))) b--;
    if (b > labelStart) out.push(new Token('label', text.slice(labelStart, b), labelStart, b, line, undefined, true));
    labelStart = -1;
  };
  // (Code units, not text[i]: each CJK character read as a string is a new string.)
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0xa0 || c === 0x3000) {
      sawSpace = true;
      i++;
      continue;
    }
    // Most characters are label text: only a digit, a sign or a dash/slash can start a value.
    if (!valueStart(c)) {
      if (labelStart < 0) labelStart = i;
      sawSpace = false;
      i++;
      continue;
    }
    const rest = text.slice(i, Math.min(to, i + 64));
    const isDigitStart = /^[+-]?\d/.test(rest) && !(labelStart >= 0 && /^[+-]/.test(rest));
    if (isDigitStart) {
      const m = NUMBER.exec(rest)!;
      let numText = m[0];
      // `00000002.其他…`: the last digit is the enumerator of the next label, not part of the number.
      // Read within the stretch only: a table depends on its own text (the parse of an unchanged region is reused).
      const after = text.slice(i + numText.length, Math.min(to, i + numText.length + 2));
      let enumeratorSplit = false;
      if (/^[.、]/.test(after) && HAN.test(after[1] ?? '') && /^\d+$/.test(numText)) {
        enumeratorSplit = true;
        numText = numText.slice(0, -1);
      }
      // A decimal like 1.5 followed by Han (`1.属于`) was taken by NUMBER as `1`, handled above.
      if (numText === '' || numText === '+' || numText === '-') {
        // The whole digit run is an enumerator: it starts a label.
        if (labelStart < 0) labelStart = i;
        i += m[0].length;
        sawSpace = false;
        continue;
      }
      if (labelStart >= 0 && !sawSpace && i > 0 && isLatinLetter(text.charCodeAt(i - 1))) {
        // digits inside a Latin word (e.g. a URL) belong to the label
        i += numText.length;
        continue;
      }
      flushLabel(i);
      const v = readValue(text.slice(i, to))!;
      const len = enumeratorSplit ? numText.length : v.length;
      const info: ValueInfo = enumeratorSplit ? { kind: 'number', digits: numText } : v.info;
      out.push(new Token('value', text.slice(i, i + len), i, i + len, line, undefined, sawSpace, info));
      i += len;
      sawSpace = false;
      if (enumeratorSplit) labelStart = i;
      continue;
    }
    const ph = /^(—+|-{1,3}|\/|／)(?=\s|$)/.exec(rest);
    if (ph && (sawSpace || labelStart < 0)) {
      flushLabel(i);
      out.push(new Token('value', ph[1]!, i, i + ph[1]!.length, line, undefined, true, PLACEHOLDER_INFO));
      i += ph[1]!.length;
      sawSpace = false;
      continue;
    }
    if (labelStart < 0) labelStart = i;
    sawSpace = false;
    i++;
  }
  flushLabel(to);
}
