/**
 * The standard tables of the 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号) formats, as data.
 * Labels are exactly as printed on the forms (spec §2, Appendix A/B). `keys` are distinctive fragments,
 * compared after normalisation with whitespace and punctuation removed, that recognise a label even when
 * a PDF split it across lines or a clerk mistyped part of it (e.g. 2.其他法律行政止公开).
 */
import type { TableKind } from '../model';

export type TableEra = '2019' | '2021';

export interface RowSpec {
  id: string;
  label: string;
  /** Labels from the outermost block down to this row. */
  path: string[];
  keys: string[];
  /** Keys that exclude a match (a longer label containing this one's key). */
  not?: string[];
  eras: TableEra[];
}

export interface ColSpec {
  id: string;
  label: string;
  path: string[];
  money?: boolean;
  signed?: boolean;
}

export interface T2Block {
  id: string;
  title: string;
  keys: string[];
  eras: TableEra[];
  rows: { id: string; label: string; keys: string[]; eras: TableEra[] }[];
  cols: Record<TableEra, ColSpec[]>;
}

// ---------------------------------------------------------------- Table 3
export const T3_COLUMNS: ColSpec[] = [
  { id: '自然人', label: '自然人', path: ['申请人情况', '自然人'] },
  { id: '商业企业', label: '商业企业', path: ['申请人情况', '法人或其他组织', '商业企业'] },
  { id: '科研机构', label: '科研机构', path: ['申请人情况', '法人或其他组织', '科研机构'] },
  { id: '社会公益组织', label: '社会公益组织', path: ['申请人情况', '法人或其他组织', '社会公益组织'] },
  { id: '法律服务机构', label: '法律服务机构', path: ['申请人情况', '法人或其他组织', '法律服务机构'] },
  { id: '其他', label: '其他', path: ['申请人情况', '法人或其他组织', '其他'] },
  { id: '总计', label: '总计', path: ['申请人情况', '总计'] },
];
export const T3_APPLICANT_COLUMNS = T3_COLUMNS.slice(0, 6).map((c) => c.id);

const R3 = '三、本年度办理结果';
const G3 = '（三）不予公开', G4 = '（四）无法提供', G5 = '（五）不予处理', G6 = '（六）其他处理';
const both: TableEra[] = ['2019', '2021'];

export const T3_ROWS: RowSpec[] = [
  { id: '一', label: '一、本年新收政府信息公开申请数量', path: ['一、本年新收政府信息公开申请数量'], keys: ['本年新收'], eras: both },
  { id: '二', label: '二、上年结转政府信息公开申请数量', path: ['二、上年结转政府信息公开申请数量'], keys: ['上年结转'], eras: both },
  { id: '三.（一）', label: '（一）予以公开', path: [R3, '（一）予以公开'], keys: ['予以公开'], eras: both },
  { id: '三.（二）', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', path: [R3, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'], keys: ['部分公开'], eras: both },
  { id: '三.（三）.1', label: '1.属于国家秘密', path: [R3, G3, '1.属于国家秘密'], keys: ['国家秘密'], eras: both },
  { id: '三.（三）.2', label: '2.其他法律行政法规禁止公开', path: [R3, G3, '2.其他法律行政法规禁止公开'], keys: ['法规禁止公开', '其他法律行政', '禁止公开'], eras: both },
  { id: '三.（三）.3', label: '3.危及“三安全一稳定”', path: [R3, G3, '3.危及“三安全一稳定”'], keys: ['三安全一稳定', '危及'], eras: both },
  { id: '三.（三）.4', label: '4.保护第三方合法权益', path: [R3, G3, '4.保护第三方合法权益'], keys: ['第三方合法权益', '保护第三方'], eras: both },
  { id: '三.（三）.5', label: '5.属于三类内部事务信息', path: [R3, G3, '5.属于三类内部事务信息'], keys: ['内部事务'], eras: both },
  { id: '三.（三）.6', label: '6.属于四类过程性信息', path: [R3, G3, '6.属于四类过程性信息'], keys: ['过程性信息'], eras: both },
  { id: '三.（三）.7', label: '7.属于行政执法案卷', path: [R3, G3, '7.属于行政执法案卷'], keys: ['行政执法案卷'], eras: both },
  { id: '三.（三）.8', label: '8.属于行政查询事项', path: [R3, G3, '8.属于行政查询事项'], keys: ['行政查询事项'], eras: both },
  { id: '三.（四）.1', label: '1.本机关不掌握相关政府信息', path: [R3, G4, '1.本机关不掌握相关政府信息'], keys: ['不掌握'], eras: both },
  { id: '三.（四）.2', label: '2.没有现成信息需要另行制作', path: [R3, G4, '2.没有现成信息需要另行制作'], keys: ['没有现成信息', '另行制作'], eras: both },
  { id: '三.（四）.3', label: '3.补正后申请内容仍不明确', path: [R3, G4, '3.补正后申请内容仍不明确'], keys: ['补正后申请', '仍不明确'], eras: both },
  { id: '三.（五）.1', label: '1.信访举报投诉类申请', path: [R3, G5, '1.信访举报投诉类申请'], keys: ['信访举报', '投诉类申请'], eras: both },
  { id: '三.（五）.2', label: '2.重复申请', path: [R3, G5, '2.重复申请'], keys: ['重复申请'], eras: both },
  { id: '三.（五）.3', label: '3.要求提供公开出版物', path: [R3, G5, '3.要求提供公开出版物'], keys: ['公开出版物'], eras: both },
  { id: '三.（五）.4', label: '4.无正当理由大量反复申请', path: [R3, G5, '4.无正当理由大量反复申请'], keys: ['大量反复', '无正当理由大量'], eras: both },
  { id: '三.（五）.5', label: '5.要求行政机关确认或重新出具已获取信息', path: [R3, G5, '5.要求行政机关确认或重新出具已获取信息'], keys: ['重新出具', '确认或重', '已获取信息'], eras: both },
  // （六）其他 for （六）其他处理 is seen in OCR conversions.
  { id: '三.（六）', label: G6, path: [R3, G6], keys: ['其他处理', '六其他$'], eras: ['2019'] },
  { id: '三.（六）.1', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', path: [R3, G6, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], keys: ['逾期不补正'], eras: ['2021'] },
  { id: '三.（六）.2', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', path: [R3, G6, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], keys: ['缴纳费用', '收费通知'], eras: ['2021'] },
  { id: '三.（六）.3', label: '3.其他', path: [R3, G6, '3.其他'], keys: ['3其他$'], eras: ['2021'] },
  { id: '三.（七）', label: '（七）总计', path: [R3, '（七）总计'], keys: ['七总计', '七合计'], eras: both },
  { id: '四', label: '四、结转下年度继续办理', path: ['四、结转下年度继续办理'], keys: ['结转下年度'], eras: both },
];

// ---------------------------------------------------------------- Table 2
const c = (label: string, extra: Partial<ColSpec> = {}): ColSpec => ({ id: label, label, path: [label], ...extra });

export const T2_BLOCKS: T2Block[] = [
  {
    id: '第二十条第（一）项', title: '第二十条第（一）项', keys: ['第二十条第一项'], eras: both,
    rows: [
      { id: '规章', label: '规章', keys: ['规章'], eras: both },
      { id: '规范性文件', label: '规范性文件', keys: ['规范性文件'], eras: both },
    ],
    cols: {
      '2019': [c('本年新制作数量'), c('本年新公开数量'), c('对外公开总数量')],
      '2021': [c('本年制发件数'), c('本年废止件数'), c('现行有效件数')],
    },
  },
  {
    id: '第二十条第（五）项', title: '第二十条第（五）项', keys: ['第二十条第五项'], eras: both,
    rows: [
      { id: '行政许可', label: '行政许可', keys: ['行政许可'], eras: both },
      { id: '其他对外管理服务事项', label: '其他对外管理服务事项', keys: ['其他对外管理服务事项', '对外管理服务'], eras: ['2019'] },
    ],
    cols: {
      '2019': [c('上一年项目数量'), c('本年增/减', { signed: true }), c('处理决定数量')],
      '2021': [c('本年处理决定数量')],
    },
  },
  {
    id: '第二十条第（六）项', title: '第二十条第（六）项', keys: ['第二十条第六项'], eras: both,
    rows: [
      { id: '行政处罚', label: '行政处罚', keys: ['行政处罚'], eras: both },
      { id: '行政强制', label: '行政强制', keys: ['行政强制'], eras: both },
    ],
    cols: {
      '2019': [c('上一年项目数量'), c('本年增/减', { signed: true }), c('处理决定数量')],
      '2021': [c('本年处理决定数量')],
    },
  },
  {
    id: '第二十条第（八）项', title: '第二十条第（八）项', keys: ['第二十条第八项'], eras: both,
    rows: [{ id: '行政事业性收费', label: '行政事业性收费', keys: ['行政事业性收费', '事业性收费'], eras: both }],
    cols: {
      '2019': [c('上一年项目数量'), c('本年增/减', { signed: true })],
      '2021': [c('本年收费金额（单位：万元）', { money: true })],
    },
  },
  {
    id: '第二十条第（九）项', title: '第二十条第（九）项', keys: ['第二十条第九项'], eras: ['2019'],
    rows: [{ id: '政府集中采购', label: '政府集中采购', keys: ['政府集中采购', '集中采购'], eras: ['2019'] }],
    cols: {
      '2019': [c('采购项目数量'), c('采购总金额', { money: true })],
      '2021': [],
    },
  },
];

/** The row label of 第二十条第（一）项 differs by era: 规范性文件 (2019) / 行政规范性文件 (2021). */
export function t2RowLabel(blockId: string, rowId: string, era: TableEra): string {
  if (blockId === '第二十条第（一）项' && rowId === '规范性文件') return era === '2021' ? '行政规范性文件' : '规范性文件';
  return rowId;
}

// ---------------------------------------------------------------- Table 4
export const T4_BLOCKS = [
  { id: '行政复议', path: ['行政复议'] },
  { id: '未经复议直接起诉', path: ['行政诉讼', '未经复议直接起诉'] },
  { id: '复议后起诉', path: ['行政诉讼', '复议后起诉'] },
] as const;
export const T4_RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

// ---------------------------------------------------------------- Era markers
/** Column and row labels that exist in only one era's layout (spec Appendix B). Compact keys. */
export const ERA_LABELS: { key: string; label: string; era: TableEra }[] = [
  { key: '本年新制作数量', label: '本年新制作数量', era: '2019' },
  { key: '本年新公开数量', label: '本年新公开数量', era: '2019' },
  { key: '对外公开总数量', label: '对外公开总数量', era: '2019' },
  { key: '上一年项目数量', label: '上一年项目数量', era: '2019' },
  { key: '本年增减', label: '本年增/减', era: '2019' },
  { key: '其他对外管理服务事项', label: '其他对外管理服务事项', era: '2019' },
  { key: '第二十条第九项', label: '第二十条第（九）项', era: '2019' },
  { key: '采购项目数量', label: '采购项目数量', era: '2019' },
  { key: '采购总金额', label: '采购总金额', era: '2019' },
  { key: '本年制发件数', label: '本年制发件数', era: '2021' },
  { key: '本年废止件数', label: '本年废止件数', era: '2021' },
  { key: '现行有效件数', label: '现行有效件数', era: '2021' },
  { key: '本年收费金额', label: '本年收费金额（单位：万元）', era: '2021' },
  { key: '逾期不补正', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', era: '2021' },
  { key: '缴纳费用', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', era: '2021' },
];

export const TABLE_TITLES: Record<TableKind, string> = {
  T2: '主动公开政府信息情况表（第二十条）',
  T3: '收到和处理政府信息公开申请情况表',
  T4: '政府信息公开行政复议、行政诉讼情况表',
};
