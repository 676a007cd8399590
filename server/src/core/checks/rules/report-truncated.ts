import { exampleReport } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport } from './util';

/** Characters a sentence cannot end on. */
const ENDS_OPEN = new Set(['，', ',', '、', '（', '(', '“', '"']);
const WHITESPACE = /\s/;

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
    const { source, lines } = ctx.parsed;
    const out: Finding[] = [];
    const headingLines = new Set<number>();
    const walk = (ss: typeof ctx.parsed.model.sections) => { for (const s of ss) { headingLines.add(s.headingRange.start.line); walk(s.children); } };
    walk(ctx.parsed.model.sections);
    const tableLines = ctx.parsed.model.tables.map((t) => [t.range.start.line, t.range.end.line] as const);
    const inTable = (l: number) => tableLines.some(([a, b]) => l >= a && l <= b);
    for (let l = 0; l < lines.lineCount; l++) {
      // The last visible character decides; only lines that end on a comma and the like are read in full.
      const start = lines.lineStarts[l]!;
      let e = lines.lineEnd(l);
      while (e > start && WHITESPACE.test(source[e - 1]!)) e--;
      if (e === start || !ENDS_OPEN.has(source[e - 1]!)) continue;
      const text = source.slice(start, e);
      if (inTable(l) || text.includes('|')) continue;
      const pre = ctx.parsed.model.meta.preambleRange;
      if (pre && l <= pre.end.line) continue;
      // The next non-empty line decides: a blank line, a heading or the end means the sentence was cut.
      let k = l + 1;
      let blank = false;
      while (k < lines.lineCount && source.slice(lines.lineStarts[k]!, lines.lineEnd(k)).trim() === '') { k++; blank = true; }
      const next = k < lines.lineCount ? source.slice(lines.lineStarts[k]!, lines.lineEnd(k)).trim() : null;
      if (next !== null && /^[-—–]\s*\d+\s*[-—–]$/.test(next)) continue; // PDF page footer
      if (next === null || blank || headingLines.has(k)) {
        const end = lines.lineEnd(l);
        out.push({ range: lines.range(Math.max(lines.lineStarts[l]!, end - 8), end), message: next === null
          ? { zh: `全文在句子中间结束（“…${text.slice(-8)}”），可能缺少结尾内容`, en: 'The text ends mid-sentence; the end of the report may be missing' }
          : { zh: `此段在句子中间中断（“…${text.slice(-8)}”），可能缺少内容`, en: 'This paragraph breaks off mid-sentence; text may be missing' } });
      }
    }
    return out;
  },
  examples: {
    failing: exampleReport({ sections: { 5: '## 五、存在的主要问题及改进情况\n\n主要问题是政策解读形式较为单一。在此基础上，' }, signature: null }).replace(/\n## 六[\s\S]*$/, '\n'),
    passing: exampleReport(),
    fix: { zh: '对照原文补全缺失的内容。', en: 'Restore the missing text from the original.' },
  },
};
export default rule;
