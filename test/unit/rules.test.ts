// Every rule's documented examples: the failing one triggers the rule, the passing one does not,
// and the passing example is clean of errors from every rule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, exampleDiagnostics, RULES } from '../../server/src/core/index';
import { lazyExamples } from '../../server/src/core/checks/examples';

describe('rule examples', () => {
  for (const rule of RULES) {
    test(`${rule.code}: failing example is reported`, () => {
      const hits = exampleDiagnostics(rule, rule.examples.failing);
      assert.ok(hits.length > 0, `${rule.code} did not fire on its failing example`);
      for (const h of hits) assert.ok(h.message.length > 0);
    });
    test(`${rule.code}: passing example is clean`, () => {
      assert.deepEqual(exampleDiagnostics(rule, rule.examples.passing).map((d) => d.message), []);
    });
  }
  test('codes are unique, kebab-case, and every rule has both languages', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const r of RULES) {
      assert.match(r.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const m of [r.title, r.description]) { assert.ok(m.zh.length > 0); assert.ok(m.en.length > 0); }
    }
  });
  test('the example report is clean under every rule', () => {
    const { diagnostics } = analyze(RULES[0]!.examples.passing, { format: 'markdown' });
    assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  });
});

test('examples are built the first time one is read, and once', () => {
  let builds = 0;
  const examples = lazyExamples(() => { builds++; return { failing: 'a', passing: 'b', fix: { zh: '改', en: 'fix' } }; });
  assert.equal(builds, 0);
  assert.equal(examples.passing, 'b');
  assert.equal(examples.failing, 'a');
  assert.equal(examples.previous, undefined);
  assert.equal(examples.fix?.en, 'fix');
  assert.equal(builds, 1);
});
