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
  const current: Part[] = [];
  const totalLen = pieces.reduce((s, p) => s + p.digits.length, 0);
  if (n < pieces.length || n > totalLen || totalLen > MAX_DIGITS) return out;
  // Characters from piece k on: a split that leaves fewer characters than cells still to fill is abandoned early.
  const charsFrom: number[] = new Array(pieces.length + 1).fill(0);
  for (let k = pieces.length - 1; k >= 0; k--) charsFrom[k] = charsFrom[k + 1]! + pieces[k]!.digits.length;

  const rec = (pi: number, offset: number, remainingPieces: number) => {
    if (++steps > MAX_STEPS || out.length >= maxCandidates) return;
    if (pi === pieces.length) {
      if (current.length === n && accept(current.map((p) => p.value))) out.push(current.slice());
      return;
    }
    const piece = pieces[pi]!;
    const digits = piece.digits;
    const restLen = digits.length - offset;
    if (restLen === 0) { rec(pi + 1, 0, remainingPieces - 1); return; }
    const needAfter = remainingPieces - 1; // pieces after this one need at least one number each
    if (digits[offset] === '.') return; // a number never starts with its decimal point
    for (let len = 1; len <= restLen; len++) {
      const head = digits.slice(offset, offset + len);
      if (head.length > 1 && head[0] === '0' && head[1] !== '.') break;
      if (head.replace('.', '').length > MAX_NUMBER_DIGITS) break;
      if (head.endsWith('.')) continue;
      // A decimal (money) ends its piece: digits are never split after a decimal point.
      if (head.includes('.') && len < restLen) continue;
      const leftInPiece = restLen - len;
      if (current.length + 1 + needAfter > n) break;
      // Longer heads leave even fewer characters for the cells after this one.
      if (charsFrom[pi]! - offset - len < n - current.length - 1) break;
      if (leftInPiece === 0 && current.length + 1 + (needAfter === 0 ? 0 : needAfter) > n) break;
      const value = Number(head);
      current.push({ text: head, value, start: piece.start + offset, end: piece.start + offset + len });
      if (leftInPiece === 0) rec(pi + 1, 0, remainingPieces - 1);
      else if (current.length < n) rec(pi, offset + len, remainingPieces);
      current.pop();
    }
  };
  rec(0, 0, pieces.length);
  return out;
}
