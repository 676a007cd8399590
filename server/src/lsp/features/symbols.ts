/**
 * Outline: the title (and the web-page preamble) first, then the section tree; each standard table is a child
 * of the deepest section that contains it.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { Section, Table } from '../../core/index';
import { ITEM_NAMES } from '../../core/schema/sections';
import { TABLE_TITLES } from '../../core/schema/tables';
import { comparePos, contains } from '../convert';
import { t, tableShort } from '../messages';
import type { Snapshot } from '../snapshot';
import { tableContentEnd } from './tableMarkdown';

export function documentSymbols(s: Snapshot): DocumentSymbol[] {
  const model = s.report;
  if (!model) return [];
  const out: DocumentSymbol[] = [];
  const { meta } = model;
  if (meta.preambleRange) out.push(symbol(t(s.locale, 'preamble'), '', SymbolKind.Null, meta.preambleRange, meta.preambleRange));
  if (meta.title && meta.titleRange) out.push(symbol(meta.title, t(s.locale, 'titleDetail'), SymbolKind.File, meta.titleRange, meta.titleRange));

  const sectionSymbols = new Map<Section, DocumentSymbol>();
  const build = (sec: Section, depth: number): DocumentSymbol => {
    const names = sec.items.map((i) => ITEM_NAMES[i.id][s.locale]);
    // To the section's last text: its range may run into the `## ` marks of the next heading.
    const range: Range = { start: sec.range.start, end: s.contentEnd(sec.range) };
    const sym = symbol(sec.title.replace(/^#{1,6}\s*/, ''), [...new Set(names)].join(s.locale === 'zh' ? '、' : ', '), depth === 0 ? SymbolKind.Namespace : SymbolKind.Module, range, sec.headingRange);
    sectionSymbols.set(sec, sym);
    sym.children = sec.children.map((c) => build(c, depth + 1));
    return sym;
  };
  const roots = model.sections.map((sec) => build(sec, 0));

  const orphanTables: DocumentSymbol[] = [];
  for (const table of model.tables) {
    const tableSym = tableSymbol(s, table);
    const home = deepestContaining(model.sections, table.range.start);
    if (home) {
      const parent = sectionSymbols.get(home)!;
      parent.children = [...(parent.children ?? []), tableSym].sort((a, b) => comparePos(a.range.start, b.range.start));
    } else {
      orphanTables.push(tableSym);
    }
  }
  for (const root of roots) enclose(root);
  return [...out, ...[...roots, ...orphanTables].sort((a, b) => comparePos(a.range.start, b.range.start))];
}

/**
 * A section's range reaches to its children's ends: a table's blank cells after its last text (a web page's empty
 * cells) lie past the section's last text, and a child must lie inside its parent.
 */
function enclose(sym: DocumentSymbol): Range['end'] {
  for (const child of sym.children ?? []) {
    const end = enclose(child);
    if (comparePos(end, sym.range.end) > 0) sym.range = { start: sym.range.start, end };
  }
  return sym.range.end;
}

function tableSymbol(s: Snapshot, table: Table): DocumentSymbol {
  const era = table.era ?? (s.era === '2008' ? null : s.era);
  const detail = era ? t(s.locale, 'tableDetail', { era, cells: table.cells.length }) : t(s.locale, 'tableDetailNoEra', { cells: table.cells.length });
  const head: Range = { start: table.range.start, end: table.range.start };
  // To its last cell or row label: a table region may run on to the next heading.
  const range: Range = { start: table.range.start, end: tableContentEnd(table) };
  return symbol(`${tableShort(table.kind, 'zh')} ${TABLE_TITLES[table.kind]}`, detail, SymbolKind.Struct, range, head);
}

function deepestContaining(sections: Section[], p: Range['start']): Section | null {
  for (const sec of sections) {
    if (contains(sec.range, p)) return deepestContaining(sec.children, p) ?? sec;
  }
  return null;
}

function symbol(name: string, detail: string, kind: SymbolKind, range: Range, selection: Range): DocumentSymbol {
  // The selection range must lie inside the range (VS Code rejects the outline otherwise).
  const sel = contains(range, selection.start) && contains(range, selection.end) ? selection : { start: range.start, end: range.start };
  return { name: name.trim() || '—', detail, kind, range, selectionRange: sel, children: [] };
}
