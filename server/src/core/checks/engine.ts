/**
 * Runs the rules over a parsed report: resolves the era and the kind of body, applies the configured
 * severities, drops what inline comments suppress, and renders messages in the user's locale.
 */
import type { OrganType, Table } from '../model';
import { parseReport, type ParsedReport, type ParseOptions } from '../parse/report';
import { lineBreakOf } from '../text/lineIndex';
import { CellIndex, evaluateRelations } from './relations';
import { RULES } from './rules/index';
import type { CheckConfig, Diagnostic, Locale, Message, Rule, RuleContext, Severity, TextEdit } from './types';

export function pick(m: Message, locale: Locale | undefined): string { return locale === 'en' ? m.en : m.zh; }

export function severityOf(rule: Rule, config: CheckConfig): Severity | 'off' {
  return config.rules?.[rule.code] ?? rule.defaultSeverity;
}

export function checkParsed(parsed: ParsedReport, config: CheckConfig = {}): Diagnostic[] {
  const model = parsed.model;
  const era = config.era && config.era !== 'auto' ? config.era : model.meta.era;
  const organType: OrganType = config.organType && config.organType !== 'auto' ? config.organType : model.meta.organType;
  // (The cell indexes live as long as this analysis: see CellIndex.)
  const indexes = new Map<Table, CellIndex>();
  const cellsOf = (table: Table): CellIndex => {
    let index = indexes.get(table);
    if (!index) indexes.set(table, (index = new CellIndex(table)));
    return index;
  };
  const ctx: RuleContext = { parsed, era, organType, config, relations: evaluateRelations(model.tables, cellsOf), cells: (t) => (t ? cellsOf(t) : undefined), shared: new Map() };
  // Suppression comments are rare. In a text read as it is (no HTML view), the normalised text holds "xxgknb-"
  // wherever the source does (ASCII is not changed), so the parse's carried regex matches tell that there is none
  // without searching the whole text again on every keystroke.
  const suppressions = parsed.reuse.viewless && !parsed.matches.first(/xxgknb-/) ? NO_SUPPRESSIONS : readSuppressions(parsed.source);
  const out: Diagnostic[] = [];
  // Fixes write their line breaks as the document does (a CRLF file would otherwise get mixed endings from `--fix`
  // and from editors that apply edits as they are; found by fuzzing the server). Looked at only for a fix that inserts one.
  let eol: string | undefined;
  const asDocument = (edits: TextEdit[]): TextEdit[] => {
    if (!edits.some((e) => e.newText.includes('\n'))) return edits;
    eol ??= lineBreakOf(parsed.source);
    return eol !== '\n' ? edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, eol!) })) : edits;
  };
  for (const rule of RULES) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    if (rule.eras && !rule.eras.includes(era)) continue;
    let findings;
    try {
      findings = rule.check(ctx);
    } catch (e) {
      // A rule must never take the others down with it; say so where the user can see it.
      findings = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: { zh: `检查规则 ${rule.code} 内部错误：${String(e)}`, en: `Rule ${rule.code} failed internally: ${String(e)}` } }];
    }
    for (const f of findings) {
      if (suppressions.suppressed(rule.code, f.range.start.line)) continue;
      out.push({
        code: rule.code,
        severity: (config.rules?.[rule.code] as Severity | undefined) ?? f.severity ?? severity,
        message: pick(f.message, config.locale),
        range: f.range,
        related: (f.related ?? []).map((r) => ({ range: r.range, message: pick(r.message, config.locale) })),
        fixes: (f.fixes ?? []).map((x) => ({ title: pick(x.title, config.locale), edits: asDocument(x.edits), safe: x.safe })),
      });
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return out;
}

/** Parse and check. `previous`: the analysis of an earlier version of the text, whose work is reused (same result). */
export function analyze(text: string, options: ParseOptions & { config?: CheckConfig; previous?: ParsedReport } = {}): { parsed: ParsedReport; diagnostics: Diagnostic[] } {
  const config = options.config ?? {};
  const parsed = parseReport(text, { format: options.format, era: config.era ?? options.era }, options.previous);
  return { parsed, diagnostics: checkParsed(parsed, config) };
}

// ------------------------------------------------------------------ suppression comments

/**
 * `<!-- xxgknb-disable CODE … -->` … `<!-- xxgknb-enable CODE … -->` in Markdown; in plain text the same
 * words on a line of their own (`xxgknb-disable CODE`, optionally after `//` or `#`).
 * `xxgknb-disable-next-line CODE` covers the following line. No code means every rule.
 */
const DIRECTIVE = /^[ \t]{0,40}(?:<!--[ \t]{0,4}|\/\/[ \t]{0,4}|#[ \t]{0,4})?xxgknb-(disable-next-line|disable|enable)\b([^\n]{0,400})$/;

const NO_SUPPRESSIONS = { suppressed: () => false };

export function readSuppressions(text: string): { suppressed(code: string, line: number): boolean } {
  if (!text.includes('xxgknb-')) return NO_SUPPRESSIONS;
  const spans: { code: string | null; from: number; to: number }[] = [];
  const open = new Map<string | null, number>();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (!line.includes('xxgknb-')) return;
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const codes = m[2]!.replace(/-->[ \t]*$/, '').split(/[\s,，]+/).filter(Boolean);
    const list = codes.length ? codes : [null];
    if (m[1] === 'disable-next-line') for (const c of list) spans.push({ code: c, from: i + 1, to: i + 1 });
    else if (m[1] === 'disable') for (const c of list) { if (!open.has(c)) open.set(c, i); }
    else for (const c of list) {
      if (c === null) { for (const [k, from] of open) spans.push({ code: k, from, to: i }); open.clear(); }
      else if (open.has(c)) { spans.push({ code: c, from: open.get(c)!, to: i }); open.delete(c); }
    }
  });
  for (const [c, from] of open) spans.push({ code: c, from, to: Number.MAX_SAFE_INTEGER });
  return { suppressed: (code, line) => spans.some((s) => (s.code === null || s.code === code) && line >= s.from && line <= s.to) };
}
