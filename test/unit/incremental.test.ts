// Incremental analysis: parsing a text with the parse of an earlier version of it (parseReport's `previous`)
// must give exactly what parsing the text alone gives — the same model, the same diagnostics, the same
// normalised text, offset map, line index and regex matches — after any sequence of edits.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, exampleReport, type ParsedReport } from '../../server/src/core/index';
import { Matches, reachOf } from '../../server/src/core/text/matches';
import { differingSpan } from '../../server/src/core/text/normalize';
import { CORPUS } from './helpers';

const corpus = ['seeds', 'real'].flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => f !== 'MANIFEST.tsv').map((f) => join(CORPUS, d, f)));
const texts = [exampleReport(), ...corpus.filter((f) => !f.endsWith('.html')).map((f) => readFileSync(f, 'utf8'))];

/** Pieces that matter to the parser: line breaks, headings, table labels, numbers, traditional script, pinyin … */
const PIECES = ['\n', '\r\n', '\r', '\n\n', '## ', '# ', '一、', '二、', '（一）', '(二)', '1.', '①', '四、结转下年度继续办理', '总计', '本年新收政府信息公开申请数量',
  '收到申请12件', '办结', '件', '12', '３４', '0', '|', ' | ', '%', '、', '。', '，', 'XX', '××', '【请填写】', '某某', '自至。', '年月日',
  '資訊公開', '檔案', '公(gōng)開', '\u3000', ' ', '2024年', '2023年，我们将进一步', '（七）总计', '行政复议', '结果维持', '𠮷', '\ud800',
  '<!-- xxgknb-disable t4-total -->', '<table>', '</TABLE>', '<table><tr><td>1</td><td>2</td></tr></table>', '| a | b |', '#\n', '共公开政府信息320条（其中机构职能类20条，政策文件类100条，其他信息150条）', '占9.6%', '五、存在的主要问题及改进\n情况'];

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join('')), fc.string({ maxLength: 6 })),
  near: fc.option(fc.integer({ min: -12, max: 12 }), { nil: undefined }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 400 })),
});

/** Half of the edits land right next to something the checks read (a count, a heading, a table cell, a year …). */
const HOTSPOT = /件|申请|总计|\n|%|XX|年|、|\|/g;
function apply(text: string, e: { at: number; remove: number; insert: string; near?: number }): string {
  let at = Math.floor(e.at * text.length);
  if (e.near !== undefined) {
    const spots = [...text.matchAll(HOTSPOT)].map((m) => m.index);
    if (spots.length) at = Math.max(0, Math.min(text.length, spots[Math.floor(e.at * spots.length)]! + e.near));
  }
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** The incremental result equals the fresh one, piece by piece (the first difference is the one reported). */
function assertSame(inc: { parsed: ParsedReport; diagnostics: unknown }, fresh: { parsed: ParsedReport; diagnostics: unknown }): void {
  assert.deepEqual(inc.parsed.reuse.sniff, fresh.parsed.reuse.sniff, 'where the format was told from');
  assert.equal(inc.parsed.norm.text, fresh.parsed.norm.text, 'normalised text');
  assert.deepEqual(Array.from(inc.parsed.norm.origin), Array.from(fresh.parsed.norm.origin), 'offset map');
  assert.deepEqual(inc.parsed.lines.lineStarts, fresh.parsed.lines.lineStarts, 'line index');
  for (const re of inc.parsed.matches.cached()) {
    assert.deepEqual(inc.parsed.matches.all(re).map((m) => [m.index, ...m]), fresh.parsed.matches.all(re).map((m) => [m.index, ...m]), `matches of ${re}`);
  }
  assert.deepStrictEqual(inc.parsed.headings, fresh.parsed.headings, 'headings');
  assert.deepStrictEqual(inc.parsed.model, fresh.parsed.model, 'model');
  assert.deepStrictEqual(inc.diagnostics, fresh.diagnostics, 'diagnostics');
}

describe('incremental analysis equals analysis from scratch', () => {
  test('random edit sequences on corpus reports', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.constantFrom<'markdown' | 'text' | undefined>(undefined, 'markdown', 'text'), (which, edits, format) => {
      let text = texts[which]!;
      let prev = analyze(text, { format });
      for (const e of edits) {
        text = apply(text, e);
        const inc = analyze(text, { format, previous: prev.parsed });
        assertSame(inc, analyze(text, { format }));
        prev = inc;
      }
    }), { numRuns: 150 });
  });

  test('odd texts: one long line, digits and pipes, CR line breaks, lone surrogates, traditional script', () => {
    const odd = [
      '本机关认真贯彻落实条例，全年主动公开政府信息320条，'.repeat(4000),
      '1|2|3|45|'.repeat(20000),
      texts[1]!.replace(/\n/g, '\r').slice(0, 20000),
      texts[2]!.replace(/\n/g, '\r\n').slice(0, 20000),
      '\ud800資訊公開\udc00（一）收到申请12件。\n'.repeat(500),
    ];
    fc.assert(fc.property(fc.integer({ min: 0, max: odd.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 4 }), (which, edits) => {
      let text = odd[which]!;
      let prev = analyze(text);
      for (const e of edits) {
        text = apply(text, e);
        const inc = analyze(text, { previous: prev.parsed });
        assertSame(inc, analyze(text));
        prev = inc;
      }
    }), { numRuns: 25 });
  });

  test('a long plain text becomes Markdown and back, and gains <table> markup, far from its start', () => {
    // What tells the format is searched again only around an edit (parse/format.ts): a Markdown line or a <table>
    // written, broken or removed far from the start, and the first of several removed.
    const plain = corpus.filter((f) => f.endsWith('.txt')).map((f) => readFileSync(f, 'utf8')).find((t) => { const { sniff } = analyze(t).parsed.reuse; return sniff.format === 'text' && sniff.tableTagAt < 0; })!;
    let long = plain;
    while (long.length < 60000) long += '\n' + plain;
    const lineStart = (text: string, at: number) => text.lastIndexOf('\n', Math.floor(at * text.length)) + 1;
    const pieces = ['## 二、', '# ', '#\n', '| 1 | 2 |\n', '|', '<table>', '<table><tr><td>1</td></tr></table>', '\n\n\n', ' ', 'X'];
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom(...pieces), remove: fc.integer({ min: 0, max: 3 }), atLineStart: fc.boolean() });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
      let text = long;
      let prev = analyze(text);
      assert.equal(prev.parsed.model.format, 'text');
      for (const e of edits) {
        const at = e.atLineStart ? lineStart(text, e.at) : Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        const inc = analyze(text, { previous: prev.parsed });
        assertSame(inc, analyze(text));
        prev = inc;
      }
    }), { numRuns: 40 });
    // The first of two Markdown lines removed: still Markdown, from the second.
    const two = long.slice(0, 30000) + '\n## 一、\n' + long.slice(30000, 50000) + '\n## 二、\n' + long.slice(50000);
    const first = analyze(two);
    assert.equal(first.parsed.model.format, 'markdown');
    const without = two.replace('\n## 一、\n', '\n一、\n');
    const after = analyze(without, { previous: first.parsed });
    assert.equal(after.parsed.model.format, 'markdown');
    assertSame(after, analyze(without));
    const neither = without.replace('\n## 二、\n', '\n二、\n');
    assert.equal(analyze(neither, { previous: after.parsed }).parsed.model.format, 'text');
    // A tag or heading mark completed by what is typed after its start.
    const at = long.indexOf('\n', 40000) + 1;
    for (const [begun, typed] of [['<tab', 'le><tr><td>1</td></tr></table>'], ['#', ' 标题'], ['|', ' 1 |']]) {
      const before = long.slice(0, at) + begun + long.slice(at);
      const completed = long.slice(0, at) + begun + typed + long.slice(at);
      assertSame(analyze(completed, { previous: analyze(before).parsed }), analyze(completed));
    }
  });

  test('typing a report line by line, character by character', () => {
    const target = texts[0]!.slice(0, 3000);
    let text = '';
    let prev = analyze(text);
    for (let i = 0; i < target.length; i += 7) {
      text = target.slice(0, i + 7);
      const inc = analyze(text, { previous: prev.parsed });
      assertSame(inc, analyze(text));
      prev = inc;
    }
  });

  test('a table read with the help of a number in the prose is read again when that number changes', () => {
    // 平潭 2019–2022 (crawler text): table 2's digits ran together; a count written in the prose breaks the tie.
    const cells = (a: ReturnType<typeof analyze>) => JSON.stringify(a.parsed.model.tables.find((t) => t.kind === 'T2')?.cells.map((c) => c.value));
    let found = 0;
    for (const year of [2019, 2020, 2021, 2022]) {
      const text = readFileSync(join(CORPUS, `real/${year}-fujian-pingtan-zone-crawltext.txt`), 'utf8');
      const first = analyze(text);
      const t2 = first.parsed.reuse.tables.regions.find((r) => r.kind === 'T2')!;
      assert.ok(t2.consulted, `${year}: table 2 consulted the prose`);
      for (const m of text.matchAll(/\d{2,9}(?=\s{0,3}(?:件|条|项|个))/g)) {
        if (m.index >= t2.start - 100 && m.index < t2.start + t2.text.length + 100) continue;
        const edited = text.slice(0, m.index) + '1' + text.slice(m.index + m[0].length);
        const fresh = analyze(edited);
        if (cells(fresh) === cells(first)) continue;
        assertSame(analyze(edited, { previous: first.parsed }), fresh);
        found++;
        break;
      }
    }
    assert.ok(found > 0, 'some number in the prose decides how table 2 reads');
  });

  test('a table region that ends mid-line is read from its own text only (an edit just past it changes nothing)', () => {
    // Table 4's stretch is capped at 6,000 characters; here the cap falls right after "12", before "、汉字".
    const head = '2023年政府信息公开工作年度报告\n本年新收政府信息公开申请数量 5\n结转下年度继续办理 0\n';
    let body = head + '行政复议 结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0 0\n';
    while (body.length < head.length + 6000 - 20) body += '甲乙丙丁\n';
    body += '戊'.repeat(head.length + 6000 - 2 - body.length) + '12';
    const first = analyze(body + '、汉字说明\n后文\n');
    const t4 = first.parsed.reuse.tables.regions.find((r) => r.kind === 'T4')!;
    assert.ok(t4.text.endsWith('12'), 'the region ends right after the digits');
    const edited = body + '，汉字说明\n后文\n';
    assertSame(analyze(edited, { previous: first.parsed }), analyze(edited));
  });

  test('a heading wrapped over two lines is read again when only its second line changes', () => {
    const report = exampleReport().replace('## 一、总体情况', '一、总体\n情况');
    const edits = [(t: string) => t.replace('\n情况\n', '\n情\n'), (t: string) => t.replace('\n情\n', '\n情况\n'), (t: string) => t.replace('一、总体\n情况', '一、总体\n\n情况')];
    let text = report;
    let prev = analyze(text, { format: 'text' });
    assert.equal(prev.parsed.model.sections[0]!.item, 'overview');
    for (const edit of edits) {
      text = edit(text);
      const inc = analyze(text, { format: 'text', previous: prev.parsed });
      assertSame(inc, analyze(text, { format: 'text' }));
      prev = inc;
    }
  });

  test('an unchanged text reuses everything and an HTML page is parsed afresh', () => {
    const text = texts[1]!;
    const a = analyze(text);
    const b = analyze(text, { previous: a.parsed });
    assert.equal(b.parsed.norm, a.parsed.norm);
    const html = readFileSync(corpus.find((f) => f.endsWith('.html'))!, 'utf8');
    const h1 = analyze(html);
    const edited = html.replace('</p>', '增加</p>');
    assertSame(analyze(edited, { previous: h1.parsed }), analyze(edited));
  });
});

describe('matches carried across an edit', () => {
  test('equal a full scan for random texts and edits, including unbounded regexes', () => {
    const regexes = [/\d{1,3}件/, /[12ab]{2,40}/, /X[^\n]{0,25}件/, /a+b/, /(?<![Xx])[Xx]{2,64}(?=[^X]|$)/, /^#{1,3}\s/m, /x?/, /件$/m, /(\d)\1/];
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('1', '2', '件', 'a', 'b', 'X', 'x', '#', ' ', '\n'), maxLength: 300 }), fc.array(editArb, { minLength: 1, maxLength: 4 }), (start, edits) => {
      let text = start;
      let prev = new Matches(text);
      for (const re of regexes) prev.all(re);
      for (const e of edits) {
        const next = apply(text, { ...e, insert: e.insert.replace(/[^12件abXx# \n]/g, '1') });
        const span = differingSpan(text, next);
        const inc = span ? new Matches(next, { matches: prev, change: span }) : prev;
        const fresh = new Matches(next);
        for (const re of regexes) assert.deepEqual(inc.all(re).map((m) => [m.index, ...m]), fresh.all(re).map((m) => [m.index, ...m]), `${re} on ${JSON.stringify(next)}`);
        text = next;
        prev = inc;
      }
    }), { numRuns: 300 });
  });

  test('reach is computed from the syntax tree; unbounded regexes have none', () => {
    assert.deepEqual(reachOf('abc', ''), { behind: 1, ahead: 4 });
    assert.deepEqual(reachOf('(?<!x{0,4})a{1,3}(?=b)', ''), { behind: 6, ahead: 9 });
    assert.equal(reachOf('a+', ''), null);
    assert.equal(reachOf('(a)\\1', ''), null);
  });

  test('differingSpan finds the changed span', () => {
    assert.equal(differingSpan('abc', 'abc'), null);
    assert.deepEqual(differingSpan('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    const long = 'x'.repeat(10000);
    assert.deepEqual(differingSpan(long + 'a' + long, long + long), { start: 10000, oldEnd: 10001, newEnd: 10000 });
    assert.deepEqual(differingSpan('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  });
});
