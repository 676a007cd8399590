// The narrative phrasings of spec §3.6 against table 3 of the example report (自然人 10 + 2 carried, 商业企业 2;
// 予以公开 6, 部分公开 1, 无法提供 3, 不予处理 1, 其他处理 0; 办结 11, 结转 3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, exampleReport } from '../../server/src/core/index';

const say = (sentence: string) => analyze(exampleReport({ extraIntro: sentence }), { format: 'markdown' }).diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message);

test('numbers that agree with table 3, in any accepted reading, raise nothing', () => {
  assert.deepEqual(say('全年收到申请12件，其中自然人申请10件，法人或其他组织申请2件；予以公开及部分公开7件，无法提供3件，不予处理1件，其他处理0件。'), []);
  assert.deepEqual(say('全年受理申请14件（含上年结转2件），自然人申请12件。'), [], '受理 and 自然人 may include the carried-over requests');
});

test('each phrasing that contradicts the table is flagged on its number', () => {
  const cases: [string, RegExp][] = [
    ['其中自然人申请9件。', /自然人申请.*10 或 12/],
    ['法人或其他组织申请5件。', /法人或其他组织申请.*2/],
    ['其他处理4件。', /其他处理.*0/],
    ['予以公开及部分公开8件。', /予以公开及部分公开.*7/],
    ['无法提供2件。', /无法提供.*3/],
  ];
  for (const [sentence, want] of cases) {
    const m = say(sentence);
    assert.equal(m.length, 1, `${sentence}: ${JSON.stringify(m)}`);
    assert.match(m[0]!, want);
  }
});

test('收到行政复议申请N件 is no request for information; 行政复议、行政诉讼共N件 is the three table-4 totals, flagged once', () => {
  // 表四 of the example: 行政复议 2, 未经复议直接起诉 1, 复议后起诉 0.
  assert.deepEqual(say('本年度共收到行政复议申请2件。'), []);
  assert.deepEqual(say('全年行政复议、行政诉讼共3件。'), []);
  const m = say('全年行政复议、行政诉讼共5件。');
  assert.equal(m.length, 1, JSON.stringify(m));
  assert.match(m[0]!, /行政复议和行政诉讼为 3/);
  // 各N件, 分别为N件: each of them, not the three together (行政复议 1, lawsuits 1 here).
  const each = (sentence: string) => analyze(exampleReport({ cells: { '行政复议|尚未审结': '0', '行政复议|总计': '1' }, extraIntro: sentence }), { format: 'markdown' }).diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message);
  assert.deepEqual(each('全年发生政府信息公开行政复议、行政诉讼各1件。'), []);
  assert.deepEqual(each('全年行政复议、行政诉讼分别为1件、1件。'), []);
});

test('a number written with thousands separators is read whole: 1,003件 is 1003, not 3 (spec §6.4)', () => {
  // Read as its last group, 1,003件结转下年度 agreed with the 3 carried forward; read not at all, 结转下年度1,003件 said nothing.
  for (const sentence of ['1,003件结转下年度办理。', '结转下年度1,003件。', '全年收到申请1,012件。']) {
    const m = say(sentence);
    assert.equal(m.length, 1, `${sentence}: ${JSON.stringify(m)}`);
    assert.match(m[0]!, /10(03|12)/, sentence);
  }
});

test('a full-width semicolon ends a phrase as a comma does (the view reads ； as ;): 办结11件；结转下年度3件 agrees (metamorphic tests)', () => {
  for (const sep of ['，', '；', ';']) {
    assert.deepEqual(say(`全年新收申请12件，办结11件${sep}结转下年度3件。`), [], sep);
    assert.deepEqual(say(`本年度共发生行政复议2件${sep}未经复议直接起诉的行政诉讼1件。`), [], sep);
  }
  // …and still reads a contradiction after it.
  assert.equal(say('全年新收申请12件；结转下年度5件。').length, 1);
});

test('办结的申请中 (of the completed requests) is no count of completed requests (metamorphic tests)', () => {
  assert.deepEqual(say('所有办结的申请中予以公开6件。'), []);
  assert.deepEqual(say('办结的申请中予以公开6件，部分公开1件。'), []);
  assert.equal(say('办结9件。').length, 1);
});

test('a phrase does not reach over a comma, an enumeration comma, a blank line or out of a heading for its number (metamorphic tests)', () => {
  // 表四 of the example: 行政复议 2; table 3: 办结 11, 结转 3.
  assert.deepEqual(say('依申请公开均按时答复，行政复议2件。'), []);
  assert.deepEqual(say('全年新收申请12件，办结11件、结转下年度3件。'), []);
  assert.deepEqual(say('全年新收申请12件，办结11件（结转下年度3件另行办理）。'), []);
  // Still read within the phrase.
  assert.equal(say('全年办结9件。').length, 1);
  assert.equal(say('全年新收申请12件，办结11件、结转下年度5件。').length, 1);
  // A heading is no sentence: 收到和处理政府信息公开申请情况 then 办结11件 under it.
  const text = exampleReport().replace(/(## 三、收到和处理政府信息公开申请情况\n\n)/, '$1办结11件。\n\n');
  assert.deepEqual(analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message), []);
  // …also with the text on the next line, no blank line between (收到…申请情况⏎办结11件 read 11 as requests received).
  for (const heading of ['## 三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请情况', '**三、收到和处理政府信息公开申请情况**']) {
    const tight = exampleReport().replace(/## 三、收到和处理政府信息公开申请情况\n\n/, `${heading}\n办结11件。\n\n`);
    assert.deepEqual(analyze(tight, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message), [], heading);
  }
});

test('a figure of another year given for comparison (与2023年收到申请9件相比) is not checked against this year\'s table; without a word of comparison it is (review)', () => {
  assert.deepEqual(say('全年新收申请12件，与2023年收到政府信息公开申请9件相比有所增加。'), []);
  assert.deepEqual(say('全年新收申请12件，较2023年收到申请9件有所增加。'), []);
  // Last year's text left in, a cut-off date, a law's year, a period across years: checked.
  assert.equal(say('2023年全区受理政府信息公开申请9件。').length, 1);
  assert.equal(say('截至2025年1月10日共收到申请13件。').length, 1);
  assert.equal(say('依照2019年修订的条例受理申请13件。').length, 1);
  assert.equal(say('2024年收到政府信息公开申请9件。').length, 1);
});

test('办结的…申请中 is no count, but 已办结的13件 is (review)', () => {
  assert.equal(say('全年新收申请12件，已办结的13件。').length, 1);
  assert.equal(say('全年新收申请12件，已答复的13件。').length, 1);
  assert.deepEqual(say('办结的信息公开申请中予以公开6件。'), []);
});

test('a phrase that starts after a heading\'s title on its line, and wraps, is read (review)', () => {
  const text = exampleReport().replace(/(## 三、收到和处理政府信息公开申请情况\n\n)/, '$1二、依申请公开情况。全年新收政府信息公开申请12件，办结\n9件。\n\n');
  assert.equal(analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'narrative-mismatch').length, 1);
  // A bracketed aside with an enumeration comma inside does not end the phrase.
  assert.deepEqual(say('收到政府信息公开申请（含网上申请、信函申请）12件。'), []);
  assert.equal(say('全年新收申请12件，办结11件，5件申请（涉及第三方）结转下年度。').length, 1);
  assert.equal(say('收到政府信息公开申请（含网上申请、信函申请）13件。').length, 1);
});
