// schemas/xxgknb.schema.json (what VS Code validates .xxgknb.json with while it is edited) is generated, current,
// wired into package.json, and accepts exactly what the checker's own validation accepts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { RULES, validateConfig } from '../../server/src/core/index';
import { SCHEMA_FILE, schemaText } from '../../scripts/gen-config-schema';

const ROOT = path.resolve(__dirname, '../..');
const known = new Set(RULES.map((r) => r.code));

test('the schema file is current (npm run gen:schema) and package.json points VS Code at it', () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaText(), 'schemas/xxgknb.schema.json is out of date: run npm run gen:schema');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
  const entry = pkg.contributes.jsonValidation.find((j) => j.fileMatch === '.xxgknb.json');
  assert.ok(entry, 'jsonValidation for .xxgknb.json');
  assert.ok(existsSync(path.join(ROOT, entry.url)), entry.url);
});

test('the schema accepts exactly the configurations the checker accepts', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(schemaText()) as object);
  const agree = (config: unknown) => {
    const ours = validateConfig(config, known).errors;
    const schemaOk = validate(config);
    assert.equal(schemaOk, ours.length === 0, `${JSON.stringify(config)}: schema ${schemaOk ? 'accepts' : `rejects (${JSON.stringify(validate.errors)})`}, checker says ${JSON.stringify(ours)}`);
  };
  // Written out: the documented example, and one mistake of each kind.
  agree({ era: '2021', organType: 'department', rules: { 'cell-note': 'off', 'narrative-mismatch': 'info' }, deadlines: { department: '02-28' } });
  agree({ $schema: './schemas/xxgknb.schema.json', era: 2019 });
  for (const bad of [[], 'x', null, { rule: {} }, { era: '2020' }, { organType: ['department'] }, { rules: { 'no-such-rule': 'off' } }, { rules: { 'cell-note': 'fatal' } }, { deadlines: { department: '02-30' } }, { deadlines: { city: '01-31' } }]) {
    agree(bad);
    assert.ok(validateConfig(bad, known).errors.length > 0, JSON.stringify(bad));
  }
  // And at random, from values near the valid ones.
  const some = <T>(xs: T[]) => fc.constantFrom(...xs);
  const codes = [...known].slice(0, 5).concat(['no-such-rule']);
  const config = fc.record({
    era: some<unknown>(['auto', '2008', '2019', '2021', '2020', 2021, 2019, 2020, null, ['2021'], true]),
    organType: some<unknown>(['auto', 'department', 'government', 'city', null, 1]),
    rules: fc.oneof(fc.dictionary(some(codes), some<unknown>(['error', 'warning', 'info', 'hint', 'off', 'fatal', 1, null])), some<unknown>([null, [], 'off'])),
    deadlines: fc.oneof(fc.dictionary(some(['department', 'government', 'city']), some<unknown>(['01-31', '02-29', '02-30', '04-31', '04-30', '12-31', '13-01', '1-31', 131, null])), some<unknown>([null, []])),
    $schema: some<unknown>(['x.json', 1]),
    rule: some<unknown>([{}]),
  }, { requiredKeys: [] });
  fc.assert(fc.property(config, (c) => { agree(c); }), { numRuns: 500 });
});
