// Report metadata (spec Appendix C, §1.2, §2.1, §2.3, Appendix B): title, issuing body, organ type, year,
// statistics period, publication date, web-page preamble and the format era.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseReport } from '../../server/src/core/index';
import { citation, CITES_2019, CITES_2021, eraKeysIn, organTypeOf, parseDate } from '../../server/src/core/parse/meta';
import { ERA_LABELS } from '../../server/src/core/schema/tables';
import { Matches } from '../../server/src/core/text/matches';
import fc from 'fast-check';
import { offsetOf, REAL, slice } from './helpers';


const meta = (src: string, opts = {}) => parseReport(src, opts).model.meta;

describe('title, organ, year', () => {
  test('a one-line title <机关><YYYY>年政府信息公开工作年度报告', () => {
    const src = '某县市场监督管理局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n';
    const m = meta(src);
    assert.equal(m.title, '某县市场监督管理局2021年政府信息公开工作年度报告');
    assert.ok(m.titleRange);
    assert.equal(slice(src, m.titleRange), m.title);
    assert.equal(m.organ, '某县市场监督管理局');
    assert.equal(m.organType, 'department');
    assert.equal(m.year, 2021);
  });

  test('the title variants …年度政府信息公开工作年度报告 and …年政府信息公开年度报告', () => {
    const a = meta('平潭综合实验区管委会2023年度政府信息公开工作年度报告\n一、总体情况\n');
    assert.equal(a.year, 2023);
    assert.equal(a.organ, '平潭综合实验区管委会');
    assert.equal(a.organType, 'government');
    const b = meta('某市生态环境局2020年政府信息公开年度报告\n一、总体情况\n');
    assert.equal(b.year, 2020);
    assert.equal(b.organ, '某市生态环境局');
  });

  test('a two-line title: the body\'s name alone on the line before (real/2024-huaian-city.md)', () => {
    const src = readFileSync(`${REAL}/2024-huaian-city.md`, 'utf8');
    assert.ok(src.startsWith('淮安市人民政府\n2024 年政府信息公开工作年度报告\n'), 'corpus changed');
    const m = meta(src);
    assert.equal(m.organ, '淮安市人民政府');
    assert.equal(m.organType, 'government');
    assert.equal(m.year, 2024);
    assert.ok(m.title?.startsWith('淮安市人民政府') && m.title.endsWith('2024 年政府信息公开工作年度报告'), String(m.title));
    assert.ok(m.titleRange);
    assert.equal(slice(src, m.titleRange), '淮安市人民政府\n2024 年政府信息公开工作年度报告');
    // statistics period: 自 2024 年 1 月 1 日至 2024 年 12 月 31 日
    assert.ok(m.period);
    assert.equal(m.period.start, '2024-01-01');
    assert.equal(m.period.end, '2024-12-31');
    assert.equal(slice(src, m.period.range), '2024 年 1 月 1 日至 2024 年 12 月 31 日');
    assert.equal(m.preambleRange, null);
  });

  test('a two-line title centred with full-width spaces, as Word documents centre it', () => {
    const src = '\u3000\u3000\u3000\u3000淮安市人民政府\n\u3000\u30002024 年政府信息公开工作年度报告\n\u3000\u3000一、总体情况\n';
    const m = meta(src);
    assert.equal(m.organ, '淮安市人民政府');
    assert.equal(m.organType, 'government');
    assert.equal(slice(src, m.titleRange!), '淮安市人民政府\n\u3000\u30002024 年政府信息公开工作年度报告');
    assert.equal(m.preambleRange, null);
  });

  test('a constructed two-line title with CRLF line endings', () => {
    const src = '某区教育局\r\n2022年政府信息公开工作年度报告\r\n一、总体情况\r\n正文。\r\n';
    const m = meta(src);
    assert.equal(m.organ, '某区教育局');
    assert.equal(m.organType, 'department');
    assert.equal(m.year, 2022);
    assert.ok(m.titleRange);
    assert.equal(slice(src, m.titleRange), '某区教育局\r\n2022年政府信息公开工作年度报告');
  });

  test('the title <YYYY>年<机关>政府信息公开工作年度报告 names the organ after the year (real/2019-shanghai-city-govoffice.html)', () => {
      const m = meta('2019年上海市人民政府办公厅政府信息公开工作年度报告\n一、总体情况\n正文。\n');
      assert.equal(m.year, 2019);
      assert.equal(m.organ, '上海市人民政府办公厅');
      assert.equal(m.organType, 'department');
    });

  test('a title line that starts with the organ and has spaces ("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告", real/2025-jiangsu-shuyang-county.txt)', () => {
      const src = readFileSync(`${REAL}/2025-jiangsu-shuyang-county.txt`, 'utf8');
      assert.ok(src.startsWith('# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n'), 'corpus changed');
      const m = meta(src);
      assert.equal(m.preambleRange, null);
      assert.ok(m.titleRange);
      assert.equal(slice(src, m.titleRange), '沐阳县人民政府 2025 年 政府信息公开工作年度报告');
    });

  test('a title wrapped inside its wording by a PDF ("2024 年上海市科委政府信息公开工作\\n年度报告", real/2024-shanghai-stcsm.md)', () => {
      const src = readFileSync(`${REAL}/2024-shanghai-stcsm.md`, 'utf8');
      assert.ok(src.startsWith('正文\n2024 年上海市科委政府信息公开工作\n年度报告\n'), 'corpus changed');
      const m = meta(src);
      assert.equal(m.year, 2024);
      assert.ok(m.title, 'title found');
      assert.match(m.title, /上海市科委政府信息公开工作\s*年度报告$/);
      assert.equal(m.organ, '上海市科委');
    });

  test('a title with the year in Chinese numerals (二〇二四年) is the title, with its year and organ (metamorphic tests: none was found)', () => {
    for (const [written, year] of [['二〇二四', 2024], ['二零二一', 2021], ['二〇一九', 2019]] as const) {
      const m = meta(`某县人民政府办公室${written}年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n`);
      assert.equal(m.title, `某县人民政府办公室${written}年政府信息公开工作年度报告`);
      assert.equal(m.year, year);
      assert.equal(m.organ, '某县人民政府办公室');
    }
  });

  test('year from the statistics period when there is no title', () => {
    const m = meta('一、总体情况\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n二、主动公开政府信息情况\n');
    assert.equal(m.title, null);
    assert.equal(m.year, 2020);
    assert.ok(m.period);
    assert.equal(m.period.start, '2020-01-01');
    assert.equal(m.period.end, '2020-12-31');
  });
});

describe('organ type', () => {
  test('governments and departments by the name\'s ending', () => {
    const cases: [string, string][] = [
      ['某县人民政府', 'government'],
      ['淮安市洪泽区人民政府', 'government'],
      ['平潭综合实验区管委会', 'government'],
      ['某镇人民政府', 'government'],
      ['某县人民政府办公室', 'department'],
      ['上海市人民政府办公厅', 'department'],
      ['上海市科学技术委员会', 'department'],
      ['某市生态环境局', 'department'],
      ['平潭综合实验区地方税务局', 'department'],
    ];
    for (const [o, t] of cases) assert.equal(organTypeOf(o), t, o);
    assert.equal(organTypeOf(null), 'unknown');
  });
});

describe('publication date and preamble', () => {
  test('a signature block at the end: organ and a date in Chinese numerals (二〇二〇年一月三日)', () => {
    const src = '2019年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n某县人民政府办公室\n二〇二〇年一月三日\n';
    const m = meta(src);
    assert.ok(m.publishDate);
    assert.equal(m.publishDate.value, '2020-01-03');
    assert.equal(slice(src, m.publishDate.range), '二〇二〇年一月三日');
    assert.equal(m.organ, '某县人民政府办公室');
    assert.equal(m.organType, 'department');
  });

  test('signature dates in Arabic and Chinese numerals', () => {
    const cases: [string, string][] = [
      ['二〇二〇年一月三日', '2020-01-03'],
      ['二○二二年一月二十日', '2022-01-20'],
      ['二〇二一年十二月三十一日', '2021-12-31'],
      ['二零二三年二月十日', '2023-02-10'],
      ['2022年1月5日', '2022-01-05'],
      ['2022 年 1 月 25 日', '2022-01-25'],
      ['2022-01-05', '2022-01-05'],
    ];
    for (const [s, v] of cases) assert.equal(parseDate(s), v, s);
    for (const [s, v] of cases) {
      const src = `某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n某局\n${s}\n`;
      const m = meta(src);
      assert.equal(m.publishDate?.value, v, s);
      assert.equal(slice(src, m.publishDate!.range), s);
    }
    // The body's name and the date on one line (metamorphic tests: no date was read, and publish-late was silent).
    for (const [s, v] of cases) {
      const src = `某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n某县人民政府办公室  ${s}\n`;
      const m = meta(src);
      assert.equal(m.publishDate?.value, v, s);
      assert.equal(slice(src, m.publishDate!.range), s);
    }
    // A sentence ending in a date is no signature.
    assert.equal(meta('某局2021年政府信息公开工作年度报告\n一、总体情况\n本报告发布于2022年1月5日\n').publishDate, null);
  });

  test('web-page debris before the title is the preamble; the header date is the publication date when there is no signature', () => {
    const debris = '首页 > 政务公开 > 年度报告\n发布时间：2022-01-25  浏览次数：123\n字体：【大 中 小】 打印 关闭\n';
    const src = `${debris}某县市场监督管理局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n`;
    const m = meta(src);
    assert.equal(m.title, '某县市场监督管理局2021年政府信息公开工作年度报告');
    assert.ok(m.preambleRange);
    assert.equal(offsetOf(src, m.preambleRange.start), 0);
    assert.equal(offsetOf(src, m.preambleRange.end), debris.length);
    assert.equal(m.publishDate?.value, '2022-01-25');
    assert.equal(slice(src, m.publishDate!.range), '2022-01-25');
    // nothing in the debris is a section
    const sections = parseReport(src).model.sections;
    assert.deepEqual(sections.map((s) => s.title), ['一、总体情况']);
  });

  test('no preamble when the title is the first line', () => {
    assert.equal(meta('某局2021年政府信息公开工作年度报告\n一、总体情况\n').preambleRange, null);
  });
});

describe('era', () => {
  const T2_2019 = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t2\t3\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t5\t+1\t6\n其他对外管理服务事项\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n';
  const T2_2021 = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t3\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t6\n三、收到和处理政府信息公开申请情况\n';

  test('from the year alone: ≤2018 → 2008, 2019–2020 → 2019, ≥2021 → 2021', () => {
    const cases: [number, string][] = [[2011, '2008'], [2018, '2008'], [2019, '2019'], [2020, '2019'], [2021, '2021'], [2025, '2021']];
    for (const [y, era] of cases) assert.equal(meta(`某县人民政府${y}年政府信息公开工作年度报告\n一、总体情况\n正文。\n`).era, era, String(y));
  });

  test('table labels come first: a 2019-labelled table in a 2022 report is era 2019, with the labels listed as evidence', () => {
    const src = `某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n${T2_2019}`;
    const m = meta(src);
    assert.equal(m.year, 2022);
    assert.equal(m.era, '2019');
    const labels = m.eraEvidence.filter((e) => e.era === '2019').map((e) => e.text);
    for (const l of ['本年新制作数量', '对外公开总数量', '上一年项目数量', '其他对外管理服务事项']) assert.ok(labels.includes(l), `${l} in ${JSON.stringify(labels)}`);
    // the year is listed too, as weaker evidence for 2021
    const yearEv = m.eraEvidence.find((e) => e.era === '2021');
    assert.ok(yearEv, JSON.stringify(m.eraEvidence));
    const strongest = Math.max(...m.eraEvidence.map((e) => e.weight));
    assert.ok(m.eraEvidence.filter((e) => e.weight === strongest).every((e) => e.era === '2019'));
    assert.ok(yearEv.weight < strongest);
    // evidence with a range points at the label in the table
    const ev = m.eraEvidence.find((e) => e.text === '本年新制作数量');
    assert.ok(ev?.range);
    assert.ok(src.slice(offsetOf(src, ev.range.start)).startsWith('本年新制作'), slice(src, ev.range));
  });

  test('a 2021-labelled table in a 2020 report is era 2021', () => {
    const m = meta(`某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n${T2_2021}`);
    assert.equal(m.era, '2021');
    assert.ok(m.eraEvidence.some((e) => e.text === '本年制发件数' && e.era === '2021'));
  });

  test('the era option overrides detection', () => {
    const src = `某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n${T2_2019}`;
    assert.equal(meta(src, { era: '2021' }).era, '2021');
    assert.equal(meta(src, { era: 'auto' }).era, '2019');
  });

  test('the era labels a table holds are found in one scan, exactly the ones a search for each finds', () => {
    // Keys, pieces of keys, keys overlapping one another and filler, in any order.
    const keys = ERA_LABELS.map((l) => l.key);
    const piece = fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...keys).map((k) => k.slice(0, -1)), fc.constantFrom(...keys).map((k) => k.slice(1)), fc.constantFrom('本年', '数量', '件数', '表', ''));
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const compact = parts.join('');
      assert.deepEqual([...eraKeysIn(compact)].sort(), keys.filter((k) => compact.includes(k)).sort());
    }), { numRuns: 2000 });
  });

  test('real reports: 2019 Shanghai (2019 format), 2013 Pingtan (2008), 2024 Huai\'an (2021)', () => {
    const cases: [string, string, number][] = [
      ['2019-shanghai-city-govoffice.html', '2019', 2019],
      ['2013-fujian-pingtan-localtax.txt', '2008', 2013],
      ['2024-huaian-city.md', '2021', 2024],
      ['2020-fujian-pingtan-zone-crawltext.txt', '2019', 2020],
    ];
    for (const [f, era, year] of cases) {
      const m = meta(readFileSync(`${REAL}/${f}`, 'utf8'));
      assert.equal(m.era, era, f);
      assert.equal(m.year, year, f);
    }
  });
});

test('a wrapped Markdown title: its range starts after the # marks, as its text does', () => {
  const src = '# 2024 年上海市科委政府信息公开工作\n年度报告\n\n一、总体情况\n\n本年度……\n';
  const { meta } = parseReport(src, { format: 'markdown' }).model;
  assert.equal(meta.title, '2024 年上海市科委政府信息公开工作年度报告');
  assert.deepEqual(meta.titleRange?.start, { line: 0, character: 2 });
});

test('the format document\'s citation is found where a regex starting at its bracket finds it, and points at the bracket', () => {
  // The plain reading of 〔2019〕60号 in its three bracket styles: the oracle the faster regexes must agree with.
  const plain = { '2019': /〔\s{0,8}2019\s{0,8}〕\s{0,8}60\s{0,8}号|\(\s{0,8}2019\s{0,8}\)\s{0,8}60\s{0,8}号|\[\s{0,8}2019\s{0,8}\]\s{0,8}60\s{0,8}号/, '2021': /〔\s{0,8}2021\s{0,8}〕\s{0,8}30\s{0,8}号|\(\s{0,8}2021\s{0,8}\)\s{0,8}30\s{0,8}号|\[\s{0,8}2021\s{0,8}\]\s{0,8}30\s{0,8}号/ };
  const tokens = ['〔', '〕', '(', ')', '[', ']', '2019', '2021', '60', '30', '号', ' ', '  ', '\n', '\u3000', '\t', '函', '1', '9', ' '.repeat(8), ' '.repeat(9),
    // Whole citations, so that most texts hold some, next to the pieces that may spoil them.
    '〔2019〕60号', '( 2019 )60号', '[2021] 30 号', '〔2021〕30号', '(2019)'];
  let found = 0;
  const agree = (text: string) => {
    for (const [year, re] of [['2019', CITES_2019], ['2021', CITES_2021]] as const) {
      const expected = plain[year].exec(text)?.index ?? null;
      if (expected !== null) found++;
      assert.equal(citation(text, new Matches(text), re), expected, `${year} in ${JSON.stringify(text)}`);
    }
  };
  for (const t of ['国办公开办函〔2019〕60号', '国办公开办函( 2019 ) 60 号', '[\n2021\n]30号', '〔2019)60号', '〔 2019 〕 60 号〔2021〕30号', `〔${' '.repeat(8)}2019〕60号`, `〔${' '.repeat(9)}2019〕60号`, `[2021${'\n'.repeat(8)}]30号`]) agree(t);
  assert.equal(citation('依据国办公开办函〔 2019〕60号', new Matches('依据国办公开办函〔 2019〕60号'), CITES_2019), 8);
  fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (parts) => agree(parts.join(''))), { numRuns: 3000 });
  assert.ok(found > 1000, `citations in the random texts: ${found}`);
});
