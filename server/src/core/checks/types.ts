import type { Era, OrganType, Range } from '../model';
import type { ParsedReport } from '../parse/report';
import type { RelationResult } from './relations';

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
  related?: { range: Range; message: Message }[];
  fixes?: Fix[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related: { range: Range; message: string }[];
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
  /** The doc page's failing and passing examples; the rule's tests run them. */
  examples: { failing: string; passing: string; fix?: Message };
}
