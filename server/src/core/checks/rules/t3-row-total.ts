import { arithmeticRule } from './arithmetic';

export default arithmeticRule('t3-row-total', 'T3-R3',
  { zh: '表三：每行总计等于六类申请人之和', en: 'Table 3: each row total equals the six applicant columns' },
  {
    zh: '表三“申请人情况”下的“总计”列是自然人与五类法人或其他组织之和，每一行都必须相等。',
    en: 'The 总计 column of table 3 is the sum of the natural-person column and the five organisation columns, in every row.',
  },
  // 予以公开's total says 7 while 5 + 1 = 6.
  { '三.（一）|总计': '7' });
