/**
 * Offset maps: where each unit of a derived text (the normalised view) came from in the source. Entry i is the
 * source offset of unit i; the last entry, at the text's length, is the source's length. The values never decrease.
 *
 * A map is built flat (an Int32Array) when a whole text is normalised. After an edit, the map of the new version is
 * the old one with a span replaced and everything after it shifted: as a flat array that is a copy of the whole map
 * (4 bytes per character, 1.6 MB for a 1 MB report) on every keystroke. A spliced map shares the old map's pieces
 * instead, each with an amount added to its values, and writes out only the pieces around the edit.
 */
export type Origin = Int32Array | SplicedOrigin;

/** Entries per piece of a spliced map: an edit writes out at most the two pieces it touches and what it inserts. */
const PIECE = 4096;

const PIECE_BYTES = PIECE * Int32Array.BYTES_PER_ELEMENT;

/** The memory the pieces' buffers hold in all (each buffer once). */
function backingBytes(pieces: readonly Int32Array[]): number {
  let bytes = 0;
  let last: ArrayBufferLike | null = null;
  const seen = new Set<ArrayBufferLike>();
  for (const p of pieces) {
    // (Neighbouring pieces mostly share a buffer: the set is asked only when the buffer changes.)
    if (p.buffer === last) continue;
    last = p.buffer;
    if (seen.has(last)) continue;
    seen.add(last);
    bytes += last.byteLength;
  }
  return bytes;
}

export class SplicedOrigin implements Iterable<number> {
  private constructor(
    /** The map's pieces in order (views; they may share memory with older versions, which never change). */
    private readonly pieces: Int32Array[],
    /** starts[k]: the index of piece k's first entry; starts[pieces.length] is the map's length. */
    private readonly starts: Int32Array,
    /** What is added to every value of piece k. */
    private readonly adds: Int32Array,
  ) {}

  /** A flat map cut into pieces (views, nothing copied). */
  static of(flat: Int32Array): SplicedOrigin {
    const pieces: Int32Array[] = [];
    const starts = new Int32Array(Math.ceil(flat.length / PIECE) + 1);
    for (let at = 0; at < flat.length; at += PIECE) {
      starts[pieces.length] = at;
      pieces.push(flat.subarray(at, Math.min(flat.length, at + PIECE)));
    }
    starts[pieces.length] = flat.length;
    return new SplicedOrigin(pieces, starts, new Int32Array(pieces.length));
  }

  /**
   * `previous` with its entries [from, to) replaced by `inserted` (values as they are) and the values of every entry
   * after them increased by `delta`. `to` must be below previous's length (the last entry is never replaced).
   */
  static splice(previous: Origin, from: number, to: number, inserted: Int32Array, delta: number): SplicedOrigin {
    const prev = previous instanceof SplicedOrigin ? previous : SplicedOrigin.of(previous);
    const { pieces: P, starts: S, adds: A } = prev;
    const pieces: Int32Array[] = [];
    const starts: number[] = [];
    const adds: number[] = [];
    let length = 0;
    const push = (p: Int32Array, add: number) => {
      if (!p.length) return;
      pieces.push(p); starts.push(length); adds.push(add); length += p.length;
    };
    // Pieces wholly before the replaced span are kept as they are.
    let k = 0;
    for (; S[k + 1]! <= from; k++) push(P[k]!, A[k]!);
    // The piece holding `from` and the one holding `to` are written out around the inserted entries.
    let kb = k;
    while (S[kb + 1]! <= to) kb++;
    const head = from - S[k]!, tailFrom = to - S[kb]!, tail = S[kb + 1]! - to;
    const middle = new Int32Array(head + inserted.length + tail);
    const a = A[k]!, pa = P[k]!;
    for (let i = 0; i < head; i++) middle[i] = pa[i]! + a;
    middle.set(inserted, head);
    const b = A[kb]! + delta, pb = P[kb]!, at = head + inserted.length;
    for (let i = 0; i < tail; i++) middle[at + i] = pb[tailFrom + i]! + b;
    for (let o = 0; o < middle.length; o += PIECE) push(middle.subarray(o, Math.min(middle.length, o + PIECE)), 0);
    // Pieces after it are shared, their values shifted.
    for (let q = kb + 1; q < P.length; q++) push(P[q]!, A[q]! + delta);
    // Edits in many places leave many small pieces; a few pieces kept from a map much longer than this one (most of
    // a large text deleted) keep all of that map's memory (a piece is a view). Then the map is written out once and
    // cut again.
    if (pieces.length > 2 * Math.ceil(length / PIECE) + 16 || backingBytes(pieces) > 4 * Int32Array.BYTES_PER_ELEMENT * length + 4 * PIECE_BYTES) {
      const flat = new Int32Array(length);
      for (let q = 0; q < pieces.length; q++) {
        const p = pieces[q]!, add = adds[q]!, s = starts[q]!;
        for (let i = 0; i < p.length; i++) flat[s + i] = p[i]! + add;
      }
      return SplicedOrigin.of(flat);
    }
    starts.push(length);
    return new SplicedOrigin(pieces, Int32Array.from(starts), Int32Array.from(adds));
  }

  get length(): number { return this.starts[this.pieces.length]!; }

  /** Entry i, for 0 ≤ i < length. */
  at(i: number): number {
    let lo = 0, hi = this.pieces.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (this.starts[m]! <= i) lo = m; else hi = m - 1; }
    return this.pieces[lo]![i - this.starts[lo]!]! + this.adds[lo]!;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let k = 0; k < this.pieces.length; k++) {
      const p = this.pieces[k]!, add = this.adds[k]!;
      for (let i = 0; i < p.length; i++) yield p[i]! + add;
    }
  }
}

/** Entry i of a map, for 0 ≤ i < its length. */
export function originAt(o: Origin, i: number): number {
  return o instanceof Int32Array ? o[i]! : o.at(i);
}

/** The first index below `end` whose value is at or after `value` (the values never decrease); `end` when none is. */
export function firstAtOrAfter(sorted: ArrayLike<number> | SplicedOrigin, value: number, end = sorted.length): number {
  let lo = 0, hi = end;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((sorted instanceof SplicedOrigin ? sorted.at(m) : sorted[m]!) < value) lo = m + 1; else hi = m;
  }
  return lo;
}
