import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import type { Section } from '../../model';
import { isReport, topSections } from './util';

const CN = '〇一二三四五六七八九十';
const cn = (n: number) => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : String(n));

/**
 * Whether every number in `wanted` comes after part `k`, before the numbering restarts (a number below `expected`
 * that is neither one of them nor one an earlier swap left for later): in a second series (a report pasted after
 * another) a number is no late one of the first.
 */
function allComeLater(numbered: Section[], k: number, wanted: number[], expected: number, deferred: ReadonlySet<number>): boolean {
  const left = new Set(wanted);
  for (let j = k + 1; j < numbered.length && left.size; j++) {
    const o = numbered[j]!.numbering!.ordinal;
    if (!left.delete(o) && !deferred.has(o) && o < expected) break;
  }
  return left.size === 0;
}

/** The numbers from `from` up to, not including, `to`. */
function numbersFrom(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

/** Every number left out between `expected` and `found` (a first part numbered 三 leaves out 一 and 二: no 〇 before it). */
function skipped(expected: number, found: number): { zh: string; en: string } {
  const missing = found - expected;
  const zhMissing = missing === 1 ? `“${cn(expected)}”` : missing === 2 ? `“${cn(expected)}”“${cn(expected + 1)}”` : `“${cn(expected)}”至“${cn(found - 1)}”`;
  const enMissing = missing === 1 ? `${expected}` : `${expected}–${found - 1}`;
  return expected === 1
    ? { zh: `一级标题编号从“${cn(found)}”开始，缺少${zhMissing}`, en: `Top-level numbering starts at ${found}; ${enMissing} missing` }
    : { zh: `一级标题编号从“${cn(expected - 1)}”跳到“${cn(found)}”，缺少${zhMissing}`, en: `Top-level numbering jumps from ${expected - 1} to ${found}; ${enMissing} missing` };
}

const rule: Rule = {
  code: 'section-numbering',
  defaultSeverity: 'warning',
  title: { zh: '一级标题编号重复开始或跳号', en: 'Top-level numbering restarts or skips' },
  description: {
    zh: '一级标题应按“一、二、三……”连续编号。同一个编号用了两次、编号从“一、”重新开始，常见于把“总体情况”的小标题编成一级标题、或两套编号混用；跳号往往意味着某一部分被漏掉。两部分连同编号对调（一、二、四、三）时，只提示编号顺序（“四”出现在“三”之前），章节顺序由“章节顺序”检查报告。',
    en: 'Top-level headings should be numbered 一、二、三… without gaps or repeats. A restart usually means sub-topics of 总体情况 were numbered as top-level parts or two numbering systems were mixed; a gap usually means a part is missing. Two parts swapped with their numbers (一、二、四、三) get one finding on the order of the numbers; the order of the parts is left to section-order.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    const numbered = topSections(ctx).filter((s) => s.numbering && (s.numbering.style === 'cn' || s.numbering.style === 'part'));
    // The next number in sequence, the last one met, and the numbers a swap left for later (一 二 四 三: 三).
    let expected = 1, previous = 0;
    const deferred = new Set<number>();
    for (const [k, s] of numbered.entries()) {
      const n = s.numbering!;
      // The late one of two parts swapped with their numbers: said at the early one.
      if (deferred.delete(n.ordinal)) { previous = n.ordinal; continue; }
      if (n.ordinal === previous) {
        // The same number twice: the next part is still expected (section-duplicate tells whether the part repeats).
        out.push({ range: s.headingRange, message: { zh: `一级标题编号“${cn(n.ordinal)}”重复`, en: `Top-level number ${n.ordinal} is used twice` } });
        continue;
      }
      if (n.ordinal > expected) {
        const skippedHere = numbersFrom(expected, n.ordinal);
        if (allComeLater(numbered, k, skippedHere, expected, deferred)) {
          // Every number skipped here comes later: parts swapped with their numbers. One finding, here; none is missing.
          out.push({ range: s.headingRange, message: { zh: `一级标题编号“${cn(n.ordinal)}”出现在“${cn(expected)}”之前`, en: `Top-level number ${n.ordinal} comes before ${expected}` } });
          for (const m of skippedHere) deferred.add(m);
        } else {
          out.push({
            range: s.headingRange,
            message: skipped(expected, n.ordinal),
            fixes: [{ title: { zh: `改为“${cn(expected)}、”`, en: `Renumber as ${expected}` }, edits: [{ range: { start: s.headingRange.start, end: { line: s.headingRange.start.line, character: s.headingRange.start.character + n.raw.length } }, newText: `${cn(expected)}、` }], safe: false }],
          });
        }
      } else if (n.ordinal < expected) {
        out.push({ range: s.headingRange, message: { zh: `一级标题编号从“${cn(n.ordinal)}”重新开始（前一个是“${cn(previous)}”）`, en: `Top-level numbering restarts at ${n.ordinal} (previous was ${previous})` } });
        deferred.clear();
      }
      expected = n.ordinal + 1;
      previous = n.ordinal;
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 4: '## 五、政府信息公开行政复议、行政诉讼情况\n\n全年无行政复议。' } }),
    passing: exampleReport(),
    fix: { zh: '连续编号；若跳号是因为漏写了一部分，补写该部分。', en: 'Number the parts consecutively; if a part is missing, add it.' },
  })),
};
export default rule;
