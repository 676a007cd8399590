/**
 * Inlay hints beside each total cell (表三 总计 column, （七）总计 row, 表四 总计): the sum of its addends when
 * they are all readable (`= 12`), with ✗ when the total written differs.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver';
import { cellValue } from '../../core/checks/relations';
import type { Cell, RelationResult } from '../../core/index';
import { intersects } from '../convert';
import { relationLine } from './hover';
import type { Snapshot } from '../snapshot';

export function inlayHints(s: Snapshot, range: Range): InlayHint[] {
  if (!s.report || !s.settings.inlayHints) return [];
  // A cell can be the total of two relations (（七）总计 × 总计): one hint for both.
  const byTotal = new Map<Cell, RelationResult[]>();
  for (const r of s.relations) {
    if (r.left.length !== 1 || !r.left[0]) continue;
    const addends = r.right;
    if (!addends.length || addends.some((c) => cellValue(c) === null)) continue;
    const list = byTotal.get(r.left[0]) ?? [];
    list.push(r);
    byTotal.set(r.left[0], list);
  }
  const out: InlayHint[] = [];
  for (const [total, rels] of byTotal) {
    if (!intersects(total.range, range)) continue;
    const sums = [...new Set(rels.map((r) => round(r.right.reduce((a, c) => a + (cellValue(c) ?? 0), 0))))];
    const written = cellValue(total);
    const wrong = written !== null && sums.some((x) => Math.abs(x - written) > 1e-6);
    out.push({
      position: total.range.end,
      label: `= ${sums.join(' / ')}${wrong ? ' ✗' : ''}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: rels.map((r) => `- ${relationLine(s, r)}`).join('\n') },
    });
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function round(x: number): number { return Math.round(x * 1e6) / 1e6; }
