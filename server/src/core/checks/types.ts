import type { Era, OrganType, Range, Table } from '../model';
import type { ParsedReport } from '../parse/report';
import type { CellIndex, RelationResult } from './relations';
import type { YearFacts } from './yearFacts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Locale = 'zh' | 'en';
/** Every user-facing text exists in Simplified Chinese and English. */
export interface Message { zh: string; en: string }

export interface TextEdit { range: Range; newText: string }
export interface Fix {
  title: Message;
  edits: TextEdit[];
  /** Safe fixes are certain; `source.fixAll` and `xxgknb check --fix` apply only these. */
  safe: boolean;
}

/** What a rule reports; the engine adds the code, severity and locale. */
export interface Finding {
  range: Range;
  /** A finding may be milder than the rule's default (e.g. a table missing from a 2019 transition-year report);
   *  a severity the user configured always wins. */
  severity?: Severity;
  message: Message;
  /** `file`: in another report (checks across years); absent: in this one. */
  related?: { range: Range; message: Message; file?: string }[];
  fixes?: Fix[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** `file`: the other report a check across years compared with (as the caller named it); absent: this one. */
  related: { range: Range; message: string; file?: string }[];
  fixes: { title: string; edits: TextEdit[]; safe: boolean }[];
}

export interface CheckConfig {
  /** Per-rule severity override, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  era?: Era | 'auto';
  organType?: OrganType | 'auto';
  /** Statutory deadlines as MM-DD (条例第四十九条: departments 01-31, governments 03-31). */
  deadlines?: { department?: string; government?: string };
  locale?: Locale;
}

export interface RuleContext {
  parsed: ParsedReport;
  era: Era;
  organType: OrganType;
  config: CheckConfig;
  /** Every arithmetic relation of every standard table, evaluated once. */
  relations: RelationResult[];
  /** A table's cells by key, indexed once per analysis (none without a table). */
  cells(table: Table | undefined): CellIndex | undefined;
  /** What the rules compute once per analysis and share, by a key of their own (rules/util.ts `shared`). */
  readonly shared: Map<object, unknown>;
}

export interface Rule {
  code: string;
  defaultSeverity: Severity;
  title: Message;
  /** What it checks and why, with the legal basis: the opening of the rule's doc page. */
  description: Message;
  /** Eras the rule applies to (all when absent). */
  eras?: Era[];
  check(ctx: RuleContext): Finding[];
  /**
   * A check across two reports of the same body for consecutive years (crossYear.ts): findings in `current`'s report,
   * given what was taken from both. Such a rule finds nothing in one report alone (`check` returns nothing).
   */
  across?(previous: YearFacts, current: YearFacts): Finding[];
  /** The doc page's failing and passing examples; the rule's tests run them. */
  examples: RuleExamples;
}

/** A rule's examples. `previous`: the year before's report (rules across two years); `fix`: how to mend the failing one. */
export interface RuleExamples { failing: string; passing: string; previous?: string; fix?: Message }
