// The rule pages are generated from the rules; they must be current (run `npm run docs:rules`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/index';
import { allPages } from '../../scripts/gen-rule-docs';

test('every rule has a current doc page, and the index lists them all', () => {
  const pages = allPages();
  assert.equal(pages.size, RULES.length + 1);
  for (const [name, text] of pages) {
    const file = path.resolve(__dirname, '../../docs/rules', name);
    let current = '';
    try { current = readFileSync(file, 'utf8'); } catch { /* missing */ }
    assert.ok(current === text, `docs/rules/${name} is out of date: run npm run docs:rules`);
  }
  const index = pages.get('README.md')!;
  for (const r of RULES) assert.ok(index.includes(`(${r.code}.md)`));
});
