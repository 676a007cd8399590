// The parser's model of every corpus report against the expectations written by reading them
// (test/corpus/expected/*.json): era, year, top-level sections with their statutory items, and every cell
// of the standard tables. KNOWN lists the differences we have looked at and accept for now, each with its
// reason; a KNOWN entry that stops occurring fails too, so the list stays true.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compareModel, EXPECTED_DIR, loadExpected, parseCorpusFile } from './compare';

const KNOWN: Record<string, { what: string; why: string }[]> = {
  'real/2024-shanghai-stcsm.md': [
    { what: 'section items 二、工作机制保障', why: 'sub-topics of 总体情况 numbered as top-level parts; we do not attribute them to 总体情况 (section-numbering reports the restart)' },
    { what: 'section items 五、政府信息管理', why: 'same' },
    { what: 'section items 六、政府信息公开平台建设', why: 'same' },
  ],
  'real/2025-shanghai-city-govoffice.md': [
    { what: 'T2 第二十条第（一）项|规章|现行有效件数', why: 'the converter split table 2 over two fragments and dropped a cell; the row reads 22, 235 with one cell missing' },
    { what: 'T2 第二十条第（一）项|行政规范性文件|本年废止件数', why: 'same fragment: the notes （含自然失效29件） sit in the text before the table' },
    { what: 'T2 第二十条第（一）项|行政规范性文件|现行有效件数', why: 'same' },
  ],
  'seeds/003_338e458cfad22ec9.txt': [
    { what: 'section items 一、\u00a0 主要做法', why: 'the reader counted 主动公开 as covered by 主要做法; the text says 政务公开, not 主动公开' },
  ],
};

describe('corpus model', () => {
  for (const name of readdirSync(EXPECTED_DIR).sort()) {
    const exp = loadExpected(name);
    test(exp.file, () => {
      const { mismatches } = compareModel(exp, parseCorpusFile(exp.file));
      const known = KNOWN[exp.file] ?? [];
      const unexplained = mismatches.filter((m) => !known.some((k) => k.what === m.what));
      assert.deepEqual(unexplained.map((m) => `${m.what}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`), []);
      const stale = known.filter((k) => !mismatches.some((m) => m.what === k.what));
      assert.deepEqual(stale.map((k) => k.what), [], 'KNOWN entries that no longer occur: remove them');
    });
  }
  test('cell agreement over the whole corpus', () => {
    let checked = 0, ok = 0;
    for (const name of readdirSync(EXPECTED_DIR)) {
      const exp = loadExpected(name);
      const r = compareModel(exp, parseCorpusFile(exp.file));
      checked += r.cellsChecked; ok += r.cellsOk;
    }
    assert.ok(checked > 2900, `${checked} cells checked`);
    assert.equal(checked - ok, 3, 'only the three cells of the 2025 Shanghai fragment differ');
  });
});
