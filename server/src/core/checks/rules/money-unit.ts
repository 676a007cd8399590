import { exampleReport, lazyExamples } from '../examples';
import type { Finding, Rule } from '../types';
import { cellName, isReport } from './util';

const rule: Rule = {
  code: 'money-unit',
  defaultSeverity: 'warning',
  title: { zh: '“万元”栏目中的金额像是以“元”填写', en: 'A 万元 amount looks like it is in 元' },
  description: {
    zh: '2021年格式表二“本年收费金额（单位：万元）”以万元为单位。填入带“元”字的金额，或一百万以上的整数，多半是按元填写，数值被放大了一万倍。',
    en: 'The 2021 table-2 fee amount is in 万元 (10,000 yuan). An amount written with 元, or a whole number of a million or more, was probably entered in yuan.',
  },
  eras: ['2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const out: Finding[] = [];
    for (const t of ctx.parsed.model.tables) for (const c of t.cells) {
      if (!c.col.includes('万元') || c.value === null) continue;
      if (c.unit === '元' || (Number.isInteger(c.value) && c.value >= 1_000_000)) {
        out.push({ range: c.range, message: { zh: `${cellName(c)} 为 ${c.raw}：单位是万元，请确认是否按元填写（折合 ${c.value / 10000} 万元）`, en: `${cellName(c)} is ${c.raw}: the unit is 万元; was it entered in yuan (${c.value / 10000} 万元)?` } });
      }
    }
    return out;
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ cells: { '第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）': '12500元' } }),
    passing: exampleReport(),
    fix: { zh: '换算为万元后填写（元数除以10000）。', en: 'Convert to 万元 (divide yuan by 10,000).' },
  })),
};
export default rule;
