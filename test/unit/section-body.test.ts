// Wording checks read a section's body from the normalised text: a web page's tags are not content, and
// traditional script counts (處理費 is 处理费).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/index';

const page = (problems: string, other: string) => `<html><body><h1>某县人民政府办公室2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度主动公开政府信息。</p><p>五、存在的主要问题及改进情况</p>${problems}<p>六、其他需要报告的事项</p>${other}</body></html>`;
const codes = (html: string) => analyze(html, { format: 'html' }).diagnostics.map((d) => d.code);

test('an HTML section holding only tags and &nbsp; is empty; one with text is not', () => {
  assert.ok(codes(page('<p><span style="x">&nbsp;</span></p>', '<p>本年度未收取信息处理费。</p>')).includes('section-empty'));
  assert.ok(!codes(page('<p>主要问题是解读形式单一，下一步将丰富解读形式。</p>', '<p>本年度未收取信息处理费。</p>')).includes('section-empty'));
});

test('a fee statement in traditional script counts', () => {
  assert.ok(!codes(page('<p>主要问题是解读形式单一，下一步将丰富解读形式。</p>', '<p>本年度未收取信息處理費。</p>')).includes('fee-statement-missing'));
  assert.ok(codes(page('<p>主要问题是解读形式单一，下一步将丰富解读形式。</p>', '<p>无。</p>')).includes('fee-statement-missing'));
});
