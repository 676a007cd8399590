// Analysis time stays linear in the size of the input: doubling the input at most about 2.5× the time (a ratio
// of two measurements in the same run, best of several runs, never an absolute threshold), for the shapes that
// could make a parser quadratic: prose, long lines, tables, digits and pipes. And 10 MB of digits and "|" is
// analysed at all (in a child process with a time limit, so a hang fails instead of blocking the suite).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, exampleReport } from '../../server/src/core/index';
import { tokenize } from '../../server/src/core/parse/tableTokens';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function best(fn: () => void, runs = 4): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); fn(); b = Math.min(b, performance.now() - t0); }
  return b;
}

const repeat = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
const shapes: Record<string, (chars: number) => string> = {
  'reports one after another': (n) => repeat(exampleReport() + '\n', n),
  'crawler text on one line': (n) => repeat(readFileSync(path.join(CORPUS, 'real/2021-fujian-pingtan-zone-crawltext.txt'), 'utf8').replace(/\n/g, ''), n),
  'a pipe table of numbers': (n) => repeat('| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n', n),
  'digits and pipes': (n) => repeat('0123456789|', n),
  'digits and commas': (n) => repeat('1,234,5', n),
  'one long line of prose': (n) => repeat('本机关认真贯彻落实条例，全年主动公开政府信息320条，', n),
  'headings only': (n) => repeat('一、总体情况\n（一）主动公开\n1.工作\n', n),
  'shares in one endless sentence': (n) => repeat('政府网站14条，占9.6%，', n),
  'table-3 labels over and over': (n) => repeat('一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1 （七）总计 3.其他 ', n),
  'an HTML page of table rows': (n) => '<html><body><table>' + repeat('<tr><td>自然人</td><td>&nbsp;</td><td>12</td></tr>', n) + '</table></body></html>',
  'unclosed HTML tables': (n) => repeat('<table><tr><td>1</td>', n),
};

for (const [name, make] of Object.entries(shapes)) {
  test(`linear time: ${name}`, () => {
    const small = make(150_000), large = make(300_000);
    analyze(small);
    const a = best(() => analyze(small));
    const b = best(() => analyze(large));
    // Add a little to both so that sub-millisecond noise cannot fake a ratio.
    const ratio = (b + 2) / (a + 2);
    assert.ok(ratio < 2.8, `doubling the input took ${ratio.toFixed(2)}× as long (${a.toFixed(1)} ms → ${b.toFixed(1)} ms)`);
  });
}

// A table row followed by thousands of empty cells (found by fuzzing: dropping them one at a time was quadratic,
// 40,000 took 3.6 s). Within the 40,000 characters a table-3 stretch is read over, so sized here, not by the shapes above.
const T3_ROW = '| 一、本年新收政府信息公开申请数量 |  |  | 10 | 2 | 0 | 0 | 0 | 0 | 12 |';
const emptyCells: Record<string, (cells: number) => string> = {
  'pipes': (k) => exampleReport().replace(T3_ROW, T3_ROW + '|'.repeat(k)),
  'tabs': (k) => exampleReport().replace(T3_ROW, '一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t0\t0\t12' + '\t'.repeat(k)),
};
for (const [name, make] of Object.entries(emptyCells)) {
  test(`linear time: a table row with thousands of empty cells (${name})`, () => {
    assert.ok(exampleReport().includes(T3_ROW));
    const small = make(12_000), large = make(24_000);
    analyze(small);
    const a = best(() => analyze(small));
    const b = best(() => analyze(large));
    const ratio = (b + 2) / (a + 2);
    assert.ok(ratio < 2.8, `doubling the empty cells took ${ratio.toFixed(2)}× as long (${a.toFixed(1)} ms → ${b.toFixed(1)} ms)`);
  });
}

test('10 MB of digits and "|" is analysed without hanging', () => {
  const script = `require('tsx/cjs'); const { analyze } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/core/index.ts'))});
    const t = '0123456789|'.repeat(1e6); const r = analyze(t); process.stdout.write(String(r.diagnostics.length));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 20 });
  assert.equal(r.error, undefined, `did not finish: ${String(r.error)}`);
  assert.equal(r.status, 0, r.stderr);
});

// A plain table line is read from each number on: a number with unboundedly many thousands groups made a long run of
// ',234' quadratic to tokenise (review: 160,000 characters took 2.3 s). Tokenised alone, as the table reader reads a
// stretch (an analysis reads at most 40,000 characters of a table's stretch, which hides it).
test('linear time: tokenising a run of thousands groups that never ends a number', () => {
  const make = (k: number) => '本年新收 1' + ',234'.repeat(k) + ',';
  const small = make(20_000), large = make(40_000);
  tokenize(small, 0, small.length);
  const a = best(() => tokenize(small, 0, small.length));
  const b = best(() => tokenize(large, 0, large.length));
  const ratio = (b + 2) / (a + 2);
  assert.ok(ratio < 2.8, `doubling the run took ${ratio.toFixed(2)}× as long (${a.toFixed(1)} ms → ${b.toFixed(1)} ms)`);
});
