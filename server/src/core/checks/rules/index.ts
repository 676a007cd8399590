/** Every rule, in the order they are documented. Codes are stable: other tools depend on them. */
import type { Rule } from '../types';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import sectionDuplicate from './section-duplicate';
import sectionNumbering from './section-numbering';
import headingNonstandard from './heading-nonstandard';
import sectionEmpty from './section-empty';
import feeStatementMissing from './fee-statement-missing';
import govAssessmentMissing from './gov-assessment-missing';
import reportTruncated from './report-truncated';
import tableMissing from './table-missing';
import tableRowMissing from './table-row-missing';
import tableRowUnknown from './table-row-unknown';
import tableOtherEra from './table-other-era';
import t3Balance from './t3-balance';
import t3ResultsTotal from './t3-results-total';
import t3RowTotal from './t3-row-total';
import t4Total from './t4-total';
import cellMissingValue from './cell-missing-value';
import cellAmbiguous from './cell-ambiguous';
import cellInvalidNumber from './cell-invalid-number';
import cellNote from './cell-note';
import moneyUnit from './money-unit';
import templateResidue from './template-residue';
import yearMismatch from './year-mismatch';
import narrativeMismatch from './narrative-mismatch';
import percentMismatch from './percent-mismatch';
import breakdownSum from './breakdown-sum';
import internalContradiction from './internal-contradiction';
import publishLate from './publish-late';
import carryOverMismatch from './carry-over-mismatch';

export const RULES: Rule[] = [
  sectionMissing, sectionOrder, sectionDuplicate, sectionNumbering, headingNonstandard, sectionEmpty,
  feeStatementMissing, govAssessmentMissing, reportTruncated,
  tableMissing, tableRowMissing, tableRowUnknown, tableOtherEra,
  t3Balance, t3ResultsTotal, t3RowTotal, t4Total, carryOverMismatch,
  cellMissingValue, cellAmbiguous, cellInvalidNumber, cellNote, moneyUnit,
  templateResidue, yearMismatch, narrativeMismatch, percentMismatch, breakdownSum, internalContradiction, publishLate,
];

export const RULE_BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/** Where each rule's page is published (diagnostics link to it: LSP `codeDescription`, SARIF `helpUri`). */
export const RULE_DOC_BASE = 'https://github.com/xxgknb/xxgknb/blob/main/docs/rules/';
export function ruleDocUrl(code: string): string {
  return `${RULE_DOC_BASE}${encodeURIComponent(code)}.md`;
}
