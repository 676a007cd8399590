import type { Cell, Era, ItemId, Range, Section, Table } from '../../model';
import { organTypeOf } from '../../parse/meta';
import { ITEM_BY_ID, ITEM_NAMES, ITEM_ORDER } from '../../schema/sections';
import { traditionalShare } from '../../text/normalize';
import { firstAtOrAfter } from '../../text/origin';
import { TRADITIONAL_HEADINGS } from '../../text/traditional.generated';
import type { ParsedReport } from '../../parse/report';
import type { RuleContext } from '../types';

export const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function isReport(ctx: RuleContext): boolean { return ctx.parsed.model.isReport; }
export function table(ctx: RuleContext, kind: Table['kind']): Table | undefined { return ctx.parsed.model.tables.find((t) => t.kind === kind); }
export function topSections(ctx: RuleContext): Section[] { return ctx.parsed.model.sections; }
export function sectionFor(ctx: RuleContext, item: ItemId): Section | undefined {
  return topSections(ctx).find((s) => s.items.some((i) => i.id === item && i.confidence >= 0.6)) ?? topSections(ctx).find((s) => s.items.some((i) => i.id === item));
}
export function itemName(item: ItemId) { return ITEM_NAMES[item]; }
/** An item's standard heading in a format, if the format has one. */
export function standardHeading(item: ItemId, era: Era): string | null { return ITEM_BY_ID.get(item)?.standard[era] ?? null; }
export function requiredItems(ctx: RuleContext): ItemId[] { return ITEM_ORDER[ctx.era].filter((i) => ITEM_BY_ID.get(i)!.required[ctx.era]); }

/** The normalised text of a section's body (after its heading), for wording checks. */
export function sectionBody(ctx: RuleContext, s: Section): string {
  // From the normalised text, not the source: a web page's tags are not body text, and wording checks
  // (处理费, 无) hold for traditional script too.
  const { start, end } = sectionBodySpan(ctx, s);
  return ctx.parsed.norm.text.slice(start, end);
}

/** Where a section's body is in the normalised text (`parsed.range` maps offsets in it back to the source). */
export function sectionBodySpan(ctx: RuleContext, s: Section): { start: number; end: number } {
  const start = normOffset(ctx, ctx.parsed.lines.offsetAt(s.headingRange.end));
  return { start, end: Math.max(start, normOffset(ctx, ctx.parsed.lines.offsetAt(s.range.end))) };
}

/**
 * A section's body without the signature that closes the report (the issuing body and the date on lines of their
 * own): the last section's body runs on to the end of the text, and a signature is not content.
 */
export function bodyWithoutSignature(ctx: RuleContext, s: Section): string {
  const lines = sectionBody(ctx, s).split('\n');
  const date = ctx.parsed.model.meta.publishDate?.raw;
  while (lines.length) {
    const last = lines[lines.length - 1]!.trim();
    const isDate = !!date && last.includes(date) && last.length <= 24;
    const isOrgan = last.length <= 30 && !/[。，,]/.test(last) && organTypeOf(last) !== 'unknown';
    if (last === '' || isDate || isOrgan) lines.pop(); else break;
  }
  return lines.join('\n');
}

/** The offset in the normalised text of a source offset (the first unit that comes from it or after it). */
export function normOffset(ctx: RuleContext, sourceOffset: number): number {
  return firstAtOrAfter(ctx.parsed.norm.origin, sourceOffset, ctx.parsed.norm.text.length);
}

export function cellName(c: Cell): string {
  const row = c.rowPath.length > 1 && /^\d/.test(c.row) ? `${c.rowPath[c.rowPath.length - 2]} ${c.row}` : c.row;
  return `${row} × ${c.col}`;
}
export function fmt(n: number | null): string { return n === null ? '—' : String(Math.round(n * 1e6) / 1e6); }

/**
 * Every match of a regex in the normalised text outside the tables, with source ranges. The matches come from
 * the parse's cache (core/text/matches.ts), which keeps them across edits: the regex must have a bounded reach
 * (no `*`, `+` or `{n,}`) or it is scanned in full on every edit.
 */
export function textMatches(ctx: RuleContext, re: RegExp, opts: { inTables?: boolean } = {}): TextMatch[] {
  const out: TextMatch[] = [];
  const tables = tableSpans(ctx);
  for (const m of ctx.parsed.matches.all(re)) {
    if (m[0].length === 0) continue;
    if (!opts.inTables && tables.overlapping(m.index, m.index + 1)) continue;
    out.push(new TextMatch(m, ctx.parsed));
  }
  return out;
}

/**
 * A match with its source range, computed when a rule reports it (most matches are read and dismissed). A class,
 * not an object literal with a getter closing over the version: V8 made each such object a dictionary with its
 * getter pair in old space, so each held its version of the document (both texts, 1.5 MB at 1 MB) through every
 * scavenge until a full collection: while typing in a 1 MB report a scavenge promoted ≈ 14 MB instead of ≈ 3 MB and
 * paused three times as long (test/unit/memory.test.ts asks V8 that these objects have fast properties).
 */
export class TextMatch {
  // (A private field: the parse is not one of the match's own properties, for spreading or JSON.)
  readonly #parsed: ParsedReport;
  constructor(readonly m: RegExpExecArray, parsed: ParsedReport) { this.#parsed = parsed; }
  get range(): Range { return this.#parsed.range(this.m.index, this.m.index + this.m[0]!.length); }
}

/** Top-level sections from the first numbering restart on (一、 after 六、, a second numbering system). */
export function afterRestart(sections: Section[]): Set<Section> {
  const out = new Set<Section>();
  let prev = 0;
  let restarted = false;
  const seen = new Set<number>();
  for (const s of sections) {
    const n = s.numbering;
    if (n && (n.style === 'cn' || n.style === 'part')) {
      // A number lower than the last one restarts the numbering when it was used before (一 二 三 一); one not used yet
      // is the late one of two parts swapped (一 二 四 三: section-order tells). The same number again is a
      // duplicate, not a restart.
      if (n.ordinal < prev && seen.has(n.ordinal)) restarted = true;
      prev = Math.max(prev, n.ordinal);
      seen.add(n.ordinal);
    }
    if (restarted) out.add(s);
  }
  return out;
}

/**
 * Whether offsets of the normalised text fall in a table, answered by binary search (a document of concatenated
 * reports has hundreds of tables, and the checks ask for every match): computed once per analysis.
 */
export function tableSpans(ctx: RuleContext): { overlapping(from: number, to: number): boolean } {
  return shared(ctx, TABLE_SPANS, () => {
    const sorted = ctx.parsed.rawTables.map((t) => ({ start: t.start, end: t.end })).sort((a, b) => a.start - b.start);
    const starts = sorted.map((t) => t.start);
    // The furthest end among the tables that start at or before each one (tables may nest or overlap).
    const reach: number[] = [];
    for (const t of sorted) reach.push(Math.max(t.end, reach.length ? reach[reach.length - 1]! : -Infinity));
    return {
      // Some table starts before `to` and ends after `from`.
      overlapping(from: number, to: number): boolean {
        const before = firstAtOrAfter(starts, to);
        return before > 0 && reach[before - 1]! > from;
      },
    };
  });
}
const TABLE_SPANS = {};

/**
 * Whether the report is written in traditional script (a repost through a converter), told from its top-level headings
 * as written, or from its first pages when they are too few: a quick fix writes its wording in the report's script.
 * (A simplified report with a few traditional characters has far fewer than one in twenty.)
 */
export function writesTraditional(ctx: RuleContext): boolean {
  return shared(ctx, WRITES_TRADITIONAL, () => {
    let share = traditionalShare(topSections(ctx).map((s) => s.title).join(''));
    if (share.han < 20) share = traditionalShare(ctx.parsed.source, 4000);
    return share.traditional * 20 > share.han;
  });
}
const WRITES_TRADITIONAL = {};

/** A standard heading as the report would write it: in traditional script in a report written in it. */
export function headingInReportScript(ctx: RuleContext, standard: string): string {
  return writesTraditional(ctx) ? TRADITIONAL_HEADINGS[standard] ?? standard : standard;
}

/**
 * A value computed once per analysis and shared by the rules that ask for it, under `key` (a module's constant).
 * Kept in the analysis's context, not in a module's WeakMap keyed by the analysis: V8's young-generation
 * collections keep the values of such a WeakMap alive, so every analysis's values were promoted and held until a
 * full collection (see CellIndex in checks/relations.ts).
 */
export function shared<T>(ctx: RuleContext, key: object, make: () => T): T {
  if (ctx.shared.has(key)) return ctx.shared.get(key) as T;
  const value = make();
  ctx.shared.set(key, value);
  return value;
}
