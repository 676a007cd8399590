import { exampleReport, lazyExamples } from '../examples';
import type { Rule } from '../types';
import { isReport, sectionBody, sectionFor } from './util';

const rule: Rule = {
  code: 'fee-statement-missing',
  defaultSeverity: 'info',
  title: { zh: '“其他需要报告的事项”中没有信息处理费情况', en: 'No statement on information-processing fees' },
  description: {
    zh: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）实施后，统一格式的模板在“六、其他需要报告的事项”下注明“收取信息处理费情况在此处报告”，各地报告均照此报告（包括“未收取”）。',
    en: 'Since the 2020 fee measures, the format template asks for the information-processing fees to be reported under 六 (including "none collected").',
  },
  eras: ['2021'],
  check(ctx) {
    if (!isReport(ctx)) return [];
    const s = sectionFor(ctx, 'other');
    if (!s) return [];
    const body = sectionBody(ctx, s);
    if (/处理费|收费|收取[^。]{0,10}费|费用/.test(body)) return [];
    return [{ range: s.headingRange, message: { zh: '“其他需要报告的事项”中应报告信息处理费的收取情况（未收取也应写明）', en: 'Report the information-processing fees collected under this part (say so if none were collected)' } }];
  },
  examples: lazyExamples(() => ({
    failing: exampleReport({ sections: { 6: '## 六、其他需要报告的事项\n\n无其他需要报告的事项。' } }),
    passing: exampleReport(),
    fix: { zh: '补写一句，如“本年度未收取信息处理费。”', en: 'Add a sentence such as "本年度未收取信息处理费。"' },
  })),
};
export default rule;
