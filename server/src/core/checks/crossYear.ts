/**
 * Checks across years (spec §3.5): what one report must share with the same body's report of the year before, such as
 * X-R1, this year's 上年结转 row of table 3 = last year's 结转下年度继续办理 row, column by column. A batch (the CLI)
 * takes a few facts from each report it checks (`yearFacts`, small enough to keep for thousands of reports), pairs
 * the reports of one body in consecutive years, and runs the rules that have `across` on each pair.
 */
import type { ReportModel, Table } from '../model';
import type { ParsedReport } from '../parse/report';
import { compactKey } from '../text/normalize';
import { analyze, pick, readSuppressions, severityOf } from './engine';
import { RULES } from './rules/index';
import type { CheckConfig, Diagnostic, Rule, Severity } from './types';
import { PREVIOUS, type FactCell, type YearFacts } from './yearFacts';

export type { FactCell, YearFacts } from './yearFacts';

/** Table rows the checks across years read. */
const ROWS = new Set(['二', '四']);

/** The facts of a parsed report; null when it is not a report or names no body or year (nothing to pair it by). */
export function yearFacts(parsed: ParsedReport, config: CheckConfig = {}): YearFacts | null {
  const m: ReportModel = parsed.model;
  if (!m.isReport || !m.meta.organ || !m.meta.year) return null;
  const era = config.era && config.era !== 'auto' ? config.era : m.meta.era;
  const cells: Record<string, FactCell> = {};
  const t3: Table | undefined = m.tables.find((t) => t.kind === 'T3');
  for (const c of t3?.cells ?? []) {
    if (ROWS.has(c.rowId)) cells[`${c.rowId}|${c.col}`] = { rowId: c.rowId, col: c.col, value: c.value, kind: c.kind, raw: c.raw, range: c.range };
  }
  const codes = RULES.filter((r) => r.across).map((r) => r.code);
  const suppressions = readSuppressions(parsed.source);
  const suppressed: Record<number, string[]> = {};
  for (const c of Object.values(cells)) {
    const line = c.range.start.line;
    const off = codes.filter((code) => suppressions.suppressed(code, line));
    if (off.length) suppressed[line] = off;
  }
  return { organ: m.meta.organ, year: m.meta.year, era, cells, suppressed };
}

/**
 * The same body? Names compared without spaces and punctuation; a name may also add its city or province in front
 * (淮安市洪泽区人民政府 = 洪泽区人民政府), but only a whole place name, so that 某县人民政府 is not every 人民政府.
 */
export function sameBody(a: string, b: string): boolean {
  const x = compactKey(a), y = compactKey(b);
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (short.length < 5 || !long.endsWith(short)) return false;
  return /^[\u4e00-\u9fff]{1,16}(?:省|市|自治区|自治州|州|地区|盟)$/.test(long.slice(0, long.length - short.length));
}

/**
 * Diagnostics from the checks across years, per report id (the caller's: a file name), for every pair of reports of
 * one body in consecutive years. Years with more than one report of the body are left out (which one is last
 * year's would be a guess). `configOf`: each report's configuration (its project file may differ).
 */
export function crossYearDiagnostics(reports: { id: string; facts: YearFacts }[], configOf: (id: string) => CheckConfig = () => ({})): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const rules = RULES.filter((r) => r.across);
  // Bodies: each report joins the first group whose name it matches.
  const groups: { organ: string; reports: { id: string; facts: YearFacts }[] }[] = [];
  for (const r of reports) {
    const g = groups.find((x) => sameBody(x.organ, r.facts.organ));
    if (g) g.reports.push(r); else groups.push({ organ: r.facts.organ, reports: [r] });
  }
  for (const g of groups) {
    const byYear = new Map<number, { id: string; facts: YearFacts }[]>();
    for (const r of g.reports) byYear.set(r.facts.year, [...(byYear.get(r.facts.year) ?? []), r]);
    for (const [year, current] of byYear) {
      const previous = byYear.get(year - 1);
      if (current.length !== 1 || previous?.length !== 1) continue;
      const cur = current[0]!, prev = previous[0]!;
      const config = configOf(cur.id);
      for (const rule of rules) {
        const severity = severityOf(rule, config);
        if (severity === 'off' || (rule.eras && (!rule.eras.includes(cur.facts.era) || !rule.eras.includes(prev.facts.era)))) continue;
        for (const f of rule.across!(prev.facts, cur.facts)) {
          if (cur.facts.suppressed[f.range.start.line]?.includes(rule.code)) continue;
          const list = out.get(cur.id) ?? [];
          list.push({
            code: rule.code,
            severity: (config.rules?.[rule.code] as Severity | undefined) ?? f.severity ?? severity,
            message: pick(f.message, config.locale),
            range: f.range,
            related: (f.related ?? []).map((x) => ({ range: x.range, message: pick(x.message, config.locale), ...(x.file !== undefined ? { file: x.file === PREVIOUS ? prev.id : x.file } : {}) })),
            fixes: [],
          });
          out.set(cur.id, list);
        }
      }
    }
  }
  return out;
}

/**
 * A rule's diagnostics on one of its documented examples (its tests and its doc page use this): checks across years
 * run on the example with the rule's `previous` report as the year before.
 */
export function exampleDiagnostics(rule: Rule, text: string, config: CheckConfig = {}): Diagnostic[] {
  const { parsed, diagnostics } = analyze(text, { format: 'markdown', config });
  if (!rule.across || rule.examples.previous === undefined) return diagnostics.filter((d) => d.code === rule.code);
  const previous = yearFacts(analyze(rule.examples.previous, { format: 'markdown', config }).parsed, config);
  const current = yearFacts(parsed, config);
  if (!previous || !current) return [];
  return (crossYearDiagnostics([{ id: 'previous', facts: previous }, { id: 'current', facts: current }], () => config).get('current') ?? []).filter((d) => d.code === rule.code);
}
