/**
 * Text → report model. The pipeline:
 *   source ──(HTML view, if the text is a web page or holds <table> markup)──▶ view
 *   view ──(normalisation for matching: NFKC, pinyin, 繁→简, quotes, enumerators, thousands separators)──▶ norm
 * Headings, tables and metadata are found in `norm`; every offset is mapped back to `source`
 * through the composed origin map, so ranges always point at what the user wrote.
 */
import type { Cell, Era, ItemId, Range, ReportModel, Section, SourceFormat, Table } from '../model';
import { htmlToText, renderEmbeddedTables } from '../text/html';
import { LineIndex } from '../text/lineIndex';
import { Matches, type Match, type TextChange } from '../text/matches';
import { compose, differingSpan, isSpaceCode, normalizeForMatching, ownCopy, renormalized, toSource, toSourceEnd, type FlatMappedText, type MappedText } from '../text/normalize';
import { ITEM_ORDER } from '../schema/sections';
import { sniffFormat, type FormatSniff } from './format';
import { eraEvidence, parseMeta } from './meta';
import { BODY_EVIDENCE, matchItems, scanHeadingLines, selectHeadings, shiftLineHeadings, unwrapped, type LineHeadings, type RawHeading } from './sections';
import { parseTables, type RawCell, type RawTable, type TableReuse } from './tables';

/** The format a file name suggests (.html/.htm, .md/.markdown); undefined lets the content decide. */
export function formatOfPath(path: string): SourceFormat | undefined {
  const lower = path.toLowerCase();
  const cut = lower.search(/[?#]/);
  const f = cut < 0 ? lower : lower.slice(0, cut);
  if (f.endsWith('.html') || f.endsWith('.htm')) return 'html';
  if (f.endsWith('.md') || f.endsWith('.markdown')) return 'markdown';
  return undefined;
}

export interface ParseOptions {
  /** A hint from the file name or editor language; detected from the content when absent. */
  format?: SourceFormat;
  /** Force the format era instead of detecting it. */
  era?: Era | 'auto';
}

/** Everything the checks need besides the model: the texts and the offset maps. */
export interface ParsedReport {
  model: ReportModel;
  source: string;
  lines: LineIndex;
  /** Normalised text with origins in `source`. */
  norm: MappedText;
  headings: RawHeading[];
  rawTables: RawTable[];
  /** Regex matches over `norm.text`, computed on demand and carried to the next version of the text. */
  matches: Matches;
  /** Normalised offset → source range helper. */
  range(start: number, end: number): Range;
  /**
   * What the next version's parse reuses. `options`: the format named and the era asked for (a version parsed with
   * other options is read afresh); `sniff`: where the format was told from.
   */
  reuse: { options: string; sniff: FormatSniff; viewless: boolean; headingLines: LineHeadings[]; tables: TableReuse; sections: SectionReuse };
}

/**
 * `previous`: the parse of an earlier version of the same document. The result is exactly what parsing `source`
 * alone gives (tests compare them after random edits), but only the lines that changed are normalised and scanned
 * for headings again, and the checks' regex matches are carried over (text/matches.ts).
 */
export function parseReport(source: string, options: ParseOptions = {}, previous?: ParsedReport): ParsedReport {
  const optionsKey = `${options.format ?? ''}|${options.era ?? 'auto'}`;
  // A previous version read without a view, with the same options, is the start of this one's reading.
  const candidate = previous && previous.reuse.viewless && previous.reuse.options === optionsKey ? previous : null;
  const diff = candidate ? differingSpan(candidate.source, source) : null;
  const sniff = sniffFormat(source, options.format, candidate ? { sniff: candidate.reuse.sniff, change: diff } : undefined);
  const format = sniff.format;
  // A web page, or a text with pasted <table> markup, is read through a plain-text view of it; other text is its own view.
  const view: FlatMappedText | null = format === 'html' ? htmlToText(source) : sniff.tableTagAt >= 0 ? renderEmbeddedTables(source) : null;
  const viewText = view?.text ?? source;
  let normView: MappedText, lines: LineIndex, headingLines: LineHeadings[], matches: Matches;
  // What the section tree may take over from the previous version: where the normalised text changed, and by how
  // many lines the text after the change moved.
  let sectionsBefore: { previous: SectionReuse; change: TextChange; lineDelta: number } | undefined;
  const prev = candidate && !view && candidate.model.format === format ? candidate : null;
  if (prev && !diff) {
    ({ norm: normView, lines, matches } = prev);
    headingLines = prev.reuse.headingLines;
    const end = prev.norm.text.length + 1;
    sectionsBefore = { previous: prev.reuse.sections, change: { start: end, oldEnd: end, newEnd: end }, lineDelta: 0 };
  } else if (prev && diff) {
    const r = renormalized(prev, source, diff);
    normView = r.norm;
    lines = LineIndex.spliced(prev.lines, source, r.lines.start, r.lines.oldEnd, r.lines.newEnd);
    const { start, oldEnd, newEnd } = r.change;
    const delta = newEnd - oldEnd;
    // The line before the change is read again too: its heading may go on over the line break (一、总体⏎情况).
    const from = start > 0 ? normView.text.lastIndexOf('\n', start - 2) + 1 : 0;
    const before = prev.reuse.headingLines.filter((l) => l.lineStart < from);
    const after = prev.reuse.headingLines.filter((l) => l.lineStart >= oldEnd).map((l) => shiftLineHeadings(l, delta));
    headingLines = before.concat(scanHeadingLines(normView.text, from, newEnd), after);
    matches = new Matches(normView.text, { matches: prev.matches, change: r.change });
    sectionsBefore = { previous: prev.reuse.sections, change: r.change, lineDelta: lines.lineCount - prev.lines.lineCount };
  } else {
    normView = normalizeForMatching(viewText);
    lines = new LineIndex(source);
    headingLines = scanHeadingLines(normView.text, 0, normView.text.length + 1);
    matches = new Matches(normView.text);
  }
  const norm = view ? compose(normView, view) : normView;
  const text = norm.text;
  const range = (s: number, e: number) => {
    const a = toSource(norm, s);
    return lines.range(a, e <= s ? a : Math.max(a, toSourceEnd(norm, e, source, view !== null)));
  };

  const rawMeta = parseMeta(text);
  const hint = rawMeta.year ? (rawMeta.year >= 2021 ? '2021' : '2019') : null;
  const { tables: rawTables, reuse: tableReuse } = parseTables(text, { html: view !== null, eraHint: hint, matches, previous: prev?.reuse.tables });
  const ev = eraEvidence(text, rawMeta.year, rawTables.map((t) => ({ start: t.start, end: t.end })), matches);
  const era: Era = options.era && options.era !== 'auto' ? options.era : ev.era;

  const titleLineStart = rawMeta.title ? text.lastIndexOf('\n', rawMeta.title.start) + 1 : null;
  const exclusions = rawTables.map((t) => ({ start: t.start, end: t.end }));
  if (rawMeta.preamble) exclusions.push(rawMeta.preamble);
  const headings = selectHeadings(text, headingLines, exclusions, titleLineStart);
  // Titles are shown as the user wrote them (traditional script stays traditional), from the view text.
  const asWritten = (s: number, e: number) => (e <= s ? '' : viewText.slice(toSource(normView, s), toSourceEnd(normView, e, viewText)).trim());
  const { roots: sections, reuse: sectionReuse } = buildTree(headings, text, range, era, asWritten, view ? undefined : sectionsBefore);
  addItemsFromBodies(sections, headings, text, era, matches);

  const tables: Table[] = rawTables.map((t) => ({
    kind: t.kind, era: t.era, representation: t.representation, confidence: t.confidence,
    range: range(t.start, Math.max(t.start, trimEnd(text, beforeMarks(text, t.end)))),
    cells: t.cells.map((c) => modelCell(c, range(c.start, c.end))),
    rows: t.rows.map((r) => ({ rowId: r.rowId, label: r.label, raw: r.raw ? asWritten(r.start, r.end) : '', range: r.raw ? range(r.start, r.end) : null })),
    missingRows: t.missingRows,
    unknownRows: t.unknownRows.map((u) => ({ raw: u.raw, range: range(u.start, u.end) })),
    otherEraLabels: t.otherEraLabels.map((o) => ({ raw: o.raw, era: o.era, range: range(o.start, o.end) })),
  }));

  const topItems = sections.flatMap((s) => s.items.map((i) => i.id));
  const score = (rawMeta.title ? 3 : 0) + Math.min(6, new Set(topItems).size) + 3 * tables.length + (/政府信息公开|政务公开/.test(text) ? 2 : 0);
  const isReport = score >= 6 && /信息公开/.test(text);

  const model: ReportModel = {
    version: 1,
    format,
    isReport,
    reportScore: score,
    meta: {
      title: rawMeta.title?.text ?? null,
      titleRange: rawMeta.title ? range(rawMeta.title.start, rawMeta.title.end) : null,
      organ: rawMeta.organ,
      organType: rawMeta.organType,
      year: rawMeta.year,
      era,
      eraEvidence: ev.evidence.map((e) => ({ text: e.text, era: e.era, weight: e.weight, ...(e.at !== null ? { range: range(e.at, e.at + 1) } : {}) })),
      period: rawMeta.period ? { start: rawMeta.period.start, end: rawMeta.period.end, raw: rawMeta.period.raw, range: range(rawMeta.period.from, rawMeta.period.to) } : null,
      publishDate: rawMeta.publishDate ? { value: rawMeta.publishDate.value, raw: rawMeta.publishDate.raw, range: range(rawMeta.publishDate.from, rawMeta.publishDate.to) } : null,
      preambleRange: rawMeta.preamble ? range(rawMeta.preamble.start, rawMeta.preamble.end) : null,
    },
    sections,
    tables,
  };
  return { model, source, lines, norm, headings, rawTables, matches, range, reuse: { options: optionsKey, sniff, viewless: !view, headingLines, tables: tableReuse, sections: sectionReuse } };
}

/**
 * The model's cell: fields written out (a spread is slow in V8, and this runs for every cell of every version), in
 * the order of the Cell type (the range last).
 */
function modelCell(c: RawCell, r: Range): Cell {
  const cell: Omit<Cell, 'range'> & { range?: Range } = { rowId: c.rowId, row: c.row, rowPath: c.rowPath, col: c.col, colPath: c.colPath, raw: c.raw, value: c.value, kind: c.kind };
  if (c.unit !== undefined) cell.unit = c.unit;
  if (c.note !== undefined) cell.note = c.note;
  if (c.inferred !== undefined) cell.inferred = c.inferred;
  cell.range = r;
  return cell as Cell;
}

/**
 * What a section's heading gave in one version, by the heading's start: its title as written and its ranges. A
 * keystroke leaves most headings as they were (before the edit) or moved by whole lines (after it): those take these
 * over instead of mapping offsets to positions again (a document of concatenated reports has thousands of headings).
 */
export type SectionReuse = SectionReuseEntry[];
/** (In heading order, so the next version finds them with one pointer walking along, not a map by offset.) */
interface SectionReuseEntry { lineStart: number; end: number; title: string; level: number; sectionEnd: number; written: string; headingRange: Range; range: Range }

const movedBy = (r: Range, lines: number): Range =>
  lines === 0 ? r : { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };

function buildTree(
  headings: RawHeading[], text: string, range: (s: number, e: number) => Range, era: Era, asWritten: (s: number, e: number) => string,
  before?: { previous: SectionReuse; change: TextChange; lineDelta: number },
): { roots: Section[]; reuse: SectionReuse } {
  const roots: Section[] = [];
  const stack: { level: number; section: Section }[] = [];
  const reuse: SectionReuse = [];
  // The previous version's entry looked up is at or after the last one: before the change a heading keeps its
  // offset, after it every offset moved by the same amount, and headings come in order.
  let j = 0;
  // A section ends before the next heading of its level or above (found for all in one pass: a document of
  // concatenated reports has thousands of headings), or at the end of the text.
  const ends = sectionEnds(headings, text);
  const topLevel = minLevel(headings);
  headings.forEach((h, idx) => {
    // (A fresh array: items found in the bodies are added to it later.)
    const items = h.level === topLevel ? orderItems(matchItems(h.title), era).slice() : [];
    const sectionEnd = Math.max(h.end, ends[idx]!);
    let written: string | undefined, headingRange: Range | undefined, sectionRange: Range | undefined;
    let reused: SectionReuseEntry | undefined;
    if (before) {
      // Before the changed lines nothing moved; after them, everything moved by whole lines (characters stay).
      const { change, lineDelta, previous } = before;
      const shift = change.newEnd - change.oldEnd;
      const after = h.lineStart >= change.newEnd;
      const key = h.end < change.start ? h.lineStart : after ? h.lineStart - shift : -1;
      // (The last entry at that offset, as a map by offset would keep.)
      while (j + 1 < previous.length && previous[j + 1]!.lineStart <= key) j++;
      const old = key >= 0 && previous[j]?.lineStart === key ? previous[j] : undefined;
      const d = after ? shift : 0;
      if (old && old.end === h.end - d && old.title === h.title && old.level === h.level) {
        written = old.written;
        headingRange = movedBy(old.headingRange, after ? lineDelta : 0);
        if (old.sectionEnd === sectionEnd - d && (after || sectionEnd < change.start)) {
          sectionRange = movedBy(old.range, after ? lineDelta : 0);
          // Nothing about it changed: the entry itself is carried on.
          if (d === 0 && sectionRange === old.range && headingRange === old.headingRange) reused = old;
        }
      }
    }
    // (Owned: a title carried to later versions must not keep this version's text alive, see ownCopy.)
    const section: Section = {
      title: written ??= ownCopy(unwrapped(asWritten(h.lineStart, h.end))),
      level: h.level,
      numbering: h.numbering,
      item: items[0]?.id ?? null,
      items,
      range: sectionRange ??= range(h.lineStart, sectionEnd),
      headingRange: headingRange ??= range(h.lineStart, h.end),
      children: [],
    };
    reuse.push(reused ?? { lineStart: h.lineStart, end: h.end, title: h.title, level: h.level, sectionEnd, written, headingRange, range: sectionRange });
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1]!.section.children.push(section);
    else roots.push(section);
    stack.push({ level: h.level, section });
  });
  return { roots, reuse };
}

/** Where each heading's section ends: before the marks of the next heading of its level or above, blanks trimmed. */
function sectionEnds(headings: RawHeading[], text: string): number[] {
  const ends = new Array<number>(headings.length);
  const open: number[] = [];
  headings.forEach((h, idx) => {
    // Every section this heading closes ends at the same place: found once, when the first is closed.
    let end: number | undefined;
    while (open.length && headings[open[open.length - 1]!]!.level >= h.level) {
      end ??= trimEnd(text, beforeMarks(text, h.lineStart));
      ends[open.pop()!] = end;
    }
    open.push(idx);
  });
  const last = trimEnd(text, text.length);
  for (const idx of open) ends[idx] = last;
  return ends;
}

/** A title's items in order of confidence, then of the era's statutory order; remembered per match list and era. */
function orderItems(items: readonly { id: ItemId; confidence: number }[], era: Era): readonly { id: ItemId; confidence: number }[] {
  let byEra = orderedItems.get(items);
  if (!byEra) { byEra = new Map(); orderedItems.set(items, byEra); }
  let ordered = byEra.get(era);
  if (!ordered) {
    const order = ITEM_ORDER[era];
    ordered = items
      .filter((i) => era === '2008' || i.id !== 'fees' || items.length === 1)
      .sort((a, b) => b.confidence - a.confidence || order.indexOf(a.id) - order.indexOf(b.id));
    byEra.set(era, ordered);
  }
  return ordered;
}
/** (matchItems remembers its lists per title, so the same list comes back for the same heading in every version.) */
const orderedItems = new WeakMap<readonly { id: ItemId; confidence: number }[], Map<Era, readonly { id: ItemId; confidence: number }[]>>();

/** The outermost heading level present (a loop: a spread over 100,000 headings would overflow the stack). */
function minLevel(headings: RawHeading[]): number {
  let m = Infinity;
  for (const h of headings) if (h.level < m) m = h.level;
  return m === Infinity ? 1 : m;
}

/**
 * A heading's offset is after its Markdown marks (`## 四、…`); what ends before the heading ends before those
 * marks too, so a section or table never runs into the next heading's line.
 */
function beforeMarks(text: string, offset: number): number {
  let i = offset;
  for (let c: number; i > 0 && (c = text.charCodeAt(i - 1)) !== 0x0a && (c === 0x23 || isSpaceCode(c));) i--;
  return i === 0 || text.charCodeAt(i - 1) === 0x0a ? i : offset;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Several items often share one section (复议诉讼 reported inside 依申请公开; 主动公开 inside 主要做法).
 * An item that no top-level heading names is attributed to the section whose body mentions it most.
 */
function addItemsFromBodies(sections: Section[], headings: RawHeading[], text: string, era: Era, matches: Matches): void {
  if (!sections.length) return;
  const level = minLevel(headings);
  const top = headings.filter((h) => h.level === level);
  const named = new Set(sections.flatMap((s) => s.items.map((i) => i.id)));
  for (const item of ITEM_ORDER[era]) {
    const re = BODY_EVIDENCE[item];
    if (!re || named.has(item)) continue;
    // Prefer the section of the item just before it in statutory order (收费、复议 are usually reported
    // inside 依申请公开), then the one that mentions it most; never a statistics appendix.
    const order = ITEM_ORDER[era];
    const predecessor = order.slice(0, order.indexOf(item)).reverse().find((i) => named.has(i));
    let best = -1, bestScore = 0;
    // The evidence is counted in the text's matches (carried from the previous version: an edit does not search
    // every body again); a match counts for the body it starts in (the fee wording can run on over a line break).
    const found = matches.all(re);
    if (!found.length) continue;
    top.forEach((h, k) => {
      if (/统计表|附表|附件/.test(h.title)) return;
      const next = top[k + 1];
      const hits = countStartingIn(found, h.end, next ? next.lineStart : text.length);
      if (!hits) return;
      const score = hits + (sections[k]?.items.some((i) => i.id === predecessor) ? 100 : 0);
      if (score > bestScore) { bestScore = score; best = k; }
    });
    if (best >= 0 && sections[best]) sections[best]!.items.push({ id: item, confidence: 0.5 });
  }
  for (const s of sections) s.item ??= s.items[0]?.id ?? null;
}

/** How many of `found` (in order of their start) start in [from, to). */
function countStartingIn(found: readonly Match[], from: number, to: number): number {
  const firstAt = (at: number) => {
    let lo = 0, hi = found.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (found[mid]!.index < at) lo = mid + 1; else hi = mid; }
    return lo;
  };
  return firstAt(to) - firstAt(from);
}
