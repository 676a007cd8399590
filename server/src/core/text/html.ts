import { decodeHTML } from 'entities';
import type { FlatMappedText } from './normalize';

/**
 * What the view decodes as one entity (`&nbsp;`, `&#20320;`, legacy `&nbsp` without `;`): one unit of the view,
 * whose range in the source spans all of it (normalize.ts `toSourceEnd`).
 */
export const ENTITY = '&(?:#\\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{0,31});?';

/**
 * Tags that end a table row whose `</tr>` was left out (HTML allows it; old CMS pages and hand-written ones do): without
 * them, every paragraph after such a table was glued onto its last row, headings and all. A table inside a cell (a
 * page laid out in a table) ends the row it is in, so the text after it gets its lines.
 */
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot']);
const BLOCK = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'title', 'caption', 'dt', 'dd', 'center', 'form']);
const SKIP = new Set(['script', 'style', 'noscript', 'template']);
/**
 * What may stand in a <head> (the HTML parser's "in head" mode). Any other start tag, `</body>`, `</html>` or text
 * ends the head even without `</head>` (and `<body>` is optional too): a page that leaves out `</head>` is shown whole.
 */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'basefont', 'bgsound', 'noscript', 'template']);

/** How much of a text's start tells whether it is a web page: looksLikeHtmlDocument reads no further. */
export const HTML_SNIFF_LENGTH = 20000;

export function looksLikeHtmlDocument(text: string): boolean {
  // No tag near the start: not a web page (the common case, decided without lower-casing or a regex;
  // only the start is searched).
  const start = text.slice(0, HTML_SNIFF_LENGTH);
  const lt = start.indexOf('<');
  if (lt < 0) return false;
  const head = text.slice(0, 2000).toLowerCase();
  if (/<!doctype html|<html[\s>]|<body[\s>]/.test(head)) return true;
  // Ten block or cell tags in the first 20,000 characters, counted from each '<' (searched for only there).
  let tags = 0;
  for (let i = lt; i >= 0; i = start.indexOf('<', i + 1)) {
    if (TAG_AFTER_LT.test(start.slice(i + 1, i + 9)) && ++tags >= 10) return true;
  }
  return false;
}
const TAG_AFTER_LT = /^\/?(p|div|td|tr|table|span|br|h\d)\b/i;

/** Renders the whole text as HTML. */
export function htmlToText(html: string): FlatMappedText {
  return render(html, 0, html.length);
}

/** `<table` markup in a text: what renderEmbeddedTables renders (parse/format.ts tells whether a text has any). */
export const TABLE_TAG = /<table/i;

/**
 * Renders only the `<table>…</table>` fragments of an otherwise plain or Markdown text
 * (a table pasted from a web page into a report); everything else is kept as written.
 */
export function renderEmbeddedTables(text: string): FlatMappedText | null {
  // Each tag searched for on its own, not one lazy regex over a fragment: a "<table" without its "</table>" must
  // not make this quadratic.
  if (!TABLE_TAG.test(text)) return null;
  const parts: string[] = [];
  const origin: number[] = [];
  let last = 0;
  let found = false;
  /** The last character of the view so far ('\n' before the first). */
  let lastChar = '\n';
  for (let open = searchFrom(TABLE_OPEN, text, 0); open >= 0;) {
    const close = searchFrom(TABLE_CLOSE, text, open);
    if (close < 0) break;
    const gt = text.indexOf('>', close);
    let end = gt < 0 ? text.length : gt + 1;
    const next = searchFrom(TABLE_OPEN, text, end);
    found = true;
    // Markup on the table's line around it (a wrapper <div class=…>, a Word <!--[if gte mso 9]>…<![endif]-->) is not
    // text: it goes with the table, or its digits and tags were read as the first row's cells.
    let lineStart = open;
    while (lineStart > last && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
    let start = open;
    if (lineStart < open) {
      const shown = render(text, lineStart, open);
      const k = lastShown(shown.text);
      if (k < 0) start = lineStart;
      else { const lt = text.indexOf('<', shown.origin[k]! + 1); if (lt >= 0 && lt < open) start = lt; }
    }
    // (Up to the next table at most: a text on one line with many tables is walked once.)
    const limit = next >= 0 ? next : text.length;
    let lineEnd = end;
    while (lineEnd < limit && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    if (lineEnd > end) {
      const shown = render(text, end, lineEnd);
      const k = firstShown(shown.text);
      end = k < 0 ? lineEnd : shown.origin[k]!;
    }
    for (let i = last; i < start; i++) { parts.push(text[i]!); origin.push(i); }
    if (start > last) lastChar = text[start - 1]!;
    // Text before it on the line stays text, but the table's first row starts a line of its own.
    if (!isLineBreak(lastChar.charCodeAt(0))) { parts.push('\n'); origin.push(open); }
    const r = render(text, start, end);
    parts.push(r.text);
    for (let i = 0; i < r.text.length; i++) origin.push(r.origin[i]!);
    if (r.text) lastChar = r.text[r.text.length - 1]!;
    last = end;
    open = next;
  }
  if (!found) return null;
  for (let i = last; i < text.length; i++) { parts.push(text[i]!); origin.push(i); }
  origin.push(text.length);
  return { text: parts.join(''), origin: Int32Array.from(origin) };
}

/** The first and the last character of a rendered view that is not a space, tab or line break (-1: none). */
function firstShown(view: string): number {
  let k = 0;
  while (k < view.length && isViewSpace(view.charCodeAt(k))) k++;
  return k < view.length ? k : -1;
}
function lastShown(view: string): number {
  let k = view.length - 1;
  while (k >= 0 && isViewSpace(view.charCodeAt(k))) k--;
  return k;
}
const isViewSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;
const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;

/**
 * A plain-text view of HTML whose every unit maps back to the HTML source.
 * Block elements become line breaks; a table row becomes one line with its cells separated by tabs,
 * so the table reader sees the same thing as a row pasted from Word or Excel. Entities are decoded
 * (&nbsp; is a space, so an `&nbsp;` cell is blank, not 0). Scripts and styles are dropped.
 */
function render(html: string, from: number, to: number): FlatMappedText {
  // Pages laid out in tables are found during the pass (no second scan of every page): only when one is found is the
  // page rendered again, its layout cells known.
  const layout = new LayoutRows();
  const first = renderWith(html, from, to, NO_CELLS, layout);
  return layout.cells.size ? renderWith(html, from, to, layout.cells, null) : first;
}
const NO_CELLS: ReadonlySet<number> = new Set();

function renderWith(html: string, from: number, to: number, blockCells: ReadonlySet<number>, layout: LayoutRows | null): FlatMappedText {
  const out = new ViewBuilder(to - from);
  let skipDepth = 0;
  /** Inside <head> (nothing in it is shown), and inside its <title> (whose text does not end it). */
  let inHead = false;
  let inHeadTitle = false;
  let inRow = false;
  let cellIndex = 0;
  let atLineStart = true;
  const emit = (s: string, at: number) => {
    out.push(s, at, true);
    atLineStart = s.endsWith('\n');
  };
  const newline = (at: number) => { if (!atLineStart) emit('\n', at); };
  const onopentag = (name: string, at: number) => {
    if (name === 'head' && !skipDepth) { inHead = true; return; }
    if (inHead && !skipDepth) {
      if (name === 'title') inHeadTitle = true;
      if (inHeadTitle || HEAD_CONTENT.has(name) || name === 'html') { if (SKIP.has(name)) skipDepth++; return; }
      inHead = false;
    }
    if (SKIP.has(name)) { skipDepth++; return; }
    if (skipDepth) return;
    if (name === 'tr') { newline(at); inRow = true; cellIndex = 0; return; }
    if (name === 'td' || name === 'th') {
      // A cell of a page laid out in a table holds paragraphs, not a value: its blocks are lines.
      if (blockCells.has(at)) { newline(at); inRow = false; cellIndex++; return; }
      if (inRow && cellIndex > 0) emit('\t', at);
      cellIndex++;
      return;
    }
    // In a table cell a <br> wraps the cell's one label (本年新<br>制作数量): like a source line break, not a new line.
    if (name === 'br') { if (inRow) layoutSpace(at, true); else emit('\n', at); return; }
    if (TABLE_PARTS.has(name)) inRow = false;
    if (BLOCK.has(name) && !inRow) newline(at);
  };
  const onclosetag = (name: string, at: number) => {
    if (SKIP.has(name)) { skipDepth = Math.max(0, skipDepth - 1); return; }
    if (inHead && !skipDepth) {
      if (name === 'title') inHeadTitle = false;
      if (name === 'head' || ((name === 'body' || name === 'html') && !inHeadTitle)) inHead = false;
      return;
    }
    if (skipDepth) return;
    if (name === 'tr') { inRow = false; newline(at); return; }
    if (TABLE_PARTS.has(name)) inRow = false;
    if (BLOCK.has(name) && !inRow) newline(at);
  };
  const ontext = (start: number, end: number) => {
    if (skipDepth || end <= start) return;
    if (inHead) {
      if (inHeadTitle || !hasContent(html, start, end)) return;
      inHead = false;
    }
    const data = html.slice(start, end);
    if (!data.includes('&')) { pushText(data, start); return; }
    // Decode entities one by one so that each decoded character keeps the offset of its entity.
    const re = new RegExp(ENTITY, 'gi');
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(data))) {
      pushText(data.slice(last, m.index), start + last);
      const decoded = decodeHTML(m[0]);
      pushText(decoded === m[0] ? m[0] : decoded.replace(/\u00a0/g, ' '), start + m.index, true);
      last = m.index + m[0].length;
    }
    pushText(data.slice(last), start + last);
  };

  /** Whitespace in the source: one space where it separates something (a line break may still vanish: ViewBuilder). */
  function layoutSpace(at: number, lineBreak: boolean) {
    if (!(atLineStart || out.last === ' ' || out.last === '\t')) out.space(at, lineBreak);
  }

  function pushText(s: string, at: number, atomic = false) {
    // (Text without whitespace, most of a Chinese page, goes in whole: one run.)
    for (let k = 0; k < s.length;) {
      // Source line breaks inside HTML are layout, not content; tabs would fake table cells: each is a space, and
      // a space goes in only where it separates something (and not for a line break between Chinese characters).
      const c = s.charCodeAt(k);
      if (isLayoutSpace(c)) {
        layoutSpace(atomic ? at : at + k, c === 0x0a || c === 0x0d);
        k++;
        continue;
      }
      // The characters up to the next such space go in together (one piece, not one per character).
      let e = k + 1;
      while (e < s.length && !isLayoutSpace(s.charCodeAt(e))) e++;
      out.push(s.slice(k, e), atomic ? at : at + k, atomic);
      atLineStart = false;
      k = e;
    }
  }

  scanTags(html, from, to, layout ? {
    onopentag: (name, at) => { layout.open(name, at); onopentag(name, at); },
    onclosetag: (name, at) => { layout.close(name); onclosetag(name, at); },
    ontext: (start, end) => { layout.text(html, start, end); ontext(start, end); },
  } : { onopentag, onclosetag, ontext });
  layout?.done();
  return out.done(to);
}
/**
 * The cells (offsets of their `<td`/`<th`) of the rows of a page laid out in a table: a row with a cell that holds a
 * table, or many blocks of text (the whole article in <p>s). A data cell holds one value or one label, perhaps split
 * over two or three <p> or <br> (Word puts a <p class=MsoNormal> in every cell; 三<br>、<br>本<br>年… is a short
 * label), so its blocks stay inside the row's line. Fed the render pass's tags and text; a stack of open tables, each
 * knowing only its open cell and row: constant work per tag.
 */
class LayoutRows {
  /** The offsets of the `<td`/`<th` of every cell in a layout row. */
  readonly cells = new Set<number>();
  private readonly tables: LayoutFrame[] = [];
  open(name: string, at: number): void {
    const t = this.tables[this.tables.length - 1];
    if (name === 'table') {
      if (t && t.cell >= 0) t.layout = true;
      this.tables.push(layoutFrame());
    } else if (name === 'td' || name === 'th') {
      const cur = t ?? (this.tables.push(layoutFrame()), this.tables[0]!);
      this.endCell(cur);
      cur.cell = at; cur.blocks = 0; cur.chars = 0; cur.layout = false;
      cur.rowCells.push(at);
    } else if (t) {
      if (name === 'tr' || TABLE_PARTS.has(name)) this.endRow(t);
      else if (t.cell >= 0 && BLOCK.has(name)) t.blocks++;
    }
  }
  close(name: string): void {
    const t = this.tables[this.tables.length - 1];
    if (!t) return;
    if (name === 'table') { this.endRow(t); this.tables.pop(); } else if (name === 'td' || name === 'th') this.endCell(t);
    else if (name === 'tr' || TABLE_PARTS.has(name)) this.endRow(t);
  }
  text(html: string, start: number, end: number): void {
    const t = this.tables[this.tables.length - 1];
    // (Counted up to the threshold only: a long cell is not read to its end.)
    if (!t || t.cell < 0 || t.chars >= LAYOUT_CHARS) return;
    for (let i = start; i < end && t.chars < LAYOUT_CHARS; i++) if (!isLayoutSpace(html.charCodeAt(i))) t.chars++;
  }
  done(): void {
    while (this.tables.length) this.endRow(this.tables.pop()!);
  }
  private endCell(t: LayoutFrame): void {
    if (t.cell >= 0 && (t.layout || (t.blocks >= LAYOUT_BLOCKS && t.chars >= LAYOUT_CHARS))) t.rowLayout = true;
    t.cell = -1;
  }
  private endRow(t: LayoutFrame): void {
    this.endCell(t);
    if (t.rowLayout) for (const c of t.rowCells) this.cells.add(c);
    t.rowCells = [];
    t.rowLayout = false;
  }
}
interface LayoutFrame { cell: number; blocks: number; chars: number; layout: boolean; rowCells: number[]; rowLayout: boolean }
const layoutFrame = (): LayoutFrame => ({ cell: -1, blocks: 0, chars: 0, layout: false, rowCells: [], rowLayout: false });

/** A cell with this many blocks and this many characters of text (not spaces) is a page's layout, not a value. */
const LAYOUT_BLOCKS = 4;
const LAYOUT_CHARS = 100;

/** Whether html[start, end) holds more than HTML whitespace (space, tab, line feed, form feed, carriage return). */
function hasContent(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if (!isLayoutSpace(c) && c !== 0x0c) return true;
  }
  return false;
}
/** Space, line feed, carriage return or tab: layout in HTML source. */
const isLayoutSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The text of a view and its origins, collected piece by piece. A space from the source's whitespace waits for what
 * follows it: a run of whitespace holding a line break between two East Asian wide characters (Chinese text wrapped
 * by an editor or Word's "save as web page": 第二十⏎条) is not shown by a browser (CSS Text 3 §4.1.2, segment break
 * transformation), so it is left out of the view too.
 */
class ViewBuilder {
  private readonly parts: string[] = [];
  private origin: Int32Array;
  private length = 0;
  /** The source offset of a space not yet written (-1: none), and whether its whitespace held a line break. */
  private spaceAt = -1;
  private spaceBreak = false;
  /** The last character pushed ('' before the first); a space that waits is not in it yet. */
  last = '';
  /** The code point of the last character pushed (both halves of a surrogate pair). */
  private lastCode = 0;
  constructor(expected: number) { this.origin = new Int32Array(Math.max(16, expected + 1)); }
  /** A space at `at`, written when something follows it; one space however many come before that. */
  space(at: number, lineBreak: boolean): void {
    if (this.spaceAt < 0) { this.spaceAt = at; this.spaceBreak = lineBreak; } else if (lineBreak) this.spaceBreak = true;
  }
  /** Appends s; its characters come from `at` on (`at + k`), or all from `at` when `atomic`. */
  push(s: string, at: number, atomic: boolean): void {
    if (!s.length) return;
    if (this.spaceAt >= 0) {
      const spaceAt = this.spaceAt;
      this.spaceAt = -1;
      if (!(this.spaceBreak && breakVanishes(this.lastCode, s.codePointAt(0)!))) this.append(' ', spaceAt, true);
    }
    this.append(s, at, atomic);
  }
  private append(s: string, at: number, atomic: boolean): void {
    if (this.length + s.length + 1 > this.origin.length) {
      const grown = new Int32Array(Math.max(this.origin.length * 2, this.length + s.length + 1));
      grown.set(this.origin.subarray(0, this.length));
      this.origin = grown;
    }
    if (atomic) this.origin.fill(at, this.length, this.length + s.length);
    else for (let k = 0; k < s.length; k++) this.origin[this.length + k] = at + k;
    this.length += s.length;
    this.parts.push(s);
    this.last = s[s.length - 1]!;
    const low = s.charCodeAt(s.length - 1);
    this.lastCode = low >= 0xdc00 && low <= 0xdfff && s.length > 1 ? s.codePointAt(s.length - 2)! : low;
  }
  done(end: number): FlatMappedText {
    if (this.spaceAt >= 0) { this.append(' ', this.spaceAt, true); this.spaceAt = -1; }
    this.origin[this.length] = end;
    return { text: this.parts.join(''), origin: this.origin.slice(0, this.length + 1) };
  }
}

/**
 * Whether a line break between these two characters is removed rather than shown as a space (CSS Text 3 §4.1.2):
 * next to a zero-width space, or between two East Asian wide, fullwidth or halfwidth characters, neither Hangul.
 */
function breakVanishes(before: number, after: number): boolean {
  if (before === 0x200b || after === 0x200b) return true;
  return isEastAsianWide(before) && isEastAsianWide(after);
}

/** East Asian Width F, W or H (Unicode UAX #11), Hangul left out: the blocks of Chinese text and its punctuation. */
function isEastAsianWide(c: number): boolean {
  if (c < 0x2e80) return false;
  if (c <= 0x303e) return true; // CJK radicals, ideographic description, CJK symbols and punctuation (。、「」)
  if (c >= 0x3041 && c <= 0x4dbf) return !(c >= 0x3130 && c <= 0x318f); // kana, bopomofo, CJK strokes, enclosed, ext. A; not Hangul jamo
  if (c >= 0x4e00 && c <= 0xa4cf) return true; // CJK unified ideographs, Yi
  if (c >= 0xf900 && c <= 0xfaff) return true; // CJK compatibility ideographs
  if (c >= 0xfe10 && c <= 0xfe19) return true; // vertical forms
  if (c >= 0xfe30 && c <= 0xfe6f) return true; // CJK compatibility and small forms
  if (c >= 0xff01 && c <= 0xffdc) return c < 0xffa0; // fullwidth forms (，（）：), halfwidth katakana; not halfwidth Hangul
  if (c >= 0xffe0 && c <= 0xffe6) return true; // fullwidth signs (￥)
  return c >= 0x20000 && c <= 0x3fffd; // CJK extensions B and later
}

/**
 * A linear scan of HTML into tags and text: no element stack, no tree (a full parser keeps a stack that grows with
 * every unclosed <table>, which made deeply nested pages quadratic). Comments, doctypes and the contents of
 * script/style are skipped; attribute values may contain '>' inside quotes.
 */
function scanTags(html: string, from: number, to: number, h: { onopentag(name: string, at: number): void; onclosetag(name: string, at: number): void; ontext(start: number, end: number): void }): void {
  let i = from;
  while (i < to) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt >= to) { h.ontext(i, to); return; }
    const next = html.charCodeAt(lt + 1);
    const isTag = (next >= 97 && next <= 122) || (next >= 65 && next <= 90) || next === 47 || next === 33 || next === 63;
    if (!isTag) { h.ontext(i, lt + 1); i = lt + 1; continue; }
    h.ontext(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 || end >= to ? to : end + 3;
      continue;
    }
    if (next === 33 || next === 63) { // <!doctype …>, <?xml …?>
      const end = html.indexOf('>', lt);
      i = end < 0 || end >= to ? to : end + 1;
      continue;
    }
    const closing = next === 47;
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < to && isNameChar(html.charCodeAt(j))) j++;
    const name = tagName(html, nameStart, j);
    // The end of the tag, skipping quoted attribute values.
    while (j < to) {
      const c = html.charCodeAt(j);
      if (c === 62) break;
      if (c === 34 || c === 39) {
        // A quoted value runs to its closing quote (or to the end, when there is none).
        const close = html.indexOf(c === 34 ? '"' : "'", j + 1);
        j = close < 0 || close >= to ? to : close + 1;
        continue;
      }
      j++;
    }
    const end = j < to ? j + 1 : to;
    if (!name) { h.ontext(lt, end); i = end; continue; }
    if (closing) h.onclosetag(name, lt);
    else {
      h.onopentag(name, lt);
      const selfClosing = html.charCodeAt(j - 1) === 47;
      if (!selfClosing && (name === 'script' || name === 'style')) {
        // Their contents are not HTML: jump to the closing tag.
        const close = searchFrom(name === 'script' ? SCRIPT_CLOSE : STYLE_CLOSE, html, end);
        const stop = close < 0 || close >= to ? to : close;
        i = stop;
        continue;
      } else if (selfClosing && SKIP.has(name)) h.onclosetag(name, lt);
    }
    i = end;
  }
}

/**
 * Where `re` (global, case-insensitive) first matches in `text` from `from`, or -1. Not an indexOf in the lower-cased
 * text: lower-casing may change a text's length (İ becomes two characters), and every position after it with it.
 */
function searchFrom(re: RegExp, text: string, from: number): number {
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}
const TABLE_OPEN = new RegExp(TABLE_TAG.source, 'gi');
const TABLE_CLOSE = /<\/table/gi;
const SCRIPT_CLOSE = /<\/script/gi;
const STYLE_CLOSE = /<\/style/gi;

/**
 * A tag's name in lower case: one of the names the view acts on, `*` for any other, '' for none. Found by a number
 * made from its characters, not by slicing and lower-casing it (a page is two-byte text, where that made two new
 * strings per tag: a third of the scan).
 */
function tagName(html: string, from: number, to: number): string {
  if (to === from) return '';
  return to - from <= NAME_CODE_MAX ? KNOWN_NAMES.get(nameCode(html, from, to)) ?? OTHER_NAME : OTHER_NAME;
}
const OTHER_NAME = '*';
/** Names up to this long have a code below 2^53 (39 symbols a character). */
const NAME_CODE_MAX = 10;
/** [a-z] (either case) 1–26, [0-9] 27–36, `:` 37, `-` 38, in base 39 (no digit is 0: names of any length differ). */
function nameCode(s: string, from: number, to: number): number {
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    code = code * 39 + (c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? c - 21 : c === 0x3a ? 37 : 38);
  }
  return code;
}
const KNOWN_NAMES = new Map([...BLOCK, ...SKIP, ...HEAD_CONTENT, 'head', 'body', 'html', 'tr', 'td', 'th', 'br'].map((n) => [nameCode(n, 0, n.length), n]));

/** [A-Za-z0-9:-]: the characters of a tag name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 45;
}
