// The matching view of a text (spec §6.5, §6.6): NFKC, traditional → simplified, pinyin removal, unified quotes
// and enumerators — and an origin map that sends every unit of the view back to the exact source offset.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, compactKey, labelKey, LineIndex, normalizeForMatching } from '../../server/src/core/index';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { isKeyCode, KEY_DROP } from '../../server/src/core/text/normalize';
import { TRADITIONAL_PATH, traditionalFileText } from '../../scripts/gen-traditional';
import { isSpaceCode, toSource, toSourceEnd, type FlatMappedText, type MappedText } from '../../server/src/core/text/normalize';

/** The origin map's own invariants: one entry per unit plus the end, non-decreasing, within the source. */
function assertWellFormed(src: string, m: FlatMappedText): void {
  assert.equal(m.origin.length, m.text.length + 1, 'origin has one entry per unit plus the end');
  assert.equal(m.origin[m.text.length], src.length, 'origin[text.length] is the source length');
  for (let i = 0; i < m.text.length; i++) {
    assert.ok(m.origin[i]! >= 0 && m.origin[i]! < src.length, `origin[${i}] = ${m.origin[i]} outside the source`);
    assert.ok(m.origin[i]! <= m.origin[i + 1]!, `origin decreases at ${i}`);
  }
}

/** Source text behind view[start, end). */
const back = (src: string, m: MappedText, start: number, end: number) => src.slice(toSource(m, start), toSourceEnd(m, end, src));

/** Finds `label` in the view and returns the source text its range maps to. */
function sourceOf(src: string, m: MappedText, label: string, from = 0): string {
  const at = m.text.indexOf(label, from);
  assert.ok(at >= 0, `${JSON.stringify(label)} not in ${JSON.stringify(m.text)}`);
  return back(src, m, at, at + label.length);
}

describe('normalizeForMatching: what the view says', () => {
  test('every line break is one LF in the view: a CR alone at its offset, a CRLF at its CR (where the line ends)', () => {
    const v = normalizeForMatching('一\r二\r\n三\n\r四\r');
    assert.equal(v.text, '一\n二\n三\n\n四\n');
    assert.deepEqual(Array.from(v.origin), [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]);
    // A range ending on the line break ends after the whole CRLF.
    assert.equal(toSourceEnd(v, 4, '一\r二\r\n三\n\r四\r'), 5);
    // What the checks allow between a number and its unit does not change with the line endings (metamorphic tests:
    // 行政复议 351, two spaces, a line break, 件 was read under LF and not under CRLF).
    const lf = '行政复议 351  \n件\n\n不予处理3\n\n件';
    assert.equal(normalizeForMatching(lf.replace(/\n/g, '\r\n')).text, normalizeForMatching(lf).text);
  });

  test('NFKC: full-width brackets, colon and digits become ASCII, one unit for one', () => {
    const src = '（一）予以公开：０１２３４５６７８９';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '(一)予以公开:0123456789');
    assertWellFormed(src, m);
    // a 1:1 mapping: every unit comes from the source unit at the same offset
    assert.deepEqual(Array.from(m.origin), Array.from({ length: src.length + 1 }, (_, i) => i));
    for (let i = 0; i < 10; i++) {
      const at: number = m.text.indexOf(String(i));
      assert.equal(src.charCodeAt(m.origin[at]!), 0xff10 + i, `digit ${i} maps back to the full-width digit`);
    }
  });

  test('NFKC expansions (㈠, ⑴) map every produced unit to the one source character', () => {
    const src = '㈠予以公开⑴';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '(一)予以公开(1)');
    assertWellFormed(src, m);
    assert.deepEqual(Array.from(m.origin), [0, 0, 0, 1, 2, 3, 4, 5, 5, 5, 6]);
    assert.equal(sourceOf(src, m, '(一)予以公开'), '㈠予以公开');
    assert.equal(sourceOf(src, m, '(一)'), '㈠');
    assert.equal(sourceOf(src, m, '予以公开'), '予以公开');
    assert.equal(sourceOf(src, m, '(1)'), '⑴');
    // a range that ends inside an expansion still covers the whole source character
    assert.equal(back(src, m, 0, 2), '㈠');
  });

  test('traditional → simplified, including the Taiwan-phrase artefact 檔案 → 文件 (spec §6.5)', () => {
    const cases: [string, string][] = [
      ['主動公開政府信息情況', '主动公开政府信息情况'],
      ['規範性檔案', '规范性文件'],
      ['四、政府信息公開行政復議、行政訴訟情況', '四、政府信息公开行政复议、行政诉讼情况'],
      ['本年製發件數', '本年制发件数'],
      ['（七）總計', '(七)总计'],
      // A report converted character by character keeps the mainland words, which are no Taiwan phrases to read back
      // (Taiwan → mainland phrase tables made 规范性文档 of 規範性文件, and 数据 of 資料).
      ['行政規範性文件', '行政规范性文件'],
      ['檔案資料', '文件资料'],
      ['縣檔案館、圖書館', '县档案馆、图书馆'],
    ];
    for (const [src, want] of cases) {
      const m = normalizeForMatching(src);
      assert.equal(m.text, want, src);
      assertWellFormed(src, m);
      // same length here: each simplified character sits at its traditional one's offset
      assert.deepEqual(Array.from(m.origin), Array.from({ length: src.length + 1 }, (_, i) => i), src);
    }
  });

  test('a traditional label maps back to exactly the traditional text in the source', () => {
    const src = '前文。\n（三）不予公開\t2.其他法律行政法規禁止公開\t0\n規範性檔案\t1\n';
    const m = normalizeForMatching(src);
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '2.其他法律行政法规禁止公开'), '2.其他法律行政法規禁止公開');
    assert.equal(sourceOf(src, m, '(三)不予公开'), '（三）不予公開');
    assert.equal(sourceOf(src, m, '规范性文件'), '規範性檔案');
  });

  test('pinyin in full-width brackets after a character is removed (公（gōng）開)', () => {
    const src = '政府信息公（gōng）開工作報（bào）告';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '政府信息公开工作报告');
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '公开'), '公（gōng）開');
    assert.equal(src[m.origin[m.text.indexOf('开')]!], '開');
    assert.equal(src[m.origin[m.text.indexOf('告')]!], '告');
    // 政0 府1 信2 息3 公4 （gōng）5–10 開11 工12 作13 報14 （bào）15–19 告20
    assert.deepEqual(Array.from(m.origin), [0, 1, 2, 3, 4, 11, 12, 13, 14, 20, 21]);
  });

  test('a range that ends just before removed pinyin maps to the characters only, not the pinyin after them', () => {
      const src = '政府信息公（gōng）開工作報（bào）告';
      const m = normalizeForMatching(src);
      assert.equal(sourceOf(src, m, '开工作报'), '開工作報');
      assert.equal(sourceOf(src, m, '公'), '公');
    });

  test('pinyin in ASCII brackets after a character is removed (公(gōng)開, 文(wen)章 — spec §6.5)', () => {
      for (const [src, want] of [['公(gōng)開', '公开'], ['文(wen)章(zhang)', '文章'], ['號(hào)', '号']] as const) {
        const m = normalizeForMatching(src);
        assert.equal(m.text, want, src);
        assertWellFormed(src, m);
      }
      const src = '年度报(bào)告';
      const m = normalizeForMatching(src);
      assert.equal(sourceOf(src, m, '报告'), '报(bào)告');
    });

  test('brackets that are not pinyin stay: Latin after Latin, enumerators, Chinese notes', () => {
    for (const src of ['a(b)c', '第(一)项', '规章(设区的市)', 'PDF(abc)']) {
      assert.equal(normalizeForMatching(src).text, src);
    }
  });

  test('quotes are unified: “” ‘’ 「」 『』 ＂ all become "', () => {
    const src = '3.危及“三安全一稳定”‘a’「b」『c』＂d＂';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '3.危及"三安全一稳定""a""b""c""d"');
    assertWellFormed(src, m);
    assert.deepEqual(Array.from(m.origin), Array.from({ length: src.length + 1 }, (_, i) => i));
    assert.equal(labelKey('3.危及“三安全一稳定”'), labelKey('3.危及"三安全一稳定"'));
    assert.equal(labelKey('3.危及「三安全一稳定」'), labelKey('3.危及"三安全一稳定"'));
  });

  test('enumerators: 1、 and 1． become 1.; a 、 between numbers stays', () => {
    const src = '1、属于国家秘密\n2．重复申请\n（3）其他\n共12、3件';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '1.属于国家秘密\n2.重复申请\n(3)其他\n共12、3件');
    assertWellFormed(src, m);
    assert.deepEqual(Array.from(m.origin), Array.from({ length: src.length + 1 }, (_, i) => i));
    assert.equal(sourceOf(src, m, '1.属于'), '1、属于');
    assert.equal(sourceOf(src, m, '2.重复'), '2．重复');
  });

  test('thousands separators (ASCII commas: 1,234) are left out, the digits keep their origins; other commas stay', () => {
    const src = '受理申请1,234件，收费12,345,678.5元，共１,２３４条\n1,2,3项；2019,2020年；0.123,456；1,2345；本年,1,234,其中；1，234件\n1,000\n,234';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '受理申请1234件,收费12345678.5元,共1,234条\n1,2,3项;2019,2020年;0.123,456;1,2345;本年,1234,其中;1234件\n1000\n,234');
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '1234件'), '1,234件');
    assert.equal(sourceOf(src, m, '12345678.5'), '12,345,678.5');
    // A comma between full-width digits is no separator here.
    assert.ok(m.text.includes('1,234条'));
    // A full-width comma is prose punctuation (受理12，办结345件) unless a unit of count follows the group (fuzzing:
    // 现场咨询1，600人次 was read as 600, a false percent-mismatch).
    assert.equal(normalizeForMatching('现场咨询1，600人次，公布2，599条；1，600 件\n受理12，办结345件，12，345，其中；第1，234号').text,
      '现场咨询1600人次,公布2599条;1600 件\n受理12,办结345件,12,345,其中;第1,234号');
    assert.equal(sourceOf('咨询1，600人次', normalizeForMatching('咨询1，600人次'), '1600'), '1，600');
    // Numbers that name things are no quantities: after 第 or before 号 the commas separate a list.
    assert.equal(normalizeForMatching('依申请公开第101,102号，答复101,102號文件，收到101,102件').text, '依申请公开第101,102号,答复101,102号文件,收到101102件');
    // Line-local, as every normalisation: a comma at a line's start is punctuation.
    assert.equal(m.text.split('\n').length, src.split('\n').length);
    // A run of digits and commas is read once however long (each comma would otherwise look at its neighbours).
    const long = '1,'.repeat(200_000);
    assert.equal(normalizeForMatching(long).text, long);
  });

  test('zero-width spaces and joiners and soft hyphens are left out (fuzzing: a cell 0 with one after it was no number)', () => {
    const src = '规\u200b章\t0\u200b\t1\u2060 2\u200d\t行政\u00ad许可\t4\u00ad47';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '规章\t0\t1 2\t行政许可\t447');
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '规章'), '规\u200b章');
  });

  test('circled numbers ① … ⑳ are kept (a heading level of their own), not turned into digits', () => {
    const circled = Array.from({ length: 20 }, (_, i) => String.fromCharCode(0x2460 + i)).join('');
    const m = normalizeForMatching(circled);
    assert.equal(m.text, circled);
    assertWellFormed(circled, m);
    assert.deepEqual(Array.from(m.origin), Array.from({ length: circled.length + 1 }, (_, i) => i));
    assert.equal(normalizeForMatching('①加强领导').text, '①加强领导');
  });

  test('an astral character (𠮷) before a label does not shift the offsets after it', () => {
    const src = '𠮷𠮷（一）予以公開\n𠮷 2.重复申请';
    const m = normalizeForMatching(src);
    assert.equal(m.text, '𠮷𠮷(一)予以公开\n𠮷 2.重复申请');
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '(一)予以公开'), '（一）予以公開');
    assert.equal(sourceOf(src, m, '𠮷'), '𠮷');
    assert.equal(sourceOf(src, m, '2.重复申请'), '2.重复申请');
    assert.equal(m.origin[m.text.indexOf('(')], 4);
  });

  test('CRLF line endings are kept; every unit stays on the line of its source', () => {
    const src = '一、總體情況\r\n（一）主動公開\r\n公（gōng）開 ０１\r\n\r\n規範性檔案 “三安全一稳定”\r\n𠮷㈠结束\r\n';
    const m = normalizeForMatching(src);
    assertWellFormed(src, m);
    const a = new LineIndex(src), b = new LineIndex(m.text);
    assert.equal(b.lineCount, a.lineCount, 'line count preserved');
    for (let i = 0; i < m.text.length; i++) {
      assert.equal(b.positionAt(i).line, a.positionAt(m.origin[i]!).line, `unit ${i} (${JSON.stringify(m.text[i])}) changed line`);
    }
    assert.equal(sourceOf(src, m, '规范性文件'), '規範性檔案');
    assert.equal(sourceOf(src, m, '(一)主动公开'), '（一）主動公開');
  });

  test('line count is preserved for lone CR, LF and mixed endings', () => {
    for (const src of ['a\rb\nc\r\nd', '\r\r\n\n', '公（gōng）\r開\n']) {
      const m = normalizeForMatching(src);
      assertWellFormed(src, m);
      assert.equal(new LineIndex(m.text).lineCount, new LineIndex(src).lineCount, JSON.stringify(src));
    }
  });

  test('lone surrogates and control characters pass through with a well-formed map', () => {
    const src = 'a\ud800b\udc00c\u0000\u0007（一）';
    const m = normalizeForMatching(src);
    assertWellFormed(src, m);
    assert.equal(sourceOf(src, m, '(一)'), '（一）');
  });
});

describe('label keys (spec §6.6)', () => {
  test('equivalent spellings of a label have the same key', () => {
    const groups: string[][] = [
      ['（一）予以公开', '(一)予以公开', '（一） 予以公开'],
      ['总计', '总 计', '總計'],
      ['1.属于国家秘密', '1、属于国家秘密', '1．属于国家秘密', '1. 属于国家秘密'],
      ['第二十条第（一）项', '第二十条第(一)项', '第二十条 第（一）项', '第二十条第一项'],
      ['2.其他法律行政法规禁止公开', '2.其他法律行政法規禁止公開'],
      ['规范性文件', '規範性檔案'],
    ];
    for (const g of groups) for (const s of g) assert.equal(labelKey(s), labelKey(g[0]!), `${s} vs ${g[0]}`);
  });

  test('different labels keep different keys', () => {
    assert.notEqual(labelKey('（一）予以公开'), labelKey('（二）部分公开'));
    assert.notEqual(labelKey('本年制发件数'), labelKey('本年新制作数量'));
    assert.notEqual(labelKey('第二十条第（一）项'), labelKey('第二十条第（五）项'));
  });

  test('compactKey drops whitespace, brackets and punctuation only', () => {
    assert.equal(compactKey('(一) 予以公开:'), '一予以公开');
    assert.equal(compactKey('"三安全一稳定"'), '三安全一稳定');
    assert.equal(compactKey('本年增/减'), '本年增/减');
  });

  test('compactKey drops (and isKeyCode refuses) exactly the UTF-16 units KEY_DROP matches (every one of the 65,536), in any string', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(compactKey(`甲${ch}乙`), KEY_DROP.test(ch) ? '甲乙' : `甲${ch}乙`, `U+${c.toString(16)}`);
      assert.equal(isKeyCode(c), !KEY_DROP.test(ch), `U+${c.toString(16)}`);
    }
    const byRegex = new RegExp(KEY_DROP.source.replace(/^\^|\$$/g, ''), 'g');
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\u3000', '（', '）', '。', '|', '—', '\t', '\n'), fc.constantFrom('一', '予', 'a', '𠮷')) }), (s) => {
      assert.equal(compactKey(s), s.replace(byRegex, ''));
    }));
  });
});

describe('traditional characters', () => {
  test('the generated table is what OpenCC says today (npm run gen:traditional)', () => {
    assert.equal(readFileSync(TRADITIONAL_PATH, 'utf8'), traditionalFileText(), 'traditional.generated.ts is out of date: run npm run gen:traditional');
  });

  test('every character the table marks is converted, every other is left as it is', () => {
    // Read through the table: a traditional phrase, a repost phrase (檔案: its 檔 is in the table, as OpenCC makes it 档), simplified text.
    assert.equal(normalizeForMatching('政府資訊公開').text, '政府信息公开');
    assert.equal(normalizeForMatching('檔案').text, '文件');
    assert.equal(normalizeForMatching('政府信息公开').text, '政府信息公开');
  });
});

describe('LineIndex', () => {
  test('positions and offsets round-trip over LF, CRLF, lone CR and astral characters', () => {
    const src = 'ab\r\n𠮷c\rd\n\ne';
    const li = new LineIndex(src);
    assert.equal(li.lineCount, 5);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(6), { line: 1, character: 2 }, 'UTF-16 units: 𠮷 counts 2');
    assert.deepEqual(li.positionAt(8), { line: 2, character: 0 }, 'lone CR ends a line');
    assert.deepEqual(li.positionAt(src.length), { line: 4, character: 1 });
    for (let o = 0; o <= src.length; o++) {
      const p = li.positionAt(o);
      // offsets inside a CRLF pair map to the end of the line's content
      if (src[o - 1] === '\r' && src[o] === '\n') continue;
      assert.equal(li.offsetAt(p), o, `offset ${o}`);
    }
    assert.equal(li.lineEnd(0), 2, 'line content ends before CRLF');
    assert.equal(li.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
    assert.equal(li.offsetAt({ line: 99, character: 0 }), src.length);
  });
});

test('a text that starts with U+FEFF keeps it: offsets stay exact and traditional script after it converts', () => {
  // (TextDecoder drops a leading BOM by default; every offset after it was one off, and the conversion threw.)
  const r = normalizeForMatching('\uFEFF公(gōng)開');
  assert.equal(r.text, '\uFEFF公开');
  assert.deepEqual(Array.from(r.origin), [0, 1, 8, 9]);
  const { parsed } = analyze('\uFEFF二、主动公開政府信息情况\n', { format: 'text' });
  assert.equal(parsed.model.sections[0]?.headingRange.start.character, 1);
});

test('isSpaceCode agrees with \\s and trim on every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    assert.equal(isSpaceCode(c), /\s/.test(ch), `U+${c.toString(16)} against \\s`);
    assert.equal(isSpaceCode(c), ch.trim() === '', `U+${c.toString(16)} against trim`);
  }
});
