/** Applying the safe fixes of a set of diagnostics: shared by the editor's fix-all and `xxgknb check --fix`. */
import type { Position, Range } from '../model';
import type { LineIndex } from '../text/lineIndex';
import type { Diagnostic, TextEdit } from './types';

function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at the same point conflict too (their order would be undefined).
  if (comparePos(a.start, b.start) === 0 && comparePos(a.end, b.end) === 0) return true;
  return comparePos(a.start, b.end) < 0 && comparePos(b.start, a.end) < 0;
}

/** Every safe fix, in document order; a fix whose edits overlap one already taken is left for the next round. */
export function fixAllEdits(diagnostics: Diagnostic[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const d of diagnostics) {
    for (const fix of d.fixes) {
      if (!fix.safe || !fix.edits.length) continue;
      if (fix.edits.some((e) => taken.some((x) => overlaps(x.range, e.range)))) continue;
      taken.push(...fix.edits);
    }
  }
  return taken.sort((a, b) => comparePos(a.range.start, b.range.start));
}

/** The text with non-overlapping edits applied (positions in `lines`, the index of `text`). */
export function applyEdits(text: string, lines: LineIndex, edits: TextEdit[]): string {
  const offs = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offs) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
