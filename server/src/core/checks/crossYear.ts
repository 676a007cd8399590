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
import type { CheckConfig, Diagnostic, Finding, Rule, Severity } from './types';
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
    // The first cell of a key, as cellByKey reads tables.
    if (ROWS.has(c.rowId) && !cells[`${c.rowId}|${c.col}`]) cells[`${c.rowId}|${c.col}`] = { rowId: c.rowId, col: c.col, value: c.value, kind: c.kind, raw: c.raw, range: c.range };
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

/** A whole place name (province, city, prefecture) in front of a body's name: 淮安市 in 淮安市洪泽区人民政府. */
const PLACE = /^[\u4e00-\u9fff]{1,16}(?:省|市|自治区|自治州|州|地区|盟)$/;
/** Shorter names than this are not a body's name on their own (人民政府). */
const MIN_NAME = 5;

/**
 * The same body? Names compared without spaces and punctuation; a name may also add its city or province in front
 * (淮安市洪泽区人民政府 = 洪泽区人民政府), but only a whole place name. The pairing `crossYearDiagnostics` uses, for two
 * names alone (among more names, a short name that several longer ones share joins none of them).
 */
export function sameBody(a: string, b: string): boolean {
  return bodies([{ facts: { organ: a } }, { facts: { organ: b } }]).length === 1;
}

/**
 * Reports grouped by body. Equal names are one body; a name joins a longer one that only adds a place in front, when
 * every such longer name is already one body (so 鼓楼区人民政府 joins 南京市鼓楼区人民政府 alone, but neither of two
 * cities' 鼓楼区). Linear in the number of reports: a name is compared only with its own endings.
 */
function bodies<T extends { facts: { organ: string } }>(reports: T[]): T[][] {
  const byKey = new Map<string, T[]>();
  for (const r of reports) {
    const k = compactKey(r.facts.organ);
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const parent = new Map<string, string>([...byKey.keys()].map((k) => [k, k]));
  const root = (k: string): string => { let r = k; while (parent.get(r) !== r) r = parent.get(r)!; return r; };
  // The longer names a name is an ending of (behind a place).
  const longer = new Map<string, string[]>();
  for (const k of byKey.keys()) {
    for (let i = 2; i <= Math.min(20, k.length - MIN_NAME); i++) {
      const rest = k.slice(i);
      if (byKey.has(rest) && PLACE.test(k.slice(0, i))) longer.set(rest, [...(longer.get(rest) ?? []), k]);
    }
  }
  // Longest names first, so that 淮安市洪泽区… has joined 江苏省淮安市洪泽区… before 洪泽区… looks at both.
  for (const k of [...byKey.keys()].sort((a, b) => b.length - a.length)) {
    const roots = new Set((longer.get(k) ?? []).map(root));
    if (roots.size === 1) parent.set(root(k), [...roots][0]!);
  }
  const groups = new Map<string, T[]>();
  for (const [k, rs] of byKey) groups.set(root(k), [...(groups.get(root(k)) ?? []), ...rs]);
  return [...groups.values()];
}

/** Whether reports give the same facts (one report saved twice, as a web page and as text). */
function sameFacts(a: YearFacts, b: YearFacts): boolean {
  const ka = Object.keys(a.cells), kb = Object.keys(b.cells);
  return ka.length === kb.length && ka.every((k) => b.cells[k] !== undefined && b.cells[k]!.value === a.cells[k]!.value && b.cells[k]!.kind === a.cells[k]!.kind);
}

/**
 * Diagnostics from the checks across years, per report id (the caller's: a file name), for every pair of reports of
 * one body in consecutive years. Reports without the tables these checks read take no part. When a year has several
 * reports of the body that disagree, none of them is last year's (which one would be a guess); several that agree
 * (one report saved twice) count as one. `configOf`: each report's configuration (its project file may differ).
 */
export function crossYearDiagnostics(reports: { id: string; facts: YearFacts }[], configOf: (id: string) => CheckConfig = () => ({})): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const rules = RULES.filter((r) => r.across);
  for (const body of bodies(reports.filter((r) => Object.keys(r.facts.cells).length))) {
    const byYear = new Map<number, { id: string; facts: YearFacts }[]>();
    for (const r of body) byYear.set(r.facts.year, [...(byYear.get(r.facts.year) ?? []), r]);
    for (const [year, current] of byYear) {
      const previous = byYear.get(year - 1);
      if (!previous || !previous.every((p) => sameFacts(p.facts, previous[0]!.facts))) continue;
      const prev = previous[0]!;
      for (const cur of current) {
        const config = configOf(cur.id);
        for (const rule of rules) {
          const severity = severityOf(rule, config);
          if (severity === 'off' || (rule.eras && (!rule.eras.includes(cur.facts.era) || !rule.eras.includes(prev.facts.era)))) continue;
          let findings: Finding[];
          try {
            findings = rule.across!(prev.facts, cur.facts);
          } catch (e) {
            // As in the engine: a rule that fails says so, and never takes the others down.
            findings = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: { zh: `检查规则 ${rule.code} 内部错误：${String(e)}`, en: `Rule ${rule.code} failed internally: ${String(e)}` } }];
          }
          for (const f of findings) {
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
