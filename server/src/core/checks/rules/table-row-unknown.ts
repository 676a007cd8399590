import { TABLE_TITLES } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport } from './util';

const rule: Rule = {
  code: 'table-row-unknown',
  defaultSeverity: 'info',
  title: { zh: '标准统计表中有无法识别的行', en: 'Unrecognised row in a standard table' },
  description: {
    zh: '表中出现标准格式以外的行（地方自加的行、拆错的标签或多余的数字）。它不参与勾稽检查；请确认它是否应当存在。',
    en: 'A row that is not part of the standard layout (a local addition, a mangled label or stray numbers); it is left out of the arithmetic.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) {
      for (const u of t.unknownRows) {
        out.push({ range: u.range, message: { zh: `“${TABLE_TITLES[t.kind]}”中无法识别的行${u.raw ? `“${u.raw.slice(0, 30)}”` : ''}`, en: `Unrecognised row in "${TABLE_TITLES[t.kind]}"${u.raw ? `: "${u.raw.slice(0, 30)}"` : ''}` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace(/(\| 四、结转下年度继续办理[^\n]{0,200}\n)/, '$1| 五、其他统计 | | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n'),
    passing: exampleReport(),
    fix: { zh: '删除多余的行，或把地方自加的内容移到表外说明。', en: 'Remove the stray row or move local additions out of the table.' },
  })),
};
export default rule;
