/**
 * The worker tells "the same diagnostics as last time" without building their LSP JSON (lsp/convert.ts
 * sameLspDiagnostics): it must never say so of lists whose LSP JSON differs, and should say so of equal ones.
 * Random lists, and copies with one field changed (every field toLspDiagnostic reads). And the worker writes that
 * JSON's UTF-8 bytes with lspDiagnosticsUtf8, which must give exactly the bytes of what JSON.stringify of
 * toLspDiagnostic's objects gives.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic } from '../../server/src/core/index';
import { lspDiagnosticsUtf8, sameLspDiagnostics, toLspDiagnostic } from '../../server/src/lsp/convert';

const pos = fc.record({ line: fc.nat(5), character: fc.nat(5) });
const range = fc.record({ start: pos, end: pos });
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record({
  code: fc.constantFrom('t4-total', 'section-missing', 'no-such-rule'),
  severity: fc.constantFrom('error', 'warning', 'info', 'hint') as fc.Arbitrary<Diagnostic['severity']>,
  message: fc.constantFrom('甲', '乙', ''),
  range,
  related: fc.array(fc.record({ range, message: fc.constantFrom('丙', '丁'), file: fc.option(fc.constantFrom('/a/2023.md', '/b/2023.md'), { nil: undefined }) }, { requiredKeys: ['range', 'message'] }), { maxLength: 2 }),
  fixes: fc.array(fc.record({ title: fc.constant('改'), edits: fc.constant([]), safe: fc.boolean() }), { maxLength: 1 }),
});
const json = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => toLspDiagnostic(d, 'file:///x.md')));
const copy = (ds: Diagnostic[]) => JSON.parse(JSON.stringify(ds)) as Diagnostic[];

test('never "the same" when the LSP JSON differs; always when it is equal', () => {
  fc.assert(fc.property(fc.array(diagnostic, { maxLength: 4 }), fc.array(diagnostic, { maxLength: 4 }), (a, b) => {
    assert.equal(sameLspDiagnostics(a, b), json(a) === json(b));
  }), { numRuns: 2000 });
});

test('a copy is the same; a copy with any field the LSP diagnostic shows changed is not', () => {
  const mutations: ((d: Diagnostic) => void)[] = [
    (d) => { d.code = d.code + 'x'; },
    (d) => { d.severity = d.severity === 'error' ? 'warning' : 'error'; },
    (d) => { d.message += '！'; },
    (d) => { d.range.start.line++; }, (d) => { d.range.start.character++; }, (d) => { d.range.end.line++; }, (d) => { d.range.end.character++; },
    (d) => { d.related.push({ range: d.range, message: '另' }); },
    (d) => { if (d.related[0]) d.related[0].message += '！'; else d.related.push({ range: d.range, message: '' }); },
    (d) => { if (d.related[0]) d.related[0].range.end.character++; else d.related.push({ range: d.range, message: '' }); },
    (d) => { if (d.related[0]) d.related[0].file = (d.related[0].file ?? '') + '/c.md'; else d.related.push({ range: d.range, message: '', file: '/c.md' }); },
  ];
  fc.assert(fc.property(fc.array(diagnostic, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(mutations.length - 1), (a, at, k) => {
    assert.ok(sameLspDiagnostics(a, copy(a)));
    const b = copy(a);
    mutations[k]!(b[at % b.length]!);
    assert.notEqual(json(a), json(b));
    assert.equal(sameLspDiagnostics(a, b), false);
  }), { numRuns: 1000 });
});

test('lspDiagnosticsUtf8 writes exactly the JSON of toLspDiagnostic, however often a message recurs', () => {
  // Messages that need escaping (quotes, backslashes, control characters, a lone surrogate, the memo's separator),
  // few of them so that they recur with other codes, severities and ranges.
  const message = fc.constantFrom('甲', '"引号"', 'a\\b', '换\n行\t', '\u0000', '\ud800', 'warning\u0000m', '标准写法为“三、收到和处理政府信息公开申请情况”', '');
  // Codes and severities no rule makes too (a severity none of the four is written as a warning).
  const code = fc.constantFrom('t4-total', 'section-missing', 'x', 'x\u0000error', 'toString');
  const severity = fc.constantFrom('error', 'warning', 'info', 'hint', 'toString', 'bogus') as fc.Arbitrary<Diagnostic['severity']>;
  // Positions as the core makes them (whole numbers from 0, some of many digits), and numbers it never makes, which
  // are written as JSON.stringify writes them.
  const number = fc.oneof(fc.nat(100_000), fc.nat(), fc.constantFrom(0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 53), fc.integer({ min: -20, max: -1 }), fc.double());
  const big = fc.record({ line: number, character: number });
  const withMessages = fc.array(diagnostic, { maxLength: 6 }).chain((ds) => fc.tuple(fc.constant(ds), fc.array(fc.tuple(message, fc.record({ start: big, end: big }), code, severity), { minLength: ds.length, maxLength: ds.length })));
  for (const uri of ['file:///x.md', 'file:///d/%E5%B9%B4%E6%8A%A5.md']) {
    fc.assert(fc.property(withMessages, ([ds, extra]) => {
      ds.forEach((d, i) => { [d.message, d.range, d.code, d.severity] = extra[i]!; });
      const bytes = lspDiagnosticsUtf8(ds, uri);
      // In memory of their own, all of it theirs: the worker transfers it (a shared pool would be taken from everyone).
      assert.equal(bytes.byteOffset, 0);
      assert.equal(bytes.buffer.byteLength, bytes.length);
      assert.deepEqual(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Buffer.from(JSON.stringify(ds.map((d) => toLspDiagnostic(d, uri))), 'utf8'));
    }), { numRuns: 2000 });
  }
});
