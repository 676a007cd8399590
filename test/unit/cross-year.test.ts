// Checks across years (core/checks/crossYear.ts): which reports are paired, and carry-over-mismatch on them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, crossYearDiagnostics, exampleReport, formatOfPath, sameBody, yearFacts, type CheckConfig } from '../../server/src/core/index';
import { REAL } from './helpers';

const facts = (text: string, format: 'markdown' | 'text' | 'html' = 'markdown', config: CheckConfig = {}) => {
  const f = yearFacts(analyze(text, { format, config }).parsed, config);
  assert.ok(f, 'a report with a body and a year');
  return f;
};
const carried = (cells: Record<string, string>, year = 2024, organ?: string) => exampleReport({ year, cells, ...(organ ? { organ } : {}) });
const run = (reports: [string, string][], config: CheckConfig = {}) => crossYearDiagnostics(reports.map(([id, text]) => ({ id, facts: facts(text, 'markdown', config) })), () => config);

test('the same body: names compared without punctuation, a city or province in front allowed, nothing looser', () => {
  assert.ok(sameBody('淮安市洪泽区人民政府', '洪泽区人民政府'));
  assert.ok(sameBody('江苏省淮安市洪泽区人民政府', '洪泽区人民政府'));
  assert.ok(sameBody('上海市人民政府办公厅', '上海市 人民政府办公厅'));
  assert.ok(!sameBody('某县人民政府', '人民政府'), 'too short to be a name');
  assert.ok(!sameBody('淮安市人民政府', '宿迁市人民政府'));
  assert.ok(!sameBody('淮安市洪泽区人民政府', '淮安市清江浦区人民政府'));
  assert.ok(!sameBody('洪泽区人民政府办公室', '洪泽区人民政府'), 'an office is not its government');
});

test('carry-over-mismatch: each applicant column that differs, the total only when they agree; nothing else paired', () => {
  const previous = exampleReport({ year: 2023 }); // 四、结转下年度继续办理: 自然人 3, 总计 3
  const current = exampleReport(); // 二、上年结转: 自然人 2, 总计 2
  const found = run([['2023.md', previous], ['2024.md', current]]).get('2024.md') ?? [];
  assert.deepEqual(found.map((d) => [d.code, d.severity, d.message]), [['carry-over-mismatch', 'warning', '上年结转（自然人）为 2，而2023年报告结转下年度继续办理的为 3']]);
  assert.equal(found[0]!.related[0]!.file, '2023.md');
  assert.match(found[0]!.related[0]!.message, /2023年报告：结转下年度继续办理（自然人）3/);
  assert.equal(run([['2023.md', previous], ['2024.md', current]]).get('2023.md'), undefined, 'findings go to the later report');
  // Only the total differs (the applicant columns of last year's row are blank): the total is reported.
  const blankColumns = exampleReport({ year: 2023, cells: { '四|自然人': '', '四|总计': '5' } });
  assert.deepEqual((run([['a', blankColumns], ['b', current]]).get('b') ?? []).map((d) => d.message), ['上年结转（总计）为 2，而2023年报告结转下年度继续办理的为 5']);
  // Consistent: nothing.
  assert.equal(run([['a', previous], ['b', carried({ '二|自然人': '3', '二|总计': '3', '一|自然人': '9', '一|总计': '11' })]]).size, 0);
  // Not consecutive, two reports for one year, another body, a 2008-format year: not paired.
  assert.equal(run([['a', exampleReport({ year: 2022 })], ['b', current]]).size, 0);
  // Two reports for the year before that disagree: neither is last year's. Two that agree (one report saved twice) are one.
  assert.equal(run([['a', previous], ['a2', exampleReport({ year: 2023, cells: { '四|商业企业': '1', '四|总计': '4', '三.（七）|总计': '10' } })], ['b', current]]).size, 0);
  assert.deepEqual([...run([['a', previous], ['a2', exampleReport({ year: 2023 })], ['b', current]]).keys()], ['b']);
  // A page of the same body without table 3 (an explainer, a crawl that lost the table) takes no part.
  assert.deepEqual([...run([['a', previous], ['a-page', exampleReport({ year: 2023, omitTables: ['T3'] })], ['b', current]]).keys()], ['b']);
  assert.equal(run([['a', exampleReport({ year: 2023, organ: '某市人民政府办公室' })], ['b', current]]).size, 0);
  assert.equal(run([['a', previous], ['b', current]], { era: '2008' }).size, 0);
});

test('bodies: a short name joins the one longer name it is the end of, never two cities\' namesakes', () => {
  const previous = (organ: string) => exampleReport({ year: 2023, organ });
  const current = (organ: string) => exampleReport({ organ });
  // 鼓楼区 is in 南京 and in 福州: the bare name is paired with neither.
  const gulou = run([['gulou-2023', previous('鼓楼区人民政府')], ['nanjing-2024', current('南京市鼓楼区人民政府')], ['fuzhou-2024', current('福州市鼓楼区人民政府')]]);
  assert.equal(gulou.size, 0);
  // One city only: paired, and through a province in front too (江苏省淮安市… = 淮安市… = …).
  assert.deepEqual([...run([['2023', previous('洪泽区人民政府')], ['2024', current('江苏省淮安市洪泽区人民政府')], ['other', current('淮安市洪泽区人民政府办公室')]]).keys()], ['2024']);
  assert.deepEqual([...run([['2023', previous('淮安市洪泽区人民政府')], ['2024', current('江苏省淮安市洪泽区人民政府')], ['x', exampleReport({ year: 2022, organ: '洪泽区人民政府' })]]).keys()].sort(), ['2023', '2024']);
});

test('carry-over-mismatch follows the configuration, the locale and inline suppression', () => {
  const previous = exampleReport({ year: 2023 }), current = exampleReport();
  assert.equal(run([['a', previous], ['b', current]], { rules: { 'carry-over-mismatch': 'off' } }).size, 0);
  assert.equal(run([['a', previous], ['b', current]], { rules: { 'carry-over-mismatch': 'error' } }).get('b')![0]!.severity, 'error');
  assert.match(run([['a', previous], ['b', current]], { locale: 'en' }).get('b')![0]!.message, /^Carried over from last year \(自然人\) is 2, but the 2023 report carried 3/);
  const suppressed = current.replace('| 二、上年结转政府信息公开申请数量', '<!-- xxgknb-disable-next-line carry-over-mismatch -->\n| 二、上年结转政府信息公开申请数量');
  assert.ok(suppressed !== current);
  assert.equal(run([['a', previous], ['b', suppressed]]).size, 0);
});

test('real reports: 平潭 2019→20→21, 2023→24→25 and 洪泽 2023→24 carry over consistently; one changed cell is found, across names', () => {
  // (平潭 2022 names no body, its crawl lost the title: 2021→22→23 are not paired. The values compared here are all 0.)
  const read = (f: string) => ({ id: f, facts: facts(readFileSync(`${REAL}/${f}`, 'utf8'), (formatOfPath(f) ?? 'text') as 'text' | 'html' | 'markdown') });
  const files = ['2019-fujian-pingtan-zone-crawltext.txt', '2020-fujian-pingtan-zone-crawltext.txt', '2021-fujian-pingtan-zone-crawltext.txt', '2023-fujian-pingtan-zone.html', '2024-fujian-pingtan-zone.html', '2025-fujian-pingtan-zone.html', '2023-huaian-hongze-district-pdftext.txt', '2024-huaian-hongze-district-tsv.txt'];
  const reports = files.map(read);
  assert.equal(crossYearDiagnostics(reports).size, 0);
  // 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one body: a 2 carried into 2024 that 2023 never carried out is found.
  const hongze2024 = readFileSync(`${REAL}/2024-huaian-hongze-district-tsv.txt`, 'utf8').replace(/二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0/, '二、上年结转政府信息公开申请数量\t\t\t2\t0\t0\t0\t0\t0\t2');
  const changed = [...reports.slice(0, -1), { id: 'changed', facts: facts(hongze2024, 'text') }];
  const found = crossYearDiagnostics(changed).get('changed') ?? [];
  assert.deepEqual(found.map((d) => [d.code, d.range.start.line + 1, d.related[0]!.file, d.related[0]!.range.start.line + 1]), [['carry-over-mismatch', 61, '2023-huaian-hongze-district-pdftext.txt', 103]]);
});
