import { arithmeticRule } from './arithmetic';

export default arithmeticRule('t3-results-total', 'T3-R2',
  { zh: '表三：各项办理结果之和等于（七）总计', en: 'Table 3: the results add up to (七) total' },
  {
    zh: '表三“三、本年度办理结果”中（一）至（六）各行（含各小项）之和必须等于（七）总计，每一列都如此。这是表格结构决定的关系（总计即各项之和）。',
    en: 'In table 3, the result rows (一) to (六) with all their sub-rows must add up to (七) total, in every column: the total is by definition their sum.',
  },
  // （七）总计 of 自然人 says 8 while its results add to 9; the balance and the row total fail with it.
  { '三.（七）|自然人': '8' });
