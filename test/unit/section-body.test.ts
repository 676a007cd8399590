// Wording checks read a section's body from the normalised text: a web page's tags are not content, and
// traditional script counts (處理費 is 处理费).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, exampleReport } from '../../server/src/core/index';

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

test('an empty last section is empty even though the signature and date follow it', () => {
  const empty = exampleReport({ sections: { 6: '## 六、其他需要报告的事项' } });
  assert.match(empty.trimEnd(), /\n[^\n]{2,30}\n\d{4}年1月20日$/, 'the example report ends with a signature and a date');
  const d = analyze(empty, { format: 'markdown' }).diagnostics.filter((x) => x.code === 'section-empty');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /其他需要报告的事项/);
  assert.deepEqual(analyze(exampleReport(), { format: 'markdown' }).diagnostics.filter((x) => x.code === 'section-empty'), []);
});

test('a top-level number used twice is a repeat, not a restart followed by a jump', () => {
  const twice = exampleReport().replace('## 六、', '## 五、存在的主要问题及改进情况\n\n主要问题是政策解读形式较为单一，下一步将丰富解读形式。\n\n## 六、');
  const ds = analyze(twice, { format: 'markdown' }).diagnostics;
  const numbering = ds.filter((x) => x.code === 'section-numbering').map((x) => x.message);
  assert.deepEqual(numbering, ['一级标题编号“五”重复']);
  assert.ok(ds.some((x) => x.code === 'section-duplicate'), 'the repeated part is reported as a duplicate');
});

test('wording found in a section body counts for the body it starts in, also when it runs on into the next heading', () => {
  // 收取邮寄 … 申请人: the fee wording may run on over a line break; here it reaches into the next heading.
  const text = '# 2012年某某局政府信息公开工作年度报告\n\n## 一、总体情况\n\n本机关收取邮寄\n## 申请人说明\n\n无。\n';
  const sections = analyze(text, { era: '2008' }).parsed.model.sections;
  assert.deepEqual(sections.map((s) => s.items.map((i) => i.id)), [['overview', 'fees'], []]);
  // Nothing in the bodies: nothing added.
  const none = analyze(text.replace('本机关收取邮寄', '本机关依法公开'), { era: '2008' }).parsed.model.sections;
  assert.deepEqual(none.map((s) => s.items.map((i) => i.id)), [['overview'], []]);
});

test('a skip names every number left out, and numbering that starts late names no 〇', () => {
  const messages = (text: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((x) => x.code === 'section-numbering').map((x) => x.message);
  const title = '# 某县人民政府2024年政府信息公开工作年度报告\n\n';
  assert.deepEqual(messages(`${title}## 三、收到和处理政府信息公开申请情况\n\n无。\n`), ['一级标题编号从“三”开始，缺少“一”“二”']);
  assert.deepEqual(messages(`${title}## 一、总体情况\n\n无。\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n`), ['一级标题编号从“一”跳到“四”，缺少“二”“三”']);
  assert.deepEqual(messages(`${title}## 一、总体情况\n\n无。\n\n## 六、其他需要报告的事项\n\n无。\n`), ['一级标题编号从“一”跳到“六”，缺少“二”至“五”']);
  assert.deepEqual(messages(`${title}## 一、总体情况\n\n无。\n\n## 三、收到和处理政府信息公开申请情况\n\n无。\n`), ['一级标题编号从“一”跳到“三”，缺少“二”']);
});

test('two parts swapped with their numbers (一 二 三 四 六 五) are one numbering finding and a section-order, not a skip and a restart (metamorphic tests)', () => {
  const report = exampleReport();
  const five = report.indexOf('## 五、'), six = report.indexOf('## 六、');
  const swapped = report.slice(0, five) + report.slice(six).trimEnd() + '\n\n' + report.slice(five, six);
  const ds = analyze(swapped, { format: 'markdown' }).diagnostics.map((x) => `${x.code} ${x.message}`);
  assert.deepEqual(ds.filter((x) => x.startsWith('section-numbering')), ['section-numbering 一级标题编号“六”出现在“五”之前']);
  assert.equal(ds.filter((x) => x.startsWith('section-order')).length, 1);
  // A real restart is still one.
  const restart = report.replace('## 五、', '## 一、其他说明\n\n无。\n\n## 五、');
  // (The 五 after it then skips in the restarted series: said too.)
  assert.deepEqual(analyze(restart, { format: 'markdown' }).diagnostics.filter((x) => x.code === 'section-numbering').map((x) => x.message), ['一级标题编号从“一”重新开始（前一个是“四”）', '一级标题编号从“一”跳到“五”，缺少“二”至“四”']);
});

test('section-numbering over sequences of swaps, moves, restarts, repeats and gaps: one finding for each thing that is wrong (review)', () => {
  const CN = '〇一二三四五六';
  const NAMES = ['', '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'];
  const numbering = (seq: string) => analyze(`# 某县人民政府2024年政府信息公开工作年度报告\n\n${seq.split(' ').map((n) => `## ${CN[Number(n)]}、${NAMES[Number(n)]}\n\n无。\n`).join('\n')}`, { format: 'markdown' })
    .diagnostics.filter((x) => x.code === 'section-numbering').map((x) => x.message);
  const cases: [string, string[]][] = [
    ['1 2 3 4 5 6', []],
    ['1 1 2 3 4 5 2 3 4 5 6', ['一级标题编号“一”重复', '一级标题编号从“二”重新开始（前一个是“五”）']],
    ['1 2 3 4 5 6 1 2 3 4 5 6', ['一级标题编号从“一”重新开始（前一个是“六”）']],
    ['1 2 3 1 2 3 4 5 6', ['一级标题编号从“一”重新开始（前一个是“三”）']],
    ['1 2 3 1 2 4', ['一级标题编号从“一”重新开始（前一个是“三”）', '一级标题编号从“二”跳到“四”，缺少“三”']],
    ['1 2 4 5 3', ['一级标题编号“四”出现在“三”之前']],
    ['1 3 5 2 4', ['一级标题编号“三”出现在“二”之前', '一级标题编号“五”出现在“四”之前']],
    ['1 2 4 3 3 5', ['一级标题编号“四”出现在“三”之前', '一级标题编号“三”重复']],
    ['1 2 4 4 3 5', ['一级标题编号“四”出现在“三”之前', '一级标题编号“四”重复']],
    ['1 4', ['一级标题编号从“一”跳到“四”，缺少“二”“三”']],
    // A second series (a report pasted after another) does not supply the first's missing number.
    ['1 2 4 1 2 3', ['一级标题编号从“二”跳到“四”，缺少“三”', '一级标题编号从“一”重新开始（前一个是“四”）']],
  ];
  for (const [seq, want] of cases) assert.deepEqual(numbering(seq), want, seq);
});
