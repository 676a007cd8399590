// Spliced offset maps (core/text/origin.ts): after any sequence of splices, the map reads exactly as the flat array
// built by copying would, entry by entry, and searches over it give the same answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { originAt, firstAtOrAfter, SplicedOrigin, type Origin } from '../../server/src/core/text/origin';

/** A small deterministic generator, so a few integers describe arrays of thousands of entries. */
function numbers(seed: number): () => number {
  let x = seed | 1;
  return () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) % 7; };
}

/** Non-decreasing values (as an offset map's are): running sums of small steps. */
function rising(length: number, from: number, next: () => number): Int32Array {
  const a = new Int32Array(length);
  let v = from;
  for (let i = 0; i < length; i++) { v += next(); a[i] = v; }
  return a;
}

const op = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.oneof(fc.nat(20), fc.nat(9000)), inserted: fc.oneof(fc.nat(20), fc.nat(9000)), seed: fc.integer() });

test('a spliced map reads as the copied array after any sequence of splices, and stays sorted where that was', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer(), fc.array(op, { maxLength: 80 }), (length, seed, ops) => {
    let expected = Array.from(rising(length, 0, numbers(seed)));
    let map: Origin = Int32Array.from(expected);
    for (const o of ops) {
      // As renormalized splices: the last entry (the source's length) is never replaced.
      const from = Math.floor(o.at * (expected.length - 1));
      const to = Math.min(expected.length - 1, from + o.removed);
      const base = from > 0 ? expected[from - 1]! : 0;
      const inserted = rising(o.inserted, base, numbers(o.seed));
      const top = inserted.length ? inserted[inserted.length - 1]! : base;
      // The entries after the span move so that the values still never decrease.
      const delta = top - (to > from ? expected[to - 1]! : base) + (o.seed & 3);
      expected = [...expected.slice(0, from), ...inserted, ...expected.slice(to).map((v) => v + delta)];
      map = SplicedOrigin.splice(map, from, to, inserted, delta);
      assert.equal(map.length, expected.length);
    }
    assert.deepEqual(Array.from(map), expected);
    for (let i = 0; i < expected.length; i += 97) assert.equal(originAt(map, i), expected[i]);
    assert.equal(originAt(map, expected.length - 1), expected[expected.length - 1]);
    const next = numbers(seed + 1);
    for (let k = 0; k < 50; k++) {
      const value = expected[Math.floor((k / 50) * expected.length)]! + next() - 3;
      const end = expected.length - (k % 3);
      let naive = 0;
      while (naive < end && expected[naive]! < value) naive++;
      assert.equal(firstAtOrAfter(map, value, end), naive, `first entry ≥ ${value} below ${end}`);
    }
  }), { numRuns: 60 });
});

test('a splice shares the pieces away from the edit: the old map is unchanged and reads as before', () => {
  const flat = rising(50_000, 0, numbers(7));
  const before = Array.from(flat);
  const once = SplicedOrigin.splice(flat, 25_000, 25_001, Int32Array.of(flat[25_000]!), 0);
  const twice = SplicedOrigin.splice(once, 10, 10, Int32Array.of(flat[9]!), 1);
  assert.deepEqual(Array.from(flat), before);
  assert.deepEqual(Array.from(once), before);
  assert.equal(twice.length, before.length + 1);
  assert.equal(twice.at(before.length), before[before.length - 1]! + 1);
});

test('what is left of a long map after most of it is deleted does not keep the long map\'s memory', () => {
  // Pieces are views: a few kept from a 400 KB map would hold all 400 KB. Then the map is written out again.
  // (Whole pieces before and after the deleted span, which a splice would share.)
  const flat = rising(100_000, 0, numbers(5));
  const delta = flat[8_191]! - flat[94_999]!;
  const cut = SplicedOrigin.splice(flat, 8_192, 95_000, new Int32Array(0), delta);
  assert.equal(cut.length, 13_192);
  const buffers = new Set((cut as unknown as { pieces: Int32Array[] }).pieces.map((p) => p.buffer));
  assert.ok(!buffers.has(flat.buffer), 'the long map\'s buffer is not kept');
  assert.deepEqual(Array.from(cut), [...Array.from(flat.subarray(0, 8_192)), ...Array.from(flat.subarray(95_000), (v) => v + delta)]);
  // A small deletion keeps sharing the pieces around it.
  const small = SplicedOrigin.splice(flat, 50_000, 50_010, new Int32Array(0), flat[49_999]! - flat[50_009]!);
  assert.ok((small as unknown as { pieces: Int32Array[] }).pieces.some((p) => p.buffer === flat.buffer));
});

test('keystrokes all over a long map (small pieces pile up and are written out again) read as the copied array', () => {
  const next = numbers(11);
  let expected = Array.from(rising(30_000, 0, next));
  let map: Origin = Int32Array.from(expected);
  for (let k = 0; k < 400; k++) {
    const from = (k * 7919) % (expected.length - 1);
    const to = from + (k % 2);
    const base = from > 0 ? expected[from - 1]! : 0;
    const inserted = Int32Array.of(base + 1);
    const delta = 1 + (k % 3);
    expected = [...expected.slice(0, from), ...inserted, ...expected.slice(to).map((v) => v + delta)];
    map = SplicedOrigin.splice(map, from, to, inserted, delta);
  }
  assert.deepEqual(Array.from(map), expected);
});
