/** Folding: each section (to the line before the next heading of the same or higher level), each table, the preamble. */
import { FoldingRangeKind, type FoldingRange, type Position } from 'vscode-languageserver';
import type { Section } from '../../core/index';
import { comparePos, lastLine } from '../convert';
import type { Snapshot } from '../snapshot';
import { lastContentLine, tableContentEnd } from './tableMarkdown';

export function foldingRanges(s: Snapshot): FoldingRange[] {
  const model = s.report;
  if (!model) return [];
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  if (model.meta.preambleRange) add(model.meta.preambleRange.start.line, lastLine(model.meta.preambleRange), FoldingRangeKind.Comment);
  // Where each heading starts: a web page may put the next heading on the line where a section's text ends.
  const headingStarts = new Map<number, Position[]>();
  const collect = (sections: Section[]) => {
    for (const sec of sections) {
      const at = sec.headingRange.start;
      // (Pushed, not copied: crawled text has every heading on its one line.)
      const onLine = headingStarts.get(at.line);
      if (onLine) onLine.push(at); else headingStarts.set(at.line, [at]);
      collect(sec.children);
    }
  };
  collect(model.sections);
  // The last line to fold up to `end`: the line before it when a heading at or after `after` starts on it (folding
  // would hide that heading, and the fold would cross the heading's own).
  const lastLineBefore = (end: Position, after: Position) =>
    (headingStarts.get(end.line) ?? []).some((h) => comparePos(h, after) >= 0) ? end.line - 1 : end.line;
  const walk = (sections: Section[]) => {
    for (const sec of sections) {
      // To the last text before the next heading of the same or higher level (never that heading's line).
      add(sec.headingRange.start.line, lastLineBefore(s.contentEnd(sec.range), sec.range.end), FoldingRangeKind.Region);
      walk(sec.children);
    }
  };
  walk(model.sections);
  // A table region may run on to the next heading: fold to its last row.
  for (const table of model.tables) {
    const end = tableContentEnd(table);
    add(table.range.start.line, Math.min(lastContentLine(table), lastLineBefore(end, end)), FoldingRangeKind.Region);
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
