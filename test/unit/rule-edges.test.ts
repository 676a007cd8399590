// Edge cases of single rules, each with the case that must be reported and the near miss that must not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, applyEdits, exampleReport, fixAllEdits, RULE_BY_CODE } from '../../server/src/core/index';
import { offsetOf, REAL } from './helpers';

const run = (text: string, code: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === code);

test('internal-contradiction: 所有办结的申请中 (of the completed requests) says nothing of all being completed (real/2024-shanghai-stcsm.md line 43)', () => {
  const found = (sentence: string) => analyze(exampleReport().replace('办结11件，结转下年度3件。', sentence), { format: 'markdown' }).diagnostics.filter((d) => d.code === 'internal-contradiction').length;
  assert.equal(found('所有办结的信息公开申请中同意公开答复6件。'), 0);
  assert.equal(found('全部办结的申请中予以公开6件。'), 0);
  assert.equal(found('所有申请均已按要求办理完成。所有办结的信息公开申请中同意公开答复6件。'), 1);
  assert.equal(found('全部办结。'), 1);
});

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

test('section-order reports the parts out of place, not every part after one of them', () => {
  // 二 and 五 swapped: two findings, each saying which part it belongs after (the other parts are in order).
  const swapped = exampleReport({ sections: { 2: '## 二、存在的主要问题及改进情况\n\n主要问题是解读形式单一。', 5: '## 五、主动公开政府信息情况\n\n全年主动公开政府信息320条。' } });
  const found = run(swapped, 'section-order');
  assert.deepEqual(found.map((d) => d.range.start.line).sort((a, b) => a - b), [offsetLine(swapped, '## 二、存在'), offsetLine(swapped, '## 五、主动')]);
  assert.match(found.find((d) => d.message.includes('存在的主要问题'))!.message, /应位于“四、政府信息公开行政复议、行政诉讼情况”之后、“六、其他需要报告的事项”之前$/);
  assert.match(found.find((d) => d.message.includes('主动公开政府信息情况'))!.message, /应位于“一、总体情况”之后、“三、收到和处理政府信息公开申请情况”之前$/);
  // 问题及改进 written second, the rest in order: one finding, on it.
  const early = exampleReport({ sections: { 2: '## 二、存在的主要问题及改进情况\n\n主要问题是解读形式单一。\n\n## 三、主动公开政府信息情况\n\n全年主动公开政府信息320条。', 5: null } })
    .replace('## 三、收到和处理', '## 四、收到和处理').replace('## 四、政府信息公开行政复议', '## 五、政府信息公开行政复议');
  const one = run(early, 'section-order');
  assert.deepEqual(one.map((d) => d.range.start.line), [offsetLine(early, '## 二、存在')], one.map((d) => d.message).join('\n'));
  assert.match(one[0]!.message, /应位于“五、政府信息公开行政复议、行政诉讼情况”之后、“六、其他需要报告的事项”之前$/);
  // A part written twice (三 again after 四) is section-duplicate's finding; 四 stays where it should.
  const twice = exampleReport({ sections: { 4: '## 四、政府信息公开行政复议、行政诉讼情况\n\n全年无行政复议。\n\n## 五、收到和处理政府信息公开申请情况\n\n见上表。', 5: '## 六、存在的主要问题及改进情况\n\n主要问题是解读形式单一。' } })
    .replace('## 六、其他需要报告的事项', '## 七、其他需要报告的事项');
  assert.deepEqual(run(twice, 'section-order').map((d) => d.message), []);
  assert.equal(run(twice, 'section-duplicate').length, 1);
});

function offsetLine(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at).split('\n').length - 1;
}

test('longestInOrder: a longest never-decreasing subsequence (against brute force)', async () => {
  const fc = (await import('fast-check')).default;
  const { longestInOrder } = await import('../../server/src/core/checks/rules/section-order');
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 }), (values) => {
    const kept = [...longestInOrder(values)].sort((a, b) => a - b);
    for (let k = 1; k < kept.length; k++) assert.ok(values[kept[k]!]! >= values[kept[k - 1]!]!, `${values}: ${kept}`);
    let best = 0;
    for (let mask = 0; mask < 1 << values.length; mask++) {
      const picked = values.filter((_, i) => mask & (1 << i));
      if (picked.every((v, i) => i === 0 || v >= picked[i - 1]!)) best = Math.max(best, picked.length);
    }
    assert.equal(kept.length, best, `${values}`);
  }), { numRuns: 300 });
});

test('heading-nonstandard: a 2021 report may keep the 2019 wording of 五; a 2019 report is held to its own', () => {
  const with5 = (heading: string) => run(exampleReport({ sections: { 5: `## ${heading}\n\n主要问题是解读形式单一。改进措施是丰富解读形式。` } }), 'heading-nonstandard');
  assert.deepEqual(with5('五、存在的主要问题及改进情况'), []);
  assert.deepEqual(with5('五、政府信息公开工作存在的主要问题及改进情况'), []);
  const other = with5('五、主要问题和改进措施');
  assert.equal(other.length, 1);
  assert.match(other[0]!.message, /五、存在的主要问题及改进情况/);  // A 2019-format report is held to the 2019 wording: the 2021 one did not exist yet.
  const text2019 = exampleReport({ sections: { 5: '## 五、存在的主要问题及改进情况\n\n主要问题是解读形式单一。改进措施是丰富解读形式。' } });
  const in2019 = analyze(text2019, { format: 'markdown', config: { era: '2019' } }).diagnostics.filter((d) => d.code === 'heading-nonstandard' && d.message.includes('五、'));
  assert.deepEqual(in2019.map((d) => d.message), ['标准写法为“五、政府信息公开工作存在的主要问题及改进情况”']);
});

test('year-mismatch reads the overview\'s opening year in a saved web page too, and points at it in the page', () => {
  const md = exampleReport().replace('2024年，本机关', '2023年，本机关');
  const html = '<html><head><meta charset="utf-8"></head><body>\n' + md.split('\n').map((l) => `<p>${l.replace(/^#+ /, '')}</p>`).join('\n') + '\n</body></html>';
  for (const [text, format] of [[md, 'markdown'], [html, 'html']] as const) {
    const found = analyze(text, { format }).diagnostics.filter((d) => d.code === 'year-mismatch');
    assert.deepEqual(found.map((d) => d.message), ['总体情况开头写的是2023年，报告年度是2024年'], format);
    const r = found[0]!.range;
    assert.equal(text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character), '2023', format);
  }
});

test('report-truncated: a line that ends open however much whitespace pads it (lines padded by PDF or Word)', () => {
  const failing = RULE_BY_CODE.get('report-truncated')!.examples.failing;
  const truncated = (text: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'report-truncated').map((d) => d.range.start.line);
  const line = failing.split('\n').findIndex((l) => l.endsWith('在此基础上，'));
  assert.ok(line > 0);
  for (const pad of [' '.repeat(3), ' '.repeat(200), ' '.repeat(201), ' '.repeat(250), '\u3000'.repeat(300), '\t'.repeat(1000)]) {
    // At the end of the text (with and without a line break after it), and before a blank line and more text.
    assert.deepEqual(truncated(failing.replace('在此基础上，', `在此基础上，${pad}`)), [line], `end, ${pad.length} × ${JSON.stringify(pad[0])}`);
    assert.deepEqual(truncated(failing.replace(/\n+$/, '').replace('在此基础上，', `在此基础上，${pad}`)), [line], `very end, ${pad.length} × ${JSON.stringify(pad[0])}`);
    assert.deepEqual(truncated(failing.replace('在此基础上，', `在此基础上，${pad}\n\n另有说明。`)), [line], `blank line, ${pad.length} × ${JSON.stringify(pad[0])}`);
    // A padded line that ends closed, or a padded blank line, is no finding.
    assert.deepEqual(truncated(failing.replace('在此基础上，', `在此基础上。${pad}`)), [], `closed, ${pad.length}`);
  }
});

test('report-truncated: a sentence going on after a page footer (- 3 -, 第 3 页 共 8 页, 第3页) is no break (review)', () => {
  const failing = RULE_BY_CODE.get('report-truncated')!.examples.failing;
  const truncated = (text: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code === 'report-truncated');
  assert.equal(truncated(failing.replace('在此基础上，', '在此基础上，\n\n另有说明。')).length, 1);
  for (const footer of ['- 3 -', '第 3 页 共 8 页', '第3页', '共8页 第3页']) {
    assert.deepEqual(truncated(failing.replace('在此基础上，', `在此基础上，\n\n${footer}\n\n继续推进公开工作。`)), [], footer);
  }
});

test('report-truncated reads a saved web page\'s paragraphs, not its markup lines, and quotes the text as written', () => {
  const failing = RULE_BY_CODE.get('report-truncated')!.examples.failing;
  const html = '<html><head><meta charset="utf-8"></head><body>\n' + failing.split('\n').filter((l) => l.trim()).map((l) => `<p>${l.replace(/^#+ /, '')}</p>`).join('') + '\n</body></html>';
  for (const [text, format] of [[failing, 'markdown'], [html, 'html']] as const) {
    const found = analyze(text, { format }).diagnostics.filter((d) => d.code === 'report-truncated');
    assert.deepEqual(found.map((d) => d.message), ['全文在句子中间结束（“…一。在此基础上，”），可能缺少结尾内容'], format);
  }
});

test('fixes write their line breaks as the document does: a CRLF report gets CRLF (found by fuzzing the server), a CR-only one CR', () => {
  const lf = exampleReport({ sections: { 5: null } });
  const crlf = lf.replace(/\n/g, '\r\n');
  const inserting = (text: string) => analyze(text).diagnostics.flatMap((d) => d.fixes.flatMap((f) => f.edits)).filter((e) => /[\r\n]/.test(e.newText));
  assert.ok(inserting(lf).length > 0, 'a fix that inserts a line (the missing section)');
  assert.ok(inserting(lf).every((e) => !e.newText.includes('\r')));
  assert.ok(inserting(crlf).every((e) => !/(?<!\r)\n/.test(e.newText)), JSON.stringify(inserting(crlf).map((e) => e.newText)));
  const { parsed, diagnostics } = analyze(crlf);
  const fixed = applyEdits(crlf, parsed.lines, fixAllEdits(diagnostics));
  assert.ok(!/(?<!\r)\n/.test(fixed), 'no bare line feed after fix-all');
  // A report whose lines end in CR alone gets CR, and the inserted section is read where it is meant to be.
  const cr = lf.replace(/\n/g, '\r');
  assert.ok(inserting(cr).length > 0 && inserting(cr).every((e) => !e.newText.includes('\n')), JSON.stringify(inserting(cr).map((e) => e.newText)));
  const missing = analyze(cr).diagnostics.find((d) => d.code === 'section-missing')!;
  const withSection = applyEdits(cr, analyze(cr).parsed.lines, missing.fixes[0]!.edits);
  assert.ok(!analyze(withSection).diagnostics.some((d) => d.code === 'section-missing'), 'the inserted section is read');
  assert.deepEqual(analyze(withSection.replace(/\r/g, '\n')).parsed.model.sections.map((x) => x.title), analyze(withSection).parsed.model.sections.map((x) => x.title));
});

// ------------------------------------------------------------------ the "set the total" fix (found by fuzzing fix-all)

const totalFix = (text: string, code = 't4-total') => analyze(text).diagnostics.find((d) => d.code === code)?.fixes[0];

test('the total is set only to a count: an addend of 1.5 or -3 gives no fix (it wrote 2.5 and -2, new errors); a negative addend makes a count fix not certain', () => {
  for (const v of ['1.5', '-3']) {
    const d = analyze(exampleReport({ cells: { '行政复议|结果维持': v } })).diagnostics.find((x) => x.code === 't4-total');
    assert.ok(d, `${v}: the total is reported`);
    assert.deepEqual(d.fixes, [], v);
  }
  // Sum -1 + 10 + 0 + 1 = 10: a count, but computed from a number that is none.
  const fix = totalFix(exampleReport({ cells: { '行政复议|结果维持': '-1', '行政复议|结果纠正': '10' } }));
  assert.ok(fix && fix.edits[0]!.newText === '10' && !fix.safe, JSON.stringify(fix));
  // A table 3 addend of -0.000001 (within the relations' tolerance of 1e-6): not certain either.
  const t3 = analyze(exampleReport({ cells: { '三.（三）.3|总计': '8', '三.（三）.3|科研机构': '-0.000001' } })).diagnostics.flatMap((d) => d.fixes);
  assert.ok(t3.every((f) => !f.safe), JSON.stringify(t3.map((f) => f.title)));
});

test('a lone 表四 total the prose states as written (行政复议2件 when 结果维持 was typed 2 for 1) is not fixed with certainty: an addend is as likely wrong', () => {
  // 行政复议: 结果维持 1, 结果纠正 0, 其他结果 0, 尚未审结 1, 总计 2; the clerk types 2 for 结果维持.
  const cells = { '行政复议|结果维持': '2' };
  const alone = analyze(exampleReport({ cells })).diagnostics.find((d) => d.code === 't4-total')!;
  assert.ok(alone.fixes[0]?.safe, 'without prose the total is blamed by convention and its fix is certain');
  assert.doesNotMatch(alone.message, /正文/);
  for (const sentence of ['全年共发生行政复议2件。', '本年度收到行政复议案件 2 起，行政诉讼1件。']) {
    const text = exampleReport({ cells, extraIntro: sentence });
    const r = analyze(text);
    const d = r.diagnostics.find((x) => x.code === 't4-total')!;
    assert.ok(d, sentence);
    assert.equal(d.fixes.length, 1, `${sentence}: the fix is still offered`);
    assert.equal(d.fixes[0]!.safe, false, `${sentence}: not certain`);
    assert.deepEqual(fixAllEdits(r.diagnostics), [], `${sentence}: fix-all leaves it`);
    assert.match(d.message, /正文“[^”]*行政复议[^”]*2[件起]”与该总计一致/);
    // The prose's number is among the related places, so the clerk can see both.
    const at = text.indexOf(sentence) + sentence.search(/2/);
    const { parsed } = r;
    assert.ok(d.related.some((x) => parsed.lines.offsetAt(x.range.start) === at), JSON.stringify(d.related));
    assert.ok(!r.diagnostics.some((x) => x.code === 'narrative-mismatch'), `${sentence}: the prose agrees with the table as written`);
  }
  // Prose that states the sum of the addends (3) backs the fix: still certain. Prose about something else changes nothing.
  for (const sentence of ['全年共发生行政复议3件。', '全年收到申请12件。']) {
    const d = analyze(exampleReport({ cells, extraIntro: sentence })).diagnostics.find((x) => x.code === 't4-total')!;
    assert.ok(d.fixes[0]?.safe, sentence);
  }
  // A sentence speaks for a total as written in its literal reading (it states it: cited so), or when it agrees with
  // the tables now in a looser reading narrative-mismatch accepts and would agree in none after the fix (setting the
  // total would make the prose wrong: said so). 行政复议3件 agrees with 行政复议 2 + lawsuits 1 (all three), and would
  // not with 未经复议直接起诉's total set to 2; 行政诉讼3件 likewise with 行政复议's total set to 3.
  const withProse = (cellsAt: Record<string, string>, sentence: string) => {
    const d = analyze(exampleReport({ cells: cellsAt, extraIntro: sentence })).diagnostics.find((x) => x.code === 't4-total')!;
    assert.ok(d?.fixes[0], `${sentence}: a fix`);
    return d;
  };
  const certainWith = (cellsAt: Record<string, string>, sentence: string) => withProse(cellsAt, sentence).fixes[0]!.safe;
  for (const [cellsAt, sentence, phrase] of [[{ '未经复议直接起诉|结果维持': '2' }, '全年共发生行政复议3件。', '行政复议3件'], [cells, '全年发生行政诉讼3件。', '行政诉讼3件']] as const) {
    const d = withProse(cellsAt, sentence);
    assert.equal(d.fixes[0]!.safe, false, sentence);
    assert.match(d.message, new RegExp(`正文“${phrase}”现与统计表一致，总计改为 \\d+ 后将不一致`), sentence);
  }
  // A sentence that agrees after the fix too (未经复议直接起诉 alone is also a reading of 行政诉讼1件) still backs the
  // lawsuits as written in its literal reading (未经复议直接起诉 1 + 复议后起诉 0 = 1).
  assert.equal(certainWith({ '复议后起诉|结果维持': '1' }, '全年发生行政诉讼1件。'), false, 'a 行政诉讼 sentence backs the lawsuits as written');
  assert.equal(certainWith({ '复议后起诉|结果维持': '1' }, '全年发生行政诉讼2件。'), true, 'a 行政诉讼 sentence with the sum after the fix');
  // 行政复议、行政诉讼共N件 names the three totals together: it backs any of them as written (2 + 1 + 0 = 3, with
  // 未经复议直接起诉's 其他结果 typed 1 for 0; the lawsuits alone make 1).
  assert.equal(certainWith({ '未经复议直接起诉|其他结果': '1' }, '全年行政复议、行政诉讼共3件。'), false, 'a sentence on both backs the lawsuit total');
  assert.equal(certainWith({ '未经复议直接起诉|其他结果': '1' }, '全年行政复议、行政诉讼共4件。'), true, 'a sentence on both with the sum after the fix');
  // A sentence on both is not also read as one on 行政诉讼 (or 行政复议) alone: with 未经复议直接起诉's 总计 typed 3 for 1,
  // 行政复议、行政诉讼共3件 is what the fix makes true, not what backs the written total (it was read both ways at once).
  for (const [cellsAt, sentence] of [[{ '未经复议直接起诉|总计': '3' }, '全年行政复议、行政诉讼共3件。'], [{ '行政复议|总计': '3' }, '全年行政复议与行政诉讼共3件。']] as const) {
    assert.equal(certainWith(cellsAt, sentence), true, sentence);
    const text = exampleReport({ cells: cellsAt, extraIntro: sentence });
    const fixed = analyze(applyEdits(text, analyze(text).parsed.lines, fixAllEdits(analyze(text).diagnostics)));
    assert.deepEqual(fixed.diagnostics.filter((d) => d.code === 'narrative-mismatch' || d.code === 't4-total').map((d) => d.message), [], sentence);
  }
  // Fix-all reaches its end in one round, and breaks no sentence that agreed with the tables (found by fuzzing).
  for (const [cellsAt, sentence] of [
    [{ '行政复议|总计': '3', '复议后起诉|结果维持': '1' }, '全年共发生行政复议3件。'],
    [{ '未经复议直接起诉|尚未审结': '2', '复议后起诉|结果维持': '5' }, '全年行政复议、行政诉讼共3件。'],
    [{ '未经复议直接起诉|其他结果': '1' }, '全年行政复议、行政诉讼共3件。'],
    [{ '行政复议|结果纠正': '2' }, '全年共发生行政复议3件。'],
  ] as const) {
    const text = exampleReport({ cells: cellsAt, extraIntro: sentence });
    const once = applyEdits(text, analyze(text).parsed.lines, fixAllEdits(analyze(text).diagnostics));
    const after = analyze(once);
    assert.deepEqual(fixAllEdits(after.diagnostics), [], `${sentence}: a second round adds nothing`);
    assert.ok(!after.diagnostics.some((d) => d.code === 'narrative-mismatch'), `${sentence}: ${after.diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message)}`);
  }
  const en = analyze(exampleReport({ cells, extraIntro: '全年共发生行政复议2件。' }), { config: { locale: 'en' } }).diagnostics.find((x) => x.code === 't4-total')!;
  assert.match(en.message, /is 2, which fails: .*the text \("行政复议2件"\) gives the total as written.*should be 3$/);
  // A total the relations blame without doubt that the prose repeats (新收…16件 next to a 一 总计 of 16 whose columns
  // make 12) is fixed with certainty, and the message tells the clerk to correct the sentence too.
  const echoed = exampleReport({ cells: { '一|总计': '16' } }).replace('新收政府信息公开申请12件', '新收政府信息公开申请16件');
  const echo = analyze(echoed).diagnostics.find((d) => d.code === 't3-row-total')!;
  assert.ok(echo.fixes[0]?.safe);
  assert.match(echo.message, /应为 12.*；正文“新收政府信息公开申请16件”也写作 16，改正后请一并修改正文$/);
  const at = echoed.indexOf('申请16件') + 2;
  assert.ok(echo.related.some((x) => analyze(echoed).parsed.lines.offsetAt(x.range.start) === at));
  // A total that is the only explanation (三.（七）总计 breaks its row, its column and the balance) stays certain,
  // whatever the prose says of it.
  const only = analyze(exampleReport({ cells: { '三.（七）|总计': '13' }, extraIntro: '全年办结13件。' })).diagnostics;
  const fix = only.flatMap((d) => d.fixes).find((f) => f.edits[0]?.newText === '11');
  assert.ok(fix?.safe, JSON.stringify(only.map((d) => [d.code, d.message])));
});

test('the fix replaces the number as written and keeps a unit or note in the cell (it dropped 其中1件撤回 and 件)', () => {
  for (const [cell, want] of [['3（其中1件撤回）', '| 2（其中1件撤回） |'], ['13件', '| 2件 |'], ['１３', '| 2 |']] as const) {
    const text = exampleReport({ cells: { '行政复议|总计': cell } });
    const fix = totalFix(text)!;
    assert.ok(fix?.safe, cell);
    const { parsed } = analyze(text);
    assert.ok(applyEdits(text, parsed.lines, fix.edits).includes(want), cell);
  }
});

test('a total whose digits are split by markup (<td>1<b>0</b></td>) gets no fix (it became <td>2</b></td>)', () => {
  const md = exampleReport({ cells: { '行政复议|总计': '1<b>0</b>' } });
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith('| 行政复议'));
  const rows = lines.slice(at, at + 5).filter((l) => !l.startsWith('|---'));
  const html = `<table>${rows.map((r) => `<tr>${r.slice(2, -2).split(' | ').map((c) => `<td>${c.trim()}</td>`).join('')}</tr>`).join('')}</table>`;
  const text = [...lines.slice(0, at), html, ...lines.slice(at + 5)].join('\n');
  const d = analyze(text).diagnostics.find((x) => x.code === 't4-total');
  assert.ok(d, 'the total 10 is reported');
  assert.deepEqual(d.fixes, []);
  // The same table with the total written plainly is fixed.
  assert.ok(totalFix(text.replace('1<b>0</b>', '10'))?.safe);
});

test('a 表四 cell that is no plain number (=13, 13 件, 13<br>) keeps its column: the values after it are not read one column to the left, and no fix touches a right cell', () => {
  for (const v of ['=13', '13 件', '13<br>', '约13']) {
    const text = exampleReport({ cells: { '行政复议|总计': v } });
    const r = analyze(text);
    const t4 = r.parsed.model.tables.find((t) => t.kind === 'T4')!;
    const cell = (row: string, col: string) => t4.cells.find((c) => c.rowId === row && c.col === col)!;
    assert.equal(cell('行政复议', '总计').value, null, v);
    assert.equal(cell('未经复议直接起诉', '结果维持').value, 1, `${v}: the next block's first cell reads its own number`);
    assert.deepEqual(fixAllEdits(r.diagnostics), [], v);
    const d = r.diagnostics.find((x) => x.code === 'cell-missing-value')!;
    assert.ok(d && d.fixes.length === 0, `${v}: reported, and not "replace with 0" (it has a number in it)`);
  }
});

test('a 表四 total in emphasis (**13**) is 13: its column kept, and the fix of a wrong total replaces the digits only', () => {
  const text = exampleReport({ cells: { '行政复议|总计': '**13**' } });
  const r = analyze(text);
  const t4 = r.parsed.model.tables.find((t) => t.kind === 'T4')!;
  const cell = (row: string, col: string) => t4.cells.find((c) => c.rowId === row && c.col === col)!;
  assert.equal(cell('行政复议', '总计').value, 13);
  assert.equal(cell('未经复议直接起诉', '结果维持').value, 1);
  const edits = fixAllEdits(r.diagnostics);
  assert.equal(edits.length, 1);
  const at = text.indexOf('**13**') + 2;
  const lines = text.split('\n'), line = text.slice(0, at).split('\n').length - 1;
  assert.deepEqual(edits[0]!.range, { start: { line, character: at - (text.lastIndexOf('\n', at) + 1) }, end: { line, character: at - (text.lastIndexOf('\n', at) + 1) + 2 } });
  assert.ok(lines[line]!.includes('**13**'));
});

test('a 表二 or 表三 cell that is no plain number (=13, 13 件, 约13) keeps its column too', () => {
  const cellOf = (text: string, row: string, col: string) => analyze(text).parsed.model.tables.flatMap((t) => t.cells).find((c) => c.rowId === row && c.col === col);
  for (const v of ['=13', '13 件', '约13']) {
    for (const [key, row, col, next] of [['三.（一）|商业企业', '三.（一）', '商业企业', '科研机构'], ['一|科研机构', '一', '科研机构', '社会公益组织'], ['第二十条第（一）项|规章|本年废止件数', '第二十条第（一）项|规章', '本年废止件数', '现行有效件数']] as const) {
      const text = exampleReport({ cells: { [key]: v } });
      assert.equal(cellOf(text, row, col)?.kind, 'placeholder', `${v} at ${key}`);
      assert.equal(cellOf(text, row, next)?.raw, cellOf(exampleReport(), row, next)?.raw, `${v} at ${key}: the next cell reads its own number`);
      assert.deepEqual(fixAllEdits(analyze(text).diagnostics), [], `${v} at ${key}`);
    }
  }
});

test('one cell per line (`1 |`), a 表四 cell written as =1, 1人次, 约1, 1. keeps its place: fix-all overwrote two right cells (found by fuzzing)', () => {
  const rule = (l: string) => /^\|[\s|:-]+$/.test(l.trim());
  const cellLines = (md: string) => md.split('\n').filter((l) => !rule(l)).flatMap((l) => (l.startsWith('|') ? l.trim().slice(1, -1).split('|').map((c) => `${c.trim()} |`) : [l.replace(/^#+\s*/, '')])).join('\n');
  const plain = cellLines(exampleReport());
  const read = (text: string) => {
    const r = analyze(text);
    const raw = (kind: string) => r.parsed.model.tables.find((t) => t.kind === kind)!.cells.map((c) => `${c.rowId}|${c.col}=${c.raw}`);
    return { t4: raw('T4'), edits: fixAllEdits(r.diagnostics) };
  };
  const base = read(plain);
  assert.deepEqual(base.t4, analyze(exampleReport()).parsed.model.tables.find((t) => t.kind === 'T4')!.cells.map((c) => `${c.rowId}|${c.col}=${c.raw}`));
  for (const v of ['=1', '1人次', '约1', '1<br>', '1.']) {
    const r = read(cellLines(exampleReport({ cells: { '行政复议|结果维持': v } })));
    assert.deepEqual(r.t4, base.t4.map((c, k) => (k === 0 ? c.replace(/=1$/, `=${v}`) : c)), v);
    assert.deepEqual(r.edits, [], v);
  }
});

test('a grid row with blank cells at both ends reads its values in the table\'s value columns (an empty label column is not 自然人)', () => {
  // The example's 表三 has three label columns; （一）予以公开 leaves the third empty. With 自然人 filled and the rest
  // blank, the empty label column was taken for 自然人 and the 5 read as 商业企业.
  const rowOf = (text: string, id: string) => analyze(text).parsed.model.tables.find((t) => t.kind === 'T3')!.cells.filter((c) => c.rowId === id).map((c) => `${c.col}=${c.raw}`);
  const edit = (key: string, row: string) => exampleReport().split('\n').map((l) => (l.includes(key) ? row : l)).join('\n');
  assert.deepEqual(rowOf(edit('（一）予以公开', '| 三、本年度办理结果 | （一）予以公开 |  | 5 |  |  |  |  |  |  |'), '三.（一）'),
    ['自然人=5', '商业企业=', '科研机构=', '社会公益组织=', '法律服务机构=', '其他=', '总计=']);
  assert.deepEqual(rowOf(edit('（一）予以公开', '| 三、本年度办理结果 | （一）予以公开 |  |  | 5 |  |  |  |  |  |'), '三.（一）'),
    ['自然人=', '商业企业=5', '科研机构=', '社会公益组织=', '法律服务机构=', '其他=', '总计=']);
  // Tab-separated, with a tab at the end of every line (one more cell in each row): the same.
  const tsv = exampleReport().split('\n').map((l) => (l.includes('（一）予以公开') ? '| 三、本年度办理结果 | （一）予以公开 |  | 5 |  |  |  |  |  |  |' : l))
    .map((l) => (l.startsWith('|') && !l.startsWith('|---') ? `${l.slice(1, -1).split('|').map((c) => c.trim()).join('\t')}\t` : l.startsWith('|---') ? '' : l)).join('\n');
  assert.deepEqual(rowOf(tsv, '三.（一）'), ['自然人=5', '商业企业=', '科研机构=', '社会公益组织=', '法律服务机构=', '其他=', '总计=']);
  assert.deepEqual(rowOf(tsv, '三.（二）'), rowOf(exampleReport(), '三.（二）'));
});

test('such a cell in the first value column (| 总计 | =13 | 1 | …) keeps its column too, in 表二, 表三 and 表四; a numbered label (3.其他) stays a label', () => {
  const cellsOf = (text: string) => analyze(text).parsed.model.tables.flatMap((t) => t.cells);
  const cellOf = (text: string, row: string, col: string) => cellsOf(text).find((c) => c.rowId === row && c.col === col);
  const cases = [
    ['三.（一）|自然人', '三.（一）', '自然人', '商业企业'],
    ['一|自然人', '一', '自然人', '商业企业'],
    ['第二十条第（一）项|规章|本年制发件数', '第二十条第（一）项|规章', '本年制发件数', '本年废止件数'],
    ['行政复议|结果维持', '行政复议', '结果维持', '结果纠正'],
  ] as const;
  for (const v of ['=13', '13 件', '约13', '13.', '13人次', '（13）', '13<br>']) {
    for (const [key, row, col, next] of cases) {
      const text = exampleReport({ cells: { [key]: v } });
      assert.equal(cellOf(text, row, col)?.kind, 'placeholder', `${v} at ${key}`);
      assert.equal(cellOf(text, row, next)?.raw, cellOf(exampleReport(), row, next)?.raw, `${v} at ${key}: the next cell reads its own number`);
      const d = analyze(text).diagnostics;
      assert.deepEqual(fixAllEdits(d), [], `${v} at ${key}`);
      assert.ok(!d.some((x) => x.code === 'table-row-unknown'), `${v} at ${key}: the row label is still read (${JSON.stringify(d.map((x) => x.message))})`);
    }
  }
  // A row label with a digit in it stays a label, one value short or with a blank last cell: 3.其他 and the ways it is
  // written (a row of 三.（六）), a year before the 表四 row.
  const edited = (from: string, to: (line: string) => string) => {
    const text = exampleReport().split('\n').map((l) => (l.includes(from) ? to(l) : l)).join('\n');
    assert.notEqual(text, exampleReport(), from);
    return text;
  };
  for (const label of ['3.其他', '（3）其他', '(3)其他', '3其他', '3 其他', '3）其他']) {
    for (const shorten of [(l: string) => l.replace(/ \| 0 \|$/, ' |'), (l: string) => l.replace(/ \| 0 \|$/, ' |  |')]) {
      const text = edited('| 3.其他 |', (l) => shorten(l.replace('3.其他', label)));
      assert.equal(cellOf(text, '三.（六）.3', '自然人')?.value, 0, label);
      assert.ok(cellsOf(text).every((c) => c.raw !== label), label);
      assert.deepEqual(fixAllEdits(analyze(text).diagnostics), [], label);
    }
  }
  for (const row of ['| 2024年度 | 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |  |', '| 2024年度 | 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |']) {
    const text = edited('| 1 | 0 | 0 | 1 | 2 |', () => row);
    assert.equal(cellOf(text, '行政复议', '结果维持')?.value, 1, row);
    assert.equal(cellOf(text, '行政复议', '总计')?.value, 2, row);
    assert.deepEqual(fixAllEdits(analyze(text).diagnostics), [], row);
  }
  // 表四 printed as three tables of five (real/2025-jiangsu-shuyang-county.txt): each data row is its own width.
  const shuyang = readFileSync(`${REAL}/2025-jiangsu-shuyang-county.txt`, 'utf8');
  const t4Raw = (text: string) => analyze(text).parsed.model.tables.find((t) => t.kind === 'T4')!.cells.map((c) => c.raw);
  assert.deepEqual(t4Raw(shuyang), ['27', '10', '9', '15', '61', '3', '0', '0', '0', '3', '8', '0', '1', '1', '10']);
  for (const [from, to] of [['| 27 | 10 | 9 | 15 | 61 |', '| =27 | 10 | 9 | 15 | 61 |'], ['| 8 | 0 | 1 | 1 | 10 |', '| 约8 | 0 | 1 | 1 | 10 |']] as const) {
    const text = shuyang.replace(from, to);
    assert.deepEqual(t4Raw(text), t4Raw(shuyang).map((r, k) => (k === (from.startsWith('| 27') ? 0 : 10) ? to.slice(2, to.indexOf(' |')) : r)), to);
    assert.deepEqual(fixAllEdits(analyze(text).diagnostics), [], to);
  }
  // The same with a label cell in each data row (| 行政复议 | =27 | 10 | … |): the row was dropped.
  const labelled = shuyang.replace('| 27 | 10 | 9 | 15 | 61 |', '| 行政复议 | =27 | 10 | 9 | 15 | 61 |').replace('| 3 | 0 | 0 | 0 | 3 |', '| 未经复议直接起诉 | 3 | 0 | 0 | 0 | 3 |').replace('| 8 | 0 | 1 | 1 | 10 |', '| 复议后起诉 | 8 | 0 | 1 | 1 | 10 |');
  assert.deepEqual(t4Raw(labelled), ['=27', ...t4Raw(shuyang).slice(1)]);
  // A lone ordinal (3., （3）) where 3.其他's words were lost is still a label in 表三 when the row has its seven values;
  // as the first of seven cells after the row's labels (2. typed for 2) it is 自然人. A row whose label names no
  // template row and has no number (| 备注 | … | 约12 | … |) is no data row.
  for (const label of ['3.', '（3）']) {
    const text = edited('| 3.其他 |', (l) => l.replace('3.其他', label));
    assert.ok(cellsOf(text).every((c) => c.raw !== label), label);
    assert.equal(cellOf(text, '三.（六）.3', '总计')?.value, 0, label);
  }
  for (const v of ['2.', '（2）']) {
    const text = exampleReport({ cells: { '二|自然人': v } });
    assert.equal(cellOf(text, '二', '自然人')?.raw, v.normalize('NFKC'), v);
    assert.equal(cellOf(text, '二', '总计')?.value, 2, v);
  }
  const remark = edited('| 四、结转下年度继续办理', (l) => `${l}\n| 备注 |  |  | 约12 |  |  |  |  |  |  |`);
  assert.deepEqual(analyze(remark).diagnostics.map((d) => d.code), analyze(exampleReport()).diagnostics.map((d) => d.code));
  // A row without its label (a PDF conversion put （二）部分公开 on the line above) keeps such a cell as 自然人 when its
  // seven cells fill the row; a lone ordinal there stays a label.
  const splitRow = (first: string, end = '') => exampleReport({ cells: { '三.（二）|自然人': '2', '三.（二）|总计': '2' } }).split('\n')
    .flatMap((l) => (l.startsWith('|') && l.includes('（二）部分公开') ? ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', `| ${first} | 0 | 0 | 0 | 0 | 0 | 2 |${end}`, '|---|---|---|---|---|---|---|', ''] : [l])).join('\n');
  for (const [v, end] of [['2', ''], ['=2', ''], ['约2', ''], ['2 件', ''], ['约2', '  |']] as const) {
    assert.equal(cellOf(splitRow(v, end), '三.（二）', '自然人')?.raw, v, `${v}${end}`);
    assert.equal(cellOf(splitRow(v, end), '三.（二）', '总计')?.raw, '2', `${v}${end}`);
  }
  // A row of one value (表二's 行政许可, 行政事业性收费).
  for (const [from, to, row, col] of [
    ['| 行政许可 | 1 |', '| 行政许可 | 约13 |', '第二十条第（五）项|行政许可', '本年处理决定数量'],
    ['| 行政事业性收费 | 1.25 |', '| 行政事业性收费 | 约1.25万元 |', '第二十条第（八）项|行政事业性收费', '本年收费金额（单位：万元）'],
  ] as const) {
    const text = edited(from, () => to);
    assert.equal(cellOf(text, row, col)?.kind, 'placeholder', to);
    const d = analyze(text).diagnostics;
    assert.ok(!d.some((x) => x.code === 'table-row-missing' || x.code === 'table-row-unknown'), `${to}: ${JSON.stringify(d.map((x) => x.message))}`);
    assert.ok(d.some((x) => x.code === 'cell-missing-value' && x.message.includes(to.slice(to.lastIndexOf('|', to.length - 2) + 2, -2))), `${to}: reported where it is`);
  }
});

test('year-mismatch: the overview\'s opening year is read also when the heading has its text on the same line (一、总体情况：2023年，…) (metamorphic tests)', () => {
  const base = '某县人民政府办公室2024年政府信息公开工作年度报告\n\n';
  const found = (text: string) => analyze(text, { format: 'text' }).diagnostics.filter((d) => d.code === 'year-mismatch').map((d) => `${d.range.start.line}:${d.range.start.character}`);
  assert.deepEqual(found(`${base}一、总体情况\n2023年，本机关认真贯彻落实条例。\n`), ['3:0']);
  assert.deepEqual(found(`${base}一、总体情况：2023年，本机关认真贯彻落实条例。\n`), ['2:7']);
  assert.deepEqual(found(`${base}一、总体情况。2023年，本机关认真贯彻落实条例。\n`), ['2:7']);
  assert.deepEqual(found(`${base}一、总体情况：2024年，本机关认真贯彻落实条例。\n`), []);
});

test('breakdown-sum: a bracketed breakdown whose items are separated by semicolons (（其中…；…；其他…）) is read whole (metamorphic tests)', () => {
  const found = (intro: string) => analyze(exampleReport({ extraIntro: intro }), { format: 'markdown' }).diagnostics.filter((d) => d.code === 'breakdown-sum').map((d) => d.message);
  assert.deepEqual(found('全年共公开政府信息320条（其中机构职能类20条；政策文件类100条；其他信息150条）。'), ['总数320条，但列举的3项之和为270条']);
  assert.deepEqual(found('全年共公开政府信息320条（其中机构职能类20条；政策文件类100条；其他信息200条）。'), []);
  // Not in brackets, a semicolon goes on to the next item of the list (the list ends at a clause that is no item, see
  // the test of shares below).
  assert.deepEqual(found('全年共公开政府信息320条，其中机构职能类20条，政策文件类100条；其他信息150条。'), ['总数320条，但列举的3项之和为270条']);
});

test('percent-mismatch: a sentence wrapped at any place (PDF text, even inside a number) gives the findings of the sentence on one line, each on its number (metamorphic tests)', () => {
  const sentence = '全年公开政府信息总数为146条，其中政府网站14条，占9.6%，政务微博101条，占79.2%，政务微信25条，占17.1%，其他方式6条，占4.1%。';
  const base = '某县人民政府办公室2024年政府信息公开工作年度报告\n\n一、总体情况\n';
  const found = (body: string) => analyze(`${base}${body}\n`, { format: 'text' }).diagnostics.filter((d) => d.code === 'percent-mismatch');
  const oneLine = found(sentence).map((d) => d.message);
  assert.equal(oneLine.length, 2);
  for (let k = 1; k < sentence.length - 1; k++) {
    const body = `${sentence.slice(0, k)}\n${sentence.slice(k)}`;
    const ds = found(body);
    assert.deepEqual(ds.map((d) => d.message), oneLine, `wrapped after ${k}`);
    // The share's finding points at 79.2% wherever the line break is.
    const text = `${base}${body}\n`;
    const lines = text.split('\n');
    const share = ds.find((d) => d.message.includes('79.2'))!;
    const quoted = share.range.start.line === share.range.end.line
      ? lines[share.range.start.line]!.slice(share.range.start.character, share.range.end.character)
      : lines[share.range.start.line]!.slice(share.range.start.character) + lines[share.range.end.line]!.slice(0, share.range.end.character);
    assert.equal(quoted.replace(/\s/g, ''), '79.2%', `wrapped after ${k}`);
  }
  // A blank line still ends a sentence.
  assert.deepEqual(found('全年公开政府信息总数为146条，其中政府网站14条，占9.6%，政务微博101条，占79.2%\n\n政务微信25条，占17.1%，其他方式6条，占4.1%。').map((d) => d.message).filter((m) => m.includes('合计')), []);
});

// ------------------------------------------------------------------ fixes write as the report writes

test('section-missing inserts the heading as its neighbours are written: Markdown ##, bold, or a plain line', () => {
  const md = exampleReport({ sections: { 6: null } });
  const inserted = (text: string, format: 'markdown' | 'text' = 'markdown') => {
    const { parsed, diagnostics } = analyze(text, { format });
    const missing = diagnostics.find((d) => d.code === 'section-missing')!;
    const fixed = applyEdits(text, parsed.lines, missing.fixes[0]!.edits);
    return { newText: missing.fixes[0]!.edits[0]!.newText, after: analyze(fixed, { format }) };
  };
  const plain = inserted(md);
  assert.equal(plain.newText.trim(), '## 六、其他需要报告的事项');
  assert.equal(plain.after.parsed.model.sections.length, 6);
  assert.ok(plain.after.parsed.model.sections.every((s) => s.level === 1 && s.title !== ''));
  assert.ok(!plain.after.diagnostics.some((d) => d.code === 'section-missing'));
  // Bold headings (a Word document pasted): bold; a plain-text report: a plain line.
  const bold = md.replace(/^## (.+)$/gm, '**$1**');
  assert.equal(inserted(bold).newText.trim(), '**六、其他需要报告的事项**');
  const text = md.replace(/^## /gm, '');
  assert.equal(inserted(text, 'text').newText.trim(), '六、其他需要报告的事项');
  // Bold on the numeral only (**五.** 存在…): no half of a bold.
  const numeralBold = md.replace('## 五、存在的主要问题及改进情况', '**五.** 存在的主要问题及改进情况');
  assert.doesNotMatch(inserted(numeralBold).newText, /\*/);
});

test('quick fixes write standard headings in traditional script in a report reposted in it (OpenCC cn → t)', async () => {
  const OpenCC = await import('opencc-js');
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  const report = toTraditional(exampleReport({ sections: { 6: null, 4: '## 四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n\n全年无行政复议。' } }));
  const { parsed, diagnostics } = analyze(report, { format: 'markdown' });
  const nonstandard = diagnostics.find((d) => d.code === 'heading-nonstandard')!;
  assert.equal(nonstandard.fixes[0]!.edits[0]!.newText, '四、政府信息公開行政複議、行政訴訟情況');
  const missing = diagnostics.find((d) => d.code === 'section-missing')!;
  assert.equal(missing.fixes[0]!.edits[0]!.newText.trim(), '## 六、其他需要報告的事項');
  // Applied, both findings are gone: the traditional wording reads as the standard one.
  const fixed = applyEdits(report, parsed.lines, [...nonstandard.fixes[0]!.edits, ...missing.fixes[0]!.edits]);
  const after = analyze(fixed, { format: 'markdown' }).diagnostics.map((d) => d.code);
  assert.ok(!after.includes('heading-nonstandard') && !after.includes('section-missing'), after.join(' '));
  // A simplified report with a traditional word here and there stays simplified.
  const mixed = exampleReport({ sections: { 6: null } }).replace('主要问题是', '主要問題是');
  const simplified = analyze(mixed, { format: 'markdown' }).diagnostics.find((d) => d.code === 'section-missing')!;
  assert.equal(simplified.fixes[0]!.edits[0]!.newText.trim(), '## 六、其他需要报告的事项');
});

test('breakdown-sum: a share after each item (…40条，占27.6%) and items separated by semicolons still make a list (metamorphic tests)', () => {
  const found = (sentence: string) => run(exampleReport({ extraIntro: sentence }), 'breakdown-sum').map((d) => d.message);
  // The shares are no items, and the last item with a count is the "other" one.
  assert.deepEqual(found('全年共公开政府信息145条，其中政策文件类100条，占69%；规范性文件5条，占3%；其他信息30条，占27.6%。'), ['总数145条，但列举的3项之和为135条']);
  assert.deepEqual(found('全年共公开政府信息145条，其中政策文件类100条，占69%；规范性文件5条，占3%；其他信息40条，占27.6%。'), []);
  assert.deepEqual(found('全年共收到申请21件，其中自然人15件；法人3件；其他2件。'), ['总数21件，但列举的3项之和为20件']);
  // After the "other" item, a semicolon ends the list: the next clause is no part of it.
  assert.deepEqual(found('全年共收到申请21件，其中自然人15件，法人3件，其他3件；办结20件。'), []);
  assert.deepEqual(found('全年共收到申请21件，其中自然人15件；法人3件；其他2件；办结20件。'), ['总数21件，但列举的3项之和为20件']);
  // A clause after a semicolon that is no item ends the list too.
  assert.deepEqual(found('全年共收到申请21件，其中自然人15件，法人3件；已全部办结，其他3件。'), []);
});
