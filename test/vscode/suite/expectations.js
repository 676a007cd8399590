// CommonJS, loaded with require() by the suite in the VS Code extension host.
// What each report of the test workspace must get from the extension: [code, 0-based line] of every diagnostic
// (exact: nothing missing, nothing extra), the era, and the number of errors. Worked out by reading each report
// (the line quoted in each comment); the reports come from ../shared/corpus (scripts/lib/workspace.mjs) and from
// exampleReport() (test/vscode/fixtures/make-fixtures.ts).
'use strict';

/** @type {Record<string, {era: string, diagnostics: [string, number][], note?: string}>} */
const REPORTS = {
  // ---------------------------------------------------------------- generated (exampleReport, 2021 format)
  // Consistent in every relation and complete: nothing to say.
  'example-clean.xxgknb.md': { era: '2021', diagnostics: [] },
  // Line 76 `| 1 | 0 | 0 | 1 | 5 | …`: 行政复议 总计 5 but 1 + 0 + 0 + 1 = 2.
  'example-broken.xxgknb.md': { era: '2021', diagnostics: [['t4-total', 76]] },
  // Line 44: 一 总计 13 but 10 + 2 = 12 (and 13 + 2 ≠ 11 + 3); line 76 as above. The text of line 8 says
  // 新收 12 件, which the wrong 13 now contradicts.
  'example-fixall.xxgknb.md': { era: '2021', diagnostics: [['narrative-mismatch', 8], ['t3-row-total', 44], ['t4-total', 76]] },
  // `## 三、收到和处理政府信息公开申请情况` (line 38) has no table: in the 2021 format a missing table is an error.
  'example-no-table3.xxgknb.md': { era: '2021', diagnostics: [['table-missing', 38]] },

  // ---------------------------------------------------------------- real reports
  // One line of crawled text. `统计期限自至。`: the dates were never filled in; the report lists five parts
  // (概述, 主动公开, 依申请公开, 问题及改进, 统计表): no 收费及减免 and no 其他需要报告的事项 (2008 items 四 and 七).
  '2013-fujian-pingtan-county.xxgknb.txt': {
    era: '2008',
    diagnostics: [['template-residue', 0], ['section-missing', 0], ['section-missing', 0]],
  },
  // One line of crawled text; the tables run their digits together so no relation can be checked. The heading
  // `四、政府信息公开行政法复议、行政诉讼情况` has a stray 法.
  '2022-fujian-pingtan-zone-crawltext.xxgknb.txt': { era: '2021', diagnostics: [['heading-nonstandard', 0]] },
  // PDF text. Line 111 `10 1 0 0 0 0 0 0 0 0 5 0 0 0 0`: 行政复议 总计 0 ≠ 10 + 1, 复议后起诉 总计 0 ≠ 5 — two
  // errors on that line. Line 100 `（六）其他处理 0 0 …` is the 2019 single row (2021 splits it in three). A district
  // government whose 一、总体情况 (line 9) says nothing of 考核、评议、责任追究 (art. 50(4)): information.
  '2023-huaian-hongze-district-pdftext.xxgknb.txt': {
    era: '2021',
    diagnostics: [['gov-assessment-missing', 9], ['table-other-era', 100], ['t4-total', 111], ['t4-total', 111]],
  },
  // Markdown tables, every relation holds (3001 + 34 = 2932 + 103, 72 + 64 + 178 + 37 = 351, …): no error.
  // A city government without 考核/评议/责任追究 in 一、总体情况 (line 8): information.
  '2024-huaian-city.xxgknb.md': { era: '2021', diagnostics: [['gov-assessment-missing', 8]] },
  // Tab-separated tables, consistent (50 + 9 + 1 + 1 + 1 + 31 + 1 + 1 = 95). Line 23 `受理政府信息公开申请 17 件`
  // while table 3 says 95 received; line 80 `（六）其他处理` is the 2019 single row.
  '2024-huaian-hongze-district-tsv.xxgknb.txt': {
    era: '2021',
    diagnostics: [['gov-assessment-missing', 8], ['narrative-mismatch', 23], ['table-other-era', 80]],
  },
  // A PDF converted to Markdown with mangled tables. Lines 79/81 `（其中修订 16 件）` / `（含自然失效 29 件）` are the
  // notes of the numbers on the lines before them (no rows); lines 96/99 `| 规章 | 22 | 235 |` and `| 行政规范性文件 |
  // 34 | 189 |` have two of three values; the 五、 heading was lost, so line 213 `六、其他需要报告的事项` follows 四、.
  '2025-shanghai-city-govoffice.xxgknb.md': {
    era: '2021',
    diagnostics: [['cell-missing-value', 96], ['cell-missing-value', 99], ['section-numbering', 213]],
  },
  // 2014 county report, 2008 format (traditional characters with pinyin debris): items 一 to 六 but no
  // 七、其他需要报告的事项; reported on the last section (line 16).
  'seed-000_c51b2ac3a16111eb.xxgknb.txt': { era: '2008', diagnostics: [['section-missing', 16]] },
  // 2020 county report, 2019 format, crawled one table cell per line. Line 295 is the empty first cell of
  // `(六)其他处理` (blank is not 0); line 358 `五、存在的主要问题及改进情况` lacks the standard 政府信息公开工作.
  // The block titles and column headers of this one-cell-per-line layout (`第二十条第(一)项 |`, `对外公开总数量 |`,
  // `申请人情况 |`, `总计 |`, each followed by empty cells) are no rows.
  'seed-001_7cf59446702f8a51.xxgknb.txt': {
    era: '2019',
    diagnostics: [['cell-missing-value', 295], ['heading-nonstandard', 358]],
  },
  // 2019 town report in the 2019 format without any table: 二 (line 24), 三 (line 36), 四 (line 50) each miss
  // their table; headings 一、概况 / 三、依申请公开政府信息情况 / 五、申请行政复议和提起行政诉讼情况 are not the
  // standard wording; there is no 其他需要报告的事项 (required since 2019: error, on the last section, line 54);
  // a town government without 考核/评议/责任追究 (line 8).
  'seed-002_9d98c4465ad221fa.xxgknb.txt': {
    era: '2019',
    diagnostics: [
      ['gov-assessment-missing', 8],
      ['heading-nonstandard', 8],
      ['table-missing', 24],
      ['heading-nonstandard', 36],
      ['table-missing', 36],
      ['heading-nonstandard', 50],
      ['table-missing', 50],
      ['section-missing', 54],
    ],
  },
  // 2013 政务公开 report (2008 format) with only 一、主要做法 and 二、工作成效: six statutory items missing, all
  // reported at the first section (line 9); line 17 ends `在此基础上,` — the paragraph breaks off.
  'seed-003_338e458cfad22ec9.xxgknb.txt': {
    era: '2008',
    diagnostics: [...Array(6)].map(() => ['section-missing', 9]).concat([['report-truncated', 17]]),
  },
  // 2011 work summary (2008 format): 一、政务公开工作完成情况, 二、存在问题和不足 (line 22), 三、下一步工作 — no
  // 依申请公开, 收费, 复议诉讼 or 其他 items.
  'seed-004_739f523f9711be90.xxgknb.txt': {
    era: '2008',
    diagnostics: [...Array(4)].map(() => ['section-missing', 22]),
  },
};

/** Errors (severity Error) each report has on disk — for the checkWorkspace summary. */
const ERRORS = {
  'example-clean.xxgknb.md': 0,
  'example-broken.xxgknb.md': 1,
  'example-fixall.xxgknb.md': 2,
  'example-no-table3.xxgknb.md': 1,
  'unopened-broken.xxgknb.md': 1,
  '2013-fujian-pingtan-county.xxgknb.txt': 1,
  '2022-fujian-pingtan-zone-crawltext.xxgknb.txt': 0,
  '2023-huaian-hongze-district-pdftext.xxgknb.txt': 2,
  '2024-huaian-city.xxgknb.md': 0,
  '2024-huaian-hongze-district-tsv.xxgknb.txt': 0,
  '2025-shanghai-city-govoffice.xxgknb.md': 0,
  'seed-000_c51b2ac3a16111eb.xxgknb.txt': 0,
  'seed-001_7cf59446702f8a51.xxgknb.txt': 0,
  'seed-002_9d98c4465ad221fa.xxgknb.txt': 1,
  'seed-003_338e458cfad22ec9.xxgknb.txt': 0,
  'seed-004_739f523f9711be90.xxgknb.txt': 0,
};

/** Files of the workspace that must not be opened by any test (checkWorkspace is the only one to see them). */
const UNOPENED = ['unopened-broken.xxgknb.md'];

module.exports = { REPORTS, ERRORS, UNOPENED };
