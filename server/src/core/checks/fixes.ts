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
  // (An insertion before a replacement that starts where it is: applied in this order, neither writes into the other.)
  return taken.sort((a, b) => comparePos(a.range.start, b.range.start) || comparePos(a.range.end, b.range.end));
}

/** The text with non-overlapping edits applied (positions in `lines`, the index of `text`). */
export function applyEdits(text: string, lines: LineIndex, edits: TextEdit[]): string {
  return applyOffsetEdits(text, offsetEdits(lines, edits));
}

/** Edits by position as edits by offset (positions in `lines`), in order: by start, an insertion before a replacement there. */
function offsetEdits(lines: LineIndex, edits: readonly TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** An edit in offsets of one text: [start, end) replaced by `newText`. */
export interface OffsetEdit { start: number; end: number; newText: string }

/** Rounds of fixing and checking again, at most (as ESLint's `--fix`). */
export const FIX_ROUNDS = 10;

/**
 * Every safe fix, then the text checked again, until no safe fix is left or FIX_ROUNDS rounds were made: a fix left
 * out as overlapping another, or certain only once another was made (a sentence that agrees with the tables only when
 * both of two totals are set), is made in a later round. Shared by `check --fix` and the editor's fix-all.
 * `first`: the check of `text`; `recheck`: checks a fixed text (given the last check, for an incremental parse).
 * Returns the final text, how many edits were made, the last check, and the edits that take `text` to the final text
 * (offsets in `text`, sorted, none overlapping or touching another: what an editor applies in one step).
 */
export function fixRepeatedly<C extends { lines: LineIndex; diagnostics: Diagnostic[] }>(
  text: string, first: C, recheck: (text: string, last: C) => C,
): { text: string; fixed: number; edits: OffsetEdit[]; last: C } {
  let current = text, last = first, fixed = 0;
  let composed: OffsetEdit[] = [];
  for (let round = 0; round < FIX_ROUNDS; round++) {
    const edits = fixAllEdits(last.diagnostics);
    if (!edits.length) break;
    const offsets = offsetEdits(last.lines, edits);
    composed = composeEdits(composed, offsets, current);
    current = applyOffsetEdits(current, offsets);
    fixed += edits.length;
    last = recheck(current, last);
  }
  return { text: current, fixed, edits: composed, last };
}

/** The text with sorted, non-overlapping offset edits applied. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) { parts.push(text.slice(at, e.start), e.newText); at = e.end; }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * `earlier` (offsets in an original text; sorted, none overlapping) followed by `later` (offsets in `current`, the
 * original with `earlier` applied; sorted, none overlapping), as one list of edits of the original: applying it gives
 * what applying both in turn gives. Edits of either list that overlap or touch become one edit (so no two edits of
 * the result start at the same place, whose order an editor may not keep).
 */
export function composeEdits(earlier: readonly OffsetEdit[], later: readonly OffsetEdit[], current: string): OffsetEdit[] {
  // Every edit as a span of `current`: an earlier one covers the text it wrote, a later one what it replaces.
  type Span = { from: number; to: number; later: OffsetEdit | null; delta: number };
  const spans: Span[] = [];
  let shift = 0;
  let j = 0;
  const pushLaterBefore = (limit: number) => {
    for (; j < later.length && later[j]!.start < limit; j++) spans.push({ from: later[j]!.start, to: later[j]!.end, later: later[j]!, delta: 0 });
  };
  for (const e of earlier) {
    const from = e.start + shift, to = from + e.newText.length;
    pushLaterBefore(from);
    spans.push({ from, to, later: null, delta: e.newText.length - (e.end - e.start) });
    shift += e.newText.length - (e.end - e.start);
  }
  pushLaterBefore(Infinity);
  const out: OffsetEdit[] = [];
  // `before`: by how much `current` is longer than the original before the group being built.
  let before = 0;
  for (let k = 0; k < spans.length;) {
    const from = spans[k]!.from;
    let to = spans[k]!.to, delta = 0;
    const inGroup: OffsetEdit[] = [];
    for (; k < spans.length && spans[k]!.from <= to; k++) {
      const s = spans[k]!;
      to = Math.max(to, s.to);
      delta += s.delta;
      if (s.later) inGroup.push(s.later);
    }
    // The group's text in `current`, with the later edits in it made.
    let newText = '', at = from;
    for (const e of inGroup) { newText += current.slice(at, e.start) + e.newText; at = e.end; }
    newText += current.slice(at, to);
    out.push({ start: from - before, end: to - before - delta, newText });
    before += delta;
  }
  return out;
}
