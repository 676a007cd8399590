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

test('typing in a table row label of a 360,000-character report keeps no version of its text alive', () => {
  // The table reader remembers the keys of the labels it has read; a key that was the label itself (nothing to
  // drop) was a slice of that version's text, so each keystroke in a label of 13 characters or more kept a whole
  // version alive (≈ 0.7 MB each here).
  const pad = '本机关认真贯彻落实政府信息公开条例，不断提升政府信息公开工作质量和水平。'.repeat(20) + '\n\n';
  const label = '本单位自行增加的统计项目名称甲';
  const row = '| 四、结转下年度继续办理 |';
  let text = exampleReport();
  const at0 = text.indexOf('## 二');
  text = text.slice(0, at0) + pad.repeat(500) + text.slice(at0);
  text = text.replace(row, `| ${label} |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n${row}`);
  assert.ok(text.length > 350_000);
  let prev = analyze(text, { format: 'markdown' });
  assert.ok(prev.diagnostics.some((d) => d.code === 'table-row-unknown' && d.message.includes(label)), 'the row is read as an unknown row');
  let at = text.indexOf(label) + label.length;
  let at10 = 0;
  for (let v = 1; v <= 60; v++) {
    text = text.slice(0, at) + '字' + text.slice(at);
    at++;
    prev = analyze(text, { format: 'markdown', previous: prev.parsed });
    if (v === 10) at10 = heapAfterGc();
  }
  const grown = heapAfterGc() - at10;
  assert.ok(grown < 12 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over 50 versions`);
});

test('a table carried to a later version keeps nothing of the text it was read from', async () => {
  // Version 1 has 1,000,000 characters of prose; version 2 drops them and keeps the tables, which it reuses (their
  // strings are made their own then). Holding version 2 holds about what a fresh parse of it does, nothing of
  // version 1's texts (without the copy: 2 MB more, version 1's normalised text).
  const prose = '本机关持续推进政务公开标准化规范化建设，进一步完善信息发布审核机制。\n'.repeat(30_000);
  // A row label of 13 characters or more: V8 would keep it as a slice of the text it was read from.
  const row = '| 四、结转下年度继续办理 |';
  const small = exampleReport().replace(row, `| 本单位自行增加的统计项目名称甲 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n${row}`);
  const big = small.replace('## 二、', `${prose}\n## 二、`);
  assert.ok(big.length > 1_000_000);
  // What the heap holds, with what it holds outside itself (Node decodes a text of over 1 MB into an external
  // string), once collections and the finalisers after them have run.
  const memory = async () => {
    for (let k = 0; k < 3; k++) { heapAfterGc(); await new Promise((r) => setImmediate(r)); }
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  /** What holding `make()`'s result costs. */
  const cost = async (make: () => unknown) => {
    const holder: { value: unknown } = { value: make() };
    const withIt = await memory();
    holder.value = undefined;
    return withIt - (await memory());
  };
  // (Read once first: the first reading still holds what compiling the code left, ≈ 1.5 MB on a cold cache.)
  await memory();
  const fresh = await cost(() => analyze(small, { format: 'markdown' }));
  const reused = await cost(() => analyze(small, { format: 'markdown', previous: analyze(big, { format: 'markdown' }).parsed }));
  // Normally 0.0–0.4 MB; without the copy on reuse 2.0–2.3, without the map's rewrite 4.0–4.2.
  assert.ok(reused - fresh < 1.5 * 1024 * 1024, `the version read from version 1 holds ${((reused - fresh) / 1024 / 1024).toFixed(1)} MB more than a fresh one`);
});
