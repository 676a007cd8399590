// Edge cases of single rules, each with the case that must be reported and the near miss that must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, exampleReport } from '../../server/src/core/index';
import { offsetOf } from './helpers';

const run = (text: string, code: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === code);

test('internal-contradiction: a table that says 0 carried forward is not overruled by the text; without the figure the text counts', () => {
  // 表三 四 = 0 (every cell of the row), the text says 1 was carried forward and also that all were completed.
  const zero = Object.fromEntries(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((c) => [`四|${c}`, '0']));
  const claim = '办结11件，所有申请均已按要求办理完成，转下一年度办理的有1件。';
  assert.deepEqual(run(exampleReport({ cells: zero }).replace('办结11件，结转下年度3件。', claim), 'internal-contradiction'), []);
  // No figure in the table (a dash): the text's own count contradicts "all completed", and the message says so.
  const blank = run(exampleReport({ cells: { '四|总计': '—' } }).replace('办结11件，结转下年度3件。', claim), 'internal-contradiction');
  assert.equal(blank.length, 1);
  assert.match(blank[0]!.message, /与正文所写结转下年度1件矛盾/);
});

test('breakdown-sum underlines the total, not the whole sentence', () => {
  const text = exampleReport({ extraIntro: '全年共公开政府信息320条（其中机构职能类20条，政策文件类100条，其他信息150条）。' });
  const [d] = run(text, 'breakdown-sum');
  assert.ok(d);
  assert.equal(text.slice(offsetOf(text, d.range.start), offsetOf(text, d.range.end)), '320');
});

test('percent-mismatch underlines the share with its percent sign, spaces before it included', () => {
  const text = exampleReport({ extraIntro: '全年公开政府信息总数为146条，其中政府网站14条，占9.6 %，政务微博101条，占79.2 %，政务微信25条，占17.1 %，其他方式6条，占4.1 %。' });
  const d = run(text, 'percent-mismatch').find((x) => /79\.2/.test(x.message));
  assert.ok(d);
  assert.equal(text.slice(offsetOf(text, d.range.start), offsetOf(text, d.range.end)), '79.2 %');
});

test('table-other-era does not apply to 2008-format reports', () => {
  assert.ok(!analyze(exampleReport(), { format: 'markdown', config: { era: '2008' } }).diagnostics.some((d) => d.code === 'table-other-era'));
});
