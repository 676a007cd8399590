/**
 * An editing session keeps one version's text alive, not all of them: what is remembered across versions (sentence
 * findings, heading titles, section titles and ranges) must own its strings, since in V8 a slice of 13 characters or
 * more keeps the whole text it was cut from alive. 150 versions of a 300,000-character report, each changing a
 * sentence with percentages and a heading, analysed incrementally as the language server does: the heap after a
 * full garbage collection grows by far less than one text per version. (A heap measurement, not a timing.)
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze, exampleReport } from '../../server/src/core/index';
import type { RuleContext } from '../../server/src/core/checks/types';
import { textMatches } from '../../server/src/core/checks/rules/util';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => { gc(); gc(); return process.memoryUsage().heapUsed; };

test('150 edited versions of a 300,000-character report do not keep their texts alive', () => {
  const prose = '本机关持续推进政务公开标准化规范化建设，进一步完善信息发布审核机制。\n'.repeat(9000);
  const base = exampleReport({ extraIntro: '全年公开政府信息总数为146条，其中政府网站14条，占9.6%，政务微博101条，占69.2%，政务微信25条，占17.1%，其他方式6条，占4.1%。' })
    .replace('## 二、', `${prose}\n## 二、`);
  assert.ok(base.length > 300_000);
  let text = base;
  let prev = analyze(text, { format: 'markdown' });
  let at30 = 0;
  for (let v = 1; v <= 150; v++) {
    // A number in the sentence with percentages, and the title of section 二.
    // (Each version's sentence and title are new: nothing remembered from an earlier version can stand for them.)
    const mark = '甲乙丙丁戊己庚辛壬癸'[v % 10]! + '子丑寅卯辰巳午未申酉戌亥'[Math.floor(v / 10) % 12]!;
    text = text.replace(/政府网站\d+条/, `政府网站${10 + v}条`).replace(/## 二、[^\n]*/, `## 二、关于主动公开${mark}工作的情况`);
    prev = analyze(text, { format: 'markdown', previous: prev.parsed });
    if (v === 30) at30 = heapAfterGc();
  }
  const grown = heapAfterGc() - at30;
  // One version's text is 0.6 MB (two bytes a character) and its normalised text as much again.
  assert.ok(grown < 20 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over 120 versions`);
  assert.ok(prev.diagnostics.some((d) => d.code === 'heading-nonstandard'), 'the title was checked');
});

test('the matches the checks read are class instances with fast properties, of one hidden class in every version', () => {
  // An object literal with a getter closing over the version was a dictionary-mode object whose getter pair V8 puts in
  // old space: each held its version (both texts) through every scavenge until a full collection, and while typing
  // in a 1 MB report a scavenge promoted ≈ 14 MB instead of ≈ 3 MB. Asked of V8 itself: fast properties (what tells
  // the two forms apart), one hidden class.
  setFlagsFromString('--allow-natives-syntax');
  // (V8's own tests of an object: compiled while the flag is on.)
  const fast = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;
  const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
  setFlagsFromString('--no-allow-natives-syntax');
  const text = exampleReport();
  const first = analyze(text, { format: 'markdown' }).parsed;
  const second = analyze(text.replace('全年新收', '本年新收'), { format: 'markdown' }).parsed;
  const ctx = (parsed: typeof first) => ({ parsed, shared: new Map() }) as unknown as RuleContext;
  const re = /(\d{1,9})\s{0,3}件/;
  const a = textMatches(ctx(first), re), b = textMatches(ctx(second), re);
  assert.ok(a.length >= 2 && b.length >= 2, 'the example report has several counts');
  assert.ok(fast(a[0]!) && fast(b[1]!), 'fast properties');
  assert.ok(sameMap(a[0]!, a[1]!) && sameMap(a[0]!, b[0]!), 'one hidden class across matches and versions');
  assert.deepEqual(a[0]!.range, first.range(a[0]!.m.index, a[0]!.m.index + a[0]!.m[0].length));
  assert.deepEqual(Object.keys(a[0]!), ['m'], 'the parse is not an own property');
});
