import { arithmeticRule } from './arithmetic';

export default arithmeticRule('t4-total', 'T4-R1',
  { zh: '表四：总计等于结果维持、结果纠正、其他结果、尚未审结之和', en: 'Table 4: each total equals upheld + corrected + other + pending' },
  {
    zh: '表四“行政复议”“未经复议直接起诉”“复议后起诉”三组中，“总计”都必须等于结果维持、结果纠正、其他结果、尚未审结四项之和（年度报告格式表四）。淮安市洪泽区2023年报告即有此错误：行政复议结果维持10件、结果纠正1件，总计却为0。',
    en: 'In each of the three blocks of table 4 (administrative review, litigation without review, litigation after review) the total must equal upheld + corrected + other + pending.',
  },
  { '行政复议|总计': '0' });
