/** The server's own user-facing texts (the core's rule messages are localised by the core). */
import type { Locale, TableKind } from '../core/index';

type Args = Record<string, string | number>;
const M = {
  hugeDocument: {
    zh: '文档大小为 {mb} MB，超过 2 MB：为避免编辑器卡顿，xxgknb 不检查此文档。可将报告单独保存为一个文件后再检查。',
    en: 'The document is {mb} MB, more than 2 MB: xxgknb does not check it, so that the editor stays responsive. Save the report as a file of its own to check it.',
  },
  internalError: { zh: 'xxgknb 检查此文档时出现内部错误：{message}', en: 'xxgknb failed internally while checking this document: {message}' },
  tableDetail: { zh: '{era}年格式 · {cells}格', en: '{era} format · {cells} cells' },
  tableDetailNoEra: { zh: '{cells}格', en: '{cells} cells' },
  preamble: { zh: '网页导航（非正文）', en: 'web-page preamble (not part of the report)' },
  titleDetail: { zh: '标题', en: 'title' },
  blankValue: { zh: '未填', en: 'not filled in' },
  blankRaw: { zh: '（空白）', en: '(blank)' },
  value: { zh: '数值：', en: 'Value: ' },
  raw: { zh: '原文：', en: 'As written: ' },
  cellKind: { zh: '类型：', en: 'Kind: ' },
  inferred: { zh: '（由连写的数字拆分而来，请核对原文）', en: '(split from digits printed without separators; check the source)' },
  relations: { zh: '勾稽关系：', en: 'Relations:' },
  incomplete: { zh: '无法核对（有未填或无法识别的单元格）', en: 'cannot be checked (a cell is blank or unreadable)' },
  item: { zh: '法定事项', en: 'Statutory item' },
  law: { zh: '依据', en: 'Legal basis' },
  colon: { zh: '：', en: ': ' },
  convertTable: { zh: '将{table}转换为标准格式的 Markdown 表格', en: 'Convert {table} to a Markdown table in the standard layout' },
  insertTable: { zh: '在本节末尾插入{table}“{title}”', en: 'Insert {table} "{title}" at the end of this section' },
  fixAll: { zh: '修复所有可确定的问题（xxgknb）', en: 'Fix all certain problems (xxgknb)' },
  headingDetail: { zh: '标准章节标题（{era}年格式，尚缺）', en: 'Standard section heading ({era} format, missing)' },
  rowDetail: { zh: '{table}缺少的行', en: 'Row missing from {table}' },
  totalTooltip: { zh: '各项之和', en: 'Sum of the addends' },
  configProblems: { zh: 'xxgknb 配置有误，有误的部分未生效：{problems}', en: 'xxgknb configuration problems (what is wrong is not applied): {problems}' },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof M;

export function t(locale: Locale, key: MessageKey, args: Args = {}): string {
  return M[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? `{${k}}`));
}

const TABLE_SHORT: Record<TableKind, Record<Locale, string>> = {
  T2: { zh: '表二', en: 'table 2' },
  T3: { zh: '表三', en: 'table 3' },
  T4: { zh: '表四', en: 'table 4' },
};

export function tableShort(kind: TableKind, locale: Locale): string {
  return TABLE_SHORT[kind][locale];
}

const KIND_NAMES: Record<string, Record<Locale, string>> = {
  number: { zh: '数字', en: 'number' },
  blank: { zh: '空白', en: 'blank' },
  placeholder: { zh: '占位符', en: 'placeholder' },
  note: { zh: '带说明的数字', en: 'number with a note' },
  ambiguous: { zh: '无法确定', en: 'ambiguous' },
};

export function cellKindName(kind: string, locale: Locale): string {
  return KIND_NAMES[kind]?.[locale] ?? kind;
}
