// The diagnostics each corpus report must get (test/corpus/expected-diagnostics.json, decided by reading the
// reports). Errors must match exactly: a consistent report gets no arithmetic error, and a real error is found.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, formatOfPath, type Diagnostic } from '../../server/src/core/index';
import { CORPUS_ROOT } from './compare';

type Entry = [string, number | null, string];
const expected = JSON.parse(readFileSync(path.join(__dirname, 'expected-diagnostics.json'), 'utf8')) as Record<string, { errors: Entry[]; warnings: Entry[]; absent?: string[] }>;

const matches = (d: Diagnostic, [code, line, text]: Entry) => d.code === code && (line === null || d.range.start.line + 1 === line) && d.message.includes(text);
const show = (d: Diagnostic) => `${d.code} L${d.range.start.line + 1} ${d.message}`;

describe('corpus diagnostics', () => {
  for (const [file, exp] of Object.entries(expected)) {
    if (file.startsWith('_')) continue;
    test(file, () => {
      const text = readFileSync(path.join(CORPUS_ROOT, file), 'utf8');
      const { diagnostics } = analyze(text, { format: formatOfPath(file) ?? 'text' });
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const unexpected = errors.filter((d) => !exp.errors.some((e) => matches(d, e)));
      assert.deepEqual(unexpected.map(show), [], 'no false errors');
      for (const e of exp.errors) assert.ok(errors.some((d) => matches(d, e)), `missing error ${JSON.stringify(e)}; got ${errors.map(show).join(' | ')}`);
      for (const w of exp.warnings) assert.ok(diagnostics.some((d) => matches(d, w)), `missing ${JSON.stringify(w)}; got ${diagnostics.filter((d) => d.code === w[0]).map(show).join(' | ') || 'none of that code'}`);
      for (const code of exp.absent ?? []) assert.deepEqual(diagnostics.filter((d) => d.code === code).map(show), [], `${code} must not appear`);
    });
  }
});
