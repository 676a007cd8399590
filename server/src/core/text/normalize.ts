import * as OpenCC from 'opencc-js/t2cn';
import { ENTITY } from './html';
import { TRADITIONAL_BITMAP_BASE64 } from './traditional.generated';
import { firstAtOrAfter, originAt, SplicedOrigin, type Origin } from './origin';

/**
 * A derived text whose every code unit knows where it came from in the source.
 * origin[i] is the source offset of text[i]; origin[text.length] is the source length (text/origin.ts).
 */
export interface MappedText {
  text: string;
  origin: Origin;
}
/** A mapped text as a whole text's normalisation or HTML view builds it: its map flat. */
export interface FlatMappedText extends MappedText {
  origin: Int32Array;
}

/**
 * Whether a code unit is whitespace as a regex's `\s` (and `trim`) sees it. Loops over characters test codes: the
 * one-character string `text[i]` of a CJK character is a new string each time.
 */
export function isSpaceCode(c: number): boolean {
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether text[from, to) is whitespace only (as isSpaceCode sees it). */
export function isBlankSpan(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Source offset of a derived offset (an end offset maps to the end of the previous unit). */
export function toSource(m: MappedText, offset: number): number {
  if (offset <= 0) return originAt(m.origin, 0);
  if (offset >= m.text.length) return originAt(m.origin, m.text.length);
  return originAt(m.origin, offset);
}

/**
 * Source offset of a derived END offset: just after the source character of the last unit included,
 * so text skipped after it (pinyin, HTML tags) is never part of a range. `html`: the source is markup read through
 * an HTML view, where an entity is one character of the view.
 */
export function toSourceEnd(m: MappedText, endOffset: number, source: string, html = false): number {
  if (endOffset <= 0) return originAt(m.origin, 0);
  return endAfter(source, originAt(m.origin, Math.min(endOffset, m.text.length) - 1), html);
}

const ENTITY_AT = new RegExp(`^${ENTITY}`, 'i');
/**
 * The source offset just after the character at `offset`: a surrogate pair, or in markup an HTML entity as the view
 * decoded it (`&nbsp;`, `&nbsp`), is one character of the view, so a range ending on it ends after all of it.
 */
function endAfter(source: string, offset: number, html: boolean): number {
  if (offset >= source.length) return source.length;
  const c = source.charCodeAt(offset);
  if (c >= 0xd800 && c <= 0xdbff) {
    // A pair only when a low surrogate follows: a lone high one is a character of its own (found by fuzzing: a heading
    // ending in one ran on over the line break).
    const d = source.charCodeAt(offset + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return offset + 2;
  }
  if (c === 0x26 && html) {
    const m = ENTITY_AT.exec(source.slice(offset, offset + 40));
    if (m) return offset + m[0].length;
  }
  // A CRLF is one line break of the view (mapped to its CR): a range ending on it ends after both.
  if (c === 0x0d && source.charCodeAt(offset + 1) === 0x0a) return offset + 2;
  return offset + 1;
}

/** Compose: a text derived from `inner.text` whose origins are re-expressed in inner's source. */
export function compose(outer: MappedText, inner: FlatMappedText): FlatMappedText {
  const origin = new Int32Array(outer.origin.length);
  for (let i = 0; i < origin.length; i++) {
    const o = originAt(outer.origin, i);
    origin[i] = o >= inner.origin.length ? inner.origin[inner.origin.length - 1]! : inner.origin[o]!;
  }
  return { text: outer.text, origin };
}

const PINYIN = /^[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})[)）]/;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}
/** Characters NFKC leaves alone: ASCII and the unified CJK block (the bulk of every report). */
function nfkcStable(code: number): boolean {
  return code < 0x80 || (code >= 0x4e00 && code <= 0x9fff);
}

let converter: ((s: string) => string) | null = null;
let traditionalTable: Uint8Array | null = null;
/**
 * The Taiwan phrases converters put into reposted reports (spec §6.5: 规范性文件 reposted as 規範性檔案, 政府信息 as
 * 政府資訊), read back as the mainland words before OpenCC converts the characters. Only these: OpenCC's whole table of
 * Taiwan phrases ('twp') also reads mainland words written in traditional characters as Taiwan ones (規範性文件 became
 * 规范性文档, 資料 数据). 檔案館 and 檔案局 are the archives, which reports name as places to read public information.
 */
const REPOST_PHRASES: [string, string][] = [['檔案', '文件'], ['資訊', '信息'], ['檔案館', '档案馆'], ['檔案局', '档案局']];
function t2s(): (s: string) => string {
  if (!converter) {
    // (Loading OpenCC's dictionaries takes tens of milliseconds: only a text with a traditional character needs them.)
    const phrases = OpenCC.CustomConverter(REPOST_PHRASES);
    const characters = OpenCC.Converter({ from: 'tw', to: 'cn' });
    converter = (s) => characters(phrases(s));
  }
  return converter;
}

/** The BMP characters (U+3400–U+9FFF) the converter would change, asked of OpenCC itself, as a bitmap (one bit a character). */
export const TRADITIONAL_FROM = 0x3400, TRADITIONAL_TO = 0x9fff;
export function traditionalBitmapFromOpenCC(): Uint8Array {
  const conv = t2s();
  const bits = new Uint8Array(((TRADITIONAL_TO - TRADITIONAL_FROM + 1) >> 3) + 1);
  const set = (c: number) => { const k = c - TRADITIONAL_FROM; bits[k >> 3]! |= 1 << (k & 7); };
  let block = '';
  for (let c = TRADITIONAL_FROM; c <= TRADITIONAL_TO; c++) block += String.fromCharCode(c);
  const out = conv(block);
  if (out.length === block.length) {
    for (let i = 0; i < block.length; i++) if (out.charCodeAt(i) !== block.charCodeAt(i)) set(block.charCodeAt(i));
  } else {
    for (let c = TRADITIONAL_FROM; c <= TRADITIONAL_TO; c++) { const ch = String.fromCharCode(c); if (conv(ch) !== ch) set(c); }
  }
  return bits;
}

/**
 * Which BMP characters OpenCC would change: the library's own answer, generated into traditional.generated.ts
 * (npm run gen:traditional; a test compares it with OpenCC), because asking OpenCC when the server starts took about
 * 100 ms on each thread before the first diagnostics.
 */
function traditionalChars(): Uint8Array {
  if (traditionalTable) return traditionalTable;
  const table = new Uint8Array(0x10000);
  const bits = atob(TRADITIONAL_BITMAP_BASE64);
  for (let c = TRADITIONAL_FROM; c <= TRADITIONAL_TO; c++) { const k = c - TRADITIONAL_FROM; if (bits.charCodeAt(k >> 3) & (1 << (k & 7))) table[c] = 1; }
  traditionalTable = table;
  return table;
}

/** How many of a text's characters (the first `limit`) OpenCC would change, and how many are Han characters. */
export function traditionalShare(text: string, limit = text.length): { traditional: number; han: number } {
  const trad = traditionalChars();
  let traditional = 0, han = 0;
  for (let i = 0; i < Math.min(limit, text.length); i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    han++;
    traditional += trad[c]!;
  }
  return { traditional, han };
}

/**
 * The text used for matching labels and headings. The user's text is never changed; this is a view of it.
 * NFKC (full-width digits and punctuation), pinyin that mirror sites insert after characters (網(wǎng)),
 * traditional → simplified (OpenCC), unified quotes and enumerators (1、 1． → 1.), thousands separators left out
 * (1,234 → 1234: the checks read numbers as digits; a full-width comma may be a list's in prose, so 1，234 is read whole
 * only before a unit of count, 1，234件, and where the table reader reads a number).
 * Line breaks are kept one for one, so line numbers of the view and of the source agree (each is one LF: a lone CR, and
 * a CRLF mapped to its CR).
 */
export function normalizeForMatching(source: string): FlatMappedText {
  // Typed arrays and one string build at the end: this runs on every edit, on documents of megabytes.
  const n = source.length;
  // Locals, not closure variables: this loop runs once per character of every document on every edit.
  // Capacity: the fast paths write one unit per source unit, so only NFKC expansions can outgrow n.
  let cap = n + 64;
  let out = new Uint16Array(cap);
  let origin = new Int32Array(cap + 1);
  let len = 0;
  let prevHan = false;
  // Where the output holds a character OpenCC would change: only those places are converted.
  let tradAt = new Int32Array(64);
  let nTrad = 0;
  const trad = traditionalChars();
  // The run of digits and commas the last comma met belongs to: where it ends, and whether it is a grouped number.
  let thousandsScanned = 0, thousands: { from: number; to: number } | null = null;
  for (let i = 0; i < n; ) {
    // A run of what is written as it is: ASCII other than `(` and unified CJK that OpenCC leaves alone (the bulk of
    // every report), in a loop of its own (≈ 30 % less time than taking each through the cases below).
    // (One unit out for one in: the room kept for the rest of the text holds.)
    let j = i, at = len;
    for (; j < n; j++) {
      const c = source.charCodeAt(j);
      if (c < 0x80 ? c === 0x28 || c === 0x0d || c === 0x2c : c < 0x4e00 || c > 0x9fff || trad[c] !== 0) break;
      out[at] = c; origin[at] = j; at++;
    }
    if (j > i) {
      prevHan = source.charCodeAt(j - 1) >= 0x4e00;
      len = at;
      i = j;
      if (i >= n) break;
    }
    const code = source.charCodeAt(i);
    // (Only a comma between two digits can be one: the full-width comma of every sentence is not looked at.)
    if ((code === 0x2c || code === 0xff0c) && i > 0 && isDigit(source.charCodeAt(i - 1)) && isDigit(source.charCodeAt(i + 1))) {
      // A thousands separator (1,234) is left out: the checks read numbers as digits. Every comma of a run of digits
      // and commas is decided when its first is met, so a long run is read once.
      if (i >= thousandsScanned) ({ scanned: thousandsScanned, number: thousands } = digitCommaRun(source, i, code));
      if (thousands && i > thousands.from && i < thousands.to) { i++; continue; }
    }
    // Zero-width spaces and joiners (U+200B–U+200D, U+2060; web pages and editors leave them) and soft hyphens (U+00AD,
    // from Word) say nothing: left out, as a label or number with one inside reads as without (a cell 0 followed by
    // one was no number; 行政­许可 no row).
    if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xad) { i++; continue; }
    if ((code === 0x28 || code === 0xff08) && prevHan) {
      // Pinyin a mirror site put after a character: 公(gōng)開, 文(wen)章.
      const m = PINYIN.exec(source.slice(i, i + 12));
      if (m) { i += m[0].length; continue; }
    }
    // Fast paths by code for what Chinese text is made of; NFKC proper only for the rare rest.
    let fast = -1;
    // A CR alone is a line break (old Mac files, some web pages): the view has a LF there, so that what reads the
    // view line by line sees the lines LineIndex counts. A CRLF is one LF too, mapped to its CR (where the line ends):
    // a line break is one character of the view whatever the file's line endings, so what the checks allow between
    // a number and its unit (351  ⏎件) does not change with them (found by metamorphic tests).
    if (code === 0x0d) {
      if (source.charCodeAt(i + 1) === 0x0a) {
        out[len] = 0x0a; origin[len] = i; len++;
        prevHan = false;
        i += 2;
        continue;
      }
      fast = 0x0a;
    }
    else if (nfkcStable(code)) fast = code;
    else if (code >= 0xff01 && code <= 0xff5e) fast = code === 0xff02 ? 0x22 : code - 0xfee0; // full-width ASCII
    else if (code === 0x3000) fast = 0x20;
    else if (code === 0x201c || code === 0x201d || code === 0x2018 || code === 0x2019 || (code >= 0x300c && code <= 0x300f) || code === 0x301d || code === 0x301e) fast = 0x22;
    else if (code === 0x3001) fast = i > 0 && isDigit(source.charCodeAt(i - 1)) && !isDigit(source.charCodeAt(i + 1)) ? 0x2e : code;
    else if (code > 0x3001 && code <= 0x303f) fast = code; // CJK punctuation: NFKC leaves it
    if (fast >= 0) {
      out[len] = fast; origin[len] = i; len++;
      prevHan = code >= 0x4e00 && code <= 0x9fff;
      if (trad[fast]) {
        if (nTrad === tradAt.length) { const t = new Int32Array(nTrad * 2); t.set(tradAt); tradAt = t; }
        tradAt[nTrad++] = len - 1;
      }
      i++;
      continue;
    }
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + width);
    let rep: string;
    if (code >= 0x2460 && code <= 0x2473) rep = ch; // ① … ⑳ stay: they are a heading level of their own
    else if (code === 0x2014 || code === 0x2015 || code === 0x2013) rep = '—';
    else if (code >= 0xd800 && code <= 0xdfff && width === 1) rep = ch; // a lone surrogate: keep it as it is
    else {
      rep = ch.normalize('NFKC');
      if (rep === '' || (rep.length > 1 && /[\r\n]/.test(rep))) rep = ch;
    }
    if (len + rep.length + (n - i) >= cap) {
      // An expansion: make room for it and for the rest of the text.
      cap = (len + rep.length + (n - i)) * 2 + 64;
      const o = new Uint16Array(cap); o.set(out.subarray(0, len)); out = o;
      const g = new Int32Array(cap + 1); g.set(origin.subarray(0, len)); origin = g;
    }
    for (let k = 0; k < rep.length; k++) {
      const unit = rep.charCodeAt(k);
      if (trad[unit]) {
        if (nTrad === tradAt.length) { const t = new Int32Array(nTrad * 2); t.set(tradAt); tradAt = t; }
        tradAt[nTrad++] = len;
      }
      out[len] = unit; origin[len] = i; len++;
    }
    prevHan = isHan(code);
    i += width;
  }
  origin[len] = n;
  let text = fromCodes(out, len);
  let originOut: Int32Array = origin.subarray(0, len + 1);
  if (nTrad > 0) {
    const converted = convertTraditional(text, originOut, tradAt.subarray(0, nTrad));
    text = converted.text;
    originOut = converted.origin;
  }
  return { text, origin: originOut };
}

// ignoreBOM: a text that starts with U+FEFF keeps it (by default TextDecoder drops it, and every offset after it
// would be one off: found by the property tests, where it crashed the traditional-script conversion).
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
/** The code units as a string. (TextDecoder turns a lone surrogate into U+FFFD: one unit for one, so offsets hold.) */
function fromCodes(codes: Uint16Array, len: number): string {
  const view = codes.subarray(0, len);
  return UTF16.decode(new Uint8Array(view.buffer, view.byteOffset, len * 2));
}

function isDigit(c: number): boolean { return c >= 0x30 && c <= 0x39; }

/** Groups of three after a first group of one to three digits, at most six (as a table cell's: parse/tableTokens.ts GROUPED). */
const GROUPED_DIGITS = /^\d{1,3}(?:,\d{3}){1,6}$/;
/** The longest such number: 3 + 6 × 4 characters. */
const GROUPED_MAX = 27;
/**
 * The run of ASCII digits and commas (of the kind at `at`) around the comma at `at`: where it ends (`scanned`), and the number with thousands
 * separators it holds ([from, to): 1,234; 12,345,678; the 1,234 of 1,234.5), or null when it is none: a list (1,2,3),
 * a digit run (2019,2020), a decimal's tail (0.123,456), ordinals (第101,102号). A comma at either end of the run is
 * punctuation, not part of the number. Line-local, as all of the normalisation.
 * `comma` is the comma at `at`, ASCII or full-width; a run is of one kind. A full-width comma is the punctuation of
 * Chinese prose (受理12，办结345), so a run of them is a number only when a unit of count follows it (1，600人次).
 */
function digitCommaRun(source: string, at: number, comma: number): { scanned: number; number: { from: number; to: number } | null } {
  const isPart = (c: number) => isDigit(c) || c === comma;
  let a = at;
  // (A run that goes on further back than a grouped number can is none.)
  while (a > 0 && at - a < GROUPED_MAX && isPart(source.charCodeAt(a - 1))) a--;
  let b = at + 1;
  while (b < source.length && isPart(source.charCodeAt(b))) b++;
  let from = a, to = b;
  while (from < b && source.charCodeAt(from) === comma) from++;
  while (to > from && source.charCodeAt(to - 1) === comma) to--;
  const longer = a > 0 && isPart(source.charCodeAt(a - 1));
  const decimalTail = a > 0 && source.charCodeAt(a - 1) === 0x2e;
  const grouped = !longer && !decimalTail && !ordinals(source, from, to) && to - from <= GROUPED_MAX
    && GROUPED_DIGITS.test(comma === 0x2c ? source.slice(from, to) : source.slice(from, to).replaceAll('，', ','))
    && (comma === 0x2c || COUNT_UNIT.test(source.slice(to, to + 4)));
  return { scanned: b, number: grouped ? { from, to } : null };
}

/** A unit of count right after a number (spaces allowed): what makes 1，600 in prose one number. */
const COUNT_UNIT = /^[ \t\u3000]{0,2}(?:件|条|條|项|項|个|個|人|次|元|万|萬|份|篇|户|戶|家|场|場|期)/;

/**
 * Whether the digits and commas in [from, to) are a list of numbers that name things (第101,102号; 101,102号文件):
 * after 第 or before 号 a number is an ordinal or a document number, never a quantity written with separators.
 */
function ordinals(source: string, from: number, to: number): boolean {
  const before = from > 0 ? source.charCodeAt(from - 1) : 0, after = source.charCodeAt(to);
  return before === 0x7b2c /* 第 */ || after === 0x53f7 /* 号 */ || after === 0x865f /* 號 */;
}

/**
 * The same string in memory of its own. In V8 a slice of 13 characters or more points into the string it was cut
 * from and keeps all of it alive: what is kept across versions of a document (carried matches, headings, tables,
 * memo keys) must not keep old versions of the text alive.
 */
export function ownCopy(s: string): string {
  return s.length >= 13 ? (' ' + s).slice(1) : s;
}

/**
 * A memo keyed by text cut from a document (labels, titles, sentences), emptied when it holds `maxEntries` keys or
 * `maxChars` characters of them. The key is kept as its own copy and the value is made from that copy: a slice, or a
 * value that is the slice itself (a key that drops nothing), would keep a whole version of the text alive for as
 * long as it is remembered (test/unit/memory.test.ts).
 */
export class TextMemo<V> {
  readonly #values = new Map<string, V>();
  #chars = 0;
  constructor(private readonly maxEntries: number, private readonly maxChars = Infinity) {}

  get(key: string, make: (own: string) => V): V {
    const hit = this.#values.get(key);
    if (hit !== undefined) return hit;
    const own = ownCopy(key);
    const value = make(own);
    if (this.#values.size >= this.maxEntries || this.#chars >= this.maxChars) { this.#values.clear(); this.#chars = 0; }
    this.#values.set(own, value);
    this.#chars += own.length;
    return value;
  }
}

/**
 * OpenCC's conversion of one window, remembered: the same phrases (資訊公開, 政府資訊) recur within a report, across
 * the versions of a document being edited and across the files of a batch. Bounded by the characters kept; converted
 * from the key's own copy (a converter may give back its input when nothing changes).
 */
const converted = new TextMemo<string>(Infinity, 1_000_000);
function convertWindow(s: string): string {
  return converted.get(s, (own) => t2s()(own));
}

/**
 * t2s around each character OpenCC would change, in windows wide enough for its phrases (converting only
 * where needed keeps simplified documents that contain a few such characters cheap). The offset map stays
 * exact: a window whose conversion changes length is converted character by character.
 */
function convertTraditional(text: string, origin: Int32Array, positions: Int32Array): FlatMappedText {
  const conv = convertWindow;
  const windows: [number, number][] = [];
  const PAD = 6;
  for (const i of positions) {
    // PAD characters either side, within the line (looked for only that far: a long line stays linear).
    let a = i;
    while (a > 0 && a > i - PAD && text.charCodeAt(a - 1) !== 10) a--;
    let b = i + 1;
    while (b < text.length && b < i + PAD + 1 && text.charCodeAt(b) !== 10) b++;
    const last = windows[windows.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b); else windows.push([a, b]);
  }
  const parts: string[] = [];
  const pieces: { a: number; b: number; converted: string }[] = [];
  let sameLength = true;
  let pos = 0;
  for (const [a, b] of windows) {
    parts.push(text.slice(pos, a));
    const converted = conv(text.slice(a, b));
    if (converted.length !== b - a) sameLength = false;
    parts.push(converted);
    pieces.push({ a, b, converted });
    pos = b;
  }
  parts.push(text.slice(pos));
  if (sameLength) return { text: parts.join(''), origin };
  // A window changed length: convert those windows character by character so every unit keeps its origin.
  const outParts: string[] = [];
  const newOrigin: number[] = [];
  pos = 0;
  for (const { a, b, converted } of pieces) {
    outParts.push(text.slice(pos, a));
    for (let i = pos; i < a; i++) newOrigin.push(origin[i]!);
    if (converted.length === b - a) {
      outParts.push(converted);
      for (let i = a; i < b; i++) newOrigin.push(origin[i]!);
    } else {
      for (let i = a; i < b; i++) {
        const c = conv(text[i]!);
        outParts.push(c);
        for (let k = 0; k < c.length; k++) newOrigin.push(origin[i]!);
      }
    }
    pos = b;
  }
  outParts.push(text.slice(pos));
  for (let i = pos; i <= text.length; i++) newOrigin.push(origin[i]!);
  return { text: outParts.join(''), origin: Int32Array.from(newOrigin) };
}

/**
 * The key a label is compared by: normalised, without whitespace, brackets or punctuation,
 * so that `（一）` ≡ `(一)`, `1、` ≡ `1.`, `总 计` ≡ `总计`.
 */
export function labelKey(s: string): string {
  return compactKey(normalizeForMatching(s).text);
}
/**
 * Whether a (normalised) code unit counts in a label key (compactKey drops the others). By code and table: loops
 * over text call it per character.
 */
export function isKeyCode(c: number): boolean {
  return !DROPPED[c];
}
/** What a label key leaves out: whitespace, brackets and punctuation. The one definition; the table below is read from it. */
export const KEY_DROP = /^[\s"'()（）〔〕[\]【】<>《》.,:;，。：；、·・|_*#\-—]$/;
/**
 * Per UTF-16 unit, whether KEY_DROP matches it. Only units below U+3100 and from U+FE00 on can match (\s and the
 * listed punctuation); a test checks every unit against the regex.
 */
const DROPPED = (() => {
  const table = new Uint8Array(0x10000);
  const mark = (from: number, to: number) => { for (let c = from; c < to; c++) if (KEY_DROP.test(String.fromCharCode(c))) table[c] = 1; };
  mark(0, 0x3100);
  mark(0xfe00, 0x10000);
  return table;
})();

/** labelKey for text that is already normalised. */
export function compactKey(normalised: string): string {
  // A loop over code units with a table, not a regex replace: whole table regions go through here (4× faster).
  let out = '';
  let from = 0;
  const n = normalised.length;
  for (let i = 0; i < n; i++) {
    if (DROPPED[normalised.charCodeAt(i)]) {
      if (i > from) out += normalised.slice(from, i);
      from = i + 1;
    }
  }
  if (from === 0) return normalised;
  return from < n ? out + normalised.slice(from) : out;
}

/**
 * The normalisation of `source`, given that of `previous.source` and the span in which the two texts differ.
 * Normalisation is line-local (a character's form depends only on its own line; line breaks map one for one),
 * so only the lines the edit touches are normalised again and the rest is reused, its origins shifted.
 * Returns the new view and the lines that changed, in source and in normalised offsets.
 */
export function renormalized(
  previous: { source: string; norm: MappedText },
  source: string,
  diff: { start: number; oldEnd: number; newEnd: number },
): { norm: MappedText; lines: { start: number; oldEnd: number; newEnd: number }; change: { start: number; oldEnd: number; newEnd: number } } {
  const delta = diff.newEnd - diff.oldEnd;
  // Whole lines: from the start of the first changed line to just after the first line break in the unchanged rest.
  const start = diff.start === 0 ? 0 : source.lastIndexOf('\n', diff.start - 1) + 1;
  const nl = source.indexOf('\n', diff.newEnd);
  const newEnd = nl < 0 ? source.length : nl + 1;
  const oldEnd = newEnd - delta;
  const prev = previous.norm;
  // (An origin's last entry is the source length: a normalised offset never goes past the text's length.)
  const na = firstAtOrAfter(prev.origin, start, prev.text.length);
  const nb = firstAtOrAfter(prev.origin, oldEnd, prev.text.length);
  const piece = normalizeForMatching(source.slice(start, newEnd));
  const pieceLen = piece.text.length;
  const inserted = new Int32Array(pieceLen);
  for (let i = 0; i < pieceLen; i++) inserted[i] = piece.origin[i]! + start;
  // (Spliced, not copied: text/origin.ts.)
  const origin = SplicedOrigin.splice(prev.origin, na, nb, inserted, delta);
  const text = prev.text.slice(0, na) + piece.text + prev.text.slice(nb);
  return { norm: { text, origin }, lines: { start, oldEnd, newEnd }, change: { start: na, oldEnd: nb, newEnd: na + pieceLen } };
}

/**
 * Where two texts differ: the longest common prefix and suffix leave [start, oldEnd) of `a` and [start, newEnd)
 * of `b`; null when they are equal. Compared in blocks (native string comparison), then character by character.
 */
export function differingSpan(a: string, b: string): { start: number; oldEnd: number; newEnd: number } | null {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  let p = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (p + step <= max && a.slice(p, p + step) === b.slice(p, p + step)) p += step;
  }
  let s = 0;
  const maxS = max - p;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (s + step <= maxS && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
  }
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}
