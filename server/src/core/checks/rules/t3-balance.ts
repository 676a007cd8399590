import { arithmeticRule } from './arithmetic';

export default arithmeticRule('t3-balance', 'T3-R1',
  { zh: '表三：第一项加第二项之和等于第三项加第四项之和', en: 'Table 3: new + carried over = handled + carried forward' },
  {
    zh: '表三每一列都必须满足表上印明的勾稽关系“第一项加第二项之和，等于第三项加第四项之和”：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（国办公开办函〔2019〕60号、〔2021〕30号年度报告格式，表三注）。',
    en: 'Every column of table 3 must satisfy the relation printed on the form: new requests + carried over = results total (七) + carried forward (formats of 2019 and 2021, note on table 3).',
  },
  // 一 of 自然人 says 11 where 10 makes both the balance of its column and the total of its row hold.
  { '一|自然人': '11' });
