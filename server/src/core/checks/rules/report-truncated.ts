import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { PAGE_FOOTER } from '../../parse/tableTokens';
import { isBlankSpan, isSpaceCode } from '../../text/normalize';
import { firstAtOrAfter } from '../../text/origin';
import { isReport, normOffset, tableSpans } from './util';

/**
 * A line that ends on a character a sentence cannot end on (in normalised text ，（“ are , ( "), then perhaps
 * whitespace: its line break, found through the parse's regex matches, which are carried from one version to the next
 * (a keystroke rescans only near the edit, not every line of a long document). Written from the line break back: a
 * regex that starts with the character is tried at every position of the text, twice as slow.
 */
const ENDS_OPEN = /\n(?<=[，,、（(“"][^\S\n]{0,200}\n)/;
/**
 * A line whose trailing whitespace is longer than ENDS_OPEN looks back (padded lines pasted from PDF or Word): its
 * line break, found with 201 blanks before it (6× faster than a regex that starts with the blanks).
 */
const LONG_TAIL = /\n(?<=[^\S\n]{201}\n)/;
/** The characters of ENDS_OPEN's class, read from it (one list). */
const OPEN_CHARS = new Set(ENDS_OPEN.source.slice(ENDS_OPEN.source.indexOf('[') + 1, ENDS_OPEN.source.indexOf(']')));

/** Whitespace other than a line break (ENDS_OPEN's and LONG_TAIL's `[^\S\n]`). */
const isBlank = (c: number) => c !== 0x0a && isSpaceCode(c);

const rule: Rule = {
  code: 'report-truncated',
  defaultSeverity: 'warning',
  title: { zh: '正文在句子中间中断', en: 'Text breaks off mid-sentence' },
  description: {
    zh: '报告或某一段在句子中间结束（以逗号、顿号等结尾，其后是空行、标题或全文结束），常见于从网页或PDF复制时丢失了内容。',
    en: 'The report or a paragraph ends mid-sentence (on a comma and the like, followed by a blank line, a heading or the end), which usually means text was lost when copying from a web page or PDF.',
  },
  check(ctx) {
    if (!isReport(ctx)) return [];
    // Lines of the normalised text: a saved web page's paragraphs without their tags, full-width punctuation folded
    // (，→, （→( “→"), traditional script converted; offsets map back to the source.
    const { norm, headings, lines, source } = ctx.parsed;
    const text = norm.text;
    // Where headings start, in order: a heading on the line at k starts within [k, end of that line].
    const headingStarts = headings.map((h) => h.lineStart).sort((a, b) => a - b);
    const headingOnLine = (k: number) => {
      const first = firstAtOrAfter(headingStarts, k);
      return first < headingStarts.length && headingStarts[first]! <= lineEnd(k);
    };
    const lineEnd = (from: number) => { const nl = text.indexOf('\n', from); return nl < 0 ? text.length : nl; };
    const inTable = tableSpans(ctx).overlapping;
    const pre = ctx.parsed.model.meta.preambleRange;
    const preambleEnd = pre ? normOffset(ctx, lines.offsetAt(pre.end)) : -1;
    const out: Finding[] = [];
    // Where a line ends open: just after its last visible character, found from the line's end by walking back over
    // the blanks. The lines found by the two regexes, and the text's last line (no line break after it).
    const afterLastVisible = (end: number) => { let e = end; while (e > 0 && isBlank(text.charCodeAt(e - 1))) e--; return e; };
    const openEnds = ctx.parsed.matches.all(ENDS_OPEN).map((m) => afterLastVisible(m.index));
    const padded = ctx.parsed.matches.all(LONG_TAIL).map((m) => afterLastVisible(m.index)).filter((e) => e > 0 && OPEN_CHARS.has(text[e - 1]!));
    const last = afterLastVisible(text.length);
    if (last > 0 && OPEN_CHARS.has(text[last - 1]!)) padded.push(last);
    if (padded.length) { openEnds.push(...padded); openEnds.sort((a, b) => a - b); }
    // (Lines are read by character codes, not sliced: a long document has thousands of lines ending on a comma.)
    const hasBar = (from: number, to: number) => { for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x7c) return true; return false; };
    for (const e of openEnds) {
      const from = text.lastIndexOf('\n', e - 1) + 1;
      if (inTable(from, e) || from <= preambleEnd || hasBar(from, e)) continue;
      // The next non-empty line decides: a blank line, a heading or the end means the sentence was cut.
      let k = lineEnd(e) + 1, blank = false;
      while (k < text.length && isBlankSpan(text, k, lineEnd(k))) { k = lineEnd(k) + 1; blank = true; }
      const following = k < text.length ? k : null;
      if (following !== null && !blank && !headingOnLine(k)) continue;
      const footer = following !== null && PAGE_FOOTER.test(text.slice(k, lineEnd(k))); // PDF page footer
      if (!footer) {
        const range = ctx.parsed.range(Math.max(from, e - 8), e);
        // Quoted as written (full-width punctuation, traditional script), without a web page's tags.
        const quote = source.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)).replace(/<[^<>]{0,200}>/g, '');
        out.push({ range, message: following === null
          ? { zh: `全文在句子中间结束（“…${quote}”），可能缺少结尾内容`, en: 'The text ends mid-sentence; the end of the report may be missing' }
          : { zh: `此段在句子中间中断（“…${quote}”），可能缺少内容`, en: 'This paragraph breaks off mid-sentence; text may be missing' } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 5: '## 五、存在的主要问题及改进情况\n\n主要问题是政策解读形式较为单一。在此基础上，' }, signature: null }).replace(/\n## 六[\s\S]*$/, '\n'),
    passing: exampleReport(),
    fix: { zh: '对照原文补全缺失的内容。', en: 'Restore the missing text from the original.' },
  })),
};
export default rule;
