import { TABLE_TITLES } from '../../schema/tables';
import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { isReport } from './util';

const rule: Rule = {
  code: 'table-other-era',
  defaultSeverity: 'warning',
  title: { zh: '统计表使用了另一版格式的栏目', en: 'Table uses the other format version\'s labels' },
  description: {
    zh: '2021年格式（国办公开办函〔2021〕30号）修订了统计表：表二改为“本年制发件数/本年废止件数/现行有效件数”，删去“第二十条第（九）项”，表三“（六）其他处理”细分为3个小项。2021年起的报告仍用2019年试行格式的栏目，说明套用了旧模板。',
    en: 'The 2021 format revised the tables (new table-2 columns, item (九) dropped, table-3 (六) split into three sub-rows). 2019 labels in a 2021+ report mean an old template was used.',
  },
  eras: ['2019', '2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) {
      for (const o of t.otherEraLabels) {
        if (o.era === ctx.era) continue;
        out.push({ range: o.range, message: { zh: `“${o.raw.slice(0, 20)}”是${o.era}年格式的栏目，本报告按${ctx.era}年格式编制`, en: `"${o.raw.slice(0, 20)}" belongs to the ${o.era} format; this report follows the ${ctx.era} format` } });
      }
      if (t.kind === 'T3' && t.era && t.era !== ctx.era) {
        const row = t.rows.find((r) => r.rowId.startsWith('三.（六）'));
        out.push({ range: row?.range ?? t.range, message: t.era === '2019'
          ? { zh: `${TABLE_TITLES.T3}的“（六）其他处理”只有一行（2019年试行格式）；2021年格式应细分为3个小项`, en: 'Table 3 row (六) has no sub-rows (2019 layout); the 2021 format splits it into three' }
          : { zh: `${TABLE_TITLES.T3}使用2021年格式的“（六）其他处理”小项，本报告按2019年格式编制`, en: 'Table 3 uses the 2021 sub-rows of (六) in a 2019-format report' } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport().replace('本年制发件数', '本年新制作数量'),
    passing: exampleReport(),
    fix: { zh: '改用当前格式的统计表（可用“插入标准统计表”命令）。', en: 'Use the current format\'s table (the "insert standard table" command).' },
  })),
};
export default rule;
