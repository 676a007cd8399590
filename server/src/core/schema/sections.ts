/**
 * Statutory items and section headings per era, as data (spec §1, §2, §4.2).
 * Matching is by keywords on the normalised heading (traditional script is converted before matching).
 */
import type { Era, ItemId } from '../model';

export interface ItemSpec {
  id: ItemId;
  /** The standard heading of the 2019/2021 formats, with its numeral. */
  standard: Record<Era, string | null>;
  /** Accepted wordings (compact, normalised: no punctuation), longest first is not required. */
  synonyms: string[];
  /** Keyword rule: a heading matches when it contains any of these (after normalisation). */
  keywords: string[];
  /** ... unless it contains one of these. */
  exclude?: string[];
  /** Required in this era. */
  required: Record<Era, boolean>;
  law: { zh: string; en: string };
}

export const ITEMS: ItemSpec[] = [
  {
    id: 'overview',
    standard: { '2008': '一、概述', '2019': '一、总体情况', '2021': '一、总体情况' },
    synonyms: ['总体情况', '概述', '基本情况', '基本工作情况', '主要工作概述', '工作概述', '政府信息公开总体工作情况', '总体工作情况', '政府信息公开工作概况', '工作概况', '概况'],
    keywords: ['总体情况', '概述', '概况', '基本情况', '基本工作情况', '总体工作情况', '工作要点落实'],
    required: { '2008': false, '2019': true, '2021': true },
    law: { zh: '国办公开办函〔2021〕30号：总体情况，对贯彻落实《条例》情况进行综述（主动公开、依申请公开、政府信息管理、平台建设、监督保障）', en: 'Format 2021 (30号): overview of the year\'s work' },
  },
  {
    id: 'active',
    standard: { '2008': '二、主动公开政府信息情况', '2019': '二、主动公开政府信息情况', '2021': '二、主动公开政府信息情况' },
    synonyms: ['主动公开政府信息情况', '主动公开政府信息的情况', '主动公开情况', '主动公开工作情况'],
    keywords: ['主动公开'],
    exclude: ['依申请'],
    required: { '2008': true, '2019': true, '2021': true },
    law: { zh: '《条例》第五十条第（一）项：行政机关主动公开政府信息的情况（2008年条例第三十二条第（一）项）', en: 'Regulations art. 50(1): proactive disclosure' },
  },
  {
    id: 'application',
    standard: { '2008': '三、依申请公开政府信息情况', '2019': '三、收到和处理政府信息公开申请情况', '2021': '三、收到和处理政府信息公开申请情况' },
    synonyms: ['收到和处理政府信息公开申请情况', '依申请公开政府信息情况', '政府信息依申请公开办理情况', '申请公开政府信息办理情况', '依申请公开政府信息和不予公开政府信息的情况', '依申请公开情况'],
    keywords: ['依申请', '申请公开', '收到和处理', '处理政府信息公开申请', '不予公开政府信息', '公开申请'],
    required: { '2008': true, '2019': true, '2021': true },
    law: { zh: '《条例》第五十条第（二）项：行政机关收到和处理政府信息公开申请的情况（2008年条例第三十二条第（二）项：依申请公开和不予公开的情况）', en: 'Regulations art. 50(2): requests received and handled' },
  },
  {
    id: 'fees',
    standard: { '2008': '四、政府信息公开的收费及减免情况', '2019': null, '2021': null },
    synonyms: ['政府信息公开的收费及减免情况', '政府信息公开收费及减免情况', '收费及减免情况', '政府信息公开支出和收费情况', '相关费用情况'],
    keywords: ['收费', '减免', '费用'],
    required: { '2008': true, '2019': false, '2021': false },
    law: { zh: '2008年《条例》第三十二条第（三）项：政府信息公开的收费及减免情况', en: '2008 Regulations art. 32(3): fees and waivers' },
  },
  {
    id: 'review',
    standard: { '2008': '五、因政府信息公开申请行政复议、提起行政诉讼的情况', '2019': '四、政府信息公开行政复议、行政诉讼情况', '2021': '四、政府信息公开行政复议、行政诉讼情况' },
    synonyms: ['政府信息公开行政复议行政诉讼情况', '因政府信息公开申请行政复议提起行政诉讼的情况', '因政府信息公开工作被申请行政复议提起行政诉讼情况', '行政复议和行政诉讼情况'],
    keywords: ['复议', '诉讼'],
    required: { '2008': true, '2019': true, '2021': true },
    law: { zh: '《条例》第五十条第（三）项：因政府信息公开工作被申请行政复议、提起行政诉讼的情况', en: 'Regulations art. 50(3): administrative review and litigation' },
  },
  {
    id: 'problems',
    standard: { '2008': '六、政府信息公开工作存在的主要问题及改进情况', '2019': '五、政府信息公开工作存在的主要问题及改进情况', '2021': '五、存在的主要问题及改进情况' },
    synonyms: ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在的主要问题及改进措施', '存在的主要问题和改进措施', '存在问题及工作打算', '存在问题及改进情况', '存在的主要问题', '改进措施', '今后改进方向'],
    keywords: ['问题', '改进', '工作打算', '不足', '下一步', '努力方向', '工作计划'],
    required: { '2008': true, '2019': true, '2021': true },
    law: { zh: '《条例》第五十条第（四）项：政府信息公开工作存在的主要问题及改进情况', en: 'Regulations art. 50(4): main problems and improvements' },
  },
  {
    id: 'other',
    standard: { '2008': '七、其他需要报告的事项', '2019': '六、其他需要报告的事项', '2021': '六、其他需要报告的事项' },
    synonyms: ['其他需要报告的事项', '其他需要报告事项', '其它需要报告的事项', '需要说明的事项', '其他事项', '其他需要说明的事项'],
    keywords: ['其他需要', '其它需要', '需要报告', '需要说明', '其他事项', '其它事项'],
    required: { '2008': true, '2019': true, '2021': true },
    law: { zh: '《条例》第五十条第（五）项：其他需要报告的事项', en: 'Regulations art. 50(5): other matters' },
  },
];

export const ITEM_BY_ID = new Map(ITEMS.map((i) => [i.id, i]));

/** The statutory order of items in each era. */
export const ITEM_ORDER: Record<Era, ItemId[]> = {
  '2008': ['overview', 'active', 'application', 'fees', 'review', 'problems', 'other'],
  '2019': ['overview', 'active', 'application', 'review', 'problems', 'other'],
  '2021': ['overview', 'active', 'application', 'review', 'problems', 'other'],
};

export const ITEM_NAMES: Record<ItemId, { zh: string; en: string }> = {
  overview: { zh: '总体情况', en: 'overview' },
  active: { zh: '主动公开政府信息情况', en: 'proactive disclosure' },
  application: { zh: '收到和处理政府信息公开申请情况', en: 'requests received and handled' },
  fees: { zh: '政府信息公开的收费及减免情况', en: 'fees and waivers' },
  review: { zh: '行政复议、行政诉讼情况', en: 'administrative review and litigation' },
  problems: { zh: '存在的主要问题及改进情况', en: 'problems and improvements' },
  other: { zh: '其他需要报告的事项', en: 'other matters' },
};
