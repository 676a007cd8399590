/**
 * Completion: at the start of a line, the standard headings of the items still missing (statutory order);
 * inside a standard table, its missing row labels; everywhere in a report, the table and skeleton snippets.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { ItemId, Table } from '../../core/index';
import { ITEM_BY_ID, ITEM_ORDER } from '../../core/schema/sections';
import { T2_BLOCKS, T3_ROWS } from '../../core/schema/tables';
import { headingMarkup } from '../../core/parse/sections';
import { allSnippets } from '../../core/snippets';
import { contains } from '../convert';
import { lastContentLine } from './tableMarkdown';
import { t, tableShort } from '../messages';
import type { Snapshot } from '../snapshot';

/** A line start: nothing yet, or Markdown heading marks, or only a Chinese numeral (and its 、). */
const LINE_START = /^(\s*)(#{1,6}\s+)?([一二三四五六七八九十]{0,2}[、.．]?)$/;

export function completions(s: Snapshot, asked: Position, opts: { snippets: boolean } = { snippets: true }): CompletionItem[] {
  // Past a line's end or the document's, the place is where the text ends (the edits must lie within the document).
  const p = s.lines.positionAt(s.lines.offsetAt(asked));
  if (!s.isReport) return [];
  const lineText = s.text.slice(s.lines.offsetAt({ line: p.line, character: 0 }), s.lines.offsetAt(p));
  const table = s.model?.tables.find((tb) => p.line > tb.range.start.line && p.line <= lastContentLine(tb) && contains(tb.range, p));
  if (table) return rowCompletions(s, table, p, lineText);
  const out: CompletionItem[] = [];
  const m = LINE_START.exec(lineText);
  if (m) out.push(...headingCompletions(s, p, m));
  if (opts.snippets) out.push(...snippetCompletions());
  return out;
}

function headingCompletions(s: Snapshot, p: Position, m: RegExpExecArray): CompletionItem[] {
  const era = s.era;
  const present = new Set<ItemId>((s.model?.sections ?? []).flatMap((sec) => sec.items.map((i) => i.id)));
  const typedMarks = m[2] ?? '';
  // In a Markdown report whose headings are `## 一、…`, a new heading gets the same marks.
  const marks = typedMarks ? '' : markdownHeadingMarks(s);
  const from = { line: p.line, character: (m[1] ?? '').length + typedMarks.length };
  const out: CompletionItem[] = [];
  ITEM_ORDER[era].forEach((id, k) => {
    const heading = ITEM_BY_ID.get(id)?.standard[era];
    if (!heading || present.has(id)) return;
    out.push({
      label: heading,
      kind: CompletionItemKind.Module,
      detail: t(s.locale, 'headingDetail', { era }),
      documentation: { kind: MarkupKind.Markdown, value: ITEM_BY_ID.get(id)!.law[s.locale] },
      sortText: `0${k}`,
      filterText: heading,
      textEdit: { range: { start: from, end: p }, newText: marks + heading },
    });
  });
  return out;
}

function markdownHeadingMarks(s: Snapshot): string {
  const first = s.model?.sections[0];
  if (!first || s.model?.format !== 'markdown') return '';
  return headingMarkup(s.text, s.lines, first).marks;
}

function rowCompletions(s: Snapshot, table: Table, p: Position, lineText: string): CompletionItem[] {
  // The label goes where the cursor is, replacing the label text typed so far (not pipes or tabs).
  const typed = /[^|\t]*$/.exec(lineText)![0].replace(/^\s+/, '');
  const from = { line: p.line, character: p.character - typed.length };
  const out: CompletionItem[] = [];
  table.missingRows.forEach((rowId, k) => {
    const label = rowLabel(table, rowId);
    if (!label) return;
    out.push({
      label,
      kind: CompletionItemKind.Field,
      detail: t(s.locale, 'rowDetail', { table: tableShort(table.kind, s.locale) }),
      sortText: `0${String(k).padStart(3, '0')}`,
      filterText: label,
      textEdit: { range: { start: from, end: p }, newText: label },
    });
  });
  return out;
}

function rowLabel(table: Table, rowId: string): string | null {
  if (table.kind === 'T3') return T3_ROWS.find((r) => r.id === rowId)?.label ?? null;
  if (table.kind === 'T2') {
    const [block, row] = rowId.split('|');
    return T2_BLOCKS.some((b) => b.id === block) && row ? row : null;
  }
  return null; // 表四 has no row labels: its blocks are columns.
}

let snippetItems: CompletionItem[] | null = null;

export function snippetCompletions(): CompletionItem[] {
  snippetItems ??= allSnippets().flatMap((sn, k) => sn.prefix.map((prefix, j) => ({
    label: prefix,
    kind: CompletionItemKind.Snippet,
    detail: sn.name,
    documentation: { kind: MarkupKind.Markdown, value: sn.description },
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: sn.body.join('\n'),
    sortText: `1${String(k).padStart(2, '0')}${String(j).padStart(2, '0')}`,
    filterText: prefix,
  })));
  return snippetItems;
}
