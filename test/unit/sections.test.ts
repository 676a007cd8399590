// Headings, the section tree and the statutory items (spec §1, §2.1, §2.2, §4.2, §6.6).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze, exampleReport, parseReport, type ItemId, type Section } from '../../server/src/core/index';
import fc from 'fast-check';
import { chineseNumber, matchItems, statutoryPrefixEnd } from '../../server/src/core/parse/sections';
import { ITEMS } from '../../server/src/core/schema/sections';
import { compactKey, isKeyCode } from '../../server/src/core/text/normalize';
import { REAL, slice } from './helpers';

const flat = (ss: Section[]): Section[] => ss.flatMap((s) => [s, ...flat(s.children)]);

const TITLE = '某县人民政府2021年政府信息公开工作年度报告\n\n';

describe('heading levels', () => {
  const src = TITLE + [
    '一、总体情况',
    '（一）主动公开',
    '正文。',
    '(二)依申请公开',
    '1.网上申请',
    '2、当面申请',
    '3．信函申请',
    '（1）邮寄',
    '①普通信件',
    '②挂号信',
    '二、主动公开政府信息情况',
    '正文。',
  ].join('\n') + '\n';
  const model = parseReport(src, { format: 'text' }).model;

  test('一、 > （一）/(一) > 1./1、/1． > （1） > ①, nested in that order', () => {
    const shape = (s: Section): unknown => [s.numbering?.style, s.numbering?.ordinal, s.children.map(shape)];
    assert.deepEqual(model.sections.map(shape), [
      ['cn', 1, [
        ['paren-cn', 1, []],
        ['paren-cn', 2, [
          ['arabic', 1, []],
          ['arabic', 2, []],
          ['arabic', 3, [
            ['paren-arabic', 1, [
              ['circled', 1, []],
              ['circled', 2, []],
            ]],
          ]],
        ]],
      ]],
      ['cn', 2, []],
    ]);
  });

  test('levels increase with depth and titles are as written (full-width brackets, 、 and ． kept)', () => {
    const all = flat(model.sections);
    assert.deepEqual(all.map((s) => s.title), ['一、总体情况', '（一）主动公开', '(二)依申请公开', '1.网上申请', '2、当面申请', '3．信函申请', '（1）邮寄', '①普通信件', '②挂号信', '二、主动公开政府信息情况']);
    for (const s of all) for (const c of s.children) assert.ok(c.level > s.level, `${c.title} under ${s.title}`);
    for (const s of all) assert.equal(slice(src, s.headingRange), s.title);
  });

  test('a section range runs from its heading to the end of its body, before the next heading of its level', () => {
    const [one, two] = model.sections;
    assert.ok(one && two);
    const body = slice(src, one.range);
    assert.ok(body.startsWith('一、总体情况'));
    assert.ok(body.trimEnd().endsWith('②挂号信'), JSON.stringify(body));
    assert.ok(!body.includes('二、主动公开'));
    assert.ok(slice(src, two.range).startsWith('二、主动公开政府信息情况'));
  });

  test('Markdown # headings and 第X部分', () => {
    const md = '# 某市2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n### 小标题\n\n正文。\n\n## 二、主动公开政府信息情况\n\n正文。\n';
    const m = parseReport(md, { format: 'markdown' }).model;
    const all = flat(m.sections);
    const one = all.find((s) => s.title.endsWith('一、总体情况'));
    const sub = all.find((s) => s.title.endsWith('小标题'));
    const two = all.find((s) => s.title.endsWith('二、主动公开政府信息情况'));
    assert.ok(one && sub && two, JSON.stringify(all.map((s) => s.title)));
    assert.ok(one.children.includes(sub), '### nests under ##');
    assert.ok(!one.children.includes(two));
    assert.equal(one.item, 'overview');
    assert.equal(two.item, 'active');

    const parts = TITLE + '第一部分 总体情况\n正文。\n第二部分 主动公开政府信息情况\n正文。\n第十部分 其他需要报告的事项\n无。\n';
    const p = parseReport(parts, { format: 'text' }).model.sections;
    assert.deepEqual(p.map((s) => [s.numbering?.style, s.numbering?.ordinal, s.item]), [['part', 1, 'overview'], ['part', 2, 'active'], ['part', 10, 'other']]);
  });

  test('a heading with its body on the same line ends at the first 。', () => {
    const s = TITLE + '一、总体情况\n（一）强化组织领导。严格执行公开制度，全年召开会议3次。\n（二）完善制度建设：印发制度2项。\n二、主动公开政府信息情况\n';
    const m = parseReport(s, { format: 'text' }).model;
    const subs = m.sections[0]!.children;
    assert.equal(subs[0]!.title, '（一）强化组织领导');
    assert.equal(slice(s, subs[0]!.headingRange), '（一）强化组织领导');
    assert.equal(subs.length, 2);
    // the section itself still contains its body
    assert.match(slice(s, subs[0]!.range), /全年召开会议3次/);
  });

  test('a statutory heading followed directly by its body on the same line', () => {
    const s = TITLE + '一、总体情况2021年，本机关认真贯彻落实条例，全年主动公开信息100条。\n二、主动公开政府信息情况：详见下表。\n三、收到和处理政府信息公开申请情况 全年新收申请3件。\n';
    const m = parseReport(s, { format: 'text' }).model;
    assert.deepEqual(m.sections.map((x) => slice(s, x.headingRange)), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']);
    assert.deepEqual(m.sections.map((x) => x.item), ['overview', 'active', 'application']);
  });

  test('CRLF line endings: headings, titles and ranges are the same as with LF', () => {
    const crlf = src.replace(/\n/g, '\r\n');
    const m2 = parseReport(crlf, { format: 'text' }).model;
    const a = flat(model.sections), b = flat(m2.sections);
    assert.deepEqual(b.map((x) => x.title), a.map((x) => x.title));
    assert.deepEqual(b.map((x) => x.headingRange), a.map((x) => x.headingRange));
    for (const x of b) assert.equal(slice(crlf, x.headingRange), x.title);
  });

  test('enumerations in prose (一是…, 二要…) and numbered prose sentences are not headings', () => {
    const s = TITLE + '一、总体情况\n一是加强组织领导，二是完善工作制度。\n二要抓好落实。\n二、主动公开政府信息情况\n';
    const all = flat(parseReport(s, { format: 'text' }).model.sections);
    assert.deepEqual(all.map((x) => x.title), ['一、总体情况', '二、主动公开政府信息情况']);
  });

  test('table row labels (一、本年新收…, 二、上年结转…, 四、结转下年度继续办理) are not headings', () => {
    const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
    const s = TITLE + '一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n'
      + `${NOTE}\t\t\t申请人情况\n`
      + '一、本年新收政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1\n'
      + '二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0\n'
      + '三、本年度办理结果\t（一）予以公开\t\t1\t0\t0\t0\t0\t0\t1\n'
      + '\t（七）总计\t\t1\t0\t0\t0\t0\t0\t1\n'
      + '四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0\n'
      + '四、政府信息公开行政复议、行政诉讼情况\n正文。\n';
    const all = flat(parseReport(s, { format: 'text' }).model.sections);
    assert.deepEqual(all.map((x) => x.title), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
  });

  test('numbering that restarts or skips is kept as found, in document order', () => {
    const s = TITLE + '一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n一、存在的主要问题及改进情况\n正文。\n';
    const m = parseReport(s, { format: 'text' }).model;
    assert.deepEqual(m.sections.map((x) => [x.numbering?.ordinal, x.item]), [[1, 'overview'], [2, 'active'], [4, 'review'], [3, 'application'], [1, 'problems']]);
    for (let i = 1; i < m.sections.length; i++) assert.ok(m.sections[i]!.headingRange.start.line > m.sections[i - 1]!.headingRange.start.line);
  });
});

describe('statutory items', () => {
  const expectItem = (title: string, id: ItemId) => {
    const got = matchItems(title);
    assert.ok(got.length > 0, `${title}: no item`);
    const best = [...got].sort((a, b) => b.confidence - a.confidence)[0]!;
    assert.equal(best.id, id, `${title}: ${JSON.stringify(got)}`);
  };

  test('2008 wordings (条例 art. 32 and §4.2 variants)', () => {
    const cases: [string, ItemId][] = [
      ['一、概述', 'overview'],
      ['一、基本工作情况', 'overview'],
      ['二、主动公开政府信息情况', 'active'],
      ['三、依申请公开政府信息情况', 'application'],
      ['三、政府信息依申请公开办理情况', 'application'],
      ['四、政府信息公开的收费及减免情况', 'fees'],
      ['四、政府信息公开支出和收费情况', 'fees'],
      ['五、因政府信息公开申请行政复议、提起行政诉讼的情况', 'review'],
      ['五、行政复议诉讼和举报投诉情况', 'review'],
      ['六、政府信息公开工作存在的主要问题及改进情况', 'problems'],
      ['六、存在问题及工作打算', 'problems'],
      ['七、其他需要报告的事项', 'other'],
      ['七、需要说明的事项', 'other'],
    ];
    for (const [t, id] of cases) expectItem(t, id);
  });

  test('2019 wordings (60号 format)', () => {
    const cases: [string, ItemId][] = [
      ['一、总体情况', 'overview'],
      ['二、主动公开政府信息情况', 'active'],
      ['三、收到和处理政府信息公开申请情况', 'application'],
      ['四、政府信息公开行政复议、行政诉讼情况', 'review'],
      ['五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
      ['六、其他需要报告的事项', 'other'],
    ];
    for (const [t, id] of cases) expectItem(t, id);
  });

  test('2021 wordings (30号 format) and observed variants', () => {
    const cases: [string, ItemId][] = [
      ['五、存在的主要问题及改进情况', 'problems'],
      ['四、因政府信息公开工作被申请行政复议提起行政诉讼情况', 'review'],
      ['五、存在问题及改进情况', 'problems'],
      ['(四)政府信息公开行政复议、行政诉讼情况', 'review'],
    ];
    for (const [t, id] of cases) expectItem(t, id);
  });

  test('traditional script (Appendix A): headings are matched after conversion', () => {
    const cases: [string, ItemId][] = [
      ['一、總體情況', 'overview'],
      ['二、主動公開政府信息情況', 'active'],
      ['三、收到和處理政府信息公開申請情況', 'application'],
      ['四、政府信息公開行政復議、行政訴訟情況', 'review'],
      ['五、存在的主要問題及改進情況', 'problems'],
      ['六、其他需要報告的事項', 'other'],
    ];
    const src = TITLE + cases.map(([t]) => `${t}\n正文。`).join('\n') + '\n';
    const m = parseReport(src, { format: 'text' }).model;
    assert.deepEqual(m.sections.map((s) => s.item), cases.map(([, id]) => id));
    // titles are shown as written
    assert.deepEqual(m.sections.map((s) => s.title), cases.map(([t]) => t));
  });

  test('a heading that names no statutory item gets none', () => {
    assert.deepEqual(matchItems('一、加强组织领导'), []);
    assert.deepEqual(matchItems('附件下载'), []);
  });

  test('chineseNumber reads the numerals used in headings', () => {
    const cases: [string, number][] = [['一', 1], ['七', 7], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['12', 12]];
    for (const [s, n] of cases) assert.equal(chineseNumber(s), n, s);
  });
});

describe('crawler text without line breaks', () => {
  test('statutory headings inside one long line are found, in order, with exact ranges', () => {
    const parts: [string, string][] = [
      ['一、总体情况', '2021年，本区认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息1200条，围绕重点领域持续深化公开。一是加强组织领导，二是完善工作制度。'],
      ['二、主动公开政府信息情况', '全年制发规范性文件5件，废止2件，现行有效30件，行政许可办理1000件。'],
      ['三、收到和处理政府信息公开申请情况', '全年新收政府信息公开申请20件，上年结转1件，办结19件，结转下年度2件。'],
      ['四、政府信息公开行政复议、行政诉讼情况', '全年发生政府信息公开行政复议1件，行政诉讼0件。'],
      ['五、存在的主要问题及改进情况', '主要问题是政策解读形式单一。下一步将丰富解读形式，提升解读质量，加强队伍建设，持续提高公开质量和实效。'],
      ['六、其他需要报告的事项', '本年度未收取信息处理费。'],
    ];
    const line = '某区人民政府2021年政府信息公开工作年度报告 本报告依据《条例》编制。' + parts.map(([h, b]) => h + b).join('') + ' 附件下载';
    assert.ok(line.length > 300 && !line.includes('\n'));
    const m = parseReport(line, { format: 'text' }).model;
    assert.deepEqual(m.sections.map((s) => s.item), ['overview', 'active', 'application', 'review', 'problems', 'other']);
    assert.deepEqual(m.sections.map((s) => slice(line, s.headingRange)), parts.map(([h]) => h));
    for (const s of m.sections) assert.equal(s.headingRange.start.line, 0);
  });

  test('real one-line crawler text (real/2021-fujian-pingtan-zone-crawltext.txt) yields the six statutory sections in order', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(`${REAL}/2021-fujian-pingtan-zone-crawltext.txt`, 'utf8');
    const m = parseReport(src).model;
    const items = m.sections.map((s) => s.item).filter((x) => x !== null);
    assert.deepEqual(items, ['overview', 'active', 'application', 'review', 'problems', 'other']);
    for (const s of m.sections.filter((x) => x.item)) {
      assert.match(slice(src, s.headingRange), /^[一二三四五六]、/);
    }
  });
});

test('a Markdown heading mark with nothing after it, before a CRLF, is not a heading (found by the property tests)', () => {
  const m = parseReport('## \r\n一、总体情况\r\n正文。\r\n').model;
  assert.deepEqual(m.sections.map((s) => s.title), ['一、总体情况']);
  assert.equal(m.sections[0]!.headingRange.end.character, '一、总体情况'.length);
});

test('a numeral that is no number (六七、) makes no numbered heading: a Markdown heading stays a heading, without numbering', () => {
  const src = '# 某县人民政府办公室2024年政府信息公开工作年度报告\n\n## 五、存在的主要问题及改进情况\n\n问题。\n\n## 六七、、其他需要报告的事项\n\n无。\n';
  const { sections } = parseReport(src, { format: 'markdown' }).model;
  const all = (ss: Section[]): Section[] => ss.flatMap((x) => [x, ...all(x.children)]);
  const odd = all(sections).find((x) => x.title === '六七、、其他需要报告的事项');
  assert.ok(odd, 'still a heading');
  assert.equal(odd.numbering, null);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(sections)), sections, 'no NaN in the model');
});

test('Markdown: an unnumbered ## heading among numbered ## headings is their sibling, not a child of the one before', () => {
  const text = exampleReport().replace('## 六、其他需要报告的事项', '## 其他需要报告的事项');
  const { parsed, diagnostics } = analyze(text, { format: 'markdown' });
  const top = parsed.model.sections.map((s) => [s.level, s.title, s.item]);
  assert.deepEqual(top.at(-1), [1, '其他需要报告的事项', 'other']);
  assert.equal(parsed.model.sections.length, 6);
  assert.deepEqual(parsed.model.sections[4]!.children, [], '五 has no sub-section');
  assert.deepEqual(diagnostics.filter((d) => d.code === 'section-missing'), [], 'so 六 is not reported missing');
  // ### under numbered ## stays below them.
  const nested = exampleReport().replace('主要问题是政策解读形式较为单一。', '### 附：整改清单\n\n主要问题是政策解读形式较为单一。');
  const five = analyze(nested, { format: 'markdown' }).parsed.model.sections[4]!;
  assert.deepEqual(five.children.map((c) => c.title), ['附：整改清单']);
});

test('statutoryPrefixEnd finds the longest statutory wording at a place, as a lookup of every compact prefix would', () => {
  const wordings = ITEMS.flatMap((item) => [...item.synonyms, ...Object.values(item.standard).filter((w): w is string => !!w).map((w) => w.replace(/^[一二三四五六七]、/, ''))]).map(compactKey);
  const whole = new Set(wordings);
  const prefixes = new Set(wordings.flatMap((k) => [...k].map((_, i) => k.slice(0, i + 1))));
  // The reference: the compact text read a character at a time, looked up as a string.
  // (A wording may go on over one line break, not at its first character.)
  const reference = (text: string, at: number) => {
    let compact = '';
    let end = -1;
    let wrapped = false;
    for (let i = at; i < Math.min(text.length, at + 48); i++) {
      if (text[i] === '\n') {
        if (wrapped || i === at) break;
        wrapped = true;
        continue;
      }
      if (!isKeyCode(text.charCodeAt(i))) continue;
      compact += text[i];
      if (whole.has(compact)) end = i + 1;
      if (!prefixes.has(compact)) break;
    }
    return end;
  };
  // Texts made of the wordings' pieces, with spaces, punctuation and line breaks between and inside them.
  const piece = fc.oneof(fc.constantFrom(...wordings), fc.constantFrom(...wordings).map((w) => w.slice(0, Math.max(1, w.length - 2))), fc.constantFrom(' ', '、', '（', '）', '\n', '　', '情况', '的', '1'));
  fc.assert(fc.property(fc.array(piece, { maxLength: 6 }), fc.nat(40), (pieces, at) => {
    const text = pieces.join('');
    assert.equal(statutoryPrefixEnd(text, at), reference(text, at), JSON.stringify(text));
  }), { numRuns: 5000 });
  assert.ok(wordings.every((w) => statutoryPrefixEnd(w, 0) === w.length), 'every wording is found whole');
});

test('headings set in bold (**一、总体情况**, from a bold Word paragraph) are the headings inside the emphasis (metamorphic tests: none was read)', () => {
  const report = exampleReport();
  const outline = (text: string) => analyze(text, { format: 'markdown' }).parsed.model.sections.map((x) => `${x.title} ${x.items.map((it) => it.id).join(',')}`);
  const diagnostics = (text: string) => analyze(text, { format: 'markdown' }).diagnostics.map((d) => `${d.range.start.line} ${d.code}`);
  for (const [open, close] of [['**', '**'], ['__', '__'], ['**', '** ']]) {
    const bold = report.replace(/^## (.+)$/gm, `${open}$1${close}`);
    assert.notEqual(bold, report);
    assert.deepEqual(outline(bold), outline(report), open);
    assert.deepEqual(diagnostics(bold), diagnostics(report), open);
  }
  // The heading's range is its text inside the emphasis.
  const text = '# 某县人民政府2024年政府信息公开工作年度报告\n\n**一、总体情况**\n\n正文。\n';
  const first = analyze(text, { format: 'markdown' }).parsed.model.sections[0]!;
  assert.equal(first.title, '一、总体情况');
  assert.deepEqual(first.headingRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
});

test('parts numbered 第一部分 … 第六部分 end the tables before them as 一、… do (metamorphic tests: 第五部分 and 第六部分 were read into 表四)', () => {
  const report = exampleReport();
  const CN = '一二三四五六';
  const parts = report.replace(/^## ([一二三四五六])、/gm, (_m, n: string) => `## 第${n}部分 `);
  assert.notEqual(parts, report);
  const outline = (text: string) => analyze(text, { format: 'markdown' }).parsed.model.sections.map((x) => `${x.numbering?.ordinal} ${x.items.map((it) => it.id).join(',')}`);
  const diagnostics = (text: string) => analyze(text, { format: 'markdown' }).diagnostics.filter((d) => d.code !== 'heading-nonstandard').map((d) => `${d.range.start.line} ${d.code}`);
  assert.deepEqual(outline(parts), outline(report));
  assert.equal(outline(parts).length, CN.length);
  assert.deepEqual(diagnostics(parts), diagnostics(report));
  const tables = (text: string) => analyze(text, { format: 'markdown' }).parsed.model.tables.map((t) => `${t.kind} ${t.cells.length} ${t.unknownRows.length}`);
  assert.deepEqual(tables(parts), tables(report));
});

test('a report that puts 四 (表四) before 三 (表三) keeps both tables: no table-missing (metamorphic tests)', () => {
  const report = exampleReport();
  const three = report.indexOf('## 三、'), four = report.indexOf('## 四、'), five = report.indexOf('## 五、');
  assert.ok(three > 0 && four > three && five > four);
  const swapped = report.slice(0, three) + report.slice(four, five) + report.slice(three, four) + report.slice(five);
  const r = analyze(swapped, { format: 'markdown' });
  const cells = (tables: typeof r.parsed.model.tables) => tables.map((t) => `${t.kind} ${t.cells.map((c) => `${c.rowId}|${c.col}=${c.value}`).join(';')}`).sort();
  assert.deepEqual(cells(r.parsed.model.tables), cells(analyze(report, { format: 'markdown' }).parsed.model.tables));
  assert.deepEqual(r.diagnostics.filter((d) => d.code.startsWith('table-')).map((d) => d.code), []);
});

test('a bold heading whose bold closes mid-line ends there; bold on the numeral only is the numeral\'s (review)', () => {
  const titles = (line: string) => analyze(`# 某县人民政府2024年政府信息公开工作年度报告\n\n${line}\n`, { format: 'markdown' }).parsed.model.sections.map((x) => x.title);
  assert.deepEqual(titles('**二、主动公开政府信息情况**全年主动公开政府信息320条。'), ['二、主动公开政府信息情况']);
  // (The title is shown as written, the bold's closing marks inside it.)
  const items = (line: string) => analyze(`# 某县人民政府2024年政府信息公开工作年度报告\n\n${line}\n`, { format: 'markdown' }).parsed.model.sections.map((x) => `${x.numbering?.ordinal} ${x.items.map((it) => it.id)}`);
  assert.deepEqual(items('**一.** 总体情况'), items('一. 总体情况'));
});

test('a statutory heading wrapped over two lines (PDF text) is one heading, its title joined (metamorphic tests: section-missing, and 四 read into 表四)', () => {
  const report = readFileSync(`${REAL}/2023-huaian-hongze-district-pdftext.txt`, 'utf8');
  const wrapped = report.replace('一、总体情况\n', '一、总体\n情况\n')
    .replace('四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、行\n政诉讼情况')
    .replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进 \n情况');
  const plain = analyze(report);
  const wrappedResult = analyze(wrapped);
  const m = wrappedResult.parsed.model;
  assert.deepEqual(m.sections.map((s) => [s.title, s.item]), plain.parsed.model.sections.map((s) => [s.title, s.item]));
  assert.deepEqual(m.sections.map((s) => s.item), ['overview', 'active', 'application', 'review', 'problems', 'other']);
  // The heading's range covers both lines.
  const four = m.sections[3]!;
  assert.equal(slice(wrapped, four.headingRange), '四、政府信息公开行政复议、行\n政诉讼情况');
  // 表四 starts after its heading, as in the unwrapped report.
  const t4 = (r: typeof plain) => r.parsed.model.tables.find((t) => t.kind === 'T4')!;
  assert.equal(t4(wrappedResult).range.start.line, t4(plain).range.start.line + 2);
  assert.deepEqual(t4(wrappedResult).cells.map((c) => c.value), t4(plain).cells.map((c) => c.value));
  const codes = (r: typeof plain) => r.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes(wrappedResult), codes(plain));
  // A wording that is whole on its line does not take the next line's text: the next line is body.
  const body = analyze('一、总体情况\n情况良好。\n五、存在的主要问题\n及时回应关切不够。\n', { format: 'text' }).parsed.model.sections;
  assert.deepEqual(body.map((s) => s.title), ['一、总体情况', '五、存在的主要问题']);
  assert.deepEqual(body.map((s) => s.headingRange.end.line), [0, 2]);
});

test('one-line crawler text with a short introduction: a table starts after the statutory heading before it, not at the line start (LSP tests: 一 and 二 were lost, section-missing)', () => {
  const real = readFileSync(`${REAL}/2020-fujian-pingtan-zone-crawltext.txt`, 'utf8');
  // The title, a short 一、总体情况 and then the report from 二、 on: 表二's first title is under 400 characters into the line.
  const short = `平潭综合实验区2020年政府信息公开工作年度报告 一、总体情况 ${'本机关依法做好政府信息公开工作。'.repeat(5)}${real.slice(real.indexOf('二、主动公开政府信息情况'))}`;
  assert.ok(short.indexOf('第二十条') < 400);
  const { parsed, diagnostics } = analyze(short);
  assert.deepEqual(parsed.model.sections.map((s) => s.item), ['overview', 'active', 'application', 'review', 'problems', 'other']);
  assert.ok(!diagnostics.some((d) => d.code === 'section-missing'), diagnostics.map((d) => d.code).join());
  const t2 = parsed.model.tables.find((t) => t.kind === 'T2')!;
  assert.match(short.slice(0, t2.range.start.character), /二、主动公开政府信息情况\s*$/);
  // Its rows are read as in the report (how run-together digits split may depend on the prose's numbers, cut here).
  const rows = (r: typeof parsed) => [...new Set(r.model.tables.find((t) => t.kind === 'T2')!.cells.map((c) => c.rowId))];
  assert.deepEqual(rows(parsed), rows(analyze(real).parsed));
});

test('a label with numbers in tab-separated cells after it is a table row, not a heading, even outside a table read (LSP tests: a 表三 pasted twice became outline sections)', () => {
  // The report, then its 三 and 四 pasted again with 表三 as tab-separated text (the report's own 表三 is the one read).
  const again = ['## 三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量\t80\t1\t0', '三、本年度办理结果\t（一）予以公开\t22\t0',
    '（二）部分公开\t19\t—', '1.属于国家秘密\t0\t0', '## 四、政府信息公开行政复议、行政诉讼情况', '', '五、存在的主要问题及改进情况\t（见附件）', ''].join('\n');
  const once = analyze(exampleReport(), { format: 'markdown' }).parsed.model.sections;
  const twice = analyze(`${exampleReport()}\n${again}`, { format: 'markdown' }).parsed.model.sections;
  const titles = (ss: Section[]) => ss.flatMap(function walk(s): string[] { return [s.title, ...s.children.flatMap(walk)]; });
  // A heading followed by a tab and words (no number cell) stays one.
  assert.deepEqual(titles(twice), [...titles(once), '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况']);
});
