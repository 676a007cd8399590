/**
 * The JSON schema of `.xxgknb.json` (config.ts reads the file): VS Code validates the file against it while it is
 * edited, completes its keys and rule codes and shows what each means (package.json `jsonValidation`; the file is
 * written to schemas/ by `npm run gen:schema`). It says what `validateConfig` accepts, no more and no less (a test
 * checks the two agree).
 */
import type { Rule } from './checks/types';

const SEVERITY = { enum: ['error', 'warning', 'info', 'hint', 'off'] };

export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  // A day that exists (02-29 included: leap years have it), as validateConfig requires.
  const monthDay = { type: 'string', pattern: '^((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|[12][0-9]))$', examples: ['01-31', '03-31'] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/xxgknb/xxgknb/blob/main/schemas/xxgknb.schema.json',
    title: '.xxgknb.json — 政府信息公开年报检查的项目配置 / project configuration of the annual report checker',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      era: { enum: ['auto', '2008', '2019', '2021', 2008, 2019, 2021], description: '年报格式：auto（按报告内容判断）、2008（条例原版）、2019（国办公开办函〔2019〕60号）、2021（国办公开办函〔2021〕30号）。 / The format era; auto reads it from the report.' },
      organType: { enum: ['auto', 'department', 'government'], description: '机关类型：department（政府部门，公布期限早）、government（县级以上人民政府）。 / The kind of body, which decides the publication deadline.' },
      rules: {
        type: 'object',
        description: '各规则的严重程度或 off（关闭）。 / Severity per rule, or off.',
        properties: Object.fromEntries(rules.map((r) => [r.code, { ...SEVERITY, description: `${r.title.zh} / ${r.title.en}（默认 default: ${r.defaultSeverity}）` }])),
        additionalProperties: false,
      },
      deadlines: {
        type: 'object',
        description: '公布期限（月-日），如 {"department": "01-31", "government": "03-31"}。 / Publication deadlines as MM-DD.',
        properties: { department: monthDay, government: monthDay },
        additionalProperties: false,
      },
    },
  };
}
