/**
 * The report model: what the parser makes of a document. Plain data, JSON-serialisable.
 * Every range refers to the ORIGINAL text the user wrote (LSP line/character, UTF-16 units),
 * never to the normalised text used for matching.
 */

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Era = '2008' | '2019' | '2021';
export type OrganType = 'government' | 'department' | 'unknown';
export type SourceFormat = 'text' | 'markdown' | 'html';

/** Statutory items of a report, shared across eras (2008 art. 32, 2019 art. 50 and the format documents). */
export type ItemId = 'overview' | 'active' | 'application' | 'fees' | 'review' | 'problems' | 'other';

export interface Evidence { /** what was seen, e.g. a label of the other era */ text: string; era: Era; weight: number; range?: Range }

export interface Dated { value: string; raw: string; range: Range }

export interface ReportMeta {
  title: string | null;
  titleRange: Range | null;
  organ: string | null;
  organType: OrganType;
  year: number | null;
  era: Era;
  eraEvidence: Evidence[];
  period: { start: string; end: string; raw: string; range: Range } | null;
  publishDate: Dated | null;
  /** Web-page debris before the title (navigation, 当前位置, 点击数, 字体 大中小 …). */
  preambleRange: Range | null;
}

export type NumberingStyle = 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled' | 'markdown' | 'part';

export interface ItemMatch { id: ItemId; confidence: number }

export interface Section {
  /** The heading text as written (title only, without the body that may follow on the same line). */
  title: string;
  level: number;
  numbering: { style: NumberingStyle; ordinal: number; raw: string } | null;
  /** The best statutory item for a top-level section (null when none fits). */
  item: ItemId | null;
  items: ItemMatch[];
  /** The whole section: heading start to the end of its body. */
  range: Range;
  headingRange: Range;
  children: Section[];
}

export type TableKind = 'T2' | 'T3' | 'T4';
export type TableRepresentation = 'html' | 'pipe' | 'tsv' | 'cell-per-line' | 'spaced' | 'concatenated' | 'pdf-columns';
export type CellKind = 'number' | 'blank' | 'placeholder' | 'note' | 'ambiguous';

export interface Cell {
  /** Stable row id within the table kind, e.g. "三.（三）.1" (T3), "第二十条第（一）项|规章" (T2), "行政复议" (T4). */
  rowId: string;
  /** Canonical row label exactly as in the format (spec Appendix A/B). */
  row: string;
  /** Labels from the outermost block down to the row, e.g. ["三、本年度办理结果","（三）不予公开","1.属于国家秘密"]. */
  rowPath: string[];
  col: string;
  colPath: string[];
  raw: string;
  value: number | null;
  kind: CellKind;
  unit?: string;
  note?: string;
  /** True when the value came from splitting digits the source ran together; such cells are a best reading. */
  inferred?: boolean;
  range: Range;
}

export interface TableRow { rowId: string; label: string; raw: string; range: Range | null }

export interface Table {
  kind: TableKind;
  /** Which format's layout the table follows, read from its labels. */
  era: '2019' | '2021' | null;
  representation: TableRepresentation;
  /** 0..1: how sure the parser is of the cell assignment. */
  confidence: number;
  range: Range;
  cells: Cell[];
  /** Rows of the template found, with the label as written. */
  rows: TableRow[];
  /** Template rows not found at all. */
  missingRows: string[];
  /** Labelled rows that match no template row (local additions). */
  unknownRows: { raw: string; range: Range }[];
  /** Labels that belong to the other era's layout (e.g. 本年新制作数量 in a 2021 table). */
  otherEraLabels: { raw: string; era: '2019' | '2021'; range: Range }[];
}

export interface ReportModel {
  version: 1;
  format: SourceFormat;
  /** Whether the text looks like an annual report at all, with the reason. */
  isReport: boolean;
  reportScore: number;
  meta: ReportMeta;
  sections: Section[];
  tables: Table[];
}
