import { TABLE_TITLES } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport } from './util';

const rule: Rule = {
  code: 'table-row-missing',
  defaultSeverity: 'warning',
  title: { zh: '标准统计表缺少行', en: 'A standard table lacks rows' },
  description: {
    zh: '统一格式的统计表行目固定（如表三共25行），不得删减；没有发生的情形填0，而不是删去该行。表中找不到的行往往是删行或复制时丢失。',
    en: 'The rows of the standard tables are fixed (table 3 has 25): a situation that did not occur is reported as 0, not by deleting the row.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) {
      if (!t.missingRows.length) continue;
      const names = t.missingRows.map((r) => r.split('|').pop()!.replace(/^三\./, ''));
      // A table over several lines is marked by its first character only (within its line: a table may begin on an
      // empty line, after a lone CR).
      const { line, character } = t.range.start;
      const lineLength = ctx.parsed.lines.lineEnd(line) - ctx.parsed.lines.lineStarts[line]!;
      out.push({ range: t.range.start.line === t.range.end.line ? t.range : { start: t.range.start, end: { line, character: Math.min(character + 1, lineLength) } },
        message: { zh: `“${TABLE_TITLES[t.kind]}”缺少${t.missingRows.length}行：${names.join('、')}`, en: `"${TABLE_TITLES[t.kind]}" lacks ${t.missingRows.length} row(s): ${names.join(', ')}` } });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace(/^\|[^\n]{0,80}3\.要求提供公开出版物[^\n]{0,200}\n/m, ''),
    passing: exampleReport(),
    fix: { zh: '补上缺少的行，没有发生的填0；补全功能会列出缺少的行名。', en: 'Restore the rows, with 0 where nothing occurred; completion offers the missing row labels.' },
  })),
};
export default rule;
