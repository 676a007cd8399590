// The project file .xxgknb.json: validation, lookup by walking up folders, and precedence of sources.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONFIG_FILE, loadProjectConfig, mergeConfig, RULES, validateConfig } from '../../server/src/core/index';

const KNOWN = new Set(RULES.map((r) => r.code));
const A_RULE = RULES[0]!.code;
const B_RULE = RULES[1]!.code;

describe('validateConfig', () => {
  test('a valid configuration is kept as is, without errors', () => {
    const raw = { era: '2019', organType: 'department', rules: { [A_RULE]: 'off', [B_RULE]: 'info' }, deadlines: { department: '02-28', government: '03-31' } };
    const { config, errors } = validateConfig(raw, KNOWN);
    assert.deepEqual(errors, []);
    assert.deepEqual(config, raw);
  });

  test('every accepted value of era, organType and severity', () => {
    for (const era of ['auto', '2008', '2019', '2021']) assert.deepEqual(validateConfig({ era }, KNOWN), { config: { era }, errors: [] });
    for (const organType of ['auto', 'department', 'government']) assert.deepEqual(validateConfig({ organType }, KNOWN), { config: { organType }, errors: [] });
    for (const sev of ['error', 'warning', 'info', 'hint', 'off']) assert.deepEqual(validateConfig({ rules: { [A_RULE]: sev } }, KNOWN).errors, []);
  });

  test('not an object', () => {
    for (const raw of [null, 3, 'era', [1, 2], true]) {
      const { config, errors } = validateConfig(raw, KNOWN);
      assert.deepEqual(config, {});
      assert.equal(errors.length, 1, JSON.stringify(raw));
    }
  });

  test('bad values are reported one by one, and the valid rest is kept', () => {
    const { config, errors } = validateConfig({
      era: '2020', organType: 'county', rules: { [A_RULE]: 'fatal', 'no-such-rule': 'off', [B_RULE]: 'hint' }, deadlines: { department: '1-31', government: '03-31' },
    }, KNOWN);
    assert.equal(errors.length, 5, errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('era') && e.includes('2020')));
    assert.ok(errors.some((e) => e.includes('organType') && e.includes('county')));
    assert.ok(errors.some((e) => e.includes(A_RULE)));
    assert.ok(errors.some((e) => e.includes('no-such-rule')));
    assert.ok(errors.some((e) => e.includes('deadlines.department')));
    assert.deepEqual(config, { rules: { [B_RULE]: 'hint' }, deadlines: { government: '03-31' } });
  });

  test('rules must be an object of code → severity', () => {
    assert.equal(validateConfig({ rules: 'off' }, KNOWN).errors.length, 1);
    assert.equal(validateConfig({ rules: null }, KNOWN).errors.length, 1);
    assert.equal(validateConfig({ rules: { [A_RULE]: 1 } }, KNOWN).errors.length, 1);
  });

  test('rules given as an array is an error', () => {
    assert.equal(validateConfig({ rules: [] }, KNOWN).errors.length, 1);
    assert.equal(validateConfig({ rules: [A_RULE] }, KNOWN).errors.length, 1);
  });

  test('deadlines must be an object of MM-DD dates', () => {
    assert.equal(validateConfig({ deadlines: '01-31' }, KNOWN).errors.length, 1);
    assert.equal(validateConfig({ deadlines: null }, KNOWN).errors.length, 1);
    assert.equal(validateConfig({ deadlines: { department: '02-30' } }, KNOWN).errors.length, 1);
  });

  test('MM-DD format of deadlines', () => {
    for (const bad of ['1-31', '13-01', '00-10', '01-32', '0131', 131, '01/31']) {
      assert.equal(validateConfig({ deadlines: { department: bad } }, KNOWN).errors.length, 1, String(bad));
    }
    for (const ok of ['01-31', '12-31', '02-28', '03-01']) {
      assert.deepEqual(validateConfig({ deadlines: { government: ok } }, KNOWN), { config: { deadlines: { government: ok } }, errors: [] });
    }
  });
});

describe('loadProjectConfig', () => {
  const fs = (files: Record<string, string>) => {
    const reads: string[] = [];
    return { reads, readFile: (p: string) => { reads.push(p); return files[p] ?? null; } };
  };

  test('walks up from the document folder to the nearest .xxgknb.json', () => {
    const { reads, readFile } = fs({ '/work/.xxgknb.json': '{"era":"2019"}', '/.xxgknb.json': '{"era":"2008"}' });
    const r = loadProjectConfig('/work/reports/2019', readFile, KNOWN);
    assert.equal(r.file, '/work/.xxgknb.json');
    assert.deepEqual(r.config, { era: '2019' });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(reads, ['/work/reports/2019/.xxgknb.json', '/work/reports/.xxgknb.json', '/work/.xxgknb.json']);
  });

  test('a file saved with a byte-order mark is read (it was rejected as invalid JSON, the mark invisible in the message)', () => {
    const { readFile } = fs({ '/p/.xxgknb.json': '\uFEFF{"era":"2019"}' });
    assert.deepEqual(loadProjectConfig('/p', readFile, KNOWN), { config: { era: '2019' }, file: '/p/.xxgknb.json', errors: [] });
  });

  test('the folder itself counts, and a trailing slash changes nothing', () => {
    const { readFile } = fs({ '/p/.xxgknb.json': '{"organType":"government"}' });
    assert.equal(loadProjectConfig('/p', readFile, KNOWN).file, '/p/.xxgknb.json');
    assert.equal(loadProjectConfig('/p/', readFile, KNOWN).file, '/p/.xxgknb.json');
  });

  test('no file anywhere: empty config, no file, no errors; stops at the root', () => {
    const { reads, readFile } = fs({});
    const r = loadProjectConfig('/a/b', readFile, KNOWN);
    assert.deepEqual(r, { config: {}, file: null, errors: [] });
    assert.deepEqual(reads, ['/a/b/.xxgknb.json', '/a/.xxgknb.json', `/${CONFIG_FILE}`]);
  });

  test('Windows paths: backslashes are folder separators and the walk stops at the drive root', () => {
      const { reads, readFile } = fs({});
      loadProjectConfig('C:\\work\\proj', readFile, KNOWN);
      assert.deepEqual(reads, ['C:/work/proj/.xxgknb.json', 'C:/work/.xxgknb.json', 'C:/.xxgknb.json']);
    });

  test('Windows paths: a config above the document is found', () => {
    const { readFile } = fs({ 'C:/work/.xxgknb.json': '{"era":"2021"}' });
    const r = loadProjectConfig('C:\\work\\proj\\docs', readFile, KNOWN);
    assert.equal(r.file, 'C:/work/.xxgknb.json');
    assert.deepEqual(r.config, { era: '2021' });
  });

  test('invalid JSON is an error of the file (named once, as the file, by whoever shows it); the nearest file is used even when it is broken', () => {
    const { readFile } = fs({ '/a/b/.xxgknb.json': '{ era: 2019 ', '/a/.xxgknb.json': '{"era":"2019"}' });
    const r = loadProjectConfig('/a/b', readFile, KNOWN);
    assert.equal(r.file, '/a/b/.xxgknb.json');
    assert.deepEqual(r.config, {});
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^JSON 格式错误 \/ invalid JSON: /);
  });

  test('a project file that cannot be read as one (not a regular file, too large) is an error naming it, not passed over', () => {
    const r = loadProjectConfig('/a/b', (p) => (p === '/a/b/.xxgknb.json' ? { error: 'not a regular file' } : p === '/a/.xxgknb.json' ? '{"era":"2019"}' : null), KNOWN);
    assert.equal(r.file, '/a/b/.xxgknb.json');
    assert.deepEqual(r.config, {});
    assert.deepEqual(r.errors, ['not a regular file']);
  });

  test('validation errors of the file come back with the valid part', () => {
    const { readFile } = fs({ '/a/.xxgknb.json': JSON.stringify({ era: '1999', rules: { [A_RULE]: 'warning' } }) });
    const r = loadProjectConfig('/a', readFile, KNOWN);
    assert.deepEqual(r.config, { rules: { [A_RULE]: 'warning' } });
    assert.equal(r.errors.length, 1);
  });
});

describe('mergeConfig', () => {
  test('later sources win, key by key for rules and deadlines', () => {
    const project = { era: '2019' as const, organType: 'department' as const, rules: { [A_RULE]: 'off' as const, [B_RULE]: 'error' as const }, deadlines: { department: '02-28' } };
    const editor = { rules: { [B_RULE]: 'info' as const }, deadlines: { government: '03-15' }, locale: 'en' as const };
    const cli = { era: '2021' as const };
    assert.deepEqual(mergeConfig(project, editor, cli), {
      era: '2021', organType: 'department', rules: { [A_RULE]: 'off', [B_RULE]: 'info' }, deadlines: { department: '02-28', government: '03-15' }, locale: 'en',
    });
  });

  test('"auto" from a later source does not override an explicit earlier choice, but is kept when nothing else is set', () => {
    assert.equal(mergeConfig({ era: '2019' }, { era: 'auto' }).era, '2019');
    assert.equal(mergeConfig({ organType: 'government' }, { organType: 'auto' }).organType, 'government');
    assert.equal(mergeConfig({ era: 'auto' }, { era: '2008' }).era, '2008');
    assert.equal(mergeConfig({ era: 'auto' }).era, 'auto');
  });

  test('undefined sources are skipped and inputs are not mutated', () => {
    const a = { rules: { [A_RULE]: 'off' as const } };
    const b = { rules: { [A_RULE]: 'error' as const } };
    const merged = mergeConfig(undefined, a, undefined, b);
    assert.deepEqual(merged, { rules: { [A_RULE]: 'error' } });
    assert.deepEqual(a, { rules: { [A_RULE]: 'off' } });
    assert.deepEqual(mergeConfig(), {});
  });
});
