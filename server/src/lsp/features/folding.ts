/** Folding: each section (to the line before the next heading of the same or higher level), each table, the preamble. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Section } from '../../core/index';
import { lastLine } from '../convert';
import type { Snapshot } from '../snapshot';
import { lastContentLine } from './tableMarkdown';

export function foldingRanges(s: Snapshot): FoldingRange[] {
  const model = s.report;
  if (!model) return [];
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  if (model.meta.preambleRange) add(model.meta.preambleRange.start.line, lastLine(model.meta.preambleRange), FoldingRangeKind.Comment);
  const walk = (sections: Section[]) => {
    for (const sec of sections) {
      // To the last text before the next heading of the same or higher level (never that heading's line).
      add(sec.headingRange.start.line, s.contentEnd(sec.range).line, FoldingRangeKind.Region);
      walk(sec.children);
    }
  };
  walk(model.sections);
  // A table region may run on to the next heading: fold to its last row.
  for (const table of model.tables) add(table.range.start.line, lastContentLine(table), FoldingRangeKind.Region);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
