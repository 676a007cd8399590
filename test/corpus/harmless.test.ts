// What copying, reposting and retyping do to a report without changing what it says must not change what the checks
// find (spec §6): digits in full width, pinyin a mirror site puts after characters (公(gōng)开), lines indented with
// full-width spaces (Word centres and indents so), trailing spaces and tabs, no-break spaces for spaces, zero-width
// spaces, thousands separators in ASCII or full width (1,234件, 1，234件). Every corpus report
// (HTML pages aside: their text is in the markup) so changed must get the original's diagnostics, rule and line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, formatOfPath } from '../../server/src/core/index';
import { CORPUS_ROOT, corpusFiles } from './compare';

const PINYIN: Record<string, string> = { 公: 'gōng', 开: 'kāi', 政: 'zhèng', 府: 'fǔ', 申: 'shēn', 请: 'qǐng', 件: 'jiàn', 年: 'nián' };
/** A count of four to six digits in prose, followed by its unit (not a year, an ordinal or a decimal's digits). */
const THOUSANDS = /(?<![\d.,，第])(\d{1,3})(\d{3})(?=\s{0,2}[件条项个人次])/g;
const CHANGES: Record<string, (text: string) => string> = {
  'full-width digits': (t) => t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
  'pinyin with tones': (t) => t.replace(/[公开政府申请件年]/g, (c) => `${c}(${PINYIN[c]})`),
  'pinyin without tones': (t) => t.replace(/[公政府]/g, (c) => `${c}(${PINYIN[c]!.normalize('NFD').replace(/[\u0300-\u036f]/g, '')})`),
  'lines indented with full-width spaces': (t) => t.replace(/^(?=[^\s|<#])/gm, '\u3000\u3000'),
  'trailing spaces': (t) => t.replace(/(?<=\S)$/gm, '  '),
  'no-break spaces': (t) => t.replace(/ /g, '\u00a0'),
  // (Found by fuzzing: a tab after a space-separated row made it one cell, and in PDF text a label alone with a tab after
  // it was a tab row of empty cells; a zero-width space after a number was no number.)
  'a tab at the end of each line': (t) => t.replace(/(?<=\S)$/gm, '\t'),
  // (Found by fuzzing: 1，600人次 in prose was read as 600.)
  'thousands separators before a unit (1,234件)': (t) => t.replace(THOUSANDS, '$1,$2'),
  'full-width thousands separators before a unit (1，234件)': (t) => t.replace(THOUSANDS, '$1，$2'),
  'zero-width spaces after numbers and labels': (t) => t.replace(/(?<=[0-9计])(?![0-9])/g, '\u200b'),
};

const formatOf = (file: string) => formatOfPath(file) ?? 'text';
const found = (text: string, format: ReturnType<typeof formatOf>) => analyze(text, { format }).diagnostics.map((d) => `L${d.range.start.line + 1} ${d.code}`);

describe('harmless changes to a report change nothing the checks find', () => {
  const files = corpusFiles().filter((f) => formatOf(f) !== 'html');
  for (const file of files) {
    test(file, () => {
      const text = readFileSync(path.join(CORPUS_ROOT, file), 'utf8');
      const original = found(text, formatOf(file));
      for (const [name, change] of Object.entries(CHANGES)) {
        const changed = change(text);
        if (changed !== text) assert.deepEqual(found(changed, formatOf(file)), original, name);
      }
    });
  }

  test('each change changes most of the reports', () => {
    const texts = files.map((f) => readFileSync(path.join(CORPUS_ROOT, f), 'utf8'));
    for (const [name, change] of Object.entries(CHANGES)) {
      assert.ok(texts.filter((t) => change(t) !== t).length >= texts.length / 2, name);
    }
  });
});
