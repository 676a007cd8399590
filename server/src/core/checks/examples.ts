/**
 * Builds example reports for the rules' documentation and tests: a complete, consistent 2021-format
 * report in Markdown, which each rule's failing example breaks in one place.
 */
import { T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_RESULTS, t2RowLabel } from '../schema/tables';
import type { RuleExamples } from './types';

/**
 * A rule's examples, built the first time one is read: only the docs, the tests and the examples' own diagnostics
 * read them, and building every rule's at load took ≈ 7 ms of each process's and analysis thread's start.
 */
export function lazyExamples(build: () => RuleExamples): RuleExamples {
  let built: RuleExamples | undefined;
  const get = () => (built ??= build());
  return {
    get failing() { return get().failing; },
    get passing() { return get().passing; },
    get previous() { return get().previous; },
    get fix() { return get().fix; },
  };
}

export interface ExampleOptions {
  organ?: string;
  year?: number;
  /** Replace the text of a cell: "rowId|col" for T3/T4, "block|row|col" for T2. */
  cells?: Record<string, string>;
  /** Replace whole sections by their number (1–6); null drops it. */
  sections?: Record<number, string | null>;
  /** Leave a table out. */
  omitTables?: ('T2' | 'T3' | 'T4')[];
  extraIntro?: string;
  signature?: string | null;
}

/** A consistent Table 3: 10 new + 2 carried = 9 handled + 3 carried forward, for 自然人; 2 + 0 = 2 + 0 for 商业企业. */
const T3_VALUES: Record<string, number[]> = {
  '一': [10, 2, 0, 0, 0, 0, 12],
  '二': [2, 0, 0, 0, 0, 0, 2],
  '三.（一）': [5, 1, 0, 0, 0, 0, 6],
  '三.（二）': [1, 0, 0, 0, 0, 0, 1],
  '三.（四）.1': [2, 1, 0, 0, 0, 0, 3],
  '三.（五）.2': [1, 0, 0, 0, 0, 0, 1],
  '三.（七）': [9, 2, 0, 0, 0, 0, 11],
  '四': [3, 0, 0, 0, 0, 0, 3],
};

export function exampleReport(o: ExampleOptions = {}): string {
  const year = o.year ?? 2024;
  const organ = o.organ ?? '某县人民政府办公室';
  const cell = (key: string, v: string) => o.cells?.[key] ?? v;
  const lines: string[] = [];
  lines.push(`# ${organ}${year}年政府信息公开工作年度报告`, '');
  lines.push(`本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。${o.extraIntro ?? ''}`, '');
  const section = (n: number, heading: string, body: string[]) => {
    const replaced = o.sections?.[n];
    if (replaced === null) return;
    if (replaced !== undefined) { lines.push(replaced, ''); return; }
    lines.push(heading, '', ...body, '');
  };
  section(1, '## 一、总体情况', [
    `${year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息320条。`,
    '（一）主动公开。围绕重点领域持续公开。',
    '（二）依申请公开。全年新收政府信息公开申请12件，办结11件，结转下年度3件。',
    '（三）政府信息管理。规范发布审核流程。',
    '（四）平台建设。优化政府网站栏目。',
    '（五）监督保障。开展年度考核和社会评议，未发生责任追究情况。',
  ]);
  const t2: string[] = [];
  if (!o.omitTables?.includes('T2')) {
    for (const block of T2_BLOCKS.filter((b) => b.eras.includes('2021'))) {
      const cols = block.cols['2021'];
      t2.push(`| ${block.title} |${' |'.repeat(cols.length)}`, `|---|${'---|'.repeat(cols.length)}`, `| 信息内容 | ${cols.map((c) => c.label).join(' | ')} |`);
      for (const row of block.rows.filter((r) => r.eras.includes('2021'))) {
        const label = t2RowLabel(block.id, row.id, '2021');
        const values = cols.map((c, i) => cell(`${block.id}|${label}|${c.label}`, c.money ? '1.25' : String(i === 2 ? 12 : i + 1)));
        t2.push(`| ${label} | ${values.join(' | ')} |`);
      }
      t2.push('');
    }
  }
  section(2, '## 二、主动公开政府信息情况', t2);
  const t3: string[] = [];
  if (!o.omitTables?.includes('T3')) {
    t3.push(`| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |`);
    t3.push(`|---|---|---|---|---|---|---|---|---|---|`);
    t3.push(`| | | | 自然人 | 法人或其他组织 | | | | | 总计 |`);
    t3.push(`| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |`);
    let group = '';
    for (const row of T3_ROWS.filter((r) => r.eras.includes('2021'))) {
      const values = (T3_VALUES[row.id] ?? [0, 0, 0, 0, 0, 0, 0]).map((v, i) => cell(`${row.id}|${T3_COLUMNS[i]!.id}`, String(v)));
      const path = row.path;
      let labels: string[];
      if (path.length === 1) labels = [path[0]!, '', ''];
      else if (path.length === 2) labels = [path[0] === group ? '' : path[0]!, path[1]!, ''];
      else labels = [path[0] === group ? '' : path[0]!, path[1]!, path[2]!];
      group = path[0]!;
      t3.push(`| ${labels.join(' | ')} | ${values.join(' | ')} |`);
    }
  }
  section(3, '## 三、收到和处理政府信息公开申请情况', t3);
  const t4: string[] = [];
  if (!o.omitTables?.includes('T4')) {
    t4.push('| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |', `|${'---|'.repeat(15)}`);
    t4.push('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |');
    t4.push(`| | | | | | ${[...T4_RESULTS, ...T4_RESULTS].join(' | ')} |`);
    const base: Record<string, number[]> = { 行政复议: [1, 0, 0, 1, 2], 未经复议直接起诉: [1, 0, 0, 0, 1], 复议后起诉: [0, 0, 0, 0, 0] };
    const vals = T4_BLOCKS.flatMap((b) => base[b.id]!.map((v, i) => cell(`${b.id}|${T4_RESULTS[i]}`, String(v))));
    t4.push(`| ${vals.join(' | ')} |`);
  }
  section(4, '## 四、政府信息公开行政复议、行政诉讼情况', t4);
  section(5, '## 五、存在的主要问题及改进情况', ['主要问题是政策解读形式较为单一。下一步将丰富解读形式，提升解读质量。']);
  section(6, '## 六、其他需要报告的事项', [`${year}年，本机关未收取信息处理费。`]);
  if (o.signature !== null) lines.push(o.signature ?? `${organ}\n${year + 1}年1月20日`);
  return lines.join('\n') + '\n';
}
