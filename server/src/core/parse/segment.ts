/**
 * Splitting digits that a crawler ran together ("230 000023" for seven cells 23,0,0,0,0,0,23) into
 * the expected number of values. Numbers have no leading zeros (except 0 itself); whitespace splits
 * are respected; a decimal number is never split. Only splits that satisfy the table's own relation
 * (e.g. a Table 3 row's 总计 equals its six applicant columns) are candidates.
 */

export interface Piece { digits: string; start: number }
export interface Part { text: string; value: number; start: number; end: number }

const MAX_STEPS = 200_000;
/** Longer runs are not split at all: no table row holds more digits than this (15 cells of up to 12 digits). */
export const MAX_DIGITS = 180;
/** A cell of more digits than this is not a count anyone reports. */
const MAX_NUMBER_DIGITS = 12;

export function segmentDigits(pieces: Piece[], n: number, accept: (values: number[]) => boolean, maxCandidates = 8): Part[][] {
  const out: Part[][] = [];
  let steps = 0;
  const totalLen = pieces.reduce((s, p) => s + p.digits.length, 0);
  if (n < pieces.length || n > totalLen || totalLen > MAX_DIGITS) return out;
  // Characters from piece k on: a split that leaves fewer characters than cells still to fill is abandoned early.
  const charsFrom: number[] = new Array(pieces.length + 1).fill(0);
  for (let k = pieces.length - 1; k >= 0; k--) charsFrom[k] = charsFrom[k + 1]! + pieces[k]!.digits.length;
  // The split being built, as numbers (cell k: [from[k], to[k]) of piece pieceOf[k], worth values[k]); the Parts
  // are made only for an accepted split (crawled reports try hundreds of splits, and strings for each cost).
  const values: number[] = [], from: number[] = [], to: number[] = [], pieceOf: number[] = [];
  let depth = 0;
  const parts = (): Part[] => {
    const split: Part[] = [];
    for (let k = 0; k < depth; k++) {
      const piece = pieces[pieceOf[k]!]!;
      split.push({ text: piece.digits.slice(from[k]!, to[k]!), value: values[k]!, start: piece.start + from[k]!, end: piece.start + to[k]! });
    }
    return split;
  };

  const rec = (pi: number, offset: number, remainingPieces: number) => {
    if (++steps > MAX_STEPS || out.length >= maxCandidates) return;
    if (pi === pieces.length) {
      if (depth === n && accept(values.slice(0, depth))) out.push(parts());
      return;
    }
    const digits = pieces[pi]!.digits;
    const restLen = digits.length - offset;
    if (restLen === 0) { rec(pi + 1, 0, remainingPieces - 1); return; }
    const needAfter = remainingPieces - 1; // pieces after this one need at least one number each
    if (digits.charCodeAt(offset) === DOT) return; // a number never starts with its decimal point
    // A number has no leading zero: "0" itself, or "0." and its decimals.
    const leadingZero = restLen > 1 && digits.charCodeAt(offset) === ZERO && digits.charCodeAt(offset + 1) !== DOT;
    let whole = 0; // the value of the head's digits while it has no decimal point (exact: at most 12 digits)
    let dotted = false;
    for (let len = 1; len <= restLen; len++) {
      const c = digits.charCodeAt(offset + len - 1);
      if (c === DOT) dotted = true; else if (!dotted) whole = whole * 10 + (c - ZERO);
      if (len > 1 && leadingZero) break;
      if ((dotted ? len - 1 : len) > MAX_NUMBER_DIGITS) break;
      if (c === DOT) continue;
      // A decimal (money) ends its piece: digits are never split after a decimal point.
      if (dotted && len < restLen) continue;
      const leftInPiece = restLen - len;
      if (depth + 1 + needAfter > n) break;
      // Longer heads leave even fewer characters for the cells after this one.
      if (charsFrom[pi]! - offset - len < n - depth - 1) break;
      values[depth] = dotted ? Number(digits.slice(offset, offset + len)) : whole;
      from[depth] = offset; to[depth] = offset + len; pieceOf[depth] = pi;
      depth++;
      if (leftInPiece === 0) rec(pi + 1, 0, remainingPieces - 1);
      else if (depth < n) rec(pi, offset + len, remainingPieces);
      depth--;
    }
  };
  rec(0, 0, pieces.length);
  return out;
}

const DOT = 0x2e, ZERO = 0x30;
