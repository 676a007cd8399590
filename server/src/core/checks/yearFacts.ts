/** What the checks across years (crossYear.ts) take from each report, and how their findings name the other report. */
import type { Cell, Era, Range } from '../model';

export interface FactCell { rowId: string; col: string; value: number | null; kind: Cell['kind']; raw: string; range: Range }

/** What the checks across years need of one report. */
export interface YearFacts {
  organ: string;
  year: number;
  era: Era;
  /** Cells of table 3 by `rowId|col`: only the rows some check across years reads. */
  cells: Record<string, FactCell>;
  /** Codes suppressed on each line (inline comments), for the findings in this report. */
  suppressed: Record<number, string[]>;
}

/** A finding's related location in the previous year's report says so with this `file` (replaced by that report's id). */
export const PREVIOUS = '\u0000previous';
