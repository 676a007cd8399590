/**
 * Hover: a table cell (label path, value, every relation written out with ✓/✗), a heading (statutory item and
 * legal basis), a flagged range (the rule's title and explanation). Several apply → all of them, in that order.
 */
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import { RULE_BY_CODE, type Cell, type RelationResult, type Section } from '../../core/index';
import { ITEM_BY_ID, ITEM_NAMES } from '../../core/schema/sections';
import { writtenOut } from '../../core/checks/rules/arithmetic';
import { comparePos, contains } from '../convert';
import { cellKindName, t } from '../messages';
import type { Snapshot } from '../snapshot';

export function hover(s: Snapshot, p: Position): Hover | null {
  const model = s.report;
  if (!model) return null;
  const parts: string[] = [];
  let range: Range | undefined;

  const cell = cellAt(s, p);
  if (cell) {
    parts.push(cellHover(s, cell));
    range = cell.range;
  }
  const section = headingAt(model.sections, p);
  if (section) {
    const text = headingHover(s, section);
    if (text) { parts.push(text); range ??= section.headingRange; }
  }
  const codes = new Set<string>();
  for (const d of s.diagnostics) {
    if (!contains(d.range, p) || codes.has(d.code)) continue;
    const rule = RULE_BY_CODE.get(d.code);
    if (!rule) continue;
    codes.add(d.code);
    parts.push(`**${rule.title[s.locale]}** \`${rule.code}\`\n\n${rule.description[s.locale]}`);
    range ??= d.range;
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

/**
 * The cell under the cursor: the one whose characters hold it, else one the cursor touches at its end (just after its
 * last digit) or an empty cell at it. Run-together digits (crawler text: 200021…) are cells side by side, each
 * ending where the next starts: the first containing cell was the one before the cursor.
 */
export function cellAt(s: Snapshot, p: Position): Cell | null {
  let touching: Cell | null = null;
  for (const table of s.report?.tables ?? []) {
    // (Not the table's range: blank cells after its last number, as a web page's empty cells, lie past its end.)
    if (comparePos(p, table.range.start) < 0) continue;
    for (const c of table.cells) {
      if (!contains(c.range, p)) continue;
      if (comparePos(p, c.range.end) < 0) return c;
      touching ??= c;
    }
  }
  return touching;
}

function headingAt(sections: Section[], p: Position): Section | null {
  for (const sec of sections) {
    if (contains(sec.headingRange, p)) return sec;
    if (contains(sec.range, p)) {
      const inner = headingAt(sec.children, p);
      if (inner) return inner;
    }
  }
  return null;
}

export function labelPath(c: Cell): string {
  return `${c.rowPath.join(' › ')} × ${c.col}`;
}

function cellHover(s: Snapshot, c: Cell): string {
  const L = s.locale;
  const lines = [`**${md(labelPath(c))}**`, ''];
  const unfilled = c.kind === 'blank' || c.kind === 'placeholder';
  const value = unfilled || c.value === null ? t(L, 'blankValue') : String(c.value);
  const quoted = L === 'zh' ? `“${md(c.raw)}”` : `"${md(c.raw)}"`;
  lines.push(`${t(L, 'value')}${md(value)}${c.unit ? ` ${md(c.unit)}` : ''}${c.inferred ? ` ${t(L, 'inferred')}` : ''}  `);
  lines.push(`${t(L, 'raw')}${c.raw === '' ? t(L, 'blankRaw') : quoted} · ${t(L, 'cellKind')}${cellKindName(c.kind, L)}${c.note ? ` · ${md(c.note)}` : ''}`);
  const rels = s.relations.filter((r) => r.left.includes(c) || r.right.includes(c));
  if (rels.length) {
    lines.push('', t(L, 'relations'), '');
    for (const r of rels) lines.push(`- ${md(relationLine(s, r))}`);
  }
  return lines.join('\n');
}

/** `一 + 二 = （七）总计 + 四（自然人）：3 + 0 = 3 + 0 ✓`; incomplete ones say that they cannot be checked. */
export function relationLine(s: Snapshot, r: RelationResult): string {
  const mark = r.status === 'ok' ? '✓' : r.status === 'failed' ? '✗' : `— ${t(s.locale, 'incomplete')}`;
  return `${writtenOut(r)} ${mark}`;
}

function headingHover(s: Snapshot, sec: Section): string | null {
  const L = s.locale;
  if (!sec.items.length) return null;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of sec.items) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const spec = ITEM_BY_ID.get(m.id);
    if (!spec) continue;
    const standard = spec.standard[s.era];
    out.push(`**${t(L, 'item')}**${t(L, 'colon')}${md(ITEM_NAMES[m.id][L])}${standard ? `（${md(standard)}）` : ''}\n\n${t(L, 'law')}${t(L, 'colon')}${md(spec.law[L])}`);
  }
  return out.join('\n\n');
}

/** Escapes the few characters that would turn plain text into Markdown markup. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
