import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, exampleReport, readSuppressions } from '../../server/src/core/index';

test('xxgknb-disable / xxgknb-enable regions and disable-next-line', () => {
  const s = readSuppressions(['a', '<!-- xxgknb-disable t4-total -->', 'b', '<!-- xxgknb-enable t4-total -->', 'c', 'xxgknb-disable-next-line', 'd', '# xxgknb-disable', 'e'].join('\n'));
  assert.equal(s.suppressed('t4-total', 2), true);
  assert.equal(s.suppressed('t3-balance', 2), false);
  assert.equal(s.suppressed('t4-total', 4), false);
  assert.equal(s.suppressed('anything', 6), true);
  assert.equal(s.suppressed('anything', 5), false);
  assert.equal(s.suppressed('anything', 8), true, 'a plain-text disable without enable lasts to the end');
});

test('a suppressed diagnostic disappears, others stay', () => {
  const text = exampleReport({ cells: { '行政复议|总计': '0' } }).replace('## 四、', '<!-- xxgknb-disable t4-total -->\n## 四、');
  const d = analyze(text, { format: 'markdown' }).diagnostics;
  assert.equal(d.filter((x) => x.code === 't4-total').length, 0);
  const plain = analyze(exampleReport({ cells: { '行政复议|总计': '0' } }), { format: 'markdown' }).diagnostics;
  assert.equal(plain.filter((x) => x.code === 't4-total').length, 1);
});

test('a suppression comment typed into a document, and taken out again, counts as in a fresh analysis', () => {
  // The engine learns that a text has no comment from the parse's carried regex matches: typing one must be seen.
  const plain = exampleReport({ cells: { '行政复议|总计': '0' } });
  const t4 = (r: ReturnType<typeof analyze>) => r.diagnostics.filter((x) => x.code === 't4-total').length;
  const at = plain.indexOf('## 四、');
  let prev = analyze(plain, { format: 'markdown' });
  assert.equal(t4(prev), 1);
  let text = plain;
  for (const ch of '<!-- xxgknb-disable t4-total -->\n') {
    const i = at + text.length - plain.length;
    text = text.slice(0, i) + ch + text.slice(i);
    prev = analyze(text, { format: 'markdown', previous: prev.parsed });
    assert.deepEqual(prev.diagnostics, analyze(text, { format: 'markdown' }).diagnostics);
  }
  assert.equal(t4(prev), 0);
  // Full-width letters are "xxgknb-" only once normalised: no comment, as before.
  const wide = plain.slice(0, at) + '<!-- ｘｘｇｋｎｂ－disable t4-total -->\n' + plain.slice(at);
  assert.equal(t4(analyze(wide, { format: 'markdown', previous: prev.parsed })), 1);
  prev = analyze(plain, { format: 'markdown', previous: prev.parsed });
  assert.equal(t4(prev), 1);
});

test('configured severities and off', () => {
  const text = exampleReport({ cells: { '行政复议|总计': '0' } });
  assert.equal(analyze(text, { config: { rules: { 't4-total': 'off' } } }).diagnostics.filter((d) => d.code === 't4-total').length, 0);
  assert.equal(analyze(text, { config: { rules: { 't4-total': 'info' } } }).diagnostics.find((d) => d.code === 't4-total')!.severity, 'info');
  assert.match(analyze(text, { config: { locale: 'en' } }).diagnostics.find((d) => d.code === 't4-total')!.message, /would satisfy/);
});

test('the era override changes which rules apply', () => {
  const text = exampleReport({ omitTables: ['T4'] });
  assert.ok(analyze(text).diagnostics.some((d) => d.code === 'table-missing'));
  const as2008 = analyze(text, { config: { era: '2008' } });
  assert.equal(as2008.parsed.model.meta.era, '2008');
  assert.ok(!as2008.diagnostics.some((d) => d.code === 'table-missing'), 'the 2008 era has no standard tables');
});
