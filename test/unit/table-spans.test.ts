/**
 * tableSpans (checks/rules/util.ts) answers "does [from, to) touch a table?" by binary search; it must agree with
 * asking every table, for tables in any order, nested or overlapping, and for empty or reversed questions.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableSpans } from '../../server/src/core/checks/rules/util';
import type { RuleContext } from '../../server/src/core/checks/types';

test('binary search over table spans agrees with asking every table', () => {
  const span = fc.tuple(fc.nat(60), fc.nat(30)).map(([start, len]) => ({ start, end: start + len }));
  fc.assert(fc.property(fc.array(span, { maxLength: 8 }), fc.array(fc.tuple(fc.integer({ min: -2, max: 95 }), fc.integer({ min: -2, max: 95 })), { maxLength: 20 }), (tables, questions) => {
    // A fresh parse object each time: the spans are remembered per parse.
    const ctx = { parsed: { rawTables: tables }, shared: new Map() } as unknown as RuleContext;
    const spans = tableSpans(ctx);
    for (const [from, to] of questions) {
      assert.equal(spans.overlapping(from, to), tables.some((t) => from < t.end && to > t.start), JSON.stringify({ tables, from, to }));
    }
  }), { numRuns: 2000 });
});
