import type { ItemId, TableKind } from '../../model';
import { TABLE_TITLES } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport, sectionFor, ZERO } from './util';

const HOME: Record<TableKind, ItemId> = { T2: 'active', T3: 'application', T4: 'review' };

const rule: Rule = {
  code: 'table-missing',
  defaultSeverity: 'error',
  title: { zh: '缺少统一格式的统计表', en: 'A standard table is missing' },
  description: {
    zh: '2019年起的统一格式要求在“二、主动公开”“三、收到和处理申请”“四、复议诉讼”三部分分别使用标准统计表（第二十条各项、申请办理情况、复议诉讼情况）。2019年度报告是过渡年，国办公开办函〔2019〕60号只“鼓励按照统一格式发布”，因此对2019年格式只作警告。',
    en: 'Since 2019 the format requires the three standard tables in parts 二, 三 and 四. For the 2019 transition year the notice only encouraged the format, so there it is a warning.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const kind of ['T2', 'T3', 'T4'] as TableKind[]) {
      if (ctx.parsed.model.tables.some((t) => t.kind === kind)) continue;
      const s = sectionFor(ctx, HOME[kind]);
      out.push({
        range: s?.headingRange ?? ctx.parsed.model.meta.titleRange ?? ZERO,
        severity: ctx.era === '2019' ? 'warning' : undefined,
        message: { zh: `缺少标准统计表“${TABLE_TITLES[kind]}”`, en: `Missing the standard table "${TABLE_TITLES[kind]}"` },
      });
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ omitTables: ['T4'] }),
    passing: exampleReport(),
    fix: {
      zh: '在编辑器中用快速修复“在本节末尾插入表X”（插入后重新解析，仅当能读作该表、其他表格和各级标题不变时才提供），或用“插入标准统计表”命令、代码片段插入该表，再填写数字。',
      en: 'In the editor, use the quick fix "Insert table X at the end of this section" (offered only when the document, parsed again with the table inserted, reads it as that table and reads the other tables and the headings as before), or the "insert standard table" command or a snippet; then fill in the numbers.',
    },
  })),
};
export default rule;
