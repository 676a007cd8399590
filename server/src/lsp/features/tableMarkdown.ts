/**
 * Rewrites a standard table that is not a Markdown pipe table (HTML, tab-separated, PDF text, run together)
 * as one, in the standard layout of its format, with the values exactly as written: the labels are the form's own
 * (as the action's title says), and what is in the table's stretch of text but no cell (a PDF's page number) is not
 * kept. The rows the table has are kept (missing rows are not invented). The caller re-parses the result and offers the rewrite only when
 * every cell reads back the same.
 */
import type { Range, TextEdit } from 'vscode-languageserver';
import { CellIndex, type Cell, type Table } from '../../core/index';
import { lineBreakOf, LineIndex } from '../../core/text/lineIndex';
import { compactKey, normalizeForMatching } from '../../core/text/normalize';
import { T2_BLOCKS, T3_COLUMNS, T3_ROWS, type TableEra } from '../../core/schema/tables';
import { T2_HEADER_LABEL, T3_NOTE, table2Markdown, table3Markdown, table4ColumnPaths, table4Markdown } from '../../core/snippets';
import { comparePos } from '../convert';

/** Representations the rewrite applies to (a pipe table is already what it produces). */
export function convertible(table: Table): boolean {
  if (table.representation === 'pipe' || table.cells.length === 0) return false;
  // Rows the layout does not know would be lost, unless they are only the form's own header labels.
  return table.unknownRows.every((u) => HEADER_KEYS.has(compactKey(normalizeForMatching(u.raw).text)));
}

/** The labels printed in the forms' headers (and row labels), in compact form. */
const HEADER_KEYS = new Set([
  T3_NOTE, '申请人情况', '法人或其他组织', T2_HEADER_LABEL, '行政复议', '行政诉讼',
  ...T3_COLUMNS.map((c) => c.label), ...T3_ROWS.flatMap((r) => r.path),
  ...T2_BLOCKS.flatMap((b) => [b.title, ...b.cols['2019'].map((c) => c.label), ...b.cols['2021'].map((c) => c.label)]),
  ...table4ColumnPaths().flat(),
].map((l) => compactKey(normalizeForMatching(l).text)));

export function tableToMarkdown(table: Table, reportEra: TableEra): string[] {
  const cells = new CellIndex(table);
  const value = (rowId: string, col: string) => cellText(cells.get(`${rowId}|${col}`));
  const era: TableEra = table.era ?? reportEra;
  const present = new Set(table.cells.map((c) => c.rowId));
  const keep = (rowId: string) => present.has(rowId);
  switch (table.kind) {
    case 'T3':
      return table3Markdown(era, value, keep);
    case 'T2':
      return table2Markdown(era, value, keep);
    case 'T4':
      return table4Markdown((p) => value(p[p.length - 2]!, p[p.length - 1]!));
  }
}

/** The last line holding a cell or a row label of the table (its range may run on to the next heading). */
export function lastContentLine(table: Table): number {
  let line = table.range.start.line;
  for (const c of table.cells) line = Math.max(line, c.range.end.line);
  for (const r of table.rows) if (r.range) line = Math.max(line, r.range.end.line);
  return line;
}

/** The end of the table's last cell or row label (its range may run on to the next heading). */
export function tableContentEnd(table: Table): Range['end'] {
  let end = table.range.start;
  for (const c of table.cells) if (comparePos(c.range.end, end) > 0) end = c.range.end;
  for (const r of table.rows) if (r.range && comparePos(r.range.end, end) > 0) end = r.range.end;
  return end;
}

/**
 * The edit that replaces the table: from its start to the end of its last cell or label (text that follows on
 * the same line, or between the table and the next heading, stays), with blank lines around the new table.
 */
export function tableEdit(table: Table, source: string, markdown: string[]): TextEdit | null {
  const lines = new LineIndex(source);
  let end = table.range.start;
  for (const c of table.cells) if (comparePos(c.range.end, end) > 0) end = c.range.end;
  for (const r of table.rows) if (r.range && comparePos(r.range.end, end) > 0) end = r.range.end;
  let startOff = lines.offsetAt(table.range.start);
  let endOff = lines.offsetAt(end);
  if (table.representation === 'html') {
    // The whole <table> element goes, markup included.
    const open = lastMatch(/<table\b/gi, source.slice(0, startOff + 1));
    const close = /<\/table\s*>/i.exec(source.slice(endOff));
    if (open < 0 || !close) return null;
    startOff = open;
    endOff += close.index + close[0].length;
  }
  const lineEnd = lines.lineEnd(lines.positionAt(endOff).line);
  // The rest of the last line is table debris (separators, empty cells) when it holds no words.
  if (/^[\s|\t\-—:：]*$/.test(source.slice(endOff, lineEnd))) endOff = lineEnd;
  // A blank line before and after the table, unless there is one (LineIndex knows CRLF, LF and a CR alone).
  const blank = (line: number) => /^[ \t]*$/.test(source.slice(lines.lineStarts[line], lines.lineEnd(line)));
  const first = lines.positionAt(startOff), last = lines.positionAt(endOff);
  const prefix = startOff === 0 ? '' : first.character > 0 ? '\n\n' : blank(first.line - 1) ? '' : '\n';
  const suffix = endOff === source.length ? '' : endOff < lines.lineEnd(last.line) ? '\n\n' : blank(last.line + 1) ? '' : '\n';
  const eol = lineBreakOf(source);
  const text = prefix + markdown.join('\n') + suffix;
  const range: Range = { start: first, end: last };
  return { range, newText: eol === '\n' ? text : text.replace(/\n/g, eol) };
}

function lastMatch(re: RegExp, text: string): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index ?? at;
  return at;
}

function cellText(c: Cell | undefined): string {
  if (!c) return '';
  return c.raw.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Whether a re-parsed table reads every cell of the original the same. */
export function sameCells(before: Table, after: Table | undefined): boolean {
  if (!after || after.kind !== before.kind) return false;
  const cells = new CellIndex(after);
  return before.cells.every((c) => {
    const d = cells.get(`${c.rowId}|${c.col}`);
    if (!d || d.kind !== c.kind || d.value !== c.value) return false;
    return c.kind === 'number' || d.raw.trim() === c.raw.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  });
}
